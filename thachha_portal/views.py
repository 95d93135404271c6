from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import params, wiring
from . import search as site_search
from .text import search_text


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


# /tim-kiem/?muc=… shows one section in full, paginated.
SECTION_SLUGS = {"tin-tuc": "bulletins", "ke-hoach": "plans"}
SECTION_LIMIT = 60
SECTION_PAGE = 20


def search(request):
    """The site-wide search: a few hits from each part of the portal, or one part
    in full (``muc``), and what the procedures' search has to say (corrections,
    matters handled elsewhere, where to look when nothing is found)."""
    query = params.query_text(request, "q")
    searched = bool(search_text(query))
    only = SECTION_SLUGS.get(request.GET.get("muc", ""))
    sections = []
    if searched:
        sections = site_search.search_sections(
            query, limit=SECTION_LIMIT if only else 10, only=only
        )
    notes = next((s.results for s in sections if s.results is not None), None)
    listed = [s for s in sections if s.total]
    page = None
    if only and listed:
        page = params.page_of(request, listed[0].hits, SECTION_PAGE)
    return render(
        request,
        "search.html",
        {
            "query": query,
            "sections": listed,
            "searched": searched,
            "results": notes,
            "topics": site_search.topics_for(query) if searched else [],
            "page_obj": page,
            "section_only": only,
        },
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
