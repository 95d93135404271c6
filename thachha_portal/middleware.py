"""Portal middleware: language from a cookie, security headers, the visitor
counter and the anonymous page cache."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from . import counters, pagecache, visitors

VISITOR_STATS_PLACEHOLDER = b"<!--visitor-stats-->"


class LanguageCookieMiddleware:
    """Vietnamese unless the visitor chose another language with the switcher.

    The browser's Accept-Language is deliberately ignored: this is a Vietnamese
    site, and a visitor with an English browser should still see Vietnamese first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        codes = {code for code, _name in settings.LANGUAGES}
        language = language if language in codes else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SecurityHeadersMiddleware:
    """A strict Content Security Policy (no inline scripts or styles anywhere) and
    a Permissions Policy."""

    CSP = (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/quan-tri/"):
            response.headers.setdefault("Content-Security-Policy", self.CSP)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


class VisitorStatsMiddleware:
    """Counts visits and page views on every HTML page, cached or not, and fills
    the figures into the footer placeholder."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        counters.count_marked_view(response)
        if (
            request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and VISITOR_STATS_PLACEHOLDER in response.content
        ):
            visitors.record(request)
            total, online = visitors.stats()
            snippet = render_to_string(
                "includes/visitor_stats.html", {"total": total, "online": online}
            )
            response.content = response.content.replace(
                VISITOR_STATS_PLACEHOLDER, snippet.strip().encode()
            )
        return response


class PublicPageCacheMiddleware:
    """See pagecache.py."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not pagecache.cacheable_request(request):
            return self.get_response(request)
        key = pagecache.page_key(request)
        entry = pagecache.cache.get(key)
        if entry is not None:
            response = pagecache.restore(request, entry)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if pagecache.cacheable_response(response):
            pagecache.store(key, response)
            response["X-Page-Cache"] = "miss"
        return response
