"""Query budgets: every list and page costs the same with 3 or 30 rows."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from bulletins import search as bulletins_search
from bulletins import services
from bulletins.models import Attachment

from .factories import make_bulletin, make_category

pytestmark = pytest.mark.django_db


def _fill(count):
    categories = [make_category(), make_category("neu-guong", "Nêu gương")]
    for n in range(count):
        bulletin = make_bulletin(
            title=f"Tin cải cách số {n}", category=categories[n % 2]
        )
        Attachment.objects.create(
            bulletin=bulletin, file=SimpleUploadedFile(f"a{n}.pdf", b"%PDF-1.4\n")
        )
        comment = services.comment_submit(
            bulletin=bulletin, name="A", body="B", voter=str(n)
        )
        comment.status = "approved"
        comment.save()
    return bulletin


def _urls(bulletin):
    now = timezone.localtime()
    return [
        "/",
        reverse("bulletins:list"),
        reverse("bulletins:category", args=["tin-cchc"]),
        reverse("bulletins:month", args=[now.year, now.month]),
        bulletin.get_absolute_url(),
        reverse("bulletins:feed-rss"),
        reverse("bulletins:category-atom", args=["neu-guong"]),
        "/sitemap.xml",
        "/tim-kiem/?q=cai+cach",
    ]


@pytest.mark.parametrize("rows", [3, 30])
def test_pages_stay_within_a_fixed_query_budget(
    client, profile, django_assert_max_num_queries, rows, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # measure the real rendering
    bulletin = _fill(rows)
    # The search reads its vocabulary and each index's words once per worker
    # after a change (thachha_portal/search/versions.py): not per request.
    client.get("/tim-kiem/", {"q": "khai sinh"})
    for url in _urls(bulletin):
        with django_assert_max_num_queries(12, info=url):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("query", ["cai cach", "cai cahc"])  # exact, then typo
def test_search_provider_budget(django_assert_max_num_queries, query):
    _fill(20)
    bulletins_search.provider("khai sinh", 10)  # vocabulary and words, once
    with django_assert_max_num_queries(3):  # the hits shown come with the search
        bulletins_search.provider(query, 10)


@pytest.mark.parametrize("rows", [3, 30])
def test_news_lists_read_only_their_rows_once_the_figures_are_cached(
    client, profile, django_assert_num_queries, rows, settings
):
    """Counts, categories and months come from the cached archive figures: no
    COUNT over the archive per request, whatever its size."""
    settings.PAGE_CACHE_SECONDS = 0
    _fill(rows)
    now = timezone.localtime()
    for url in [
        reverse("bulletins:list"),
        reverse("bulletins:category", args=["neu-guong"]),
        reverse("bulletins:month", args=[now.year, now.month]),
    ]:
        client.get(url)
        with django_assert_num_queries(1, info=url):
            response = client.get(url)
        shown = response.context["page_obj"]
        expected = {3: 3, 30: 30}[rows] if "chuyen-muc" not in url else rows // 2
        assert shown.paginator.count == expected, url


def test_an_items_page_reads_what_it_shows_beside_the_item_in_one_round_trip(
    client, profile, django_assert_num_queries, settings
):
    """The item, then its attachments, related procedures, approved comments and
    ratings' figures together (views._detail); one query each elsewhere."""
    from django.db import connection

    settings.PAGE_CACHE_SECONDS = 0
    bulletin = _fill(3)
    services.rating_submit(bulletin=bulletin, stars=4, voter="a")
    services.rating_submit(bulletin=bulletin, stars=5, voter="b")
    client.get(bulletin.get_absolute_url())  # the worker's lazy state
    # the item, the four reads beside it; the view counter writes later
    expected = 2 if connection.vendor == "postgresql" else 5
    with django_assert_num_queries(expected):
        html = client.get(bulletin.get_absolute_url()).content.decode()
    assert "4,5/5" in html and "2 lượt đánh giá" in html
