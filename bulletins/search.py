"""The bulletins' part of the site-wide search (wired in thachha_portal/wiring.py)."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from thachha_portal.search import Hit, Section, search_queryset

from .models import Bulletin


def provider(query, limit):
    found = search_queryset(Bulletin.objects.published(), query).select_related(
        "category"
    )
    total = found.count()
    if not total:
        return None
    hits = [
        Hit(
            title=b.title,
            url=b.get_absolute_url(),
            summary=b.summary,
            date=b.published_at,
            meta=[date_format(localtime(b.published_at), "d/m/Y"), b.category.name],
        )
        for b in found[:limit]
    ]
    return Section(
        key="bulletins",
        label=_("CCHC news"),
        hits=hits,
        total=total,
        more_url=reverse("bulletins:list"),
    )
