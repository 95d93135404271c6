"""The visitor counter of the footer ("Lượt truy cập: total · Đang trực tuyến: now").

Privacy: a visitor is known only by a keyed hash of (day, client address, browser),
kept in the cache for half an hour; no address is stored anywhere, and the hash
changes every day. Cost: no database write per request (the running total is
flushed in batches by ``counters``), and on a cached page one cache round trip for
the figures, read together with the page (``stats_keys``). A visitor seen by this
process in the current five-minute window costs no write at all; otherwise one
``add`` (and a few more the first time in a window).
"""

import hashlib
import hmac
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.numberformat import format as number_format

from . import clientip, counters

VISIT_SECONDS = 30 * 60
ONLINE_WINDOW = 5 * 60
TOTAL = ("thachha_portal.sitecounter", "visits", "value")
BOTS = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|zalo|monitor|curl|wget|"
    r"python-requests|httpclient|headless",
    re.IGNORECASE,
)
_SEEN_LIMIT = 50_000
_seen = {}  # visitor id -> the window this process last recorded them in


def keyed_digest(*parts):
    """An HMAC (keyed with SECRET_KEY) of ``parts``: recognises a visitor again
    without storing what it was made of."""
    message = "|".join(parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def keyed_hash(request, scope):
    """``keyed_digest`` of ``scope``, the client address and the browser."""
    agent = request.META.get("HTTP_USER_AGENT", "")
    return keyed_digest(scope, clientip.client_ip(request), agent)


def visitor_id(request):
    """The visitor of today: the hash changes every day."""
    return keyed_hash(request, timezone.localdate().isoformat())[:24]


def forget_seen():
    """Forget which visitors this process recorded (the cache was emptied)."""
    _seen.clear()


def _window(now=None):
    return int((now or time.time()) // ONLINE_WINDOW)


def _online_keys(window):
    return (
        f"visitor:online-n:{window}",
        f"visitor:online-n:{window - 1}",
        f"visitor:online-both:{window}",
    )


def stats_keys(now=None):
    """The keys ``stats`` reads: fetch them with the page in one ``get_many``."""
    return (
        *counters.keys(*TOTAL[:2], TOTAL[2], lookup="key"),
        *_online_keys(_window(now)),
    )


def record(request, now=None):
    """Count this request: a new visit after 30 idle minutes, and presence online.
    Returns (new visit, new online) so that figures read before can be corrected."""
    if BOTS.search(request.META.get("HTTP_USER_AGENT", "")):
        return False, False
    vid = visitor_id(request)
    window = _window(now)
    if _seen.get(vid) == window:
        return False, False
    if len(_seen) > _SEEN_LIMIT:
        _seen.clear()
    _seen[vid] = window
    if not cache.add(f"visitor:online:{window}:{vid}", 1, ONLINE_WINDOW * 3):
        return False, False
    counters.cache_add(f"visitor:online-n:{window}", timeout=ONLINE_WINDOW * 3)
    seen_before = bool(cache.get(f"visitor:online:{window - 1}:{vid}"))
    if seen_before:
        counters.cache_add(f"visitor:online-both:{window}", timeout=ONLINE_WINDOW * 3)
    visit_key = f"visitor:visit:{vid}"
    new_visit = cache.add(visit_key, 1, VISIT_SECONDS)
    if new_visit:
        counters.increment(*TOTAL[:2], TOTAL[2], lookup="key")
    else:
        cache.touch(visit_key, VISIT_SECONDS)
    return new_visit, not seen_before


def stats(now=None, found=None):
    """(total visits, visitors online in the last 5 to 10 minutes). ``found``: a
    ``get_many`` result holding ``stats_keys(now)``, if already read."""
    if found is None:
        found = cache.get_many(stats_keys(now))
    total = counters.total(*TOTAL[:2], TOTAL[2], lookup="key", found=found)
    now_n, before_n, both = (found.get(k) or 0 for k in _online_keys(_window(now)))
    return total, max(now_n + before_n - both, 0)


def count_and_stats(request, found=None):
    """Record this request and give the figures that include it (read first, then
    corrected, so that a batch flushed by this very visit is not counted twice)."""
    total, online = stats(found=found)
    new_visit, new_online = record(request)
    return total + new_visit, online + new_online


def snippet_format(language):
    """The footer line in ``language`` with ``{total}``/``{online}`` slots, and
    the thousands separator (a cached page keeps its own: pagecache.Entry)."""
    with translation.override(language):
        slots = {"total": "{total}", "online": "{online}"}
        text = render_to_string("includes/visitor_stats.jinja", slots).strip()
        return text, formats.get_format("THOUSAND_SEPARATOR")


def figures_html(snippet, total, online):
    """The footer line of ``snippet_format`` with the figures in."""
    text, separator = snippet

    def grouped(n):
        return number_format(
            n, ",", thousand_sep=separator, grouping=3, force_grouping=True
        )

    return text.format(total=grouped(total), online=grouped(online)).encode()
