"""The portal's admin site (its own module: the admin's default site is imported
while the admin app starts, before any ModelAdmin may be registered)."""

from functools import update_wrapper

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_protect

from . import kept_forms, kept_uploads, staff_sessions
from .clientip import client_network
from .public_forms import over_limit, refused
from .text import typed


def _account(group, request):
    """The account a login names, as Django's login form reads it (NFKC, so
    "ｌａｎｈｄａｏ" is "lanhdao"), in lower case: each spelling that logs in
    to one account counts against it."""
    return typed(request.POST.get("username", "")).strip().lower()


def _address_and_account(group, request):
    return f"{client_network(request)} {_account(group, request)}"


# Checked in this order; the first that pauses names the reason shown.
LOGIN_LIMITS = (
    # One person's typos: their own account from their own address.
    ("pair", "admin-login-pair", "LOGIN_RATE", _address_and_account),
    # One account guessed from many addresses.
    ("account", "admin-login-account", "LOGIN_ACCOUNT_RATE", _account),
    # One address spraying guesses over many accounts.
    ("address", "admin-login", "LOGIN_ADDRESS_RATE", "ip"),
)


def failed_logins(request, failed=False):
    """Failed logins for the account name from the client's address
    (LOGIN_RATE), for the account whatever the address (LOGIN_ACCOUNT_RATE:
    guessing one staff member's password from many addresses is slowed down
    as much as from one) and from the address whatever the account
    (LOGIN_ADDRESS_RATE, a higher ceiling: guesses sprayed over many
    accounts). ``failed``: count this attempt as a failure. Only failures
    count, and one person's typos pause only their own account from their
    address: the staff of a commune office share one public address, and
    neither their correct logins at the start of the day nor a colleague's
    mistyped password must lock each other out. The reason and the seconds of
    the pause, or ``(None, 0)``."""
    paused = (None, 0)
    for reason, group, setting, key in LOGIN_LIMITS:
        rate = getattr(settings, setting)
        seconds = over_limit(request, group, rate, key=key, increment=failed)
        if seconds and not paused[1]:
            paused = (reason, seconds)
    return paused


class PortalAdminSite(admin.AdminSite):
    site_header = _("Thạch Hà CCHC portal — administration")
    site_title = _("CCHC portal administration")
    index_title = _("Content management")
    login_template = "admin/login_portal.html"

    def each_context(self, request):
        """Django's, and the signed author the change forms carry
        (kept_forms.author_token)."""
        return super().each_context(request) | {
            "typed_by": kept_forms.author_token(request.user)
        }

    def admin_view(self, view, cacheable=False):
        """Django's admin view, and what a form sent once the session had ended
        holds kept for its author: the login page says so, and the form's
        address, once they are logged in, offers to send it again
        (kept_forms.py); the files chosen in a form that comes back with an
        error are kept for it (kept_uploads.py)."""
        checked = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            permitted = self.has_permission(request)
            if request.method == "POST" and not permitted:
                kept_forms.keep(request, "session")
            elif request.method == "POST":
                kept_uploads.restore(request)
                response = checked(request, *args, **kwargs)
                kept_uploads.keep(request, response)
                return response
            elif request.method == "GET" and permitted:
                kept = kept_forms.take(request)
                if kept:
                    return kept_forms.page(request, kept, self)
                kept_uploads.forget(request)
            return checked(request, *args, **kwargs)

        # The form is kept only once the CSRF check has passed.
        return update_wrapper(csrf_protect(inner), view)

    def login(self, request, extra_context=None):
        """The admin login, paused after too many failed attempts
        (``failed_logins``);
        it says when a form sent is waiting for its author to log in again,
        and why the last session ended."""
        kept = {
            "kept_form": kept_forms.waiting(request),
            "session_ended": staff_sessions.why_ended(request),
            "idle_minutes": settings.STAFF_IDLE_MINUTES,
            "session_hours": settings.STAFF_SESSION_HOURS,
        }
        extra_context = kept | (extra_context or {})
        if request.method != "POST":
            return super().login(request, extra_context)
        reason, seconds = failed_logins(request)
        if seconds:
            return self._refused(request, extra_context, reason, seconds)
        response = super().login(request, extra_context)
        if response.status_code == 200:  # the form came back: a failed attempt
            failed_logins(request, failed=True)
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
