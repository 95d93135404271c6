"""Counters that are bumped on every page view but written to the database in
batches: at most one UPDATE per object per ``FLUSH_SECONDS``, or every
``FLUSH_EVERY`` hits, whichever comes first. The pending part lives in the cache
(Redis in production, so every worker adds to the same figure)."""

from django.apps import apps
from django.core.cache import cache
from django.db.models import F

FLUSH_EVERY = 10
FLUSH_SECONDS = 60
COUNT_VIEW_HEADER = "X-Count-View"


def _key(label, lookup, value, field):
    return f"count:{label}:{lookup}={value}:{field}"


def cache_add(key, by=1, timeout=None):
    """Add ``by`` to the cache counter ``key`` (made at 0, kept ``timeout``
    seconds) and return the new figure, even when the key is evicted meanwhile."""
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key, by)
    except ValueError:  # evicted between add and incr
        cache.set(key, by, timeout)
        return by


def increment(label, value, field="view_count", *, lookup="pk", by=1):
    """Add ``by`` to ``field`` of the row of model ``label`` whose ``lookup`` is
    ``value``; flushes to the database when the batch is due."""
    key = _key(label, lookup, value, field)
    pending = cache_add(key, by)
    if pending >= FLUSH_EVERY or cache.add(f"{key}:recent", 1, FLUSH_SECONDS):
        flush(label, value, field, lookup=lookup)


def flush(label, value, field="view_count", *, lookup="pk"):
    key = _key(label, lookup, value, field)
    pending = cache.get(key) or 0
    if pending <= 0:
        return
    cache.decr(key, pending)
    model = apps.get_model(label)
    model.objects.filter(**{lookup: value}).update(**{field: F(field) + pending})
    cache.delete(f"{key}:stored")


def total(label, value, field="view_count", *, lookup="pk"):
    """The exact current figure: the stored value (read from the database at most
    once a minute, and again after each flush) plus the pending hits."""
    key = _key(label, lookup, value, field)
    stored = cache.get(f"{key}:stored")
    if stored is None:
        model = apps.get_model(label)
        stored = (
            model.objects.filter(**{lookup: value})
            .values_list(field, flat=True)
            .first()
            or 0
        )
        cache.set(f"{key}:stored", stored, FLUSH_SECONDS)
    return stored + (cache.get(key) or 0)


def pending(label, value, field="view_count", *, lookup="pk"):
    """Hits counted but not yet written to the database."""
    return cache.get(_key(label, lookup, value, field)) or 0


def mark_viewed(response, obj, field="view_count"):
    """Ask the middleware to count a view of ``obj`` each time ``response`` (or its
    cached copy) is served."""
    response[COUNT_VIEW_HEADER] = f"{obj._meta.label_lower}:{obj.pk}:{field}"
    return response


def count_marked_view(response):
    """Count the view named in the response header, and drop the header."""
    # ResponseHeaders.pop() returns Django's internal (name, value) pair: read, then
    # delete.
    marker = response.headers.get(COUNT_VIEW_HEADER)
    if not marker:
        return
    del response.headers[COUNT_VIEW_HEADER]
    label, pk, field = marker.split(":")
    increment(label, pk, field)
