"""The bulletins' part of the site-wide search (wired in thachha_portal/wiring.py):
their index for the engine and the news section of the search page."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from thachha_portal import search
from thachha_portal.dates import format_date
from thachha_portal.text import Vietnamese

from .models import Bulletin

# News are many (tens of thousands at province scale) and read newest first: the
# engine takes the newest matching items, plus every item whose title matches,
# and ranks those; equal ranks go to the newer item.
INDEX = search.SearchIndex(
    key="bulletins",
    model=Bulletin,
    name_column="search_title",
    other_column="search_document",
    newest_column="published_at",
    lexicon_from_other=False,
    shown_columns=("title", "slug", "summary", "category_id", "category__name"),
)
LIMIT = 30
# What people type to ask for the news, not for something the news are about:
# the site search shows them first (thachha_portal.search.search_sections).
NAMES = ("tin tức", "bản tin", "tin cải cách hành chính", "tin CCHC")
# What asks for the news only when it is all the query says: a procedure's name
# may start with it ("Thông báo tổ chức lễ hội cấp xã"). Typed alone into the
# procedures' search box, these and NAMES show a pointer to the news and no
# procedure (procedures/views.py).
ALONE = ("thông báo", "tin")


def provider(query, limit):
    found = search.search(
        INDEX, Bulletin.objects.published(), query, limit=LIMIT, cache_key="published"
    )
    if not found.hits:
        return None
    bulletins = search.instances(INDEX, [record for record, _ in found.hits[:limit]])
    return search.Section(
        key="bulletins",
        label=_("CCHC news"),
        hits=[
            search.Hit(
                title=b.title,
                url=b.get_absolute_url(),
                summary=b.summary,
                date=b.published_at,
                meta=[
                    format_date(b.published_at, time=False),
                    Vietnamese(b.category.name),
                ],
            )
            for b in bulletins
        ],
        total=len(found.hits),
        more=found.more,
        more_url=reverse("search") + "?" + urlencode({"q": query, "muc": "tin-tuc"}),
    )
