"""Reads: the catalogue, search, and the parts of the home page and site map."""

import functools

from django.core.validators import slug_re
from django.db import connection
from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Collate

from thachha_portal import pagecache
from thachha_portal.compiled import Statement, compiled
from thachha_portal.media import PublicFiles
from thachha_portal.related import Related, keep, rows_together
from thachha_portal.text import search_query

from .models import PARTS, DossierItem, Field, Procedure
from .search import search_catalogue

# The forms of a published procedure's dossier.
PUBLIC_FILES = (PublicFiles(DossierItem, "form_file", through="procedure"),)


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
    field through the index (field, name) of published procedures, kept by the
    worker until the procedures change (0.7 ms of PostgreSQL at province scale,
    on the home page, the catalogue and every search)."""
    return list(_kept_fields_with_counts(online_level))


def _counted_fields(online_level):
    statement = _fields_with_counts_statement(online_level)
    return tuple(field for field in statement.objects() if field.count)


_kept_fields_with_counts = pagecache.Kept(("procedures",), _counted_fields)


@functools.lru_cache(maxsize=8)  # "" and the online levels
def _fields_with_counts_statement(online_level):
    # The same SQL on every request: compiled once per worker (building and
    # compiling the subquery took more CPU than the database takes to run it).
    procedures = Procedure.objects.published().filter(field=OuterRef("pk"))
    if online_level:
        procedures = procedures.filter(online_level=online_level)
    # COUNT(*), not COUNT(id): the index answers alone (index-only scan).
    count = procedures.order_by().values("field").annotate(n=Count("*")).values("n")
    fields = Field.objects.annotate(count=Coalesce(Subquery(count), 0)).order_by(
        "order", by_name()
    )
    return Statement.of(fields)


def read_parts(procedure):
    """``procedure`` with its steps, channels, dossier items and legal bases kept
    on it as ``prefetch_related`` keeps them, for the detail page and print
    sheet: four reads by SQL compiled once per process, in one round trip
    (thachha_portal/related.py)."""
    parts = rows_together(procedure.pk, *_PART_ROWS.values())
    for name, rows in zip(_PART_ROWS, parts, strict=True):
        keep(procedure, name, rows)
    return procedure


def _part_rows(name):
    model = Procedure._meta.get_field(name).related_model
    return Related(lambda pk: model.objects.filter(procedure_id=pk))


_PART_ROWS = {name: _part_rows(name) for name in PARTS}


def field_listing(field, *, parts=False, among=None, pks=False):
    """The published procedures of ``field`` in catalogue order (Vietnamese
    names), for its printed sheets: with their channels (the list's time and
    fee), or with ``parts`` every part of each, as its own A4 sheet shows them;
    only those of the pks ``among`` if given; with ``pks``, their pks only. A
    fixed number of queries however many procedures the field holds."""
    procedures = Procedure.objects.published().filter(field=field)
    if among is not None:
        procedures = procedures.filter(pk__in=among)
    if pks:
        return list(procedures.order_by(by_name(), "code").values_list("pk", flat=True))
    if parts:
        procedures = procedures.prefetch_related(*PARTS)
    else:
        procedures = procedures.prefetch_related("channels")
    procedures = list(procedures.order_by(by_name(), "code"))
    for procedure in procedures:
        procedure.field = field  # the sheet names it: no query per procedure
    return procedures


def emptied_field(slug, fields):
    """The field that ``slug`` names when it has no published procedure (none
    left, or none yet), with ``count`` 0: printed sheets' QR codes still lead to
    it. None when ``slug`` is empty, among ``fields`` (``fields_with_counts()``)
    or names no field. One query, and only for a slug not among ``fields``."""
    if not slug or any(field.slug == slug for field in fields):
        return None
    if len(slug) > Field._meta.get_field("slug").max_length or not slug_re.match(slug):
        return None  # names no field, and is no text to send to the database
    field = Field.objects.filter(slug=slug).first()
    if field is not None:
        field.count = 0
    return field


# What a row of the catalogue shows (procedures/_results.jinja).
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


def catalogue_page_source(fields, *, field_slug="", online_level=""):
    """What the catalogue's Paginator reads when there is no search: ``fields``
    are ``fields_with_counts(online_level)`` (the counts under the online-level
    filter, which the page's field links show too)."""
    procedures = Procedure.objects.published()
    if online_level:
        procedures = procedures.filter(online_level=online_level)
    if field_slug:
        fields = [field for field in fields if field.slug == field_slug]
    return FieldOrderedCatalogue(procedures, fields)


def catalogue(*, query="", field_slug="", online_level=""):
    """The published procedures matching the filters: a queryset in catalogue
    order without ``query``; with it, a search.Results (ranked, with notes, and
    when the filters hide every match, how many the query finds without
    them)."""
    published = procedures = Procedure.objects.published()
    if field_slug:
        procedures = procedures.filter(field__slug=field_slug)
    if online_level:
        procedures = procedures.filter(online_level=online_level)
    if search_query(query):
        filters = f"field={field_slug} online={online_level}"
        # Filters that hide every match are said so, not "nothing found".
        wider = published if field_slug or online_level else None
        return search_catalogue(query, procedures, filters, wider=wider)
    return procedures.select_related("field").order_by(
        "field__order", by_name("field__name"), by_name()
    )


def home_context(request):
    return {
        "procedure_fields": list(fields_with_counts()),
        "procedures_most_viewed": list(
            compiled(Procedure.objects.published())
            .select_related("field")
            .only(*LIST_COLUMNS, "field__name", "field__slug")
            .order_by("-view_count", by_name())[:6]
        ),
    }


def sitemap_context(request):
    return {"procedure_fields": list(fields_with_counts())}
