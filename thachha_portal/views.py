from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import params, wiring
from . import search as site_search
from .text import fold


def home(request):
    context = {"home_blocks": [(app.label, app.home_template) for app in wiring.APPS]}
    for app in wiring.APPS:
        context.update(app.home_context(request))
    return render(request, "home.html", context)


def about(request):
    return render(request, "pages/about.html")


def accessibility(request):
    return render(request, "pages/accessibility.html")


def sitemap_page(request):
    context = {"sitemap_blocks": [app.sitemap_template for app in wiring.APPS]}
    for app in wiring.APPS:
        context.update(app.sitemap_context(request))
    return render(request, "pages/sitemap.html", context)


def search(request):
    query = params.query_text(request, "q")
    sections = site_search.search_everything(query) if fold(query) else []
    return render(
        request,
        "search.html",
        {"query": query, "sections": sections, "searched": bool(fold(query))},
    )


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


def server_error(request):
    return render(request, "500.html", status=500)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
