"""Only published items whose time has come are public: drafts, submissions,
scheduled and hidden items appear in no list, page, feed, sitemap or search."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from bulletins.models import Bulletin
from thachha_portal import pagecache
from thachha_portal.search import search_everything

from .factories import make_bulletin

pytestmark = pytest.mark.django_db
S = Bulletin.Status


@pytest.fixture
def items(profile, category):
    future = timezone.now() + datetime.timedelta(days=2)
    return {
        "public": make_bulletin(title="Tin công khai hiện hành"),
        "draft": make_bulletin(title="Tin nháp chưa duyệt", status=S.DRAFT),
        "submitted": make_bulletin(title="Tin chờ duyệt gửi lên", status=S.SUBMITTED),
        "scheduled": make_bulletin(title="Tin hẹn giờ đăng", published_at=future),
        "hidden": make_bulletin(title="Tin đã bị ẩn đi", status=S.HIDDEN),
    }


def _not_public(items):
    return [b for key, b in items.items() if key != "public"]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/tin-tuc/",
        "/tin-tuc/chuyen-muc/tin-cchc/",
        "/tin-tuc/rss/",
        "/tin-tuc/atom/",
        "/tin-tuc/chuyen-muc/tin-cchc/atom/",
        "/sitemap-bulletins.xml",
    ],
)
def test_only_public_items_are_listed(client, items, url):
    now = timezone.localtime()
    html = client.get(url).content.decode()
    assert items["public"].get_absolute_url() in html
    for bulletin in _not_public(items):
        assert bulletin.get_absolute_url() not in html, bulletin.status
    month = client.get(reverse("bulletins:month", args=[now.year, now.month]))
    for bulletin in _not_public(items):
        assert bulletin.title not in month.content.decode()


def test_unpublished_item_pages_are_not_found(client, items):
    assert client.get(items["public"].get_absolute_url()).status_code == 200
    for bulletin in _not_public(items):
        assert client.get(bulletin.get_absolute_url()).status_code == 404


def test_search_finds_only_public_items_without_diacritics(items):
    sections = search_everything("tin")
    urls = [hit.url for s in sections if s.key == "bulletins" for hit in s.hits]
    assert urls == [items["public"].get_absolute_url()]
    found = search_everything("tin cong khai hien hanh")
    assert found[0].hits[0].title == "Tin công khai hiện hành"


def test_scheduled_item_appears_by_itself_when_its_time_comes(items):
    scheduled = items["scheduled"]
    later = scheduled.published_at + datetime.timedelta(minutes=1)
    assert scheduled not in Bulletin.objects.published()
    assert scheduled in Bulletin.objects.published(now=later)


def test_page_cache_never_outlives_the_next_scheduled_publication(items, settings):
    settings.PAGE_CACHE_SECONDS = 10**7
    seconds = (items["scheduled"].published_at - timezone.now()).total_seconds()
    assert 0 < pagecache.timeout() <= seconds


def test_a_page_drawn_as_a_scheduled_moment_falls_is_not_served_after_it(
    client, items, settings, monkeypatch
):
    """The page's time is taken before it is drawn: drawn just before an
    item's moment and stored just after it, the page is not served past it."""
    settings.PAGE_CACHE_SECONDS = 300
    moment = items["scheduled"].published_at
    storable = pagecache.storable
    with time_machine.travel(
        moment - datetime.timedelta(seconds=1), tick=False
    ) as clock:

        def drawn_slowly(response):
            clock.shift(datetime.timedelta(seconds=2))
            return storable(response)

        monkeypatch.setattr(pagecache, "storable", drawn_slowly)
        assert "Tin hẹn giờ đăng" not in client.get("/tin-tuc/").text
        monkeypatch.setattr(pagecache, "storable", storable)
        assert "Tin hẹn giờ đăng" in client.get("/tin-tuc/").text


def test_staff_preview_shows_a_draft_and_is_never_cached(client, items, editor):
    url = reverse("bulletins:preview", args=[items["draft"].pk])
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    assert "Tin nháp chưa duyệt" in response.content.decode()
    assert "Bản xem trước" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_anonymous_preview_is_refused(client, items):
    response = client.get(reverse("bulletins:preview", args=[items["draft"].pk]))
    assert response.status_code == 302
    assert "/quan-tri/login/" in response["Location"]


def test_preview_needs_a_bulletins_role(client, items, make_staff):
    client.force_login(make_staff("motcua", "procedures"))
    url = reverse("bulletins:preview", args=[items["draft"].pk])
    assert client.get(url).status_code in (302, 403)
