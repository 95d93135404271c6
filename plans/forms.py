import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import metrics
from . import periods as P
from .models import Indicator, Plan

# A text box that brings up the digit keyboard: whatever was typed, even a wrong
# value, is shown back as typed (a type="number" box cannot hold "20x1").
NUMERIC = forms.TextInput(attrs={"inputmode": "numeric", "size": 6})


class ReportForm(forms.Form):
    """The report's period: kind, year, number (month or quarter), cut-off."""

    FORMATS = [
        ("html", _("view here")),
        ("docx", "Word"),
        ("xlsx", "Excel"),
        ("csv", "CSV"),
    ]

    plan = forms.ModelChoiceField(
        label=_("Plan"), queryset=Plan.objects.published(), empty_label=None
    )
    kind = forms.ChoiceField(label=_("Period"), choices=list(P.KINDS.items()))
    year = forms.IntegerField(
        label=_("Year"),
        widget=NUMERIC,
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": _("Enter the year as four digits, e.g. 2021."),
            "min_value": _("Enter a year from 2000."),
            "max_value": _("Enter a year up to 2100."),
        },
    )
    number = forms.IntegerField(
        label=_("Month or quarter number"),
        widget=NUMERIC,
        required=False,
        min_value=1,
        max_value=12,
        help_text=_(
            "1–12 for a month, 1–4 for a quarter; not used for 6, 9, 12 months."
        ),
        error_messages={
            "invalid": _("Enter a whole number."),
            "min_value": _("The number starts at 1."),
            "max_value": _("A month is 1 to 12."),
        },
    )
    cutoff = forms.TypedChoiceField(
        label=_("How the period is cut"),
        choices=[
            ("1", _("15th of the month before to the 14th (provincial cut-off)")),
            ("0", _("calendar months")),
        ],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    format = forms.ChoiceField(
        label=_("Output"), choices=FORMATS, required=False, widget=forms.RadioSelect
    )

    def clean(self):
        data = super().clean()
        kind, number = data.get("kind"), data.get("number")
        if kind == "month" and not number:
            self.add_error("number", _("Choose the month (1–12)."))
        if kind == "quarter":
            if not number:
                self.add_error("number", _("Choose the quarter (1–4)."))
            elif number > 4:
                self.add_error("number", _("A quarter is 1 to 4."))
        if kind not in ("month", "quarter"):
            data["number"] = 1
        return data

    @classmethod
    def initial_for(cls, plan, today=None):
        today = today or datetime.date.today()
        year = plan.starts_on.year if plan else today.year
        return {
            "plan": plan.pk if plan else None,
            "kind": "quarter",
            "year": year,
            "number": 1,
            "cutoff": "1" if P.default_cutoff() else "0",
            "format": "html",
        }


class IndicatorAdminForm(forms.ModelForm):
    metric = forms.ChoiceField(label=_("measured from"), choices=metrics.choices)

    class Meta:
        model = Indicator
        fields = [
            "plan",
            "order",
            "short_name",
            "text",
            "metric",
            "period",
            "target",
            "unit",
            "params",
            "responsible",
        ]

    def clean_params(self):
        params = self.cleaned_data.get("params")
        if params is not None and not isinstance(params, dict):
            raise ValidationError(_("Parameters must be a JSON object, e.g. {}."))
        return params
