"""Months are Vietnam months: 23:30 on 31/01 local time is January."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from bulletins.models import Bulletin
from bulletins.selectors import archive_months, month_counts

from .factories import make_bulletin, make_category

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def late_january(profile, category):
    # 16:30 UTC on 31/01 — already February in UTC+8 and later, January here.
    return make_bulletin(
        title="Tin đăng khuya 31 tháng Một",
        published_at=datetime.datetime(2021, 1, 31, 23, 30, tzinfo=VN),
    )


def test_late_night_item_belongs_to_january(client, late_january):
    january = client.get(reverse("bulletins:month", args=[2021, 1])).content.decode()
    february = client.get(reverse("bulletins:month", args=[2021, 2])).content.decode()
    assert late_january.title in january
    assert late_january.title not in february
    assert list(Bulletin.objects.in_month(2021, 1)) == [late_january]


def test_page_shows_the_local_date(client, late_january):
    html = client.get(late_january.get_absolute_url()).content.decode()
    assert "31/01/2021" in html


def test_archive_lists_local_months(late_january):
    assert [(m.year, m.month) for m in archive_months()] == [(2021, 1)]


def test_month_page_without_items_says_so(client, profile, category):
    response = client.get("/tin-tuc/2021/06/")
    assert response.status_code == 200
    assert "Không có tin nào được đăng trong tháng này" in response.content.decode()


@pytest.mark.parametrize("url", ["/tin-tuc/2021/13/", "/tin-tuc/2021/00/"])
def test_impossible_month_is_not_found(client, profile, url):
    assert client.get(url).status_code == 404


def test_archive_months_are_counted_in_local_months(profile, category):
    for day in (datetime.datetime(2021, 1, 31, 23, 30, tzinfo=VN),) * 2 + (
        datetime.datetime(2021, 2, 1, 0, 30, tzinfo=VN),
    ):
        make_bulletin(published_at=day)
    assert [
        ((r["month"].year, r["month"].month), r["count"]) for r in month_counts()
    ] == [
        ((2021, 2), 1),
        ((2021, 1), 2),
    ]


def test_archive_months_are_read_once_until_a_bulletin_is_saved(
    late_january, django_assert_num_queries, django_capture_on_commit_callbacks
):
    archive_months()
    with django_assert_num_queries(0):
        assert [(m.year, m.month) for m in archive_months()] == [(2021, 1)]
    with django_capture_on_commit_callbacks(execute=True):
        make_bulletin(published_at=datetime.datetime(2021, 3, 2, 8, tzinfo=VN))
    assert [(m.year, m.month) for m in archive_months()] == [(2021, 3), (2021, 1)]


def test_a_scheduled_item_adds_its_month_when_its_time_comes(late_january, monkeypatch):
    at = datetime.datetime(2021, 6, 1, 7, tzinfo=VN)
    make_bulletin(published_at=at)
    monkeypatch.setattr(timezone, "now", lambda: at - datetime.timedelta(minutes=1))
    assert [(m.year, m.month) for m in archive_months()] == [(2021, 1)]
    monkeypatch.setattr(timezone, "now", lambda: at)
    assert [(m.year, m.month) for m in archive_months()] == [(2021, 6), (2021, 1)]


def _items_in_months(count, category):
    """One item in each of ``count`` consecutive months back from May 2026."""
    for n in range(count):
        year, month = divmod(2026 * 12 + 4 - n, 12)
        make_bulletin(
            published_at=datetime.datetime(year, month + 1, 10, 8, tzinfo=VN),
            category=category,
        )


def test_side_list_names_twelve_months_then_earlier_years(client, profile, category):
    _items_in_months(30, category)  # 12/2023 … 05/2026
    html = client.get(reverse("bulletins:list")).content.decode()
    aside = html[html.index('id="month-title"') : html.index("</aside>")]
    assert aside.count("/tin-tuc/20") == 12 + 3
    assert 'href="/tin-tuc/2026/05/">Tháng 05/2026' in aside
    assert 'href="/tin-tuc/2025/06/">Tháng 06/2025' in aside
    assert "Tháng 05/2025" not in aside
    # Earlier years link to their newest month not listed above.
    assert 'Các năm trước: <a href="/tin-tuc/2025/05/">2025</a>' in aside
    assert '<a href="/tin-tuc/2024/12/">2024</a>' in aside
    assert '<a href="/tin-tuc/2023/12/">2023</a>' in aside


def test_month_page_links_only_the_nearest_months_with_news(client, profile, category):
    # A reader stepping "previous month" from an empty month lands on news,
    # and neither end of the archive leads into empty months (which had no end:
    # a crawler walked from 2000 to 2100).
    for day in (datetime.date(2021, 1, 10), datetime.date(2021, 4, 10)):
        make_bulletin(published_at=datetime.datetime(*day.timetuple()[:3], tzinfo=VN))
    html = client.get("/tin-tuc/2021/02/").content.decode()
    assert 'href="/tin-tuc/2021/01/" rel="prev"' in html
    assert 'href="/tin-tuc/2021/04/" rel="next"' in html
    assert "/tin-tuc/2021/03/" not in html
    first = client.get("/tin-tuc/2021/01/").content.decode()
    assert 'rel="prev"' not in first and "/tin-tuc/2020/12/" not in first
    last = client.get("/tin-tuc/2021/04/").content.decode()
    assert 'rel="next"' not in last and "/tin-tuc/2021/05/" not in last


def _aside(client, url):
    html = client.get(url).content.decode()
    return html[html.index('<aside class="bulletin-aside"') : html.index("</aside>")]


def test_side_list_follows_the_archive_language_and_category_at_once(
    client, profile, category, django_capture_on_commit_callbacks
):
    """Each worker keeps the side list it drew (the "fragments" cache), keyed on
    the archive's figures, the language and the category shown: a new month,
    a renamed category, another language or another category shows at once."""
    notices = make_category(slug="thong-bao", name="Thông báo")
    make_bulletin(published_at=datetime.datetime(2021, 1, 10, 8, tzinfo=VN))
    news, own = reverse("bulletins:list"), category.get_absolute_url()
    marked = re.compile(r'aria-current="page">([^<]+)</a>')
    for _round in range(2):
        assert marked.findall(_aside(client, news)) == []
        assert marked.findall(_aside(client, own)) == [category.name]
        assert marked.findall(_aside(client, notices.get_absolute_url())) == [
            "Thông báo"
        ]
    assert "Tháng 01/2021" in _aside(client, news)

    with django_capture_on_commit_callbacks(execute=True):
        make_bulletin(published_at=datetime.datetime(2021, 3, 2, 8, tzinfo=VN))
    with django_capture_on_commit_callbacks(execute=True):
        notices.name = "Thông báo của UBND"
        notices.save()
    for url in (news, own):
        aside = _aside(client, url)
        assert 'href="/tin-tuc/2021/03/">Tháng 03/2021' in aside
        assert "Thông báo của UBND" in aside

    client.cookies["django_language"] = "en"
    aside = _aside(client, own)
    assert "Categories" in aside and "Month 03/2021" in aside
    assert marked.findall(aside) == [category.name]


def test_side_list_adds_a_scheduled_items_month_when_its_time_comes(
    client, late_january
):
    at = datetime.datetime(2021, 6, 1, 7, tzinfo=VN)
    make_bulletin(published_at=at)
    news = reverse("bulletins:list")
    with time_machine.travel(at - datetime.timedelta(minutes=1), tick=False):
        assert "/tin-tuc/2021/06/" not in _aside(client, news)
    with time_machine.travel(at, tick=False):
        assert 'href="/tin-tuc/2021/06/">Tháng 06/2021' in _aside(client, news)


def test_the_side_lists_stamp_follows_what_it_shows_not_when_it_was_counted(
    late_january, django_capture_on_commit_callbacks
):
    """Figures counted again with nothing new to show (another worker, Redis
    restarted or down) keep their stamp, so no worker draws the list again;
    a new month changes it, a new item in a listed month does not."""
    from bulletins.selectors import archive_figures

    first = archive_figures()["stamp"]
    cache.clear()
    assert archive_figures()["stamp"] == first
    with django_capture_on_commit_callbacks(execute=True):
        make_bulletin(published_at=datetime.datetime(2021, 1, 5, 8, tzinfo=VN))
    assert archive_figures()["stamp"] == first
    with django_capture_on_commit_callbacks(execute=True):
        make_bulletin(published_at=datetime.datetime(2021, 3, 2, 8, tzinfo=VN))
    assert archive_figures()["stamp"] != first
