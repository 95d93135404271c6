"""Reads: the catalogue, search, and the parts of the home page and site map."""

import functools

from django.db import connection
from django.db.models import Count, F, Q
from django.db.models.functions import Collate

from thachha_portal.text import search_text

from .models import Field, Procedure
from .search import search_catalogue


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
    published = Q(procedures__status=Procedure.Status.ACTIVE)
    return (
        Field.objects.annotate(count=Count("procedures", filter=published))
        .filter(count__gt=0)
        .order_by("order", by_name())
    )


def catalogue(*, query="", field_slug="", online_level=""):
    """The published procedures matching the filters: a queryset in catalogue
    order without ``query``; with it, a search.Results (ranked ids and notes)."""
    procedures = Procedure.objects.published()
    if field_slug:
        procedures = procedures.filter(field__slug=field_slug)
    if online_level:
        procedures = procedures.filter(online_level=online_level)
    if search_text(query):
        return search_catalogue(query, procedures)
    return procedures.select_related("field").order_by(
        "field__order", by_name("field__name"), by_name()
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
