from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.views.main import ChangeList
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from thachha_portal import spreadsheets
from thachha_portal.admin import SuperuserDeleteOnly
from thachha_portal.dates import format_date, future_dates
from thachha_portal.downloads import file_response
from thachha_portal.editing import EditConflictMixin
from thachha_portal.text import fold

from . import completeness, importing, services
from .forms import ProcedureImportForm
from .models import (
    PARTS,
    Channel,
    DossierItem,
    Feedback,
    Field,
    LegalBasis,
    Procedure,
    Step,
)

IMPORT_SALT = "procedures.import"
IMPORT_MAX_AGE = 60 * 60  # seconds between the preview and the confirmation


def sign_import(user, file_name, text):
    """The checked file, carried by the confirmation form: signed (with the
    staff member's id in the salt) so that it cannot be altered or replayed by
    someone else, and compressed."""
    return signing.dumps(
        {"name": file_name, "text": text},
        salt=f"{IMPORT_SALT}:{user.pk}",
        compress=True,
    )


def unsign_import(user, token):
    """(file name, text) of a token from ``sign_import``; raises
    signing.BadSignature when altered, someone else's or older than an hour."""
    payload = signing.loads(
        token, salt=f"{IMPORT_SALT}:{user.pk}", max_age=IMPORT_MAX_AGE
    )
    return payload["name"], payload["text"]


URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class ListingAdminMixin(SuperuserDeleteOnly):
    """Fields and procedures: only superusers delete (staff withdraw instead); an
    address typed without its scheme is https."""

    formfield_overrides = URL_FIELDS


class ChildInline(admin.StackedInline):
    """A step, channel, dossier component or legal basis of a procedure. A wrong
    row is removed while editing the procedure (the procedure's history records
    it); the delete permission of the row's model decides, as usual."""

    formfield_overrides = URL_FIELDS
    extra = 0


class StepInline(ChildInline):
    model = Step
    fields = ["order", "text"]


class ChannelInline(ChildInline):
    model = Channel
    fields = ["order", "kind", "processing_time", "fee", "fee_amount", "description"]


class DossierItemInline(ChildInline):
    model = DossierItem
    fields = [
        "order",
        "case",
        "name",
        "presented",
        ("originals", "copies"),
        "form_name",
        "form_file",
        "form_url",
        "note",
    ]


class LegalBasisInline(ChildInline):
    model = LegalBasis
    fields = ["order", "number", "summary", "issued_on", "issuer"]


class ProcedureChangeList(ChangeList):
    """The list with each row's children, for its completeness: four queries a
    page, whatever the number of rows."""

    def get_queryset(self, request, exclude_parameters=None):
        return (
            super().get_queryset(request, exclude_parameters).prefetch_related(*PARTS)
        )


@admin.register(Field)
class FieldAdmin(ListingAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


class DossierQuantityForm(forms.Form):
    dossier_quantity = Procedure._meta.get_field("dossier_quantity").formfield(
        required=True
    )


class FutureDateFilter(admin.SimpleListFilter):
    """Procedures with a stored date that has not come (a decision, a desk
    check or a legal basis dated after today, saved before that was refused):
    they stay editable (``StoredDatesStand``), and this finds them to correct."""

    title = _("date in the future")
    parameter_name = "ngay_chua_den"

    def lookups(self, request, model_admin):
        return [("1", _("A stored date has not come yet"))]

    def queryset(self, request, queryset):
        if self.value() != "1":
            return queryset
        bases = LegalBasis.objects.filter(future_dates(LegalBasis))
        return queryset.filter(
            future_dates(Procedure) | models.Q(pk__in=bases.values("procedure"))
        )


@admin.register(Procedure)
class ProcedureAdmin(EditConflictMixin, ListingAdminMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "field",
        "completeness",
        "online_level",
        "posted_at_desk",
        "desk_checked_on",
        "status",
        "updated_at",
    ]
    list_display_links = ["code", "name"]
    list_filter = [
        "status",
        "field",
        "level",
        "online_level",
        "posted_at_desk",
        FutureDateFilter,
    ]
    list_select_related = ["field"]
    search_fields = ["code", "name", "keywords", "search_document"]
    date_hierarchy = "updated_at"
    actions = ["withdraw", "restore", "set_dossier_quantity"]
    readonly_fields = [
        "parts_report",
        "national_portal_link",
        "view_count",
        "updated_at",
        "history",
    ]
    # The official order of the record (NĐ 63/2010 Art. 8(2), CSDLQG).
    fieldsets = [
        (_("Mandatory parts"), {"fields": ["parts_report"]}),
        (
            _("Identification"),
            {
                "fields": [
                    "code",
                    "name",
                    "field",
                    "level",
                    "procedure_type",
                    ("decision_number", "decision_date"),
                    "status",
                ]
            },
        ),
        (
            _("Agencies and applicants"),
            {
                "fields": [
                    "implementing_agency",
                    "competent_authority",
                    "delegated_agency",
                    "coordinating_agency",
                    "filing_address",
                    "applicants",
                ]
            },
        ),
        (
            _("Dossier: components and quantities"),
            {
                "fields": ["dossier_quantity"],
                "description": _(
                    "The components, each with its originals, copies and form, "
                    "are listed under “Dossier components” below."
                ),
            },
        ),
        (
            _("Result and conditions"),
            {"fields": ["result", "conditions", "description"]},
        ),
        (
            _("Online service"),
            {"fields": ["online_level", "online_url", "national_portal_link"]},
        ),
        (
            _("Search and desk posting"),
            {
                "fields": [
                    "keywords",
                    ("posted_at_desk", "desk_checked_on"),
                    "source_note",
                ]
            },
        ),
        (_("Record"), {"fields": ["view_count", "updated_at", "history"]}),
    ]
    inlines = [StepInline, ChannelInline, DossierItemInline, LegalBasisInline]
    change_list_template = "admin/procedures/procedure/change_list.html"

    def get_urls(self):
        return [
            path(
                "nhap-tu-tep/",
                self.admin_site.admin_view(self.import_view),
                name="procedures_procedure_import",
            ),
            *super().get_urls(),
        ]

    def can_import(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None and obj.pk is not None and request.method == "GET":
            self.warn_of_future_dates(request, obj)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def warn_of_future_dates(self, request, procedure):
        """Say on opening the form which stored dates have not come (saved
        before they were refused, ``FutureDateFilter``): the form is saved
        with them, and the procedure's page and sheet print them."""
        today = timezone.localdate()
        dated = [(procedure, gettext("this procedure"))] + [
            (basis, gettext("legal basis %(number)s") % {"number": basis.number})
            for basis in procedure.legal_bases.filter(future_dates(LegalBasis))
        ]
        for record, where in dated:
            for name in record.dated_fields():
                day = getattr(record, name)
                if day is not None and day > today:
                    messages.warning(
                        request,
                        gettext(
                            "“%(field)s” of %(where)s is %(date)s, a day that has "
                            "not come yet (today is %(today)s): check the year."
                        )
                        % {
                            "field": capfirst(
                                record._meta.get_field(name).verbose_name
                            ),
                            "where": where,
                            "date": format_date(day),
                            "today": format_date(today),
                        },
                    )

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_import": self.can_import(request),
        }
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        """Upload a CSV/JSON file, see what each row would do, then confirm.
        Nothing is written before the confirmation, nor when any row is bad."""
        if not self.can_import(request):
            raise PermissionDenied
        form = ProcedureImportForm()
        context = {}
        status = 200
        if request.method == "POST" and "token" in request.POST:
            try:
                file_name, text = unsign_import(request.user, request.POST["token"])
            except signing.BadSignature:
                messages.error(
                    request,
                    gettext(
                        "The confirmation was altered or is more than an hour old: "
                        "nothing was imported. Upload the file again."
                    ),
                )
                status = 400
            else:
                report = services.procedures_import(
                    rows=importing.read_text(text, file_name),
                    user=request.user,
                    file_name=file_name,
                    accepted_losses=request.POST.get("accept_losses", ""),
                )
                if report.ok and not report.held:
                    self.message_user(
                        request,
                        gettext("Imported from “%(name)s”: %(summary)s")
                        % {"name": file_name, "summary": report.summary()},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(
                        reverse("admin:procedures_procedure_changelist")
                    )
                # The procedures changed since the preview, or the losses were
                # not accepted: show the new verdict.
                context = {"report": report, "file_name": file_name}
                if report.held:
                    context["token"] = sign_import(request.user, file_name, text)
                    context["losses_refused"] = (
                        "stale" if "accept_losses" in request.POST else "unticked"
                    )
                    status = 400
        elif request.method == "POST":
            form = ProcedureImportForm(request.POST, request.FILES)
            if form.is_valid():
                report = services.procedures_import(
                    rows=form.rows,
                    user=request.user,
                    file_name=form.file_name,
                    dry_run=True,
                )
                context = {"report": report, "file_name": form.file_name}
                if report.ok and report.changes:
                    context["token"] = sign_import(
                        request.user, form.file_name, form.text
                    )
            else:
                status = 400
        return TemplateResponse(
            request,
            "admin/procedures/procedure/import.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("Import procedures from a CSV/JSON file"),
                "form": form,
                **context,
            },
            status=status,
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "name":  # names run to ~600 characters
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 80})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_changelist(self, request, **kwargs):
        return ProcedureChangeList

    def get_search_results(self, request, queryset, search_term):
        """Also find by the folded search document, so that staff may type without
        diacritics as citizens do."""
        results, duplicates = super().get_search_results(request, queryset, search_term)
        folded = fold(search_term)
        if folded:
            results |= queryset.filter(search_document__contains=folded)
        return results, duplicates

    @admin.display(description=_("Mandatory parts"))
    def completeness(self, obj):
        missing = completeness.missing(obj)
        if not missing:
            return format_html(
                "{} ({}/{})",
                _("Complete"),
                len(completeness.PARTS),
                len(completeness.PARTS),
            )
        return format_html(
            "<strong>{}</strong> {}",
            _("Missing:"),
            ", ".join(str(part.label) for part in missing),
        )

    @admin.display(description=_("Parts of the listing"))
    def parts_report(self, obj):
        """Each part NĐ 63/2010 Art. 8(2) and TT 02/2017 ask for, with what is
        missing: saved procedures only (the children are saved with it)."""
        if not obj.pk:
            return _("Shown once the procedure is saved.")
        rows = format_html_join(
            "",
            '<li class="{}"><span aria-hidden="true">{}</span> <strong>{}</strong>{}: '
            "{}</li>",
            (
                (
                    "part-ok" if part.complete else "part-missing",
                    "✓" if part.complete else "✗",
                    part.label,
                    ""
                    if part.mandatory
                    else format_html(" ({})", _("where it applies")),
                    part.problem or _("present"),
                )
                for part in completeness.check(obj)
            ),
        )
        return format_html('<ul class="parts-report">{}</ul>', rows)

    @admin.display(description=_("National portal page"))
    def national_portal_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{0}" rel="noopener" target="_blank">{0}</a>',
            obj.national_portal_url,
        )

    @admin.display(description=_("Who changed what"))
    def history(self, obj):
        if not obj.pk:
            return "—"
        entries = (
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(Procedure),
                object_id=str(obj.pk),
            )
            .select_related("user")
            .order_by("-action_time")[:10]
        )
        rows = format_html_join(
            "",
            "<li>{} — {}: {}</li>",
            (
                (
                    format_date(e.action_time),
                    e.user.get_full_name() or e.user.get_username(),
                    e.get_change_message() or e.get_action_flag_display(),
                )
                for e in entries
            ),
        )
        full = reverse("admin:procedures_procedure_history", args=[obj.pk])
        return format_html(
            '<ul>{}</ul><a href="{}">{}</a>', rows, full, _("Full history")
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The search document holds the dossier components: rebuild it once
        # the inlines are saved.
        services.procedure_refresh_search(procedure=form.instance)

    def _set_status(self, request, queryset, status, done):
        changed = services.procedures_set_status(procedures=queryset, status=status)
        for procedure in queryset:
            self.log_change(request, procedure, str(done))
        self.message_user(
            request,
            ngettext(
                "%(count)d procedure changed.",
                "%(count)d procedures changed.",
                changed,
            )
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Withdraw (hide from the public, keep the record)"),
        permissions=["change"],
    )
    def withdraw(self, request, queryset):
        self._set_status(request, queryset, Procedure.Status.WITHDRAWN, _("Withdrawn"))

    @admin.action(
        description=_("Restore to the public listing"), permissions=["change"]
    )
    def restore(self, request, queryset):
        self._set_status(request, queryset, Procedure.Status.ACTIVE, _("Restored"))

    @admin.action(description=_("Record the number of sets to file"))
    def set_dossier_quantity(self, request, queryset):
        """Ask the value ("01 bộ") on a page of its own, as Django's delete
        confirmation does, then record it in each selected procedure, with
        its history."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = DossierQuantityForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            field = Procedure._meta.get_field("dossier_quantity")
            changed = services.procedures_set_dossier_quantity(
                procedures=queryset, quantity=form.cleaned_data["dossier_quantity"]
            )
            for procedure in changed:
                self.log_change(
                    request,
                    procedure,
                    [{"changed": {"fields": [str(field.verbose_name)]}}],
                )
            self.message_user(
                request,
                ngettext(
                    "%(count)d procedure changed.",
                    "%(count)d procedures changed.",
                    len(changed),
                )
                % {"count": len(changed)},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Record the number of sets to file"),
            "form": form,
            "procedures": queryset,
            "selected": [str(pk) for pk in queryset.values_list("pk", flat=True)],
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/procedures/procedure/set_dossier_quantity.html", context
        )


@admin.register(Feedback)
class FeedbackAdmin(SuperuserDeleteOnly, admin.ModelAdmin):
    list_display = ["created_at", "procedure", "helpful", "comment"]
    list_filter = ["helpful", "procedure__field", "created_at"]
    list_select_related = ["procedure"]
    search_fields = ["comment", "procedure__code", "procedure__name"]
    date_hierarchy = "created_at"
    readonly_fields = ["procedure", "helpful", "comment", "created_at"]
    change_list_template = "admin/procedures/feedback/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "tai-csv/",
                self.admin_site.admin_view(self.export_csv),
                name="procedures_feedback_export",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_export": request.user.has_perm("procedures.export_feedback"),
        }
        return super().changelist_view(request, extra_context)

    def export_csv(self, request):
        if not request.user.has_perm("procedures.export_feedback"):
            raise PermissionDenied
        stamp = timezone.localdate().strftime("%Y%m%d")
        response = file_response(f"y-kien-thu-tuc-{stamp}.csv")
        writer = spreadsheets.csv_writer(response)
        writer.writerow(["thoi_gian", "ma_thu_tuc", "ten_thu_tuc", "huu_ich", "gop_y"])
        for item in Feedback.objects.select_related("procedure").iterator():
            writer.writerow(
                [
                    format_date(item.created_at),
                    item.procedure.code,
                    item.procedure.name,
                    "có" if item.helpful else "không",
                    item.comment,
                ]
            )
        return response
