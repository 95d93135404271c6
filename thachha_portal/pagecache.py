"""Whole-page cache for anonymous visitors, with invalidation that is exact and
targeted. The rules (docs/deploy.md, "Page cache", says why):

* A view opts in with ``@public_page(*apps, query=(...))``: the apps whose content
  the page shows, and the query parameters it reads. Any other parameter is
  redirected away before the view runs (to the canonical address), so junk query
  strings neither render nor fill the cache; at most ``MAX_VARIANTS`` query
  variants of one address are kept per generation.
* Every app has a *generation* in the cache, bumped after the transaction that
  saved or deleted one of its public models commits. An entry records the
  generations read *before* its page was rendered; a hit needs them all to be
  current. An edit to a bulletin therefore leaves the procedure pages cached, and
  nothing stale is ever served. The commune profile (``thachha_portal``) is shown
  on every page, so every page depends on it.
* Entries, and every value kept by ``generation()``, are keyed on the release
  stamp too (release.py): after an upgrade nothing the old code drew is served,
  and servers on two releases sharing a cache never serve each other's pages.
* Content that becomes public by itself at a known time (a scheduled bulletin) is
  announced by a *next change* provider; no page is cached past that moment.
* Only pages that are the same for everyone are stored: no cookie set, no
  ``private``/``no-cache``, no CSRF token (public forms are protected without one,
  see public_forms.py). That is also what makes it safe to compress them (BREACH
  needs a secret in the page).
* An entry keeps the page split at the visitor-figures placeholder, as plain bytes
  and as gzip members joined at byte boundaries, so a hit fills in the figures
  without rendering a template or compressing the page again.
"""

import datetime
import functools
import hashlib
import struct
import threading
import time
import zlib
from dataclasses import dataclass
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import Resolver404, resolve
from django.utils import timezone

from . import caches, localpages, release

GENERATION_PREFIX = "pc:gen:"
VISITOR_STATS_PLACEHOLDER = b"<!--visitor-stats-->"
MAX_VARIANTS = 100
# Headers of the rendered response that are not part of the stored page.
NOT_STORED = {"set-cookie", "content-length", "x-page-cache", "x-count-view"}
COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/rss")
COMPRESSIBLE += ("application/atom", "image/svg")

_next_change_providers = []
_public_apps = []  # filled by connect_invalidation (thachha_portal/wiring.py)


@dataclass(frozen=True)
class Policy:
    apps: tuple
    query: tuple
    uncached_if: tuple = ()


def public_page(*shown_apps, query=(), uncached_if=()):
    """Mark a view's page as cacheable for anonymous visitors. ``shown_apps``:
    the apps whose content it shows (the commune profile is always included);
    ``query``: the query parameters it reads; ``uncached_if``: parameters that,
    when given, make the page one not to store (search words: each search is
    counted by the search log, and free text would only fill the cache)."""
    policy = Policy(
        apps=("thachha_portal", *sorted(set(shown_apps) - {"thachha_portal"})),
        query=tuple(query),
        uncached_if=tuple(uncached_if),
    )

    def mark(view):
        view.page_cache = policy
        return view

    return mark


@functools.lru_cache(maxsize=4096)
def policy_for(path):
    """The view's Policy for ``path``, or None (not cached, or no such page)."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return getattr(match.func, "page_cache", None)


def _forget_policies(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        policy_for.cache_clear()


setting_changed.connect(_forget_policies)


# Generations -------------------------------------------------------------------


def generation_key(app):
    return f"{GENERATION_PREFIX}{app}"


def generations(app_labels, found):
    """The current generations of ``app_labels`` from ``found`` (a get_many
    result); a missing one (first use, eviction, flush) is started afresh, which
    makes every entry stamped before it stale."""
    values = []
    for app in app_labels:
        value = found.get(generation_key(app))
        if value is None:
            _store_generation(app, time.time_ns(), only_new=True)
            value = cache.get(generation_key(app)) or 0
        values.append(value)
    return tuple(values)


def generation(*app_labels):
    """The generations of ``app_labels`` (all public apps by default) as text,
    after the release stamp (release.py), for caches of derived values that must
    follow the pages and the code."""
    app_labels = app_labels or tuple(_public_apps)
    gens = localpages.watcher.known(app_labels)
    if gens is None:
        found = cache.get_many([generation_key(a) for a in app_labels])
        gens = generations(app_labels, found)
    return ".".join((release.stamp(), *(str(g) for g in gens)))


def generations_known():
    """True if this worker knows every generation from its subscription
    (localpages.py) for this request: an edit anywhere would have moved one."""
    return localpages.watcher.known(tuple(_public_apps)) is not None


_kept_by_worker = []


class WorkerCopies(dict):
    """A worker's copies of values derived from the data, by key (generations or
    stamps in it); past ``limit`` keys, emptied before the next is kept. Emptied
    by ``forget_kept``."""

    def __init__(self, limit):
        super().__init__()
        self.limit = limit
        self.lock = threading.Lock()
        _kept_by_worker.append(self)

    def keep(self, key, value):
        with self.lock:
            if len(self) >= self.limit:
                self.clear()
            self[key] = value
        return value

    def current(self, key, now, until):
        """The copy under ``key`` when it may be served without asking the
        cache whether it is current: this worker's subscription knows every
        generation (which ``key`` names), and ``now`` is before ``until(copy)``
        (None: no end of its own)."""
        value = self.get(key)
        if value is None or not generations_known():
            return None
        end = until(value)
        return value if end is None or now < end else None


def forget_kept():
    """Empty every worker copy of derived values (tests: generations are clock
    readings, which a test that stops the clock can repeat)."""
    for values in _kept_by_worker:
        values.clear()


class Kept:
    """Values derived from the database (``build(*args)``), kept by each worker
    while the generations of ``apps`` stand: an edit that commits moves them,
    and the next request builds again. Only while the cache answers and keeps
    what it is given (without it, or with Django's dummy cache while
    developing, the generations are stand-ins that no edit moves). The values
    are shared by the requests of a worker: read-only."""

    def __init__(self, apps, build, limit=16):
        self.apps, self.build = apps, build
        self.values = WorkerCopies(limit)

    def __call__(self, *args):
        key = (args, generation(*self.apps))
        if not getattr(cache, "available", True) or caches.keeps_nothing():
            return self.build(*args)
        found = self.values.get(key)
        if found is None:
            found = self.values.keep(key, self.build(*args))
        return found


def public_apps():
    """The apps whose saves make pages stale."""
    return tuple(_public_apps)


def _store_generation(app, value, only_new=False):
    """Store ``app``'s generation (only if it has none with ``only_new``); with
    Redis also announced to every worker's local copies (localpages.py) in the
    same atomic step. False if not stored."""
    return localpages.store(generation_key(app), app, value, only_new)


@localpages.watch
def _watched_generations():
    """Every public app's generation, for a worker's subscription; one not
    stored yet (the page cache turned off, a flush) is started as a page would
    start it, so that every generation is known: what each worker keeps by
    them (the profile…) needs no round trip either."""
    labels = public_apps()
    found = cache.get_many([generation_key(a) for a in labels])
    return dict(zip(labels, generations(labels, found), strict=True))


def _bump(app_labels):
    stored = [_store_generation(app, time.time_ns()) for app in app_labels]
    if not all(stored):
        caches.recover_later()


def _bump_everything():
    """Every page stale. A bump failed in some process while the cache was
    away: the thread that saw the failure runs this when its cache answers again
    (caches.RECOVERY_HOOKS), before it reads anything, so that no page stored
    before the outage is served after it; and so does a timer, in case the
    process that failed gets no further request."""
    _bump(tuple(_public_apps))


caches.RECOVERY_HOOKS.append(_bump_everything)


def invalidate(*app_labels, using=None):
    """Make the pages showing ``app_labels`` (all by default) stale, once the
    current transaction commits (at once outside a transaction)."""
    labels = tuple(app_labels) or tuple(_public_apps)
    transaction.on_commit(lambda: _bump(labels), using=using, robust=True)


def _on_change(sender, using=None, **kwargs):
    invalidate(sender._meta.app_label, using=using)


def _on_m2m_change(sender, instance, model, using=None, **kwargs):
    labels = {instance._meta.app_label, model._meta.app_label} & set(_public_apps)
    if labels:
        invalidate(*sorted(labels), using=using)


def connect_invalidation(labels):
    """Make the pages of an app stale after every save or delete in it (and of
    both apps of a many-to-many change), once the transaction commits."""
    _public_apps[:] = labels
    for label in labels:
        for model in apps.get_app_config(label).get_models():
            if getattr(model, "page_cache_exempt", False):
                continue
            uid = f"pagecache:{model._meta.label_lower}"
            post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}:save")
            post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}:del")
            for m2m in model._meta.many_to_many:
                m2m_changed.connect(
                    _on_m2m_change,
                    sender=m2m.remote_field.through,
                    dispatch_uid=f"{uid}:m2m:{m2m.name}",
                )


def next_local_midnight():
    """Every page changes at midnight in local time without a save: pages show
    the day (a print sheet's "printed on", the dashboard's month in progress,
    the plan in force) and the year (the footer)."""
    now = timezone.localtime()
    return datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time(), now.tzinfo
    )


def register_next_change(provider, app=None):
    """Register a callable returning the next datetime at which public content
    of ``app`` (any app if None) changes without a save, or None."""
    _next_change_providers.append((app, provider))
    return provider


register_next_change(next_local_midnight)


def timeout(app_labels=None, longest=None):
    """Seconds a page rendered now may be served: ``longest`` (the page cache's
    setting by default), cut short by the next scheduled change of the apps it
    shows."""
    seconds = settings.PAGE_CACHE_SECONDS if longest is None else longest
    now = timezone.now()
    for app, provider in _next_change_providers:
        if app is None or app_labels is None or app in app_labels:
            moment = provider()
            if moment is not None:
                seconds = min(seconds, int((moment - now).total_seconds()))
    return seconds


def expiry(app_labels=None, longest=None):
    """The moment (``time.time()``) past which what is read of ``app_labels``
    from now on may no longer be served (``timeout``). Taken before the
    reading: a scheduled change that falls while a page is drawn or a search
    runs then ends its time; taken after, it would let what was read before
    the change be served for the whole ``longest``."""
    return time.time() + timeout(app_labels, longest)


def seconds_until(moment):
    """Whole seconds left before ``moment`` (an ``expiry``), 0 or less once past."""
    return int(moment - time.time())


# Requests ------------------------------------------------------------------------


def canonical_query(request, policy):
    """(query string made of the declared parameters, True if the request had
    anything else)."""
    if not request.META.get("QUERY_STRING"):
        return "", False
    params = request.GET
    kept = [(name, params.getlist(name)[-1]) for name in policy.query if name in params]
    extra = len(params) != len(kept) or any(
        len(params.getlist(name)) > 1 for name, _value in kept
    )
    return urlencode(kept), extra


def entry_key(request, language, query, gzip):
    raw = "|".join(
        (
            release.stamp(),
            request.scheme,
            request.get_host(),
            language,
            request.path,
            query,
        )
    ).encode()
    return f"pc:page:{hashlib.sha1(raw, usedforsecurity=False).hexdigest()}:{int(gzip)}"


def variants_key(request, gens):
    raw = f"{release.stamp()}|{request.get_host()}|{request.path}|{gens}".encode()
    return f"pc:variants:{hashlib.sha1(raw, usedforsecurity=False).hexdigest()}"


def within_variant_budget(request, gens):
    """Count a new query variant of this address; False past MAX_VARIANTS."""
    key = variants_key(request, gens)
    cache.add(key, 0, settings.PAGE_CACHE_SECONDS)
    try:
        return cache.incr(key) <= MAX_VARIANTS
    except ValueError:
        return False


# Responses ------------------------------------------------------------------------


def storable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if b'name="csrfmiddlewaretoken"' in response.content:
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(
        word in cache_control for word in ("private", "no-cache", "no-store")
    )


def compressible(response):
    return response.get("Content-Type", "").startswith(COMPRESSIBLE)


@dataclass
class Entry:
    """A stored page: ``head`` + visitor figures + ``tail`` (``tail`` is None when
    the page has no figures). For gzip, ``head``/``tail`` are raw deflate streams
    and ``tail_plain`` the tail's bytes (for the checksum)."""

    gens: tuple
    headers: list
    etag: str
    modified: float
    head: bytes
    tail: bytes | None
    gzip: bool = False
    head_crc: int = 0
    head_size: int = 0
    tail_plain: bytes = b""
    count_view: str = ""
    snippet: tuple = ()  # visitors.snippet_format of the page's language
    expires: float = 0.0  # time.time() past which it must not be served


def _deflate(data, final):
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    end = zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH
    return compressor.compress(data) + compressor.flush(end)


def _stored_blocks(data):
    """``data`` as non-final stored deflate blocks (no compression work)."""
    out = []
    for start in range(0, len(data), 65535):
        chunk = data[start : start + 65535]
        out.append(b"\x00" + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF))
        out.append(chunk)
    return b"".join(out)


GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"


def build_entries(response, gens, count_view, snippet, seconds):
    """The plain and the gzip entry of a rendered page, to be kept ``seconds``."""
    content = response.content
    head, placeholder, tail = content.partition(VISITOR_STATS_PLACEHOLDER)
    has_figures = bool(placeholder)
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in NOT_STORED
    ]
    digest = hashlib.sha1(content, usedforsecurity=False).hexdigest()[:20]
    common = {
        "gens": gens,
        "headers": headers,
        "etag": f'W/"{digest}"',
        "modified": time.time(),
        "expires": time.time() + seconds,
        "count_view": count_view,
        "snippet": snippet if has_figures else (),
    }
    plain = Entry(head=head, tail=tail if has_figures else None, **common)
    if not compressible(response):
        return plain, None
    zipped = Entry(
        head=_deflate(head, final=not has_figures),
        tail=_deflate(tail, final=True) if has_figures else None,
        gzip=True,
        head_crc=zlib.crc32(head),
        head_size=len(head),
        tail_plain=tail if has_figures else b"",
        **common,
    )
    return plain, zipped


def body(entry, figures):
    """The bytes to send: the stored page with ``figures`` (bytes) filled in."""
    if not entry.gzip:
        if entry.tail is None:
            return entry.head
        return b"".join((entry.head, figures, entry.tail))
    if entry.tail is None:
        crc, size, middle = entry.head_crc, entry.head_size, b""
    else:
        crc = zlib.crc32(entry.tail_plain, zlib.crc32(figures, entry.head_crc))
        size = entry.head_size + len(figures) + len(entry.tail_plain)
        middle = _stored_blocks(figures) + entry.tail
    trailer = struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF)
    return b"".join((GZIP_HEADER, entry.head, middle, trailer))


def accepts_gzip(request):
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
