"""Whole-page cache for anonymous visitors, with correct invalidation.

* Only GET/HEAD pages of anonymous visitors are cached, never the admin, never a
  response that sets a cookie or says ``private``/``no-cache``.
* Any save or delete of a public model bumps a *generation* number that is part of
  every key, so the next request renders afresh: nothing stale after an edit.
* Content that becomes public by itself at a known time (a scheduled bulletin) is
  announced by a *next change* provider; no page is cached past that moment.
* CSRF tokens are taken out before storing and a fresh token for this visitor is
  put back on every hit, so cached pages keep working forms.
"""

import hashlib
import re
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

GENERATION_KEY = "pagecache:generation"
CSRF_PLACEHOLDER = b"__csrf_token_placeholder__"
_CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]+)(")')
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "X-Count-View",
)
SKIPPED_PREFIXES = ("/quan-tri/", "/static/", "/media/")

_next_change_providers = []


def register_next_change(provider):
    """Register a callable returning the next datetime at which public content
    changes without a save (e.g. a scheduled publication), or None."""
    _next_change_providers.append(provider)
    return provider


def generation():
    """The current generation: one cache read on every anonymous request (two
    only the first time, after a cache flush)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY)
    return value


def invalidate(**kwargs):
    """Make every cached page stale (called on any save/delete of a public model)."""
    cache.set(GENERATION_KEY, time.time_ns(), None)


def connect_invalidation(labels):
    """Bump the generation on every save or delete in the apps ``labels``."""
    for label in labels:
        for model in apps.get_app_config(label).get_models():
            if getattr(model, "page_cache_exempt", False):
                continue
            uid = f"pagecache:{model._meta.label_lower}"
            post_save.connect(invalidate, sender=model, dispatch_uid=f"{uid}:save")
            post_delete.connect(invalidate, sender=model, dispatch_uid=f"{uid}:delete")
            for m2m in model._meta.many_to_many:
                m2m_changed.connect(
                    invalidate,
                    sender=m2m.remote_field.through,
                    dispatch_uid=f"{uid}:m2m",
                )


def timeout():
    """Seconds a page rendered now may be served: the setting, cut short by the
    next scheduled change."""
    seconds = settings.PAGE_CACHE_SECONDS
    now = timezone.now()
    for provider in _next_change_providers:
        moment = provider()
        if moment is not None:
            seconds = min(seconds, int((moment - now).total_seconds()))
    return seconds


def cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(SKIPPED_PREFIXES)
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(
        word in cache_control for word in ("private", "no-cache", "no-store")
    )


def page_key(request):
    digest = hashlib.sha256(
        f"{request.get_host()}|{request.get_full_path()}".encode()
    ).hexdigest()
    return f"page:{generation()}:{get_language()}:{digest}"


def store(key, response):
    seconds = timeout()
    if seconds <= 0:
        return
    content = _CSRF_VALUE.sub(
        rb"\g<1>" + CSRF_PLACEHOLDER + rb"\g<3>", response.content
    )
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    cache.set(key, (content, headers), seconds)


def restore(request, entry):
    content, headers = entry
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    return response
