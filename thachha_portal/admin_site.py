"""The portal's admin site (its own module: the admin's default site is imported
while the admin app starts, before any ModelAdmin may be registered)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .public_forms import over_limit


class PortalAdminSite(admin.AdminSite):
    site_header = _("Thạch Hà CCHC portal — administration")
    site_title = _("CCHC portal administration")
    index_title = _("Content management")
    login_template = "admin/login_portal.html"

    def login(self, request, extra_context=None):
        """The admin login, limited per client address (LOGIN_RATE)."""
        if request.method == "POST" and over_limit(
            request, "admin-login", settings.LOGIN_RATE
        ):
            context = {
                **self.each_context(request),
                "title": _("Log in"),
                "app_path": request.get_full_path(),
                "form": AdminAuthenticationForm(
                    request, initial={"username": request.POST.get("username", "")}
                ),
                "rate_limited": True,
                **(extra_context or {}),
            }
            request.current_app = self.name
            return TemplateResponse(request, self.login_template, context, status=429)
        return super().login(request, extra_context)
