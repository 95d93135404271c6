"""System checks of the install's configuration (``manage.py check``, which
``migrate`` and ``check --deploy`` run too) and, for the one that would make a
running portal serve stale pages, a refusal to serve (thachha_portal/wsgi.py).

The page cache's generations, the counters, the rate limits and what each
worker keeps by generation all rely on one cache that every worker of the
install reads and writes (docs/deploy.md, section 1). A cache of each
process's own (``CACHE_URL=locmemcache://``) or none (``dummycache://``) seems
to work, but an edit then moves the generation of the worker that saved it at
most: the other workers go on serving their pages and the values they keep
(the fields' counts, the plan in force) as they were.
"""

from django.conf import settings
from django.core import checks
from django.core.cache import DEFAULT_CACHE_ALIAS, caches

from . import caches as cache_backends

NOT_SHARED = "thachha_portal.E001"
NOT_SUPPORTED = "thachha_portal.W001"
SUPPORTED = (cache_backends.DiskCache, cache_backends.RedisCache)

HINT = (
    "Leave CACHE_URL empty (a disk cache shared by the workers of this server) "
    "or set it to redis://… (one Redis for several servers)."
)
MEASURING = (
    " To measure pages without the page cache, keep the cache and set "
    "PAGE_CACHE_SECONDS=0 and SEARCH_CACHE_SECONDS=0 instead (docs/performance.md)."
)


@checks.register(checks.Tags.caches)
def shared_cache(app_configs=None, **kwargs):
    """With DEBUG off, the default cache must be one the workers share; one
    this portal was not built for (files, a database table, memcached) is
    only warned about: it is shared, but neither its failures nor its
    counters were tried here. While developing (one process) any cache goes."""
    if settings.DEBUG:
        return []
    backend = caches[DEFAULT_CACHE_ALIAS]
    name = f"{type(backend).__module__}.{type(backend).__qualname__}"
    if cache_backends.process_local(backend):
        return [
            checks.Error(
                f"The default cache ({name}) is not shared by the workers: an "
                "edit would not reach the pages and the values that the other "
                "workers keep, and each worker would count visitors and rate "
                "limits on its own.",
                hint=HINT + MEASURING,
                id=NOT_SHARED,
            )
        ]
    if not isinstance(backend, SUPPORTED):
        return [
            checks.Warning(
                f"The default cache ({name}) is not one this portal is tested "
                "with: a failure of its service may fail pages instead of "
                "rendering them uncached, and its counters may lose counts.",
                hint=HINT,
                id=NOT_SUPPORTED,
            )
        ]
    return []


def refuse_unshared_cache():
    """Raise ImproperlyConfigured rather than serve with a cache the workers do
    not share (called by the WSGI entry point, as ``runserver`` refuses to
    start on a check's error: gunicorn runs no checks)."""
    from django.core.exceptions import ImproperlyConfigured

    errors = [e for e in shared_cache() if e.is_serious()]
    if errors:
        raise ImproperlyConfigured(f"{errors[0].msg} {errors[0].hint}")
