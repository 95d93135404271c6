"""A staff session ends after a while without a click, and at the end of a
working day whatever.

A commune office shares its computers: the one-stop desk's, the culture
officer's. A login that lasted two weeks left the admin open to whoever sat
down next. Now a session ends ``STAFF_IDLE_MINUTES`` after its last request
(two hours by default) and ``STAFF_SESSION_HOURS`` after its login (twelve):
the next request finds its owner logged out, and the login page says why.
Nothing typed is lost by it: a form sent after the end is kept for its author
(kept_forms.py).

Both times are kept in the session itself, so every worker of every server
that shares the database reads the same ones; the time of the last request is
written at most once a minute (``SEEN_EVERY``), not on every click.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

LOGIN_AT = "_login_at"  # epoch seconds of the login
SEEN_AT = "_seen_at"  # epoch seconds of the last request, to SEEN_EVERY
ENDED = "session_ended"  # why the last session ended: IDLE or TOO_OLD
ENDED_FOR = "session_ended_for"  # the pk of whom it was, until they log in
IDLE, TOO_OLD = "idle", "too_old"
SEEN_EVERY = 60


@receiver(user_logged_in, dispatch_uid="staff-session-times")
def _logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[LOGIN_AT] = request.session[SEEN_AT] = now
        request.session.pop(ENDED, None)
        request.session.pop(ENDED_FOR, None)


def ended(session, now):
    """Why a logged-in ``session`` has ended at ``now``, or None."""
    login_at = session.get(LOGIN_AT)
    seen_at = session.get(SEEN_AT, login_at)
    if seen_at is not None and now - seen_at > settings.STAFF_IDLE_MINUTES * 60:
        return IDLE
    if login_at is not None and now - login_at > settings.STAFF_SESSION_HOURS * 3600:
        return TOO_OLD
    return None


class StaffSessionMiddleware:
    """Logs out a session past its time (see the module's docstring), keeping
    why for the login page; notes the time of the others' requests. Only a
    request carrying a session cookie is looked at: a visitor's costs nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            self._check(request)
        return self.get_response(request)

    @staticmethod
    def _check(request):
        if not request.user.is_authenticated:
            return
        session, now = request.session, int(time.time())
        if LOGIN_AT not in session:  # logged in before this check existed
            session[LOGIN_AT] = session[SEEN_AT] = now
            return
        why = ended(session, now)
        if why:
            user = request.user
            logout(request)
            request.session[ENDED] = why
            request.session[ENDED_FOR] = user.pk
        elif now - session.get(SEEN_AT, 0) >= SEEN_EVERY:
            session[SEEN_AT] = now


def staff_or_just_ended(request):
    """The request comes from a member of staff logged in, or from one whose
    session this portal has just ended (its form is kept for them)."""
    return request.user.is_authenticated or ENDED_FOR in request.session


def why_ended(request):
    """Why this browser's last session ended, once (the login page says it)."""
    return request.session.pop(ENDED, None)
