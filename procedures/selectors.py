"""Reads: the catalogue, search, and the parts of the home page and site map."""

import functools

from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Collate
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


def fields_with_counts(online_level=""):
    """A list of the fields that have published procedures (of this online level,
    if given), each with ``count``, in catalogue order; one query, a count per
    field through the index (field, name) of published procedures."""
    procedures = Procedure.objects.published().filter(field=OuterRef("pk"))
    if online_level:
        procedures = procedures.filter(online_level=online_level)
    # COUNT(*), not COUNT(id): the index answers alone (index-only scan).
    count = procedures.order_by().values("field").annotate(n=Count("*")).values("n")
    fields = Field.objects.annotate(count=Coalesce(Subquery(count), 0)).order_by(
        "order", by_name()
    )
    return [field for field in fields if field.count]


# What a row of the catalogue shows (procedures/_result.html).
LIST_COLUMNS = ("code", "name", "field", "online_level")


class FieldOrderedCatalogue:
    """The catalogue without a search, in its order (field, then name), for a
    Paginator. The total comes from the per-field counts already read; a page
    reads only its own rows, field by field through the index (field, name), in
    one query (a UNION ALL when it spans fields) — instead of sorting every
    published procedure for each page."""

    def __init__(self, procedures, fields):
        self.procedures = procedures.only(*LIST_COLUMNS)  # filtered, not ordered
        self.fields = fields  # with ``count``, in catalogue order

    def count(self):
        return sum(field.count for field in self.fields)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("The catalogue is read by pages (slices).")
        start, stop = index.start or 0, index.stop or self.count()
        parts, first = [], 0
        for position, field in enumerate(self.fields):
            low, high = max(start - first, 0), min(stop - first, field.count)
            if low < high:
                parts.append(
                    self.procedures.filter(field=field)
                    .annotate(position=Value(position), sort_name=_sort_name())
                    .order_by("sort_name")[low:high]
                )
            first += field.count
            if first >= stop:
                break
        if not parts:
            return []
        if len(parts) == 1:
            rows = list(parts[0])
        elif connection.features.supports_slicing_ordering_in_compound:
            union = parts[0].union(*parts[1:], all=True)
            rows = list(union.order_by("position", "sort_name"))
        else:  # SQLite: the whole order, sliced
            rows = list(
                self.procedures.filter(field__in=self.fields).order_by(
                    "field__order", by_name("field__name"), by_name()
                )[start:stop]
            )
        by_pk = {field.pk: field for field in self.fields}
        for procedure in rows:
            procedure.field = by_pk[procedure.field_id]
        return rows


def _sort_name():
    collation = _vietnamese_collation()
    return Collate(F("name"), collation) if collation else F("name")


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


def catalogue_page_source(fields, *, field_slug="", online_level=""):
    """What the catalogue's Paginator reads when there is no search: ``fields``
    are ``fields_with_counts()`` (all published procedures); with an online-level
    filter the counts are read again under it."""
    procedures = Procedure.objects.published()
    if online_level:
        procedures = procedures.filter(online_level=online_level)
        fields = list(fields_with_counts(online_level))
    if field_slug:
        fields = [field for field in fields if field.slug == field_slug]
    return FieldOrderedCatalogue(procedures, fields)


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
            .only(*LIST_COLUMNS, "field__name", "field__slug")
            .order_by("-view_count", by_name())[:6]
        ),
    }


def sitemap_context(request):
    return {"procedure_fields": list(fields_with_counts())}
