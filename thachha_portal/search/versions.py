"""Version stamps of what the search keeps in each worker's memory (the
vocabulary, each index's lexicon): a stamp in the shared cache changes when the
data behind it changes, and a worker rebuilds its copy when the stamp it built
from is no longer current. A copy is also rebuilt after ``MAX_AGE`` seconds, so
that a worker whose cache is not shared with the others (several processes
with the local-memory cache) still catches up."""

import time

from django.core.cache import cache

MAX_AGE = 300
_KEY = "search:version:{name}"


def current(name):
    """The stamp of ``name``, created if the cache has none."""
    key = _KEY.format(name=name)
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns(), None)
        value = cache.get(key)
    return value


def bump(name, **_signal_kwargs):
    """Mark ``name`` as changed (usable as a signal receiver)."""
    cache.set(_KEY.format(name=name), time.time_ns(), None)


def current_many(names):
    """The stamps of ``names`` in one cache round trip, as a tuple."""
    keys = [_KEY.format(name=n) for n in names]
    found = cache.get_many(keys)
    if len(found) < len(keys):
        return tuple(current(n) for n in names)
    return tuple(found[k] for k in keys)


class Memo:
    """A value built by ``build()`` and kept until the stamp of one of
    ``names`` moves."""

    def __init__(self, names, build):
        self.names = (names,) if isinstance(names, str) else tuple(names)
        self.build = build
        self._stamp = None
        self._built_at = 0.0
        self._value = None

    def get(self):
        stamp = current_many(self.names)
        if (
            self._value is None
            or stamp != self._stamp
            or time.monotonic() - self._built_at > MAX_AGE
        ):
            self._value = self.build()
            self._stamp = stamp
            self._built_at = time.monotonic()
        return self._value
