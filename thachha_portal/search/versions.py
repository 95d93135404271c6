"""Version stamps of what the search keeps in each worker's memory (the
vocabulary, each index's lexicon): a stamp in the shared cache changes when the
data behind it changes, and a worker rebuilds its copy when the stamp it built
from is no longer current. A bump that the cache did not take (it was away) is
sent again as soon as it answers (``send_unsent``), so a stamp that stands
means the data stands: a worker keeps its copy, and so does a worker forked
from gunicorn's master, which built them at start-up (thachha_portal/warmup.py).
Only where the stamps cannot tell is a copy also rebuilt after ``MAX_AGE``
seconds: the cache did not answer, or it is the process's own (local memory),
which other processes' changes never reach. (Rebuilt by age everywhere, every
worker forked five minutes after start read every lexicon again at its first
search: 0.47 s for the news' 20,000 titles, docs/performance.md, *Fourteenth
pass*.)

Within one request the stamps are read once: the first read fetches every
stamp this process has used so far in one ``get_many`` and keeps them until the
request ends (a site search asked the cache for the vocabulary's stamp eight
times). Outside a request every read goes to the cache. With Redis a change
is also announced on the page cache's channel, and a worker whose subscription
is alive reads the stamps from it, with no round trip at all (localpages.py)."""

import logging
import threading
import time
import weakref

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.signals import request_finished, request_started
from django.db.models import Count, Max

from .. import caches as cache_backends
from .. import localpages, release

logger = logging.getLogger(__name__)

MAX_AGE = 300
SHARED_SECONDS = 24 * 3600  # a value a Memo shares (``shared``) is kept this long
_KEY = "search:version:{name}"


_known = set()  # the stamp names this process has read
_unsent = set()  # the stamp names whose last bump the cache did not take
_unsent_lock = threading.Lock()
# .stamps: the stamps read in the current request; .bumped: those it bumped
_scope = threading.local()
_shared_memos = weakref.WeakSet()  # every Memo with ``shared`` (``_build_changed``)


def _begin_request(**_kwargs):
    _scope.stamps = {}
    _scope.bumped = set()


def _end_request(**_kwargs):
    _scope.stamps = None
    bumped, _scope.bumped = getattr(_scope, "bumped", None), None
    if bumped:
        _build_changed(bumped)


def _build_changed(bumped):
    """After a request that moved the stamps of shared Memos this process
    holds (an edit in the admin; a bulk import: once), build them again here,
    once the response has gone, and share them: the first search after an
    edit takes them instead of building them on a visitor's request (the
    news' lexicon: 0.57 s at province scale)."""
    for memo in _shared_memos:
        if memo.holds_any(bumped):
            try:
                memo.build_for_others()
            except Exception:  # the next search builds it, as before
                logger.warning(
                    "%s was not built after an edit", memo.shared, exc_info=True
                )


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
        _store(name, time.time_ns(), only_new=True)
        value = cache.get(key)
    return value


def _watched(name):
    """The stamp's name on the page cache's channel (localpages.py)."""
    return f"search:{name}"


def _store(name, value, only_new=False):
    """Store ``name``'s stamp (only if it has none with ``only_new``); with
    Redis also announced to every worker's subscription in the same step.
    False if not stored."""
    return localpages.store(_KEY.format(name=name), _watched(name), value, only_new)


@localpages.watch
def _watched_stamps():
    """Every stamp this process has used, for a worker's subscription."""
    names = sorted(_known)
    found = cache.get_many([_KEY.format(name=n) for n in names])
    return {_watched(n): found.get(_KEY.format(name=n)) or _read(n) for n in names}


def bump(name, **_signal_kwargs):
    """Mark ``name`` as changed (usable as a signal receiver). A bump the cache
    does not take is sent again once it answers (``send_unsent``)."""
    if not _store(name, time.time_ns()):
        _not_sent([name])
    bumped = getattr(_scope, "bumped", None)
    if bumped is not None:
        bumped.add(name)
    stamps = _request_stamps()
    if stamps is not None:
        stamps.pop(name, None)  # read again, as another process may have too


def _not_sent(names):
    with _unsent_lock:
        _unsent.update(names)
    cache_backends.recover_later()


def send_unsent():
    """Bump again the stamps whose bump the cache did not take: run by the
    first cache call that succeeds after a failure, and by the timer of
    caches.recover_later, for the process that made the change may get no
    further request. Kept for a later try if it fails again."""
    with _unsent_lock:
        names = sorted(_unsent)
        _unsent.clear()
    failed = [name for name in names if not _store(name, time.time_ns())]
    if failed:
        _not_sent(failed)


cache_backends.RECOVERY_HOOKS.append(send_unsent)


def forget_unsent():
    """Drop the bumps waiting to be sent (the cache they were meant for was
    replaced: tests)."""
    with _unsent_lock:
        _unsent.clear()


def _by_age(stamp):
    """Whether a kept copy is also rebuilt after MAX_AGE: only where its stamps
    cannot tell (see the module's docstring)."""
    return None in stamp or cache_backends.process_local(caches[DEFAULT_CACHE_ALIAS])


def current_many(names):
    """The stamps of ``names``, as a tuple: none when this worker's
    subscription knows them (localpages.py) or this request already read them,
    else one cache round trip."""
    names = tuple(names)
    _known.update(names)
    known = localpages.watcher.known(tuple(_watched(n) for n in names))
    if known is not None:
        return known
    stamps = _request_stamps()
    if stamps is not None and all(n in stamps for n in names):
        return tuple(stamps[n] for n in names)
    wanted = sorted(_known) if stamps is not None else names
    keys = {n: _KEY.format(name=n) for n in wanted}
    found = cache.get_many(list(keys.values()))
    values = {n: found.get(k) for n, k in keys.items()}
    for n in names:
        if values[n] is None:  # first use, eviction or flush
            values[n] = _read(n)
    if stamps is not None:
        stamps.update((n, v) for n, v in values.items() if v is not None)
    localpages.watcher.learn({_watched(n): v for n, v in values.items()})
    return tuple(values[n] for n in names)


def rows_print(*models):
    """How many rows each of ``models`` has and when the last was saved (its
    ``updated_at``): a Memo's ``fingerprint`` of what it was built from, read
    every MAX_AGE where the stamps can tell, for a bump they missed."""
    return tuple(
        tuple(
            model._default_manager.order_by()
            .aggregate(rows=Count("pk"), last=Max("updated_at"))
            .values()
        )
        for model in models
    )


class Memo:
    """A value built by ``build()`` and kept until the stamp of one of
    ``names`` moves. Past MAX_AGE, where the stamps cannot tell, it is built
    again; where they can, ``fingerprint()`` (if given: a cheap reading of the
    rows behind the first name's stamp: the other names have Memos of their
    own) is compared with the one taken at the build. If it moved, a bump was
    lost (by a process that ended while the cache was away, docs/search.md):
    this process bumps that stamp again and builds the value for it.

    With ``shared`` (a cache key), the value a process builds is also put in
    the shared cache with its stamps, and a process whose stamps moved takes
    it from there when they are the same instead of building it again: after
    an edit one worker of the install reads the rows, not every worker (the
    news' lexicon: 0.57 s to build, 15 ms to take, docs/performance.md,
    *Fifteenth pass*). One entry per key, replaced at each build."""

    def __init__(self, names, build, fingerprint=None, shared=None):
        self.names = (names,) if isinstance(names, str) else tuple(names)
        self.build = build
        self.fingerprint = fingerprint
        self.shared = shared
        self._stamp = None
        self._built_at = 0.0
        self._print = None
        self._value = None
        if shared:
            _shared_memos.add(self)

    def shared_key(self):
        """Where the value is shared: per release (release.py), as it is
        built by the code."""
        return f"{self.shared}:{release.stamp()}"

    def holds_any(self, names):
        """Whether this process holds a value built from one of ``names``."""
        return self._value is not None and not names.isdisjoint(self.names)

    def build_for_others(self):
        """Build (or take) the value of the current stamps, to share it: not
        where the stamps cannot tell (a cache of the process's own, or one that
        does not answer), where nothing is shared."""
        if not _by_age(current_many(self.names)):
            self.get()

    def get(self):
        stamp = current_many(self.names)
        # A stamp the cache cannot give (it does not answer) is no change:
        # what is kept stands until MAX_AGE, and past the outage its stamps
        # are compared again (every worker once read the news' 20,027 titles
        # again at its first search when Redis went away, and again when it
        # came back).
        if self._value is not None and (stamp == self._stamp or None in stamp):
            if not self._aged(stamp):
                return self._value
            if not _by_age(stamp):
                # The rows moved under stamps that stand: a bump was lost.
                # Sent again from here, every process's copy and the search
                # outcomes kept under the old stamps move on too.
                bump(self.names[0])
                stamp = current_many(self.names)
        self._value, self._print = self._made(stamp)
        self._stamp = stamp
        self._built_at = time.monotonic()
        return self._value

    def _made(self, stamp):
        """(value, fingerprint) for ``stamp``: another process's for the same
        stamps, from the shared cache, or built here. Only where the stamps
        can tell are the rows' fingerprint read and the value shared
        (``_aged``)."""
        if _by_age(stamp):
            return self.build(), None
        if self.shared:
            kept = cache.get(self.shared_key())
            if kept is not None and kept[0] == stamp:
                return kept[2], kept[1]
        fingerprint = self.fingerprint() if self.fingerprint else None
        value = self.build()
        if self.shared:
            cache.set(self.shared_key(), (stamp, fingerprint, value), SHARED_SECONDS)
        return value, fingerprint

    def _aged(self, stamp):
        now = time.monotonic()
        if now - self._built_at <= MAX_AGE:
            return False
        if _by_age(stamp):
            return True
        if self.fingerprint is None:
            return False
        if self.fingerprint() != self._print:
            return True
        self._built_at = now  # the rows stand: good for another MAX_AGE
        return False
