"""The visitor counter of the footer ("Thống kê: total · Online: now").

Privacy: a visitor is known only by a keyed hash of (day, client address, browser),
kept in the cache for half an hour; no address is stored anywhere, and the hash
changes every day. Cost: no database write per request; the running total is
flushed in batches by ``counters``. Cached pages are still counted, because the
middleware counts and fills in the figures on every response, cached or not.
"""

import hashlib
import hmac
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from . import counters

VISIT_SECONDS = 30 * 60
ONLINE_WINDOW = 5 * 60
TOTAL_KEY = "visits"
BOTS = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|zalo|monitor|curl|wget|"
    r"python-requests|httpclient|headless",
    re.IGNORECASE,
)


def client_ip(request):
    """The client address, from the header named by CLIENT_IP_HEADER behind a proxy."""
    raw = request.META.get(settings.CLIENT_IP_HEADER, "") or request.META.get(
        "REMOTE_ADDR", ""
    )
    return raw.split(",")[0].strip()


def keyed_digest(*parts):
    """An HMAC (keyed with SECRET_KEY) of ``parts``: recognises a visitor again
    without storing what it was made of."""
    message = "|".join(parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def keyed_hash(request, scope):
    """``keyed_digest`` of ``scope``, the client address and the browser."""
    agent = request.META.get("HTTP_USER_AGENT", "")
    return keyed_digest(scope, client_ip(request), agent)


def visitor_id(request):
    """The visitor of today: the hash changes every day."""
    return keyed_hash(request, timezone.localdate().isoformat())[:24]


def record(request, now=None):
    """Count this request: a new visit after 30 idle minutes, and presence online."""
    if BOTS.search(request.META.get("HTTP_USER_AGENT", "")):
        return
    vid = visitor_id(request)
    visit_key = f"visitor:visit:{vid}"
    if cache.add(visit_key, 1, VISIT_SECONDS):
        counters.increment(
            "thachha_portal.sitecounter", TOTAL_KEY, "value", lookup="key"
        )
    else:
        cache.touch(visit_key, VISIT_SECONDS)
    window = int((now or time.time()) // ONLINE_WINDOW)
    if cache.add(f"visitor:online:{window}:{vid}", 1, ONLINE_WINDOW * 3):
        counters.cache_add(f"visitor:online-n:{window}", timeout=ONLINE_WINDOW * 3)
        if cache.get(f"visitor:online:{window - 1}:{vid}"):
            counters.cache_add(
                f"visitor:online-both:{window}", timeout=ONLINE_WINDOW * 3
            )


def stats(now=None):
    """(total visits, visitors online in the last 5 to 10 minutes)."""
    total = counters.total(
        "thachha_portal.sitecounter", TOTAL_KEY, "value", lookup="key"
    )
    window = int((now or time.time()) // ONLINE_WINDOW)
    values = cache.get_many(
        [
            f"visitor:online-n:{window}",
            f"visitor:online-n:{window - 1}",
            f"visitor:online-both:{window}",
        ]
    )
    online = (
        values.get(f"visitor:online-n:{window}", 0)
        + values.get(f"visitor:online-n:{window - 1}", 0)
        - values.get(f"visitor:online-both:{window}", 0)
    )
    return total, max(online, 0)
