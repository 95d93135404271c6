from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Procedure


class FeedbackForm(forms.Form):
    """“Was this information helpful?”; ``website`` is a honeypot that people do
    not see and robots fill in."""

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
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_robot(self):
        return bool(self.data.get("website"))


class CatalogueFilterForm(forms.Form):
    """The filters of the catalogue: search words, field, online level."""

    q = forms.CharField(
        label=_("Search procedures (you can type without diacritics)"),
        required=False,
        max_length=200,
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
