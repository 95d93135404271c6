"""Feeds parse with a real parser: entries newest first, dates, per category."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from .factories import make_bulletin, make_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(profile, category):
    other = make_category("neu-guong", "Nêu gương điển hình")
    base = timezone.now() - datetime.timedelta(days=3)
    return [
        make_bulletin(title="Tin thứ nhất", published_at=base),
        make_bulletin(
            title="Gương sáng tổ dân phố 4",
            category=other,
            published_at=base + datetime.timedelta(days=1),
        ),
    ]


@pytest.mark.parametrize("url", ["/tin-tuc/rss/", "/tin-tuc/atom/"])
def test_feed_lists_published_items_newest_first_with_dates(client, news, url):
    feed = feedparser.parse(client.get(url).content)
    assert not feed.bozo, feed.bozo_exception
    assert [e.title for e in feed.entries] == [
        "Gương sáng tổ dân phố 4",
        "Tin thứ nhất",
    ]
    entry = feed.entries[1]
    published = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
    assert abs(published - news[0].published_at) < datetime.timedelta(seconds=1)
    assert entry.link.endswith(news[0].get_absolute_url())
    assert "UBND xã Thạch Hà" in feed.feed.title


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_category_feed_lists_only_that_category(client, news, kind):
    feed = feedparser.parse(
        client.get(f"/tin-tuc/chuyen-muc/neu-guong/{kind}/").content
    )
    assert not feed.bozo
    assert [e.title for e in feed.entries] == ["Gương sáng tổ dân phố 4"]
    assert feed.feed.title.startswith("Nêu gương điển hình")


def test_unknown_category_feed_is_not_found(client, news):
    assert client.get("/tin-tuc/chuyen-muc/khong-co/rss/").status_code == 404


def test_pages_announce_the_feeds(client, news):
    html = client.get("/tin-tuc/chuyen-muc/neu-guong/").content.decode()
    assert 'type="application/atom+xml"' in html
    assert "/tin-tuc/chuyen-muc/neu-guong/rss/" in html
