from django.contrib import admin, messages
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from thachha_portal.admin import LabelledFields
from thachha_portal.dates import format_date
from thachha_portal.editing import EditConflictMixin

from . import metrics, report_figures, reports, services
from .forms import IndicatorAdminForm, PeriodReportAdminForm
from .models import (
    Activity,
    Evidence,
    Indicator,
    LegalBasis,
    PeriodReport,
    Plan,
    Section,
    Task,
)


class LegalBasisInline(LabelledFields, admin.TabularInline):
    model = LegalBasis
    extra = 0


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0


class TaskInline(admin.StackedInline):
    model = Task
    extra = 0
    fields = (
        ("order", "status", "due_on", "completed_on"),
        "title",
        ("lead", "coordinators"),
        "evidence",
    )


def _params_help():
    return " · ".join(
        f"{key}: {metric.params_help}" for key, metric in metrics.REGISTRY.items()
    )


INDICATOR_FIELDS = (
    ("order", "short_name"),
    "text",
    ("metric", "period", "target", "unit"),
    ("target_source", "target_note"),
    "params",
    ("task", "responsible"),
)


class IndicatorInline(admin.StackedInline):
    model = Indicator
    form = IndicatorAdminForm
    extra = 0
    fields = INDICATOR_FIELDS

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["params"].help_text = _params_help()
        tasks = formset.form.base_fields["task"]
        tasks.queryset = Task.objects.filter(plan=obj) if obj else Task.objects.none()
        return formset


@admin.register(Plan)
class PlanAdmin(EditConflictMixin, admin.ModelAdmin):
    list_display = ("number", "title", "issued_on", "starts_on", "ends_on", "status")
    list_filter = ("status",)
    search_fields = ("number", "title")
    inlines = [LegalBasisInline, SectionInline, TaskInline, IndicatorInline]
    actions = ["copy_to_next_year"]
    fieldsets = (
        (None, {"fields": ("number", "issued_on", "title", "status")}),
        (_("Issuer"), {"fields": ("issuer_parent", "issuer", "place")}),
        (_("Period"), {"fields": ("starts_on", "ends_on", "period_basis")}),
        (_("Text"), {"fields": ("preamble",)}),
        (
            _("Signature"),
            {"fields": ("signer_title", "signer_name", "recipients", "signed_scan")},
        ),
    )

    @admin.action(
        description=_("Copy to the next year (as a draft)"), permissions=["add"]
    )
    def copy_to_next_year(self, request, queryset):
        copies = [
            services.plan_copy_to_year(plan=plan, year=plan.starts_on.year + 1)
            for plan in queryset
        ]
        self.message_user(
            request,
            ngettext(
                "%(n)d draft plan created; give it its number when issued.",
                "%(n)d draft plans created; give them their numbers when issued.",
                len(copies),
            )
            % {"n": len(copies)},
            messages.SUCCESS,
        )


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    form = IndicatorAdminForm
    fields = ("plan", *INDICATOR_FIELDS)
    list_display = ("short_name", "plan", "metric", "period", "target", "target_source")
    list_filter = ("plan", "period", "metric", "target_source")
    list_select_related = ("plan",)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.base_fields["params"].help_text = _params_help()
        return form


class EvidenceInline(admin.StackedInline):
    model = Evidence
    extra = 1
    fields = (
        ("kind", "caption"),
        ("file", "photo"),
        "alt_text",
        ("url", "document_number"),
    )


@admin.register(Activity)
class ActivityAdmin(EditConflictMixin, admin.ModelAdmin):
    list_display = ("held_on", "kind", "title", "participants", "quantity")
    list_filter = ("kind", "held_on")
    date_hierarchy = "held_on"
    search_fields = ("title", "places", "description")
    inlines = [EvidenceInline]
    fields = (
        ("kind", "held_on"),
        "title",
        "places",
        ("participants", "quantity", "reach"),
        "responsible",
        "description",
    )


def kept_early_warning(report):
    """What a report issued while its period runs leaves out, and how to keep
    the whole period's figures if it has not been sent; "" for another."""
    last_day = report.kept_before_period_end
    if last_day is None:
        return ""
    return _(
        "The figures of %(number)s (issued %(issued)s) were kept at %(kept)s, "
        "before its period ends on %(end)s: news published, airings and "
        "activities logged after that moment, up to %(end)s, are not in this "
        "report. If it has not been sent, clear its number (a draft), save, "
        "and give the number again after %(end)s to keep the whole period's "
        "figures."
    ) % {
        "number": report.document_number,
        "issued": format_date(report.issued_on),
        "kept": format_date(report.figures_kept_at),
        "end": format_date(last_day),
    }


@admin.register(PeriodReport)
class PeriodReportAdmin(EditConflictMixin, admin.ModelAdmin):
    """Report drafts: staff number, address, write and sign them here and
    download them; a draft's figures are computed for the period at download,
    an issued report's are kept when it is saved with its number and date (the
    page says whether today's figures differ, and how to correct them)."""

    form = PeriodReportAdminForm
    list_display = ("__str__", "plan", "document_number", "issued_on", "updated_at")
    list_filter = ("plan", "year")
    list_select_related = ("plan",)
    readonly_fields = ("downloads", "figures")
    fieldsets = (
        (None, {"fields": ("plan", ("period", "year"), "downloads", "figures")}),
        (
            _("Document"),
            {"fields": (("document_number", "issued_on"), "subject", "addressees")},
        ),
        (
            _("Assessment"),
            {
                "fields": (
                    "overview",
                    "shortcomings",
                    "causes",
                    "next_tasks",
                    "proposals",
                )
            },
        ),
        (_("Signature"), {"fields": (("signing", "signer_name"), "recipients")}),
    )

    @admin.display(description=_("download"))
    def downloads(self, obj):
        if not obj or not obj.pk:
            return _("Save the draft first.")
        links = [
            (reverse("plans:report_file", args=[obj.pk, output]), label)
            for output, label in (
                ("docx", "Word (.docx)"),
                ("xlsx", "Excel (.xlsx)"),
                ("csv", "CSV"),
            )
        ]
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    @admin.display(description=_("figures"))
    def figures(self, obj):
        if not obj or not obj.pk or not obj.is_issued:
            return _(
                "A draft: its figures are computed at each download. They are "
                "kept when the report is saved with its number and date issued, "
                "and every download gives them from then on."
            )
        kept = obj.figures_as_issued
        if kept is None:
            return _(
                "Issued before issued reports kept their figures: they are kept "
                "at its next download or save."
            )
        kept_text = format_html(
            "<p>{}</p>",
            _(
                "Kept as issued at %(when)s: every download (Word, Excel, CSV) "
                "gives these figures and this annex."
            )
            % {"when": format_date(obj.figures_kept_at)},
        )
        early = kept_early_warning(obj)
        if early:
            kept_text += format_html('<p class="kept-early">{}</p>', early)
        with translation.override("vi"):  # as the figures were kept
            today = report_figures.compute(obj, records=False)
        changed = report_figures.differences(kept, today)
        if not changed:
            return kept_text + format_html(
                "<p>{}</p>", _("The figures computed today are the same.")
            )
        items = format_html_join(
            "",
            "<li>{}: {}</li>",
            (
                (
                    name,
                    _("issued %(before)s; today %(now)s")
                    % {"before": before or "—", "now": now or "—"},
                )
                for name, before, now in changed
            ),
        )
        url = reports.new_report_url(obj.plan, obj.kind, obj.year, obj.number)
        return kept_text + format_html(
            '<p>{}</p><ul>{}</ul><p>{} <a href="{}">{}</a></p>',
            _("The figures computed today differ from those issued:"),
            items,
            _(
                "The issued report does not change. To send the corrected "
                "figures, make a new report for this period and issue it with "
                "its own number:"
            ),
            url,
            _("new report for this period"),
        )

    def get_queryset(self, request):
        # a year's figures kept with its annex can be thousands of records:
        # read only where they are shown
        return super().get_queryset(request).defer("issued_figures")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        services.period_report_save(report=obj)
        early = kept_early_warning(obj)
        if early:
            self.message_user(request, early, messages.WARNING)
