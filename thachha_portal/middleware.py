"""Portal middleware: the anonymous page cache (first in the chain, so that a hit
is answered before sessions, CSRF, authentication and locale), language from a
cookie and security headers."""

import base64
import gzip
import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from . import counters, localpages, pagecache, staff_sessions, visitors

SKIPPED_PREFIXES = ("/quan-tri/", "/static/", "/media/")
_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def request_language(request):
    """Vietnamese unless the visitor chose another language with the switcher.

    The browser's Accept-Language is deliberately ignored: this is a Vietnamese
    site, and a visitor with an English browser should still see Vietnamese first.
    """
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return language if language in _LANGUAGES else settings.LANGUAGE_CODE


class BodyLimitMiddleware:
    """Bodies that no public form needs are refused before anything reads them
    (413): at most PUBLIC_BODY_LIMIT bytes, outside the admin, and in the admin
    for anyone but a member of staff logged in or whose session the portal has
    just ended (staff_sessions.staff_or_just_ended: a session the server knows,
    not any cookie of that name). Staff uploads in the admin keep the limit of
    each file field (and the web server's). After the authentication
    middleware, which reads no body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.PUBLIC_BODY_LIMIT and (
            not request.path.startswith("/quan-tri/")
            or not staff_sessions.staff_or_just_ended(request)
        ):
            return HttpResponse(
                "Nội dung gửi lên quá lớn cho biểu mẫu này.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class LanguageCookieMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SecurityHeadersMiddleware:
    """A strict Content Security Policy and a Permissions Policy. The public
    pages: no inline script or style at all. The admin: no inline script but
    the import maps it draws itself (the rich-text editor's, which can only
    name modules that ``script-src 'self'`` still checks: each allowed by its
    hash), and the style attributes its widgets and the editor write."""

    CSP = (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"
    )
    ADMIN_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/quan-tri/"):
            csp = self.ADMIN_CSP.replace(
                "script-src 'self'",
                " ".join(["script-src 'self'", *_import_maps(response)]),
            )
        else:
            csp = self.CSP
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


_IMPORT_MAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.DOTALL)


def _import_maps(response):
    """The CSP sources ('sha256-…') of the import maps of an HTML page."""
    if response.streaming or not response.get("Content-Type", "").startswith(
        "text/html"
    ):
        return []
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"
        for body in _IMPORT_MAP.findall(response.content)
    ]


class _Plan:
    """What the page cache will do with one request."""

    def __init__(self, policy, language, query, gzip, key):
        self.policy, self.language, self.query = policy, language, query
        self.gzip, self.key = gzip, key


def _plan(request):
    """A _Plan for a request the cache may answer, a redirect to the canonical
    address, or None (not for the cache: staff, POST, an address not cached…)."""
    if (
        settings.PAGE_CACHE_SECONDS <= 0
        or not getattr(cache, "available", True)
        or request.method not in ("GET", "HEAD")
        or request.path.startswith(SKIPPED_PREFIXES)
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or "messages" in request.COOKIES
        or "HTTP_AUTHORIZATION" in request.META
        or (settings.SECURE_SSL_REDIRECT and not request.is_secure())
    ):
        return None
    policy = pagecache.policy_for(request.path_info)
    if policy is None:
        return None
    try:
        request.get_host()
    except DisallowedHost:
        return None
    query, extra = pagecache.canonical_query(request, policy)
    if extra:
        return HttpResponseRedirect(
            f"{request.path}?{query}" if query else request.path
        )
    if any(request.GET.get(name, "").strip() for name in policy.uncached_if):
        return None
    language = request_language(request)
    gzip = pagecache.accepts_gzip(request)
    return _Plan(
        policy,
        language,
        query,
        gzip,
        pagecache.entry_key(request, language, query, gzip),
    )


class PageCacheMiddleware:
    """See pagecache.py. Also fills the visitor figures into every HTML page and
    counts the views that pages ask for (counters.mark_viewed), cached or not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with counters.off_the_database():
            counters.push_views_if_due()
        local = localpages.watcher.sync()
        plan = _plan(request)
        if plan is None:
            return self._finish(request, self.get_response(request))
        if isinstance(plan, HttpResponse):
            return plan
        apps = plan.policy.apps
        if local and (entry := localpages.watcher.get(plan.key, apps)) is not None:
            found = localpages.watcher.visitor_stats()
            return self._serve(request, plan, entry, found, "hit")
        found = cache.get_many(
            [
                plan.key,
                *(pagecache.generation_key(a) for a in apps),
                *visitors.stats_keys(),
            ]
        )
        if not getattr(cache, "available", True):  # it just failed: render as is
            return self._finish(request, self.get_response(request), found)
        gens = pagecache.generations(apps, found)
        entry = found.get(plan.key)
        if entry is not None and entry.gens == gens:
            if local:
                localpages.watcher.put(plan.key, entry, apps)
            return self._serve(request, plan, entry, found, "hit")
        until = pagecache.expiry(apps)
        response = self.get_response(request)
        if not pagecache.storable(response):
            return self._finish(request, response, found)
        entry = self._store(request, plan, response, gens, until)
        if entry is None:
            return self._finish(request, response, found)
        if local:
            localpages.watcher.put(plan.key, entry, apps)
        return self._serve(request, plan, entry, found, "miss")

    def _store(self, request, plan, response, gens, until):
        seconds = pagecache.seconds_until(until)
        if seconds <= 0 or (
            plan.query and not pagecache.within_variant_budget(request, gens)
        ):
            return None
        marker = response.headers.get(counters.COUNT_VIEW_HEADER, "")
        snippet = visitors.snippet_format(plan.language)
        plain, zipped = pagecache.build_entries(
            response, gens, marker, snippet, seconds
        )
        entries = {
            pagecache.entry_key(request, plan.language, plan.query, False): plain
        }
        if zipped is not None:
            entries[pagecache.entry_key(request, plan.language, plan.query, True)] = (
                zipped
            )
        cache.set_many(entries, seconds)
        return zipped if plan.gzip and zipped is not None else plain

    @staticmethod
    def _key(request, plan, gzip):
        return pagecache.entry_key(request, plan.language, plan.query, gzip)

    def _serve(self, request, plan, entry, found, state):
        figures = b""
        with counters.off_the_database():  # a cached page never waits for it
            if entry.tail is not None and request.method == "GET":
                total, online = visitors.count_and_stats(request, found)
                figures = visitors.figures_html(entry.snippet, total, online)
            if request.method == "GET":
                counters.count_view(entry.count_view)
        response = HttpResponse()
        for name, value in entry.headers:
            response[name] = value
        response["ETag"] = entry.etag
        response["Last-Modified"] = http_date(entry.modified)
        response["Cache-Control"] = "no-cache"
        if pagecache.compressible(response):
            patch_vary_headers(response, ("Accept-Encoding",))
        if entry.gzip:
            response["Content-Encoding"] = "gzip"
        response["X-Page-Cache"] = state
        if _not_modified(request, entry):
            response.status_code = 304
            for name in ("Content-Type", "Content-Encoding", "Content-Disposition"):
                del response[name]
            return response
        if request.method != "HEAD":
            # A HEAD says no length: the figures it leaves out (it is not a
            # visit) would make it shorter than the GET (RFC 9110, 9.3.2).
            response.content = pagecache.body(entry, figures)
            response["Content-Length"] = str(len(response.content))
        return response

    def _finish(self, request, response, found=None):
        """Not from the cache: count the view and fill in the visitor figures."""
        marker = response.headers.get(counters.COUNT_VIEW_HEADER)
        if marker:
            del response.headers[counters.COUNT_VIEW_HEADER]
            if request.method == "GET":
                counters.count_view(marker)
        figures_wanted = (
            not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and pagecache.VISITOR_STATS_PLACEHOLDER in response.content
        )
        if figures_wanted and request.method == "GET":
            if found is None and localpages.watcher.enabled():
                found = localpages.watcher.visitor_stats()  # once a second
            total, online = visitors.count_and_stats(request, found)
            snippet = visitors.snippet_format(request_language(request))
            figures = visitors.figures_html(snippet, total, online)
            response.content = response.content.replace(
                pagecache.VISITOR_STATS_PLACEHOLDER, figures
            )
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        if _public(request, response) and pagecache.accepts_gzip(request):
            response.content = gzip.compress(response.content, 6)
            response["Content-Encoding"] = "gzip"
            response["Content-Length"] = str(len(response.content))
            patch_vary_headers(response, ("Accept-Encoding",))
        if figures_wanted and request.method == "HEAD":
            response.headers.pop("Content-Length", None)  # as ``_serve`` says
        return response


def _public(request, response):
    """A page not from the cache that is the same for everyone (search results,
    error pages): no session, no cookie set, no CSRF token, not the admin. Only
    such pages are compressed: BREACH needs a secret in the page."""
    return not (
        response.streaming
        or response.status_code == 304
        or response.has_header("Content-Encoding")
        or response.cookies
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or request.path.startswith(SKIPPED_PREFIXES)
        or not pagecache.compressible(response)
        or "private" in response.get("Cache-Control", "")
        or len(response.content) < 1024
        or b'name="csrfmiddlewaretoken"' in response.content
    )


def _not_modified(request, entry):
    """Conditional GET: If-None-Match first (weak comparison), then
    If-Modified-Since."""
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or entry.etag.removeprefix("W/") in tags
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and int(entry.modified) <= since
