"""Counters that are bumped on every page view but written to the database in
batches: at most one UPDATE per object per ``FLUSH_SECONDS`` and process, or every
``FLUSH_EVERY`` hits, whichever comes first. The pending part lives in the shared
cache, so every worker adds to the same figure.

Page views are counted in two steps: a process keeps its views of the last
``BUFFER_SECONDS`` in memory and adds them to the shared cache in one INCRBY per
page (``push_views``: at the process's next request once due, or by the
process's one background thread when no request comes), so a cached page costs
no cache round trip of its own for its view counter. The figures read
(``pending``, ``flush``) include what this process holds; another worker's last
second may not be in them yet. A worker that is killed loses at most its last
second of views. A page served from the cache never waits for the database
(``off_the_database``): a flush that falls due or a stored figure to read again
is left to the background thread, so a PostgreSQL that hangs does not hold the
pages it does not need.

Nothing is lost when a service blinks: pending hits are taken out of the cache only
after the UPDATE that stores them succeeded (a database that does not answer leaves
them pending for the next flush); a cache that does not answer sends each hit
straight to the database instead.
"""

import atexit
import contextlib
import logging
import os
import threading
import time

from django.apps import apps
from django.core.cache import cache
from django.db import DatabaseError, close_old_connections
from django.db.models import F

logger = logging.getLogger("thachha_portal.counters")

FLUSH_EVERY = 10
FLUSH_SECONDS = 60
DATABASE_RETRY_SECONDS = 5
COUNT_VIEW_HEADER = "X-Count-View"
BUFFER_SECONDS = 1.0

_last_flush = {}  # key -> monotonic time of this process's last flush
_database_down_until = 0.0
_views = {}  # view marker -> views counted by this process, not yet pushed
_views_since = 0.0  # monotonic time of the oldest of them
_views_lock = threading.Lock()  # guards _views and _views_since
_push_lock = threading.RLock()  # one push at a time; pending() reads between them
_pusher_pid = None  # the process whose background pusher runs
_deferred = set()  # database work left to the background thread (off_the_database)
_local = threading.local()
# False: off_the_database does the work at once (the unit tests, whose database
# a background thread cannot share).
BACKGROUND_DATABASE = True


def forget_process_state():
    """Forget this process's flush times, database pause and unpushed views
    (tests)."""
    global _database_down_until
    _last_flush.clear()
    with _views_lock:
        _views.clear()
        _deferred.clear()
    _database_down_until = 0.0


def _key(label, lookup, value, field):
    return f"count:{label}:{lookup}={value}:{field}"


def keys(label, value, field="view_count", *, lookup="pk"):
    """(pending key, stored key): read both with one ``get_many``."""
    key = _key(label, lookup, value, field)
    return key, f"{key}:stored"


def _rows(label, lookup, value):
    return apps.get_model(label).objects.filter(**{lookup: value})


def cache_add(key, by=1, timeout=None):
    """Add ``by`` to the cache counter ``key`` (made at ``by``, kept ``timeout``
    seconds) and return the new figure: one round trip once the key exists. None
    when the cache does not answer."""
    try:
        return cache.incr(key, by)
    except ValueError:  # first time, evicted, or the cache is down
        if cache.add(key, by, timeout):
            return by
        try:
            return cache.incr(key, by)
        except ValueError:
            return None


def increment(label, value, field="view_count", *, lookup="pk", by=1):
    """Add ``by`` to ``field`` of the row of model ``label`` whose ``lookup`` is
    ``value``; flushes to the database when the batch is due."""
    key = _key(label, lookup, value, field)
    pending = cache_add(key, by)
    if pending is None:
        _write_through(label, value, field, lookup, by)
        return
    # The clock of a counter starts at its first hit in this process.
    last = _last_flush.setdefault(key, time.monotonic())
    due = pending >= FLUSH_EVERY or time.monotonic() - last > FLUSH_SECONDS
    if due and not _defer(flush, label, value, field, lookup):
        flush(label, value, field, lookup=lookup)


@contextlib.contextmanager
def off_the_database():
    """Within: database work of the counters (a flush, a stored figure read
    again) goes to the process's background thread instead of waiting here."""
    _local.deferring = BACKGROUND_DATABASE
    try:
        yield
    finally:
        _local.deferring = False


def _defer(work, label, value, field, lookup):
    """Leave ``work`` to the background thread when off the database (True)."""
    if not getattr(_local, "deferring", False):
        return False
    with _views_lock:
        _deferred.add((work, label, value, field, lookup))
    if _pusher_pid != os.getpid():
        _start_pusher()
    return True


def _do_deferred():
    """The background thread's database work, on its own connection (kept
    like a request's: closed when broken or older than CONN_MAX_AGE)."""
    with _views_lock:
        work = list(_deferred)
        _deferred.clear()
    if not work:
        return
    close_old_connections()
    for function, label, value, field, lookup in work:
        if time.monotonic() >= _database_down_until:
            function(label, value, field, lookup=lookup)
    close_old_connections()


def _write_through(label, value, field, lookup, by):
    """The cache is down: store the hit at once rather than lose it."""
    if time.monotonic() < _database_down_until:
        return
    try:
        _rows(label, lookup, value).update(**{field: F(field) + by})
    except DatabaseError as error:
        _database_failed(error)


def _database_failed(error):
    global _database_down_until
    _database_down_until = time.monotonic() + DATABASE_RETRY_SECONDS
    logger.warning("Counters kept pending: the database did not answer (%s).", error)


def flush(label, value, field="view_count", *, lookup="pk"):
    """Write the pending hits to the database, then take them out of the cache.
    One process at a time per counter (a short lock in the cache)."""
    key = _key(label, lookup, value, field)
    if lookup == "pk" and _marker(label, value, field) in _views:
        push_views()  # this process's own views first (they may flush)
    _last_flush[key] = time.monotonic()
    if time.monotonic() < _database_down_until or not cache.add(f"{key}:lock", 1, 30):
        return
    try:
        pending = cache.get(key) or 0
        if pending <= 0:
            return
        try:
            _rows(label, lookup, value).update(**{field: F(field) + pending})
        except DatabaseError as error:
            _database_failed(error)
            return
        with contextlib.suppress(ValueError):  # the cache went down meanwhile
            cache.decr(key, pending)
        # The stored figure moves by what was written (no query needed for it).
        stored = cache.get(f"{key}:stored")
        if stored is not None:
            cache.set(f"{key}:stored", (stored[0] + pending, stored[1]), None)
    finally:
        cache.delete(f"{key}:lock")


def _refresh_stored(label, value, field, lookup):
    """Read the figure from the database into the cache. None if the database
    did not answer."""
    try:
        fresh = _rows(label, lookup, value).values_list(field, flat=True).first()
    except DatabaseError as error:
        _database_failed(error)
        return None
    stored_key = keys(label, value, field, lookup=lookup)[1]
    cache.set(stored_key, (fresh or 0, time.time()), None)
    return fresh or 0


def stored_value(label, value, field, lookup, found):
    """The figure in the database, cached as (value, read at) and read again at
    most every FLUSH_SECONDS; the last known value while the database is down."""
    entry = found.get(keys(label, value, field, lookup=lookup)[1])
    if entry is not None and time.time() - entry[1] < FLUSH_SECONDS:
        return entry[0]
    if entry is not None and _defer(_refresh_stored, label, value, field, lookup):
        return entry[0]
    if time.monotonic() >= _database_down_until:
        fresh = _refresh_stored(label, value, field, lookup)
        if fresh is not None:
            # ``found`` may serve the next requests too (the footer's figures
            # are read once a second per worker): not read again for them.
            found[keys(label, value, field, lookup=lookup)[1]] = (fresh, time.time())
            return fresh
    return entry[0] if entry is not None else 0


def total(label, value, field="view_count", *, lookup="pk", found=None):
    """The exact current figure: the stored value plus the pending hits.
    ``found``: a ``get_many`` result holding ``keys(...)``, if already read."""
    if found is None:
        found = cache.get_many(keys(label, value, field, lookup=lookup))
    pending_key = keys(label, value, field, lookup=lookup)[0]
    return stored_value(label, value, field, lookup, found) + (
        found.get(pending_key) or 0
    )


def pending(label, value, field="view_count", *, lookup="pk"):
    """Hits counted but not yet written to the database (this process's views
    not yet pushed included)."""
    with _push_lock:
        own = _views.get(_marker(label, value, field), 0) if lookup == "pk" else 0
        return (cache.get(_key(label, lookup, value, field)) or 0) + own


def mark_viewed(response, obj, field="view_count"):
    """Ask the middleware to count a view of ``obj`` each time ``response`` (or its
    cached copy) is served."""
    response[COUNT_VIEW_HEADER] = _marker(obj._meta.label_lower, obj.pk, field)
    return response


def _marker(label, pk, field):
    """The view marker of ``mark_viewed``, also the key of ``_views``."""
    return f"{label}:{pk}:{field}"


def count_view(marker):
    """Count the view named by a ``mark_viewed`` marker: kept in this process
    and pushed with the others within ``BUFFER_SECONDS``; at once when the cache
    does not answer (the hit then goes to the database)."""
    global _views_since
    if not marker:
        return
    with _views_lock:
        if not _views:
            _views_since = time.monotonic()
        _views[marker] = _views.get(marker, 0) + 1
    if _pusher_pid != os.getpid():
        _start_pusher()
    if not getattr(cache, "available", True):
        push_views()
    else:
        push_views_if_due()


def _due():
    return bool(_views) and time.monotonic() - _views_since >= BUFFER_SECONDS


def push_views_if_due():
    """Push this process's views once the oldest is BUFFER_SECONDS old (called
    on every request: costs nothing when there are none)."""
    if _due():
        push_views()


def _take_views():
    with _views_lock:
        taken = list(_views.items())
        _views.clear()
    return taken


def push_views():
    """Add this process's views to the shared counters (INCRBY, one per page;
    a batch that is due is written to the database)."""
    with _push_lock:
        for marker, views in _take_views():
            label, pk, field = marker.split(":")
            increment(label, pk, field, by=views)


def _start_pusher():
    """The process's background pusher, started with its first view (a forked
    worker starts its own)."""
    global _pusher_pid
    with _views_lock:
        if _pusher_pid == os.getpid():
            return
        _pusher_pid = os.getpid()
    threading.Thread(target=_push_loop, name="view-counters", daemon=True).start()


def _push_loop():
    while True:
        time.sleep(BUFFER_SECONDS)
        try:
            if _due():
                _push_in_background()
            _do_deferred()
        except Exception:  # a pusher that dies would keep views from the figures
            logger.exception("Pushing the page views to the cache failed.")


def _push_in_background():
    """The views of a process that got no request since: to the cache only
    (kept for the next request when the cache does not answer)."""
    with _push_lock:
        for marker, views in _take_views():
            label, pk, field = marker.split(":")
            if cache_add(_key(label, "pk", pk, field), views) is None:
                with _views_lock:
                    _views[marker] = _views.get(marker, 0) + views


atexit.register(push_views)
