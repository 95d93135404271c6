"""Version stamps of what the search keeps in each worker's memory (the
vocabulary, each index's lexicon): a stamp in the shared cache changes when the
data behind it changes, and a worker rebuilds its copy when the stamp it built
from is no longer current. A copy is also rebuilt after ``MAX_AGE`` seconds, so
that a worker whose cache is not shared with the others (several processes
with the local-memory cache) still catches up.

Within one request the stamps are read once: the first read fetches every
stamp this process has used so far in one ``get_many`` and keeps them until the
request ends (a site search asked the cache for the vocabulary's stamp eight
times). Outside a request every read goes to the cache."""

import threading
import time

from django.core.cache import cache
from django.core.signals import request_finished, request_started

MAX_AGE = 300
_KEY = "search:version:{name}"


_known = set()  # the stamp names this process has read
_scope = threading.local()  # .stamps: the stamps read in the current request


def _begin_request(**_kwargs):
    _scope.stamps = {}


def _end_request(**_kwargs):
    _scope.stamps = None


request_started.connect(_begin_request, dispatch_uid="search-versions-begin")
request_finished.connect(_end_request, dispatch_uid="search-versions-end")


def _request_stamps():
    return getattr(_scope, "stamps", None)


def current(name):
    """The stamp of ``name``, created if the cache has none."""
    return current_many((name,))[0]


def _read(name):
    key = _KEY.format(name=name)
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns(), None)
        value = cache.get(key)
    return value


def bump(name, **_signal_kwargs):
    """Mark ``name`` as changed (usable as a signal receiver)."""
    value = time.time_ns()
    cache.set(_KEY.format(name=name), value, None)
    stamps = _request_stamps()
    if stamps is not None:
        stamps.pop(name, None)  # read again, as another process may have too


def current_many(names):
    """The stamps of ``names``, as a tuple: one cache round trip (none when
    this request already read them)."""
    names = tuple(names)
    stamps = _request_stamps()
    if stamps is not None and all(n in stamps for n in names):
        return tuple(stamps[n] for n in names)
    _known.update(names)
    wanted = sorted(_known) if stamps is not None else names
    keys = {n: _KEY.format(name=n) for n in wanted}
    found = cache.get_many(list(keys.values()))
    values = {n: found.get(k) for n, k in keys.items()}
    for n in names:
        if values[n] is None:  # first use, eviction or flush
            values[n] = _read(n)
    if stamps is not None:
        stamps.update((n, v) for n, v in values.items() if v is not None)
    return tuple(values[n] for n in names)


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
