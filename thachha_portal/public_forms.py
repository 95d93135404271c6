"""What every form open to the public shares: a same-origin check instead of a
CSRF token, a rate limit per client address and a honeypot field (people never see
it; robots fill it in). The bulletins' reader forms add a signed timestamp on top
(bulletins/forms.py).

Why no CSRF token on public forms: a token is per visitor, so a page carrying one
cannot be served from the page cache (and, compressed, is what BREACH attacks).
What CSRF protects against is another site making the visitor's browser post the
form; every browser in use says where a form post comes from — ``Sec-Fetch-Site``
(all current browsers), else ``Origin`` (sent with every cross-site POST since
2020 at the latest), else ``Referer`` — and a post from another site is refused
as Django refuses a bad token. Forms of the staff (the admin, reports) keep
Django's CSRF tokens: they are never cached.

A filled honeypot is refused like any other error, with a message and the form
shown again with what was typed: a person whose browser filled the hidden field
loses nothing and knows, instead of being thanked for an answer that was
thrown away. The honeypot itself comes back empty (``HoneypotInput``), so that
sending the form again goes through.
"""

import hashlib
import math
import re
import time
from functools import wraps
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.middleware.csrf import REASON_BAD_ORIGIN, _get_failure_view
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from . import clientip


def same_origin(request):
    """True when the browser says the request comes from one of our own pages."""
    if getattr(request, "_dont_enforce_csrf_checks", False):
        return True  # Django's test client, as for Django's own CSRF check
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site:
        return fetch_site == "same-origin"
    ours = f"{request.scheme}://{request.get_host()}"
    trusted = {ours, *settings.CSRF_TRUSTED_ORIGINS}
    origin = request.META.get("HTTP_ORIGIN")
    if origin:
        return origin in trusted
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    return f"{referer.scheme}://{referer.netloc}" in trusted


def same_origin_post(view):
    """Let ``view`` take POSTs without a CSRF token when they come from our own
    pages (see the module's docstring); others get Django's CSRF failure page."""

    @csrf_exempt
    @wraps(view)
    def checked(request, *args, **kwargs):
        if request.method == "POST" and not same_origin(request):
            return _get_failure_view()(request, reason=REASON_BAD_ORIGIN)
        return view(request, *args, **kwargs)

    return checked


_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"(\d+)/(\d*)([smhd])")
# Each limit counts in slices of a sixtieth of its period (1 s for a minute).
SLICES = 60


def parse_rate(rate):
    """``"5/m"``, ``"10/15m"`` → ``(5, 900)``: the number allowed and the
    seconds of the period."""
    count, times, unit = _RATE.fullmatch(rate.strip()).groups()
    return int(count), int(times or 1) * _PERIODS[unit]


def over_limit(request, group, rate=None, *, key="ip", increment=True):
    """Count this POST against ``group`` for the client's address (or ``key``:
    a function of the group and request) and say whether it is over ``rate``
    (PUBLIC_FORM_RATE unless given) within the last period, whenever it
    began: the seconds until enough of the posts counted are older than the
    period (for ``Retry-After``) when it is, else 0. ``increment=False`` only
    looks (the failed logins, counted after the attempt): the attempt about to
    be made is then one too many once the count has reached the limit.

    Fixed windows (django-ratelimit's, used before) let twice the rate through
    a window's edge (4 failed logins before it and 4 after, within 3 s, for a
    limit of 5 a minute). Here the period is counted in slices of a sixtieth of it, one
    counter each (``add`` then ``incr``: atomic in Redis and the disk cache,
    so across every worker and server), and every slice that overlaps the
    last period is summed: nothing in any period of that length passes the
    limit. A post is remembered a period and at most one slice (61 s for a
    minute), and ``Retry-After`` says so. A cache that does not answer pauses
    the limits rather than refusing every form and login."""
    if not settings.RATELIMIT_ENABLE or request.method != "POST":
        return 0
    limit, period = parse_rate(rate or settings.PUBLIC_FORM_RATE)
    value = clientip.client_network(request) if key == "ip" else key(group, request)
    digest = hashlib.sha256(f"{group}\n{period}\n{value}".encode()).hexdigest()
    width = max(1, math.ceil(period / SLICES))
    now = time.time()
    first, current = math.floor((now - period) / width), math.floor(now / width)
    names = {index: f"rl2:{digest[:40]}:{index}" for index in range(first, current + 1)}
    cache = caches["default"]
    stored = cache.get_many(list(names.values()))
    counts = {index: stored.get(name, 0) for index, name in names.items()}
    if increment:
        name = names[current]
        try:
            if not cache.add(name, 1, period + width + 5):
                cache.incr(name)
        except ValueError:  # the cache went away (or the slice expired) meanwhile
            return 0
        counts[current] += 1
    total = sum(counts.values())
    if total < limit or (increment and total == limit):
        return 0
    # Posts leave the count with their slice: once enough have, a post goes
    # through again.
    for index in sorted(counts):
        total -= counts[index]
        if total < limit:
            return max(1, math.ceil((index + 1) * width + period - now))
    return 1


def refused(response, seconds):
    """``response`` as the answer to a post over its limit: 429, and when to try
    again."""
    response.status_code = 429
    response["Retry-After"] = str(seconds)
    return response


class HoneypotInput(forms.TextInput):
    """The honeypot's box, always drawn empty. Shown again with what was typed,
    a form refused for its filled honeypot (a browser's autofill fills hidden
    fields too) carried the value back to the hidden box: every retry was
    refused the same way, and the person could never send it."""

    def format_value(self, value):
        return None


class HoneypotForm(forms.Form):
    """A form with the ``website`` honeypot; render it with
    ``{% include "includes/honeypot.jinja" %}``.

    A choice drawn in a fieldset (radios, boxes to tick) whose answer is
    refused has each of its options described by the message, drawn as
    ``<ul class="errorlist" id="{{ field.auto_id }}_error">``: Django links such
    a choice's message to no control, and a screen reader on an option would not
    hear why it is asked again (docs/accessibility.md)."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=HoneypotInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields and self.fields[name].widget.use_fieldset:
                message = f"{self[name].auto_id}_error"
                self.fields[name].widget.attrs["aria-describedby"] = message

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _("The form could not be sent. Please try again."), code="honeypot"
            )
        return cleaned


def sent(request, message, url, section):
    """The answer to a public form sent (POST-redirect-GET): back to the form's
    ``section`` of the page at ``url``, which shows ``message`` itself
    (includes/section_messages.jinja). Shown at the top of the page, the thanks
    were thousands of pixels above a phone's screen, which the address's
    anchor scrolls to the form: the sender saw the empty form again and sent
    it once more."""
    messages.success(request, message, extra_tags=section)
    return redirect(f"{url}#{section}")
