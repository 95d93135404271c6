"""Reads: the catalogue, search, and the parts of the home page and site map."""

import functools

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.db.models.functions import Collate
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from thachha_portal.search import Hit, Section, query_words, search_queryset
from thachha_portal.text import fold

from .models import Field, Procedure

# Rank of a procedure that has the whole query as one of its keywords, and of one
# whose keyword contains the searched words as a phrase. Staff-curated synonyms
# ("làm giấy khai sinh", "sổ đỏ") say more than words scattered over a document,
# but a name that contains the phrase (300) still wins over a keyword phrase.
EXACT_KEYWORD_RANK = 350
KEYWORD_PHRASE_RANK = 250


@functools.cache
def _vietnamese_collation():
    """The ICU Vietnamese collation when the database has one (PostgreSQL built
    with ICU), else None: byte order puts “Đăng ký” after “Thủ tục”."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = 'vi-x-icu'")
        return "vi-x-icu" if cursor.fetchone() else None


def by_name(column="name"):
    """An ordering expression that sorts Vietnamese names as Vietnamese readers
    expect where the database can."""
    collation = _vietnamese_collation()
    return Collate(F(column), collation).asc() if collation else F(column).asc()


def fields_with_counts():
    """Fields that have published procedures, each with ``count``; one query."""
    published = Q(procedures__in=Procedure.objects.published())
    return (
        Field.objects.annotate(count=Count("procedures", filter=published))
        .filter(count__gt=0)
        .order_by("order", by_name())
    )


def search_procedures(queryset, query):
    """``queryset`` ranked against ``query`` (see thachha_portal.search), with
    keywords and synonyms lifted: an exact keyword first, a keyword containing the
    phrase just below the names that contain it."""
    ranked = search_queryset(queryset, query)
    whole = fold(query)
    phrase = " ".join(query_words(query))
    if not whole or "rank" not in ranked.query.annotations:
        return ranked  # nothing matched (an empty queryset without ranks)
    ranked = ranked.annotate(
        score=Case(
            When(
                search_keywords__contains=f"|{whole}|", then=Value(EXACT_KEYWORD_RANK)
            ),
            When(rank__gte=300, then=F("rank")),
            When(search_keywords__contains=phrase, then=Value(KEYWORD_PHRASE_RANK)),
            default=F("rank"),
            output_field=IntegerField(),
        )
    )
    # The typo-tolerant tier (PostgreSQL) ranks by trigram similarity: keep it.
    closeness = ["-similarity"] if "similarity" in ranked.query.annotations else []
    return ranked.order_by("-score", *closeness, "search_title")


def catalogue(*, query="", field_slug="", online_level=""):
    procedures = Procedure.objects.published().select_related("field")
    if field_slug:
        procedures = procedures.filter(field__slug=field_slug)
    if online_level:
        procedures = procedures.filter(online_level=online_level)
    if fold(query):
        return search_procedures(procedures, query)
    return procedures.order_by("field__order", by_name("field__name"), by_name())


def search_section(query, limit):
    """The procedures' part of the site-wide search page."""
    results = catalogue(query=query)
    hits = [
        Hit(
            title=p.name,
            url=p.get_absolute_url(),
            meta=[p.code, p.field.name],
        )
        for p in results[:limit]
    ]
    if not hits:
        return None
    return Section(
        key="procedures",
        label=_("Administrative procedures"),
        hits=hits,
        total=results.count(),
        more_url=reverse("procedures:list") + "?" + urlencode({"q": query}),
    )


def home_context(request):
    return {
        "procedure_fields": list(fields_with_counts()),
        "procedures_most_viewed": list(
            Procedure.objects.published()
            .select_related("field")
            .order_by("-view_count", by_name())[:6]
        ),
    }


def sitemap_context(request):
    return {"procedure_fields": list(fields_with_counts())}
