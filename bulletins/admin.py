"""The staff side of the CCHC news. Status changes go through services.py;
editors write and submit, approvers publish, unpublish and hide, announcers
record airings, moderators approve or hide comments. Only superusers delete."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import Count, Exists, IntegerField, OuterRef, Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from procedures.models import Procedure
from thachha_portal.admin import LabelledFields, SuperuserDeleteOnly
from thachha_portal.dates import format_date, format_month
from thachha_portal.editing import EditConflictMixin

from . import selectors, services
from .editor import EditorWidget
from .models import (
    AT_LEAST_A_MINUTE,
    Airing,
    Attachment,
    Bulletin,
    Category,
    Comment,
    StatusChange,
    to_the_minute,
)

S = Bulletin.Status


# Number boxes say their unit and limits, instead of Django's generic "Ensure
# this value is greater than or equal to 1." (by error code, so the model's
# validators' messages too: ModelForm._update_errors).
ORDER = _("The order is a whole number from 0 to 32,767 (smaller first).")
NUMBER_MESSAGES = {
    # at most 180: the model's own message (Airing.MAX_MINUTES)
    "duration_minutes": {"invalid": AT_LEAST_A_MINUTE, "min_value": AT_LEAST_A_MINUTE},
    "order": {"invalid": ORDER, "min_value": ORDER, "max_value": ORDER},
}


class NumberMessages:
    """For a ModelAdmin or an inline: its number fields' messages from
    ``NUMBER_MESSAGES`` (the change form, the list's editable column), and
    the limits they state on every database: SQLite sets none of its own
    (40000 was saved as an order there, against “from 0 to 32,767”)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if not (
            isinstance(db_field, IntegerField) and db_field.name in NUMBER_MESSAGES
        ):
            return super().formfield_for_dbfield(db_field, request, **kwargs)
        kwargs["error_messages"] = {
            **NUMBER_MESSAGES[db_field.name],
            **kwargs.get("error_messages", {}),
        }
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        _low, high = BaseDatabaseOperations.integer_field_ranges.get(
            db_field.get_internal_type(), (None, None)
        )
        if high is not None and field.max_value is None:
            field.max_value = high
            field.validators.append(MaxValueValidator(high))
            field.widget.attrs["max"] = high
        return field


class MonthFilter(admin.SimpleListFilter):
    title = _("month")
    parameter_name = "month"

    def lookups(self, request, model_admin):
        months = Bulletin.objects.filter(published_at__isnull=False).datetimes(
            "published_at", "month", order="DESC"
        )
        return [(m.strftime("%Y-%m"), format_month(m)) for m in months]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            year, month = (int(part) for part in self.value().split("-"))
        except ValueError:
            return queryset.none()
        return queryset.in_month(year, month)


class ChannelFilter(admin.SimpleListFilter):
    title = _("publication channel")
    parameter_name = "channel"

    def lookups(self, request, model_admin):
        return [
            ("website", _("On the website (published)")),
            ("aired", _("Aired on the loudspeakers")),
            ("not_aired", _("Published, not aired yet")),
        ]

    def queryset(self, request, queryset):
        aired = Exists(Airing.objects.counted().filter(bulletin=OuterRef("pk")))
        if self.value() == "website":
            return queryset.published()
        if self.value() == "aired":
            return queryset.filter(aired)
        if self.value() == "not_aired":
            return queryset.published().filter(~aired)
        return queryset


class AttachmentInline(NumberMessages, LabelledFields, admin.TabularInline):
    model = Attachment
    extra = 1
    fields = ("title", "file", "order", "size")
    readonly_fields = ("size",)

    def has_delete_permission(self, request, obj=None):
        # Removing a wrong attachment from a draft is part of writing it.
        return request.user.has_perm("bulletins.change_attachment")


class StatusChangeInline(LabelledFields, admin.TabularInline):
    model = StatusChange
    extra = 0
    fields = ("changed_at", "from_status", "to_status", "changed_by", "reason")
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = _("status history")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AiringInline(LabelledFields, admin.TabularInline):
    model = Airing
    extra = 0
    fields = ("aired_at", "station", "duration_minutes", "read_by")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class BulletinAdminForm(forms.ModelForm):
    """The content fields, plus the workflow step (``new_status``), which is
    applied through services.bulletin_transition after saving."""

    new_status = forms.ChoiceField(label=_("Status"), required=False)
    transition_reason = forms.CharField(
        label=_("Reason (when hiding, unpublishing or returning)"),
        required=False,
        max_length=300,
    )

    class Meta:
        model = Bulletin
        fields = (
            "title",
            "slug",
            "category",
            "summary",
            "body",
            "cover_image",
            "cover_alt",
            "author_unit",
            "related_procedures",
            "source_note",
            "published_at",
            "broadcast_script",
            "priority",
        )
        widgets = {"body": EditorWidget}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        current = self.instance.status
        targets = services.allowed_targets(bulletin=self.instance, user=user)
        self.fields["new_status"].choices = [
            (current, gettext("%(status)s (unchanged)") % {"status": S(current).label}),
            *[(t, S(t).label) for t in targets],
        ]
        self.fields["new_status"].initial = current
        if "related_procedures" in self.fields:
            self.fields[
                "related_procedures"
            ].queryset = Procedure.objects.published().order_by("code")

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("new_status") or self.instance.status
        if target != self.instance.status:
            try:
                services.bulletin_check_transition(
                    bulletin=self.instance,
                    to_status=target,
                    user=self.user,
                    reason=cleaned.get("transition_reason", ""),
                )
            except (ValidationError, PermissionDenied) as error:
                self.add_error("new_status", str(error.args[0]))
        published_at = cleaned.get("published_at")
        self._check_airings(published_at)
        if "published_at" not in self.errors:
            self._check_publication_time(published_at, target)
        return cleaned

    def _check_publication_time(self, published_at, target):
        """No publication time already passed (services.publication_time_error):
        a time typed is now or later; one kept unchanged is the item's own,
        which may be past only if the item was on the website then."""
        kept = self.instance.published_at
        if not published_at:
            return  # publishing takes now
        if kept and to_the_minute(published_at) == to_the_minute(kept):
            if target == S.PUBLISHED and self.instance.status != S.PUBLISHED:
                error = services.publication_time_error(
                    bulletin=self.instance, published_at=kept
                )
                if error:
                    self.add_error("published_at", error)
            return
        if published_at >= timezone.now() - services.PUBLICATION_GRACE:
            return
        if self.instance.pk and self.instance.is_public:
            message = gettext(
                "The item has been on the website since %(published)s: its "
                "publication time cannot be changed to %(time)s, a time already "
                "passed. Keep it, or choose a later time to schedule the item "
                "again."
            ) % {"published": format_date(kept), "time": format_date(published_at)}
        else:
            message = services.past_publication_message(published_at)
        self.add_error("published_at", message)

    def _check_airings(self, published_at):
        """A publication time moved after the item's first airing would date
        that airing before the item existed (Airing.clean refuses to record
        one so). Only a move later is checked: an airing dated wrongly before
        does not stop the item's other corrections."""
        before = self.instance.published_at
        if not (self.instance.pk and published_at):
            return
        passed = self.instance.airings.before_publication(published_at)
        if before:
            passed = passed.filter(aired_at__gte=to_the_minute(before))
        first = passed.order_by("aired_at").values_list("aired_at", flat=True).first()
        if first:
            self.add_error(
                "published_at",
                gettext(
                    "The item was read on the loudspeakers on %(aired)s: its "
                    "publication time cannot be later than that."
                )
                % {"aired": format_date(first)},
            )


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for unpublishing"),
        max_length=300,
        help_text=_(
            "Kept in each item's status history. The items go back to draft, "
            "off the website."
        ),
        error_messages={"required": _("Give the reason for unpublishing the item.")},
    )


@admin.register(Bulletin)
class BulletinAdmin(
    LabelledFields, EditConflictMixin, SuperuserDeleteOnly, admin.ModelAdmin
):
    form = BulletinAdminForm
    list_display = (
        "title",
        "category",
        "status",
        "published_on",
        "airing_total",
        "view_count",
    )
    list_filter = (MonthFilter, "status", "category", ChannelFilter)
    search_fields = ("title", "search_document")

    def view_on_site(self, obj):
        # A draft, a scheduled or a hidden item has no public page yet: the
        # button would lead staff to “page not found”; “Bản xem trước” shows it.
        return obj.get_absolute_url() if obj.is_public else None

    # No prepopulated slug: the admin's JavaScript drops letters such as ư and ơ;
    # a blank slug is made from the title (NFCModel.normalise).
    # Not autocomplete: that would need editors to hold procedures permissions.
    filter_horizontal = ("related_procedures",)
    inlines = (AttachmentInline, AiringInline, StatusChangeInline)
    actions = ("submit_selected", "publish_selected", "unpublish_selected")
    list_select_related = ("category",)
    list_per_page = 50
    save_on_top = True

    def get_fieldsets(self, request, obj=None):
        content = (
            "title",
            "slug",
            "category",
            "summary",
            "body",
            ("cover_image", "cover_alt"),
            "author_unit",
            "related_procedures",
            "source_note",
        )
        workflow = ["published_at"]
        if self.has_change_permission(request, obj):
            workflow = ["new_status", "transition_reason", *workflow]
        else:
            workflow = ["status", "hidden_reason", *workflow]
        return (
            (None, {"fields": content}),
            (_("Workflow"), {"fields": workflow}),
            (_("Loudspeakers"), {"fields": ("broadcast_script", "priority")}),
            (
                _("Record"),
                {
                    "fields": ("written_by", "view_count", "created_at", "updated_at"),
                    "classes": ("collapse",),
                },
            ),
        )

    def get_readonly_fields(self, request, obj=None):
        fields = ["written_by", "view_count", "created_at", "updated_at"]
        if not request.user.has_perm(services.PUBLISH):
            fields.append("published_at")
        if not self.has_change_permission(request, obj):
            fields += ["status", "hidden_reason"]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        class FormWithUser(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, user=request.user, **inner)

        return FormWithUser

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _airings=Count(
                    "airings", filter=Q(airings__in=Airing.objects.counted())
                ),
                _scheduled=Exists(
                    Bulletin.objects.scheduled().filter(pk=OuterRef("pk"))
                ),
            )
        )

    def has_change_permission(self, request, obj=None):
        """Editing what the public sees (published or hidden) is an approver's
        job; editors keep to drafts and submissions."""
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and obj.status in (S.PUBLISHED, S.HIDDEN):
            return request.user.has_perm(services.PUBLISH)
        return allowed

    def has_publish_permission(self, request):
        return request.user.has_perm(services.PUBLISH)

    def has_submit_permission(self, request):
        return request.user.has_perm(services.SUBMIT)

    @admin.display(description=_("publication time"), ordering="published_at")
    def published_on(self, obj):
        if not obj.published_at:
            return "–"
        text = format_date(obj.published_at)
        if obj._scheduled:
            return format_html("{} ({})", text, gettext("scheduled"))
        return text

    @admin.display(description=_("airings"), ordering="_airings")
    def airing_total(self, obj):
        return obj._airings

    def save_model(self, request, obj, form, change):
        if not change:
            obj.written_by = request.user
        super().save_model(request, obj, form, change)
        target = form.cleaned_data.get("new_status") or obj.status
        if target != obj.status:
            services.bulletin_transition(
                bulletin=obj,
                to_status=target,
                user=request.user,
                reason=form.cleaned_data.get("transition_reason", ""),
            )

    def _bulk(self, request, queryset, service, done_message, **details):
        done = 0
        for bulletin in queryset:
            try:
                service(bulletin=bulletin, user=request.user, **details)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(
                    request, f"{bulletin}: {error.args[0]}", messages.WARNING
                )
        if done:
            self.message_user(request, done_message % {"n": done}, messages.SUCCESS)

    @admin.action(description=_("Submit for approval"), permissions=["submit"])
    def submit_selected(self, request, queryset):
        self._bulk(
            request,
            queryset,
            services.bulletin_submit,
            gettext("%(n)d item(s) submitted."),
        )

    @admin.action(description=_("Publish"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk(
            request,
            queryset,
            services.bulletin_publish,
            gettext("%(n)d item(s) published."),
        )

    @admin.action(description=_("Unpublish (back to draft)"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        """Asks first, with the reason, on a page of its own (as Django's
        deletion does): unpublishing takes items off the website."""
        form = UnpublishForm(request.POST if "post" in request.POST else None)
        if form.is_valid():
            self._bulk(
                request,
                queryset,
                services.bulletin_unpublish,
                gettext("%(n)d item(s) unpublished."),
                reason=form.cleaned_data["reason"],
            )
            return None
        return TemplateResponse(
            request,
            "admin/bulletins/bulletin/unpublish_selected.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": gettext("Unpublish the selected items?"),
                "form": form,
                "queryset": queryset.order_by("-published_at", "-pk"),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
            status=400 if form.is_bound else 200,
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "month_status": selectors.month_status(),
        }
        return super().changelist_view(request, extra_context)

    class Media:
        css = {"all": ["bulletins/admin.css"]}


@admin.register(Category)
class CategoryAdmin(NumberMessages, SuperuserDeleteOnly, admin.ModelAdmin):
    list_display = ("name", "slug", "order")
    list_editable = ("order",)


class AiringAdminForm(forms.ModelForm):
    class Meta:
        model = Airing
        fields = (
            "bulletin",
            "aired_at",
            "station",
            "duration_minutes",
            "read_by",
            "recording",
            "note",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "bulletin" in self.fields:
            self.fields["bulletin"].queryset = Bulletin.objects.published().order_by(
                "-published_at"
            )


@admin.register(Airing)
class AiringAdmin(
    NumberMessages, LabelledFields, SuperuserDeleteOnly, admin.ModelAdmin
):
    form = AiringAdminForm
    list_display = ("bulletin", "aired_at", "station", "duration_minutes", "read_by")
    list_filter = ("station",)
    date_hierarchy = "aired_at"
    search_fields = ("bulletin__title", "station", "read_by")
    list_select_related = ("bulletin",)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        saved = services.airing_record(
            bulletin=obj.bulletin,
            aired_at=obj.aired_at,
            station=obj.station,
            duration_minutes=obj.duration_minutes,
            read_by=obj.read_by,
            recording=obj.recording,
            note=obj.note,
            user=request.user,
        )
        obj.pk = saved.pk


class CommentAdminForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ("status", "hidden_reason")


@admin.register(Comment)
class CommentAdmin(SuperuserDeleteOnly, admin.ModelAdmin):
    form = CommentAdminForm
    list_display = ("name", "bulletin", "created_at", "status", "moderated_by")
    list_filter = ("status",)
    search_fields = ("name", "body", "bulletin__title")
    list_select_related = ("bulletin", "moderated_by")
    readonly_fields = (
        "bulletin",
        "name",
        "email",
        "body",
        "created_at",
        "consent_at",
        "moderated_by",
        "moderated_at",
    )
    fields = (*readonly_fields[:5], "status", "hidden_reason", *readonly_fields[5:])
    actions = ("approve_selected",)

    def has_add_permission(self, request):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("bulletins.change_comment")

    def save_model(self, request, obj, form, change):
        services.comment_moderate(
            comment=obj,
            status=obj.status,
            user=request.user,
            reason=obj.hidden_reason,
        )

    @admin.action(description=_("Approve"), permissions=["moderate"])
    def approve_selected(self, request, queryset):
        count = services.comments_bulk_approve(queryset=queryset, user=request.user)
        self.message_user(request, gettext("%(n)d comment(s) approved.") % {"n": count})
