import logging
import sys

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.views.decorators.http import require_GET

from . import params, wiring
from . import search as site_search
from .pagecache import public_page
from .text import fold

# The home page, site map and site search show every section.
EVERY_SECTION = tuple(app.label for app in wiring.APPS)
every_section = public_page(*EVERY_SECTION)


@every_section
def home(request):
    context = {"home_blocks": [(app.label, app.home_template) for app in wiring.APPS]}
    for app in wiring.APPS:
        context.update(app.home_context(request))
    return render(request, "home.html", context)


@public_page()
def about(request):
    return render(request, "pages/about.html")


@public_page()
def accessibility(request):
    return render(request, "pages/accessibility.html")


@every_section
def sitemap_page(request):
    context = {"sitemap_blocks": [app.sitemap_template for app in wiring.APPS]}
    for app in wiring.APPS:
        context.update(app.sitemap_context(request))
    return render(request, "pages/sitemap.html", context)


@public_page(*EVERY_SECTION, query=("q",))
def search(request):
    query = params.query_text(request, "q")
    sections = site_search.search_everything(query) if fold(query) else []
    return render(
        request,
        "search.html",
        {"query": query, "sections": sections, "searched": bool(fold(query))},
    )


@public_page()
@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /quan-tri/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


# Seconds a visitor (or a proxy) is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30
logger = logging.getLogger("thachha_portal.errors")


def _standalone_page(template_name, status, fallback):
    """An error page that needs neither the database nor the cache (no context
    processors; static file URLs only): it is what is left when they fail."""
    try:
        content = get_template(template_name).render({})
    except Exception:  # the page of last resort must not fail in turn
        logger.exception("Error page %s could not be rendered", template_name)
        content = fallback
    return HttpResponse(content, status=status)


def server_error(request):
    """500, or 503 with Retry-After when the database did not answer: the
    portal comes back by itself when it does (every request tries again)."""
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        response = _standalone_page(
            "503.html", 503, "Hệ thống đang tạm gián đoạn. Vui lòng thử lại sau."
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return _standalone_page("500.html", 500, "Xin lỗi, đã có lỗi xảy ra.")


def healthz(request):
    """The process is alive (for the load balancer's liveness check)."""
    return HttpResponse("ok\n", content_type="text/plain")


def readyz(request):
    """The database and the cache answer (readiness): 200, else 503 naming the
    one that does not."""
    checks = {"database": True, "cache": True}
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        checks["database"] = False
    try:
        checks["cache"] = bool(cache.set("readyz", 1, 10) is not False) and (
            cache.get("readyz") == 1
        )
    except Exception:
        checks["cache"] = False
    response = JsonResponse(checks, status=200 if all(checks.values()) else 503)
    response["Cache-Control"] = "no-store"
    return response


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
