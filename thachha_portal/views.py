from importlib import import_module

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import params
from . import search as site_search
from .text import fold

APP_SECTIONS = ("procedures", "bulletins", "plans")


def _app_context(function_name, request):
    """Merge ``<app>.selectors.<function_name>(request)`` from each app that has it,
    so the home page and site map grow with the apps without knowing them."""
    context = {}
    for label in APP_SECTIONS:
        try:
            module = import_module(f"{label}.selectors")
        except ModuleNotFoundError:
            continue
        provider = getattr(module, function_name, None)
        if provider:
            context.update(provider(request))
    return context


def home(request):
    return render(request, "home.html", _app_context("home_context", request))


def about(request):
    return render(request, "pages/about.html")


def accessibility(request):
    return render(request, "pages/accessibility.html")


def sitemap_page(request):
    return render(
        request, "pages/sitemap.html", _app_context("sitemap_context", request)
    )


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
