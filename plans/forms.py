from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from thachha_portal.admin import OwnErrorFirst

from . import metrics
from . import periods as P
from .models import Indicator, PeriodReport, Plan

# A text box that brings up the digit keyboard: whatever was typed, even a wrong
# value, is shown back as typed (a type="number" box cannot hold "20x1").
NUMERIC = forms.TextInput(attrs={"inputmode": "numeric", "size": 6})


YEAR_ERRORS = {
    "invalid": _("Enter the year as four digits, e.g. 2021."),
    "min_value": _("Enter a year from 2000."),
    "max_value": _("Enter a year up to 2100."),
}


def year_field():
    return forms.IntegerField(
        label=_("Year"),
        widget=NUMERIC,
        min_value=2000,
        max_value=2100,
        error_messages=YEAR_ERRORS,
    )


def period_field():
    return forms.ChoiceField(label=_("Report period"), choices=P.report_choices)


class VietnameseOptions(forms.Select):
    """A select of records written in Vietnamese (the plans: “02/KH-UBND –
    Thực hiện công tác tuyên truyền…”): in an interface of another language
    each option is marked lang="vi" (WCAG 3.1.2), as the templates' ``select(…,
    option_lang=lang_vi())`` marks the catalogue's fields; Django draws it,
    errors and all."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        language = translation.get_language() or "vi"
        if value not in (None, "") and language.split("-")[0] != "vi":
            option["attrs"]["lang"] = "vi"
        return option


class ReportForm(forms.Form):
    """A report's plan, period (a quarter, 6 or 9 months, the year or a month)
    and year; periods are counted as the plan counts them."""

    FORMATS = [
        ("html", _("view here")),
        ("docx", "Word"),
        ("xlsx", "Excel"),
        ("csv", "CSV"),
    ]

    plan = forms.ModelChoiceField(
        label=_("Plan"),
        queryset=Plan.objects.published(),
        empty_label=None,
        widget=VietnameseOptions,
    )
    period = period_field()
    year = year_field()
    format = forms.ChoiceField(
        label=_("Output"), choices=FORMATS, required=False, widget=forms.RadioSelect
    )

    def clean(self):
        data = super().clean()
        if data.get("period"):
            data["kind"], data["number"] = P.parse_choice(data["period"])
            plan, year = data.get("plan"), data.get("year")
            if plan and year:
                period = P.report_period(
                    data["kind"], year, data["number"], cutoff=plan.cutoff
                )
                error = plan.period_error(period)
                if error:
                    self.add_error("year", error)
        return data

    @classmethod
    def initial_for(cls, plan, today):
        """The last period of the plan's year that has ended on ``today``, counted
        as the plan counts them: the year once it has ended, else the last
        quarter (15/12–14/03 is quarter I under the cut-off); quarter I while
        none has. Counted by calendar quarters from the year's start date, the
        page offered quarter I of 2026 on 01/01/2027, and quarter I on 20/06
        under the cut-off, when quarter II had ended on 14/06."""
        year = plan.starts_on.year if plan else today.year
        cutoff = bool(plan and plan.cutoff)
        period = "q1"
        for number in P.ROMAN:
            if P.report_period("quarter", year, number, cutoff=cutoff).end <= today:
                period = f"q{number}"
        if P.report_period("year", year, cutoff=cutoff).end <= today:
            period = "year"
        return {
            "plan": plan.pk if plan else None,
            "period": period,
            "year": year,
            "format": "html",
        }


class PeriodReportAdminForm(OwnErrorFirst, forms.ModelForm):
    """The report's period in one list (“Quý I”, “6 tháng đầu năm”, “Tháng 3”…)
    instead of a kind and a number."""

    period = period_field()

    class Meta:
        model = PeriodReport
        fields = [
            "plan",
            "year",
            "document_number",
            "issued_on",
            "subject",
            "addressees",
            "overview",
            "shortcomings",
            "causes",
            "next_tasks",
            "proposals",
            "signing",
            "signer_name",
            "recipients",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.kind:
            self.initial["period"] = P.choice_of(
                self.instance.kind, self.instance.number
            )

    def clean(self):
        data = super().clean()
        if data.get("period"):
            self.instance.kind, self.instance.number = P.parse_choice(data["period"])
        return data


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
            "target_source",
            "target_note",
            "task",
            "unit",
            "params",
            "responsible",
        ]

    def clean_params(self):
        params = self.cleaned_data.get("params")
        if params is not None and not isinstance(params, dict):
            raise ValidationError(_("Parameters must be a JSON object, e.g. {}."))
        wrong = metrics.unknown_categories(params or {})
        if wrong:
            raise ValidationError(
                _("No news category has the address: %(wrong)s.")
                % {"wrong": ", ".join(wrong)}
            )
        return params
