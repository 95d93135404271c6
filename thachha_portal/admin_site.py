"""The portal's admin site (its own module: the admin's default site is imported
while the admin app starts, before any ModelAdmin may be registered)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .public_forms import over_limit, refused


def _account(group, request):
    return request.POST.get("username", "").strip().lower()


def account_locked(request, failed=False):
    """Failed logins per account name (LOGIN_ACCOUNT_RATE), whatever the address:
    guessing one staff member's password from many addresses is slowed down as
    much as from one. ``failed``: count this attempt as a failure. The seconds
    the account stays paused, or 0."""
    return over_limit(
        request,
        "admin-login-account",
        settings.LOGIN_ACCOUNT_RATE,
        key=_account,
        increment=failed,
    )


class PortalAdminSite(admin.AdminSite):
    site_header = _("Thạch Hà CCHC portal — administration")
    site_title = _("CCHC portal administration")
    index_title = _("Content management")
    login_template = "admin/login_portal.html"

    def login(self, request, extra_context=None):
        """The admin login, limited per client address (LOGIN_RATE) and per
        account (LOGIN_ACCOUNT_RATE failed attempts)."""
        if request.method != "POST":
            return super().login(request, extra_context)
        if seconds := over_limit(request, "admin-login", settings.LOGIN_RATE):
            return self._refused(request, extra_context, "address", seconds)
        if seconds := account_locked(request):
            return self._refused(request, extra_context, "account", seconds)
        response = super().login(request, extra_context)
        if response.status_code == 200:  # the form came back: a failed attempt
            account_locked(request, failed=True)
        return response

    def _refused(self, request, extra_context, reason, seconds):
        context = {
            **self.each_context(request),
            "title": _("Log in"),
            "app_path": request.get_full_path(),
            "form": AdminAuthenticationForm(
                request, initial={"username": request.POST.get("username", "")}
            ),
            "rate_limited": reason,
            **(extra_context or {}),
        }
        request.current_app = self.name
        return refused(TemplateResponse(request, self.login_template, context), seconds)
