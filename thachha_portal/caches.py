"""Cache backends that never take the site down.

The page cache, the visitor and view counters and the rate limits all live in the
default cache. When its service stops answering (Redis restarted, its port closed,
the cache folder unwritable) every call answers as if the cache were empty —
``get`` gives the default, ``add``/``set`` store nothing, ``incr`` raises the
``ValueError`` of a missing key, which every caller already handles — and a warning
is logged once per outage. After a failure the process leaves the service alone for
``RETRY_SECONDS`` so that a service that hangs costs one timeout, not one per call.

Two backends:

* ``DiskCache`` (the default, no ``CACHE_URL``): diskcache's Django backend, SQLite
  files in ``CACHE_DIR`` shared by every worker and process of the install.
* ``RedisCache`` (``CACHE_URL=redis://…``): Django's own backend, with short socket
  timeouts and no retry loop; needed when several servers share one cache.
"""

import logging
import sqlite3
import threading
import time

from diskcache import Timeout as DiskTimeout
from diskcache.djangocache import DjangoCache
from django.core.cache import DEFAULT_CACHE_ALIAS
from django.core.cache import caches as django_caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("thachha_portal.cache")

RETRY_SECONDS = 5.0


def _fallbacks(args, kwargs):
    return {
        "get": lambda: kwargs.get("default", args[1] if len(args) > 1 else None),
        "get_many": dict,
        "set": lambda: False,
        "add": lambda: False,
        "set_many": lambda: list(args[0]) if args else [],
        "touch": lambda: False,
        "delete": lambda: False,
        "delete_many": lambda: None,
        "has_key": lambda: False,
        "clear": lambda: None,
        "set_and_publish": lambda: False,
    }


def process_local(backend):
    """True when ``backend`` keeps what it holds in this process only (Django's
    local-memory and dummy caches): what other processes store never reaches
    it. The disk cache is shared by the processes of a machine, Redis by every
    server."""
    return isinstance(backend, (LocMemCache, DummyCache))


def keeps_nothing(alias=DEFAULT_CACHE_ALIAS):
    """True when the cache ``alias`` stores nothing (Django's dummy cache, which
    a developer may set): a value read back from it never reflects a write."""
    return isinstance(django_caches[alias], DummyCache)


# Called, in order, by the first call that succeeds after a failure, before its
# answer is read again, and by the timer of ``recover_later`` (pagecache: every
# generation bumped; search/versions.py: the stamps whose bump was not taken).
RECOVERY_HOOKS = []
_READS = ("get", "get_many", "has_key")
_recovery_lock = threading.Lock()
_recovery_timer = None


def run_recovery_hooks():
    for hook in RECOVERY_HOOKS:
        hook()


def recover_later():
    """Run the recovery hooks once the cache may answer again, in a thread of
    its own, so with a cache connection of its own: one try per timer. For a
    write the cache did not take (a page generation, a search stamp): the
    process that made it may get no further request to run them."""
    global _recovery_timer
    with _recovery_lock:
        if _recovery_timer is None:
            _recovery_timer = threading.Timer(RETRY_SECONDS + 0.1, _recover)
            _recovery_timer.daemon = True
            _recovery_timer.start()


def _recover():
    global _recovery_timer
    with _recovery_lock:
        _recovery_timer = None
    run_recovery_hooks()


def forget_recovery():
    """Cancel the timer of ``recover_later`` (the cache it was meant for was
    replaced: tests)."""
    global _recovery_timer
    with _recovery_lock:
        if _recovery_timer is not None:
            _recovery_timer.cancel()
            _recovery_timer = None


class ResilientMixin:
    """Turns the service's own errors (``service_errors``) into "nothing cached".

    What other processes wrote meanwhile may be missing (a page-cache bump that
    failed): when the service answers again, RECOVERY_HOOKS run first and a read
    is made again after them."""

    service_errors = ()
    _down_until = 0.0
    _recovering = False

    @property
    def available(self):
        return time.monotonic() >= self._down_until

    def _failed(self, method, error):
        if self.available:
            logger.warning(
                "Cache unavailable (%s: %s): pages are rendered uncached, rate limits "
                "and counters are paused for %.0f s.",
                method,
                error,
                RETRY_SECONDS,
            )
        self._down_until = time.monotonic() + RETRY_SECONDS
        self._recovering = True

    def _guarded(self, method, *args, **kwargs):
        if self.available:
            try:
                result = getattr(super(), method)(*args, **kwargs)
                if self._recovering:
                    self._recovering = False
                    run_recovery_hooks()
                    if method in _READS:
                        result = getattr(super(), method)(*args, **kwargs)
                return result
            except self.service_errors as error:
                self._failed(method, error)
        if method in ("incr", "decr"):
            raise ValueError("cache unavailable")
        return _fallbacks(args, kwargs)[method]()


def _guard(method):
    def guarded(self, *args, **kwargs):
        return self._guarded(method, *args, **kwargs)

    guarded.__name__ = method
    return guarded


for _method in (*_fallbacks((), {}), "incr", "decr"):
    if _method != "set_and_publish":  # Redis only (below)
        setattr(ResilientMixin, _method, _guard(_method))


class DiskCache(ResilientMixin, DjangoCache):
    service_errors = (sqlite3.Error, DiskTimeout, OSError)

    def close(self, **kwargs):
        """Keep the SQLite connections open between requests: Django closes the
        caches after every request, and reopening them (eight files, each with
        its PRAGMAs) cost more than the page itself."""


# INCRBY only if the key exists (else nil): one round trip instead of Django's
# EXISTS then INCRBY, and no counter created without its expiry.
_INCR_EXISTING = (
    "if redis.call('exists', KEYS[1]) == 1 then "
    "return redis.call('incrby', KEYS[1], ARGV[1]) end return false"
)


class _OneTripIncrRedisCache(DjangoRedisCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        client = self._cache.get_client(key, write=True)
        value = client.eval(_INCR_EXISTING, 1, key, delta)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


# SET a key for good (NX: only if missing) and announce its new value, atomically:
# a subscriber that reads the key after subscribing misses no change
# (localpages.py).
_SET_AND_PUBLISH = (
    "if redis.call('set', KEYS[1], ARGV[1], unpack(ARGV, 3)) then "
    "redis.call('publish', KEYS[2], ARGV[2]) return 1 end return 0"
)


class _PublishingRedisCache(_OneTripIncrRedisCache):
    def set_and_publish(self, key, value, channel, message, only_new=False):
        """Store the integer ``value`` under ``key`` with no expiry (only if
        missing with ``only_new``) and if stored publish ``message`` on
        ``channel`` (a key of this cache, prefix included); True if stored."""
        key = self.make_and_validate_key(key)
        client = self._cache.get_client(key, write=True)
        args = (value, message, "NX") if only_new else (value, message)
        channel = self.make_key(channel)
        return bool(client.eval(_SET_AND_PUBLISH, 2, key, channel, *args))

    def pubsub(self):
        """A subscriber connection of its own (not from the pool's idle ones)."""
        return self._cache.get_client(write=False).pubsub()


class RedisCache(ResilientMixin, _PublishingRedisCache):
    service_errors = (RedisError, OSError)
    set_and_publish = _guard("set_and_publish")
