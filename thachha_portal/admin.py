from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime, RelatedFieldWidgetWrapper
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from .editing import EditConflictMixin
from .models import CommuneProfile, ElsewhereTopic, FormerName, SearchMiss, Synonym
from .search import vocabulary


class SuperuserDeleteOnly:
    """What the public has seen is never deleted by mistake: only superusers
    delete (staff hide or withdraw instead; no role holds a delete permission)."""

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class LabelledSplitDateTime(AdminSplitDateTime):
    """Django's date-and-time boxes, each with a label of its own: Django writes
    “Ngày:” and “Giờ:” as plain text before them, and the field's label, which
    a pair of boxes cannot share, points at nothing. Each box is named with its
    field (“Thời gian phát: Ngày:”, the field's part hidden) and described by
    the field's error."""

    class Media:
        css = {"all": ["css/admin-datetime.css"]}

    def __init__(self, attrs=None, label=""):
        super().__init__(attrs)
        self.label = label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        field_id = context["widget"]["attrs"].get("id")
        invalid = context["widget"]["attrs"].get("aria-invalid")
        subwidgets = context["widget"]["subwidgets"]
        for key, subwidget in zip(
            ("date_label", "time_label"), subwidgets, strict=True
        ):
            box = subwidget["attrs"].get("id")
            if not box:
                continue
            context[key] = format_html(
                '<label for="{}"><span class="visually-hidden">{}: </span>{}</label>',
                box,
                self.label,
                context[key],
            )
            if invalid and field_id:
                subwidget["attrs"]["aria-describedby"] = f"{field_id}_error"
        return context


class LabelledFields:
    """For a ModelAdmin or an inline: every box has a label. A moment's date
    and time boxes get ``LabelledSplitDateTime``; in a table of inline rows,
    where only the column's heading says what a box is, each box is named by
    its field (axe "label" found both on the forms staff fill every day)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is None:
            return field
        widget = field.widget
        if isinstance(widget, RelatedFieldWidgetWrapper):
            widget = widget.widget
        if isinstance(widget, AdminSplitDateTime):
            field.widget = LabelledSplitDateTime(widget.attrs, label=field.label)
        elif isinstance(self, admin.TabularInline) and not widget.is_hidden:
            widget.attrs.setdefault("aria-label", field.label)
        return field


class OwnErrorFirst:
    """For a model form: a field whose value was refused (“Nhập một ngày hợp
    lệ.”) shows only that error, not also what the model's clean() then says
    about the field being empty (“… cần có ngày ban hành”)."""

    def _post_clean(self):
        refused = {name: len(errors) for name, errors in self._errors.items()}
        super()._post_clean()
        for name, count in refused.items():
            if name in self.fields:
                del self._errors[name][count:]


class FormerNameInline(LabelledFields, admin.TabularInline):
    """Names in force before a date: documents keep the names of their day."""

    model = FormerName
    extra = 0
    fields = (
        "in_force_until",
        "name",
        "short_name",
        "parent_name",
        "place_name",
        "desk_name",
    )


@admin.register(CommuneProfile)
class CommuneProfileAdmin(EditConflictMixin, admin.ModelAdmin):
    inlines = [FormerNameInline]
    fieldsets = (
        (None, {"fields": ("name", "short_name", "former_name", "province", "about")}),
        (
            _("On documents"),
            {
                "fields": ("parent_name", "place_name"),
                "description": _(
                    "Documents (reports) carry the names in force on their date of "
                    "issue: today's names here, former ones in the table below."
                ),
            },
        ),
        (_("Contacts"), {"fields": ("address", "phone", "email", "hotline")}),
        (_("One-stop desk"), {"fields": ("desk_name", "desk_address", "desk_hours")}),
        (
            _("Public-service portals"),
            {
                "fields": (
                    "national_portal_url",
                    "provincial_portal_url",
                    "dossier_lookup_url",
                    "feedback_url",
                )
            },
        ),
    )

    def has_add_permission(self, request):
        return not CommuneProfile.objects.exists() and super().has_add_permission(
            request
        )

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Synonym)
class SynonymAdmin(EditConflictMixin, admin.ModelAdmin):
    """The shared search vocabulary. A change applies at once to every
    procedure (their everyday names are recomputed) and to every search."""

    list_display = ("phrase", "official_terms", "kind", "other_name", "updated_at")
    list_filter = ("other_name", "kind")
    search_fields = ("phrase", "phrase_key", "official", "note")
    fields = ("phrase", "official", "kind", "other_name", "note")

    @admin.display(description=_("official terms"))
    def official_terms(self, obj):
        return "; ".join(obj.official_list)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        vocabulary.changed(refresh=True)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        vocabulary.changed(refresh=True)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        vocabulary.changed(refresh=True)


@admin.register(ElsewhereTopic)
class ElsewhereTopicAdmin(EditConflictMixin, admin.ModelAdmin):
    list_display = ("title", "authority", "updated_at")
    search_fields = ("title", "phrases", "authority")
    fields = ("title", "phrases", "authority", "advice", "url")


@admin.register(SearchMiss)
class SearchMissAdmin(admin.ModelAdmin):
    """What citizens searched for in vain, most frequent first: read it to grow
    the vocabulary. Rows are counted by the search itself; staff only read
    them, add an entry to the vocabulary from one, or delete handled ones."""

    list_display = ("query", "kind", "count", "first_seen", "last_seen", "add_entry")
    list_filter = ("kind",)
    search_fields = ("query",)
    ordering = ("-count", "-last_seen")
    date_hierarchy = "last_seen"

    @admin.display(description=_("vocabulary"))
    def add_entry(self, obj):
        url = (
            reverse("admin:thachha_portal_synonym_add")
            + "?"
            + urlencode({"phrase": obj.query})
        )
        return format_html('<a href="{}">{}</a>', url, _("Add to the vocabulary"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
