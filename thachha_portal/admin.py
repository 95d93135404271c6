from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import CommuneProfile, FormerName


class FormerNameInline(admin.TabularInline):
    """Names in force before a date: documents keep the names of their day."""

    model = FormerName
    extra = 0
    fields = ("in_force_until", "name", "short_name", "parent_name", "place_name")


@admin.register(CommuneProfile)
class CommuneProfileAdmin(admin.ModelAdmin):
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
