from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from thachha_portal import params
from thachha_portal.public_forms import HoneypotForm

from . import importing
from .models import Procedure

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class FeedbackForm(HoneypotForm):
    """“Was this information helpful?” A one-click answer, so no minimum-time
    check as on the bulletins' forms: honeypot and rate limit only."""

    helpful = forms.TypedChoiceField(
        label=_("Was this information helpful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose “Yes” or “No”.")},
    )
    comment = forms.CharField(
        label=_("What was missing or unclear? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        help_text=_(
            "Do not write personal data such as ID numbers. At most 1000 characters."
        ),
    )


class CatalogueFilterForm(forms.Form):
    """The filters of the catalogue: search words, field, online level. A value
    of a ``CHOICES`` filter that is not among its choices is a 404 (the view)."""

    CHOICES = ("linh_vuc", "truc_tuyen")

    QUERY_LENGTH = 200

    q = forms.CharField(
        label=_("Search procedures (you can type without diacritics)"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": QUERY_LENGTH}),
    )
    linh_vuc = forms.ChoiceField(label=_("Field"), required=False)
    truc_tuyen = forms.ChoiceField(
        label=_("Online service"),
        required=False,
        choices=[("", _("All"))] + list(Procedure.OnlineLevel.choices),
    )

    def __init__(self, *args, fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["linh_vuc"].choices = [("", _("All fields"))] + [
            (f.slug, f.name) for f in fields
        ]

    def clean_q(self):
        # Cut, as every public text parameter is (thachha_portal/params.py):
        # refused, a pasted long text would show the whole catalogue unsearched.
        return params.text(self.cleaned_data["q"], self.QUERY_LENGTH)


class ProcedureImportForm(forms.Form):
    """An open-data file uploaded in the admin, checked by name, size and content,
    then read by the same code as ``import_procedures`` (``importing``).
    A valid form has ``file_name``, ``text`` and ``rows``."""

    file = forms.FileField(
        label=_("File (CSV or JSON)"),
        help_text=_(
            "In the open-data format of /thu-tuc/du-lieu-mo/, UTF-8 text, at most "
            "5 MB. From Excel: “Save as” “CSV UTF-8 (Comma delimited)”."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name
        if refusal := importing.workbook_refusal(name, upload.read(8)):
            raise ValidationError(str(refusal))  # before its size: Save As CSV
        upload.seek(0)
        if not name.lower().endswith((".csv", ".json", *importing.WORKBOOKS)):
            raise ValidationError(
                _("Choose a .csv or .json file (this one is “%(name)s”)."),
                params={"name": name},
            )
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                _("The file is %(size)s; at most %(limit)s is accepted."),
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(MAX_IMPORT_BYTES),
                },
            )
        try:
            text = importing.decode(upload.read(), name)
            rows = importing.read_text(text, name)
        except importing.FileError as error:
            raise ValidationError(str(error)) from error
        self.file_name, self.text, self.rows = name, text, rows
        return upload
