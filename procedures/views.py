from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from thachha_portal import pagecache, params, search
from thachha_portal.compiled import compiled
from thachha_portal.counters import mark_viewed
from thachha_portal.downloads import file_response, versioned_document
from thachha_portal.pagecache import public_page
from thachha_portal.public_forms import over_limit, refused, same_origin_post, sent
from thachha_portal.text import Vietnamese, search_query

from . import opendata, services
from .forms import CatalogueFilterForm, FeedbackForm
from .models import Field, Procedure
from .search import also_called
from .selectors import (
    catalogue,
    catalogue_page_source,
    emptied_field,
    field_listing,
    fields_with_counts,
    read_parts,
)

PAGE_SIZE = 20
# The site search's section of the news (thachha_portal.search.register).
NEWS = "bulletins"
# Procedure pages show only procedures (and the commune profile).
cached = public_page("procedures")


@public_page(
    "procedures",
    query=("q", "linh_vuc", "truc_tuyen", "page"),
    uncached_if=("q",),
)
@require_safe
def procedure_list(request):
    """The catalogue grouped by field, with filters; with ``q``, search results
    ranked best first, and what the search has to say when it found nothing or
    only part (docs/search.md)."""
    fields = list(fields_with_counts())
    # A field that exists but has no published procedure (all withdrawn) is still
    # reached from its printed sheet's QR code: its page says so (docs/procedures.md).
    emptied = emptied_field(request.GET.get("linh_vuc", ""), fields)
    choices = fields + [emptied] if emptied else fields
    form = CatalogueFilterForm(request.GET, fields=choices)
    form.is_valid()
    refused = sorted(set(form.errors) & set(CatalogueFilterForm.CHOICES))
    if refused:
        # A field or level that names nothing is a page that does not exist, as a
        # page past the last is (thachha_portal/params.py): never the whole list.
        raise Http404(f"?{refused[0]}= names nothing")
    filters = {
        "query": form.cleaned_data.get("q", ""),
        "field_slug": form.cleaned_data.get("linh_vuc", ""),
        "online_level": form.cleaned_data.get("truc_tuyen", ""),
    }
    searching = bool(search_query(filters["query"])) and not emptied
    # Typed, but nothing to search for (emoji, punctuation): the page says so
    # above the whole catalogue, the box keeps what was typed.
    unsearchable = bool(filters["query"]) and not search_query(filters["query"])
    # A query that names the news ("tin tức", "bản tin", "thông báo") is
    # pointed to them; said alone, it asks for nothing the catalogue holds: no
    # procedure is listed (those holding "tin" and "tức" apart, "thông tin",
    # "thủ tục", would pass for matches).
    named, alone = search.sections_named(filters["query"]) if searching else ([], [])
    news_only = NEWS in alone
    online_level = filters["online_level"]
    # The fields' counts under the online-level filter (kept by the worker as
    # the whole counts are): what the catalogue lists and its field links lead
    # to. A search shows no counts (below).
    counted = fields
    if online_level and not searching:
        counted = list(fields_with_counts(online_level))
    results = None
    if emptied or news_only:
        page = params.page_of(request, [], PAGE_SIZE)
        procedures = []
    elif searching:
        results = catalogue(**filters)
        page = params.page_of(request, results.pks, PAGE_SIZE)
        procedures = results.objects(page.object_list)
    else:
        found = catalogue_page_source(
            counted, field_slug=filters["field_slug"], online_level=online_level
        )
        page = params.page_of(request, found, PAGE_SIZE)
        procedures = page.object_list
    current_field = emptied or next(
        (f for f in fields if f.slug == filters["field_slug"]), None
    )
    # The field links, each with how many procedures it leads to: under the
    # online-level filter; none while searching, where a field's procedures are
    # not what its link lists (the search's matches in it).
    counts = {field.pk: field.count for field in counted}
    field_links = [
        (field, None if searching else counts.get(field.pk, 0))
        for field in fields
        if searching or field.pk in counts or field == current_field
    ]
    # What the filters are, in words, for a search they leave without a result.
    filter_names = [current_field.name] if filters["field_slug"] else []
    if filters["online_level"]:
        filter_names.append(Procedure.OnlineLevel(filters["online_level"]).label)
    crumbs = [(_("Administrative procedures"), None)]
    if any(filters.values()):
        here = Vietnamese(current_field.name) if current_field else _("Search results")
        crumbs = [
            (_("Administrative procedures"), reverse("procedures:list")),
            (here, None),
        ]
    return render(
        request,
        "procedures/procedure_list.jinja",
        {
            "form": form,
            "fields": fields,
            "total": sum(f.count for f in fields),
            "field_links": field_links,
            "listed_total": None if searching else sum(counts.values()),
            "current_field": current_field,
            "emptied": emptied,
            "page_obj": page,
            "procedures": procedures,
            "query": filters["query"],
            "searching": searching,
            "news_named": NEWS in named,
            "news_only": news_only,
            "unsearchable": unsearchable,
            "results": results,
            "filtered": any(filters.values()),
            "filter_names": filter_names,
            "crumbs": crumbs,
        },
    )


def _public_procedure(code):
    procedures = compiled(Procedure.objects.published().select_related("field"))
    return read_parts(get_object_or_404(procedures, code=code))


@cached
@same_origin_post
@require_http_methods(["GET", "HEAD", "POST"])
def procedure_detail(request, code):
    """All parts of one procedure in the official order, and the “was this
    helpful?” form (POST-redirect-GET; rate-limited per address; honeypot)."""
    procedure = _public_procedure(code)
    form = FeedbackForm()
    status = 200
    limited = 0
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if limited := over_limit(request, "procedure-feedback"):
            form.add_error(
                None,
                _("Too many answers from your connection. Please try again later."),
            )
        elif form.is_valid():
            services.feedback_create(
                procedure=procedure,
                helpful=form.cleaned_data["helpful"],
                comment=form.cleaned_data["comment"],
            )
            return sent(
                request,
                _("Thank you: your answer has been recorded."),
                procedure.get_absolute_url(),
                "gop-y",
            )
        else:
            status = 400
    response = render(
        request,
        "procedures/procedure_detail.jinja",
        {
            "procedure": procedure,
            "feedback_form": form,
            "also_called": also_called(procedure),
        },
        status=status,
    )
    if request.method == "GET":
        mark_viewed(response, procedure)
    return refused(response, limited) if limited else response


@cached
@require_safe
def procedure_print(request, code):
    """The A4 sheet for the one-stop desk, with a QR code back to the page."""
    return render(
        request,
        "procedures/procedure_print.jinja",
        {
            "procedure": _public_procedure(code),
            "printed_on": timezone.localdate(),
        },
    )


# Sheets on one page of a field's full listing: a province's field holds
# hundreds of procedures, and all of them at once took a worker 3 s and 200 MB.
FULL_LISTING_PAGE = 20
# Rows on one page of a field's list, each with its QR code: about four A4
# sheets; a province's 2,467 procedures of Hộ tịch at once took 14.5 s and 4.7 MB.
FIELD_LIST_PAGE = 100


def _field_sheet(request, slug, template, *, parts):
    field = get_object_or_404(Field, slug=slug)
    listed = field_listing(field, pks=True)
    if not listed:
        return render(request, "404.jinja", status=404)
    per_page = FULL_LISTING_PAGE if parts else FIELD_LIST_PAGE
    page = params.page_of(request, listed, per_page)
    listed = field_listing(field, parts=parts, among=page.object_list)
    context = {"field": field, "printed_on": timezone.localdate(), "page_obj": page}
    if parts:  # a page of sheets, each procedure with every part
        # the form files to print and post after their procedure's sheet
        context["forms"] = [
            (procedure, item)
            for procedure in listed
            for item in procedure.dossier_items.all()
            if item.form_file or item.form_url
        ]
    context["procedures"] = listed
    return render(request, template, context)


@public_page("procedures", query=("page",))
@require_safe
def field_print(request, slug):
    """The list of one field's procedures (danh mục: name, code, time, fee,
    a QR code each), a summary beside the listing itself; in pages of
    ``FIELD_LIST_PAGE`` rows (``?page=``)."""
    return _field_sheet(request, slug, "procedures/field_print.jinja", parts=False)


@public_page("procedures", query=("page",))
@require_safe
def field_print_full(request, slug):
    """The public listing (niêm yết) of one field for the one-stop desk, as TT
    02/2017 asks it: every part of each procedure with its forms, each on its
    own A4 sheet as ``procedure_print`` prints it, after a list of them; in
    pages of ``FULL_LISTING_PAGE`` sheets (``?page=``)."""
    return _field_sheet(request, slug, "procedures/field_print_full.jinja", parts=True)


@cached
@require_safe
def open_data(request):
    return render(
        request,
        "procedures/open_data.jinja",
        {
            "columns": opendata.documented_columns(),
            "count": Procedure.objects.published().count(),
        },
    )


def _published_for_export():
    return Procedure.objects.published().with_parts().order_by("code")


# The open-data documents are built once per version of the public content
# (the page cache's generation is part of the key) and kept this long at most.
EXPORT_CACHE_SECONDS = 24 * 3600
EXPORTS = {
    "csv": (opendata.to_csv, "thu-tuc-hanh-chinh.csv"),
    "json": (opendata.to_json, "thu-tuc-hanh-chinh.json"),
}


def _open_data(request, kind):
    """An open-data document: at province scale it is megabytes and seconds of
    work to build, the same for every visitor until an edit. Built once per
    version (kept in the shared cache for the other servers), then served from
    a file (downloads.versioned_document)."""
    build, filename = EXPORTS[kind]
    version = pagecache.generation("procedures")
    if not getattr(cache, "available", True):  # no version to trust: build it now
        response = file_response(
            filename, build(_published_for_export()).encode(), inline=True
        )
        response["Access-Control-Allow-Origin"] = "*"
        return response
    key = f"procedures:open-data:{kind}:{version}"

    def content():
        found = cache.get(key)
        if found is None:
            found = build(_published_for_export()).encode()
            cache.set(key, found, EXPORT_CACHE_SECONDS)
        return found

    response = versioned_document(
        request, f"open-data-{kind}", version, content, filename
    )
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response


@cached
@require_safe
def open_data_csv(request):
    return _open_data(request, "csv")


@cached
@require_safe
def open_data_json(request):
    return _open_data(request, "json")
