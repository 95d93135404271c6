import logging
import re
import sys

from django import forms
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db import DatabaseError, connection, models
from django.http import HttpResponse, JsonResponse
from django.middleware import csrf
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.urls import reverse
from django.views.decorators.http import require_safe

from . import kept_forms, params, wiring
from . import search as site_search
from .addresses import site_address
from .pagecache import public_page
from .text import markup_text, search_query

# The home page, site map and site search show every section.
EVERY_SECTION = tuple(app.label for app in wiring.APPS)
every_section = public_page(*EVERY_SECTION)


@every_section
def home(request):
    context = {"home_blocks": [(app.label, app.home_template) for app in wiring.APPS]}
    for app in wiring.APPS:
        context.update(app.home_context(request))
    return render(request, "home.jinja", context)


@public_page()
def about(request):
    return render(request, "pages/about.jinja")


@public_page()
def accessibility(request):
    return render(request, "pages/accessibility.jinja")


@every_section
def sitemap_page(request):
    context = {"sitemap_blocks": [app.sitemap_template for app in wiring.APPS]}
    for app in wiring.APPS:
        context.update(app.sitemap_context(request))
    return render(request, "pages/sitemap.jinja", context)


# /tim-kiem/?muc=… shows one section in full, paginated.
SECTION_SLUGS = {"tin-tuc": "bulletins", "ke-hoach": "plans"}
SECTION_LIMIT = 60
SECTION_PAGE = 20


@public_page(*EVERY_SECTION, query=("q", "muc", "page"), uncached_if=("q",))
def search(request):
    """The site-wide search: a few hits from each part of the portal, or one part
    in full (``muc``), and what the procedures' search has to say (corrections,
    matters handled elsewhere, where to look when nothing is found)."""
    query = params.query_text(request, "q")
    searched = bool(search_query(query))
    only = SECTION_SLUGS.get(request.GET.get("muc", ""))
    sections = []
    if searched:
        sections = site_search.search_sections(
            query, limit=SECTION_LIMIT if only else 10, only=only
        )
    notes = next((s.results for s in sections if s.results is not None), None)
    listed = [s for s in sections if s.total]
    if searched and not listed:
        site_search.misses.record(
            query, site_search.misses.kind_of(notes and notes.found)
        )
    page = None
    if only and listed:
        page = params.page_of(request, listed[0].hits, SECTION_PAGE)
    return render(
        request,
        "search.jinja",
        {
            "query": query,
            "sections": listed,
            "searched": searched,
            # Typed, but no letter nor digit to search for (emoji,
            # punctuation): said so, the box keeps what was typed.
            "unsearchable": bool(query) and not searched,
            "results": notes,
            "topics": site_search.topics_for(query) if searched else [],
            "page_obj": page,
            "section_only": only,
        },
    )


@public_page()
@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /quan-tri/",
        f"Sitemap: {site_address(reverse('sitemap-index'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception):
    return render(request, "404.jinja", status=404)


# Seconds a visitor (or a proxy) is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30
logger = logging.getLogger("thachha_portal.errors")


# Fields of a form that nobody typed: the token, the admin's own markers, the
# honeypot, the inline tables' counts.
UNTYPED = ("csrfmiddlewaretoken", "website")
UNTYPED_ENDINGS = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
MAX_TYPED_FIELDS = 30


def _typed(request):
    """(label, text) of what a form sent held as typed text, for the page to
    show it to be copied: the database that would have kept it is away, and
    Back, which reloads an admin form (it is never cached), finds it away too
    and loses the form. Labels are the field's where the address is an admin
    form (read from the model and the admin's form class, not the database);
    a choice is shown by its label, markup is read as text, a paragraph a
    line. Not shown: what nobody typed (the token, the admin's markers, the
    hidden copies of initial values), a related record's number, a box
    ticked, a choice whose label cannot be known without the database."""
    model_admin = kept_forms.model_admin_of(request.path)
    typed = []
    for name, values in request.POST.lists():
        if (
            name in UNTYPED
            or name.startswith(("_", "initial-"))
            or name.endswith(UNTYPED_ENDINGS)
            or "password" in name
        ):
            continue
        label, choices = _described(model_admin, name)
        for value in values:
            if choices is not None:
                text = str(choices.get(value, ""))
            else:
                text = markup_text(value, lines=True)
                if not (label or _looks_typed(text)):
                    continue
            if any(character.isalpha() for character in text):
                typed.append((label or name, text))
    return typed[:MAX_TYPED_FIELDS]


NOT_CHOSEN = {}  # the choices of a field whose values are not shown


def _described(model_admin, name):
    """The label of the admin form's field ``name`` (None when unknown) and,
    for a choice, its labels by value (``NOT_CHOSEN`` when a value should
    not be shown: a related record, a box ticked, a choice filled in from the
    database); None for text."""
    model = getattr(model_admin, "model", None)
    inline_row = INLINE_ROW.fullmatch(name)
    models_ = [model]
    if inline_row:
        name = inline_row["field"]
        models_ = [inline.model for inline in getattr(model_admin, "inlines", ())]
    for each in models_:
        try:
            field = each._meta.get_field(name)
        except (AttributeError, FieldDoesNotExist):
            continue
        label = _capitalised(field.verbose_name)
        if field.is_relation or isinstance(field, models.BooleanField):
            return label, NOT_CHOSEN
        if field.choices:
            return label, dict(field.flatchoices)
        return label, None
    form_field = getattr(getattr(model_admin, "form", None), "base_fields", {})
    field = None if inline_row else form_field.get(name)
    if field is None:
        return None, None
    label = _capitalised(field.label or name.replace("_", " "))
    if isinstance(field, forms.ModelChoiceField | forms.BooleanField):
        return label, NOT_CHOSEN  # its choices are read from the database
    if isinstance(field, forms.ChoiceField):  # choices set per form: none here
        return label, dict(kept_forms.flat_choices(field.choices))
    return label, None


# A field of an inline table's row: "attachments-0-caption".
INLINE_ROW = re.compile(r".+-\d+-(?P<field>\w+)")


def _capitalised(label):
    label = str(label)
    return label[:1].upper() + label[1:]


def _looks_typed(text):
    """Text a person wrote rather than a code a form carries ("published",
    "normal"): a space or a letter beyond ASCII."""
    return any(character.isspace() or ord(character) > 127 for character in text)


def _standalone_page(request, template_name, status, fallback):
    """An error page that needs neither the database nor the cache (no context
    processors; static file URLs only): it is what is left when they fail. For
    a form sent (a staff member's edit, a citizen's answer) it says that
    nothing was saved and shows what was typed, to be copied (``_typed``)."""
    sent = request.method == "POST"
    try:
        content = get_template(template_name).render(
            {"form_sent": sent, "typed": _typed(request) if sent else []}
        )
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
            request,
            "503.jinja",
            503,
            "Hệ thống đang tạm gián đoạn. Vui lòng thử lại sau.",
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return _standalone_page(request, "500.jinja", 500, "Xin lỗi, đã có lỗi xảy ra.")


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


ORIGIN_REFUSED = csrf.REASON_BAD_ORIGIN.split("%", 1)[0]


def csrf_failure(request, reason=""):
    """A refused form. An admin form of this site left open while its token
    changed is kept, and its address offers to send it again (kept_forms.py)."""
    if kept_forms.kept_after_csrf_failure(request, reason):
        return redirect(request.get_full_path())
    # A public form (no token, no cookie: public_forms.py) is refused only
    # for where the browser said it came from: blaming cookies misleads.
    elsewhere = reason.startswith(ORIGIN_REFUSED)
    return render(request, "403_csrf.jinja", {"elsewhere": elsewhere}, status=403)
