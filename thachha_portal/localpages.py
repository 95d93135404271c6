"""Each worker's own copies of the pages it serves most, so that a page-cache hit
costs no cache round trip (docs/deploy.md, "Page cache", says when it is on).

The shared cache stays the truth: a worker copies an entry it has just read or
stored there, and serves the copy only while

* the entry's generations are still the current ones — the worker learns every
  bump from a Redis subscription (``pagecache._bump`` sets the generation and
  publishes it in one atomic script, and the subscription is drained before every
  request). The worker that made a change knows it at once, not when its own
  message comes back: its next request never shows the page from before. Another
  worker knows it as soon as the message reaches it, within a round trip of the
  change;
* the subscription is known to be alive: a PING answered within ``LIVE_SECONDS``.
  A Redis that stops, restarts or hangs therefore stops local serving within that
  time, the copies are dropped, and the worker goes back to the shared cache's own
  rules (and to rendering while the cache is away);
* the entry's own expiry (a scheduled publication cuts it) has not passed.

The footer's visitor figures are read from the cache once a second per worker
instead of once per hit.

Only with the Redis cache (``CACHE_URL=redis://…``): the disk cache has no
subscription, and pages keep coming from it. ``PAGE_CACHE_WORKER_MB`` bounds the
copies of one worker (least recently used first out); 0 turns them off.
"""

import contextlib
import os
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache

from . import visitors

CHANNEL = "pc:bumps"
PING_SECONDS = 0.25
LIVE_SECONDS = 1.0
SUBSCRIBE_SECONDS = 0.5
RETRY_SECONDS = 5.0
STATS_SECONDS = 1.0


class Copies:
    """Entries by key, least recently used out first past ``limit`` bytes. Safe
    for the threads of one worker (gunicorn's gthread workers)."""

    def __init__(self, limit):
        self.limit = limit
        self.size = 0
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        size = entry_size(entry)
        with self.lock:
            self._discard(key)
            if size > self.limit:
                return
            self.entries[key] = entry
            self.size += size
            while self.size > self.limit:
                _key, old = self.entries.popitem(last=False)
                self.size -= entry_size(old)

    def discard(self, key):
        with self.lock:
            self._discard(key)

    def _discard(self, key):
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= entry_size(old)

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0


def entry_size(entry):
    return len(entry.head) + len(entry.tail or b"") + len(entry.tail_plain)


_stamp_sources = []


def watch(source):
    """Have every worker's subscription follow a set of stamps (the page
    cache's generations, the search's versions): ``source()`` gives {name:
    value} of them, read (or started, with ``store``) from the cache when the
    worker subscribes; a change is announced by ``store`` and read with
    ``watcher.known(names)``."""
    _stamp_sources.append(source)
    return source


def store(key, name, value, only_new=False):
    """Store the stamp ``value`` under ``key`` (only if it has none with
    ``only_new``), with no expiry; with Redis also announced on CHANNEL as
    ``name``, to every worker's subscription, in the same atomic step. False
    if not stored."""
    if hasattr(cache, "set_and_publish"):
        message = f"{name}={value}"
        if stored := cache.set_and_publish(key, value, CHANNEL, message, only_new):
            watcher.bumped(name, value)
        return stored
    if only_new:
        return cache.add(key, value, None)
    return cache.set(key, value, None) is not False


class Watcher:
    """The generations this worker knows to be current, kept by a subscription."""

    def __init__(self):
        # Reentrant: a cache call made under it may run the recovery hooks,
        # whose bump comes back here (``bumped``).
        self.lock = threading.RLock()
        self.pid = None
        self.pubsub = None
        self.gens = {}
        self.own = {}  # app: this worker's bump, until its message comes back
        self.answered = 0.0  # when the last PING that was answered was sent
        self.pinged = None  # when the last PING was sent
        self.retry_at = 0.0
        self.copies = Copies(0)
        self.stats = ({}, (), 0.0)  # found, its keys, when read
        self.live = False  # the last sync's answer

    def forget(self):
        """Back to a worker's start: no subscription, no copies."""
        self._drop(retry_at=0.0)
        self.stats = ({}, (), 0.0)
        self.live = False

    def enabled(self):
        return settings.PAGE_CACHE_WORKER_MB > 0 and hasattr(cache, "pubsub")

    def sync(self):
        """Take in the bumps published so far; False if copies may not be used
        for this request."""
        self.live = self._sync()
        return self.live

    def _sync(self):
        if not self.enabled():
            return False
        with self.lock:
            now = time.monotonic()
            if self.pid != os.getpid():  # a new worker: nothing inherited
                self._drop(retry_at=0.0)
                self.pid = os.getpid()
            try:
                if self.pubsub is None:
                    if now < self.retry_at or not cache.available:
                        return False
                    self._subscribe()
                self._drain()
                if self.pinged is None or (
                    now - self.pinged >= PING_SECONDS and self.pinged <= self.answered
                ):
                    self.pubsub.ping(repr(now))
                    self.pinged = now
            except Exception:  # noqa: BLE001 - any failure: back to the shared cache
                self._drop(retry_at=now + RETRY_SECONDS)
                return False
            # Every bump published before the last answered PING was sent has
            # been read: serve copies only while that PING is recent.
            return now - self.answered <= LIVE_SECONDS

    def _subscribe(self):
        sent = time.monotonic()
        self.pubsub = cache.pubsub()
        self.pubsub.subscribe(cache.make_key(CHANNEL))
        confirmed = self.pubsub.get_message(timeout=SUBSCRIBE_SECONDS)
        if not confirmed or confirmed["type"] != "subscribe":
            raise ConnectionError("no subscription")
        # Read after subscribing: a bump from now on arrives as a message.
        gens = {}
        for source in _stamp_sources:
            gens.update(source())
        if not cache.available:
            raise ConnectionError("generations unreadable")
        self.gens = gens
        self.copies = Copies(settings.PAGE_CACHE_WORKER_MB * 2**20)
        self.answered, self.pinged = sent, None

    def _drain(self):
        while True:
            message = self.pubsub.get_message(timeout=0)
            if message is None:
                return
            if message["type"] == "pong":
                self.answered = max(self.answered, float(message["data"]))
            elif message["type"] == "message":
                app, _sep, value = message["data"].decode().partition("=")
                self._heard(app, int(value))

    def _heard(self, app, value):
        # Messages come in the order Redis ran the bumps: until this worker's
        # own bump comes back, a message about ``app`` is from an older one.
        mine = self.own.get(app)
        if mine is None:
            self.gens[app] = value
        elif mine == value:
            del self.own[app]

    def bumped(self, app, value):
        """This worker stored ``value`` as ``app``'s generation (and published it)."""
        with self.lock:
            if self.pubsub is not None and self.pid == os.getpid():
                self.gens[app] = value
                self.own[app] = value

    def _drop(self, retry_at):
        if self.pubsub is not None:
            with contextlib.suppress(Exception):  # a broken connection
                self.pubsub.close()
        self.pubsub = None
        self.gens = {}
        self.own = {}
        self.copies.clear()
        self.retry_at = retry_at

    def learn(self, values):
        """Take in ``values`` (name: stamp, just read from the cache) for the
        names this worker has no value of yet; a value it has came from its
        subscription, at the latest as recent as the cache's."""
        with self.lock:
            if self.pubsub is not None and self.pid == os.getpid():
                for name, value in values.items():
                    if value is not None:
                        self.gens.setdefault(name, value)

    def current(self, apps):
        """The known generations of ``apps``, or None where one is unknown."""
        gens = tuple(self.gens.get(a) for a in apps)
        return None if None in gens else gens

    def known(self, apps):
        """The generations of ``apps`` if this request may rely on this worker's
        knowledge of them (as for copies), else None: ask the cache."""
        return self.current(apps) if self.live else None

    def get(self, key, apps):
        """A copy of the entry under ``key`` that is current, or None (after
        ``sync`` returned True)."""
        entry = self.copies.get(key)
        if entry is None:
            return None
        if entry.gens != self.current(apps) or entry.expires <= time.time():
            self.copies.discard(key)
            return None
        return entry

    def put(self, key, entry, apps):
        """Keep a copy of ``entry`` if it is current by this worker's knowledge."""
        if entry.gens == self.current(apps) and entry.expires > time.time():
            self.copies.put(key, entry)

    def visitor_stats(self):
        """The footer figures' cache values, read at most once a second."""
        found, keys, read = self.stats
        wanted = visitors.stats_keys()
        if keys != wanted or time.monotonic() - read >= STATS_SECONDS:
            found = cache.get_many(wanted)
            self.stats = (found, wanted, time.monotonic())
        return found


watcher = Watcher()
