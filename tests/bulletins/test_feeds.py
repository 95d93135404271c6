"""Feeds parse with a real parser: entries newest first, dates, per category."""

import datetime
import html
from xml.etree import ElementTree

import feedparser
import pytest
from django.utils import timezone

from bulletins.models import Bulletin

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


# --- hostile text: the feeds carry no markup a reader would run ---------------------

HOSTILE_SUMMARY = '"><script>alert(1)</script><img src=x onerror=alert(3)>'
ATOM = "{http://www.w3.org/2005/Atom}"


def parse_xml(content):
    return ElementTree.fromstring(content)  # noqa: S314 (the portal's own feed)


@pytest.fixture
def hostile(profile, category):
    bulletin = make_bulletin(
        title="Tin có mã độc", summary=HOSTILE_SUMMARY, body="<p>Nội dung</p>"
    )
    # A body stored before the sanitiser learnt a rule (or written around it):
    # the feed passes it through the page's sanitiser again.
    Bulletin.objects.filter(pk=bulletin.pk).update(
        body='<p onclick="x()">Nội dung <a href="/thu-tuc/">thủ tục</a></p>'
        '<script>alert(2)</script><img src="/media/a.png" alt="Ảnh" onerror="y()">'
    )
    return bulletin


def test_atom_summary_is_plain_text_and_content_is_sanitised_html(client, hostile):
    root = parse_xml(client.get("/tin-tuc/atom/").content)
    entry = root.find(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text == HOSTILE_SUMMARY  # shown as the characters typed
    content = entry.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert content.text == (
        '<p>Nội dung <a href="http://testserver/thu-tuc/" rel="noopener noreferrer">'
        'thủ tục</a></p><img src="http://testserver/media/a.png" alt="Ảnh">'
    )


def test_rss_description_is_escaped_text_and_body_sanitised(client, hostile):
    root = parse_xml(client.get("/tin-tuc/rss/").content)
    item = root.find("channel/item")
    # <description> is HTML by definition: the summary arrives as escaped text,
    # which a reader shows as the characters typed.
    assert item.find("description").text == html.escape(HOSTILE_SUMMARY)
    body = item.find("{http://purl.org/rss/1.0/modules/content/}encoded").text
    assert "script" not in body and "onerror" not in body and "onclick" not in body
    assert 'src="http://testserver/media/a.png"' in body
    feed = feedparser.parse(client.get("/tin-tuc/rss/").content)
    shown = feed.entries[0].summary  # HTML to a reader: no tag in it
    assert "<" not in shown and html.unescape(shown) == HOSTILE_SUMMARY


def test_home_page_announces_the_feeds(client, news):
    html_text = client.get("/").content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="Tin cải cách hành chính (Atom)" href="/tin-tuc/atom/">'
    ) in html_text
    assert 'type="application/rss+xml"' in html_text
    assert 'href="/tin-tuc/rss/"' in html_text


@pytest.mark.parametrize(
    "url",
    [
        "/tin-tuc/rss/",
        "/tin-tuc/atom/",
        "/tin-tuc/chuyen-muc/neu-guong/rss/",
        "/tin-tuc/chuyen-muc/neu-guong/atom/",
    ],
)
def test_each_feed_is_the_one_djangos_own_feed_machinery_writes(
    client, news, hostile, url, monkeypatch
):
    """The feeds work out once how each of their attributes is called and write
    their XML with a writer of their own (bulletins/feeds.py); Django's Feed,
    asking again each time, and its SAX generator write the same bytes."""
    from django.contrib.syndication.views import Feed

    from bulletins.feeds import BulletinFeed, WrittenAtOnce

    ours = client.get(url)
    monkeypatch.setattr(BulletinFeed, "_get_dynamic_attr", Feed._get_dynamic_attr)
    monkeypatch.setattr(WrittenAtOnce, "write", djangos_write)
    django = client.get(url)
    assert ours.status_code == django.status_code == 200
    assert ours.content == django.content
    assert b"<entry>" in ours.content or b"<item>" in ours.content


def djangos_write(feed, outfile, encoding):
    """The ``write`` of the Django class after WrittenAtOnce (Rss201rev2Feed,
    Atom1Feed): its SimplerXMLGenerator."""
    from bulletins.feeds import WrittenAtOnce

    return super(WrittenAtOnce, feed).write(outfile, encoding)


@pytest.mark.parametrize(
    ("text", "attrs"),
    [
        ("", {}),
        ("a & b < c > d \"e\" 'f'", {"href": "x\"y'z", "rel": "a&b\n\t<"}),
        ("Tiếng Việt có dấu ☺", {"b": "2", "a": "1"}),
    ],
)
def test_the_feeds_writer_writes_what_djangos_generator_writes(text, attrs):
    """Escaping, attribute order and quotes, empty elements closed short."""
    import io

    from django.utils.xmlutils import SimplerXMLGenerator

    from bulletins.feeds import XMLWriter

    def write(handler):
        handler.startDocument()
        handler.startElement("feed", {"xmlns": "http://www.w3.org/2005/Atom"})
        handler.addQuickElement("link", None, attrs)
        handler.addQuickElement("title", text, attrs)
        handler.addQuickElement("empty", "")
        handler.startElement("entry", {})
        handler.characters(text)
        handler.endElement("entry")
        handler.endElement("feed")

    ours = XMLWriter("utf-8")
    write(ours)
    theirs = io.StringIO()
    write(SimplerXMLGenerator(theirs, "utf-8", short_empty_elements=True))
    assert ours.text() == theirs.getvalue()


def test_the_feeds_writer_refuses_control_characters_as_django_does():
    from django.utils.xmlutils import UnserializableContentError

    from bulletins.feeds import XMLWriter

    with pytest.raises(UnserializableContentError):
        XMLWriter("utf-8").addQuickElement("title", "tin\x0bmới")


@pytest.mark.parametrize("url", ["/tin-tuc/rss/", "/tin-tuc/atom/"])
def test_a_summary_pasted_from_word_keeps_the_feeds_readable(client, news, url):
    """Word's manual line break is a vertical tab, which XML 1.0 cannot carry:
    stored as a line break, the feed is written and reads."""
    make_bulletin(title="Tin dán\x0btừ Word", summary="Dòng một\x0bdòng hai\x0c")
    response = client.get(url)
    assert response.status_code == 200
    titles = [entry.title for entry in feedparser.parse(response.content).entries]
    assert "Tin dán\ntừ Word" in titles or "Tin dán từ Word" in titles


def test_a_feed_written_again_sanitises_only_bodies_it_has_not_seen(
    client, news, hostile, settings, monkeypatch
):
    """Each body is sanitised once per worker (bulletins.feeds.feed_content); a
    body changed in the database, even around the model, goes out sanitised."""
    from bulletins import feeds

    settings.PAGE_CACHE_SECONDS = 0  # each request writes the feed
    feeds.feed_content.cache_clear()
    sanitised = []
    real = feeds.sanitize_html
    monkeypatch.setattr(
        feeds, "sanitize_html", lambda html: sanitised.append(html) or real(html)
    )
    first = client.get("/tin-tuc/atom/").content
    bodies = len(sanitised)
    stored = Bulletin.objects.published().values_list("body", flat=True)
    assert bodies == len(set(stored))  # once for each different body
    assert client.get("/tin-tuc/atom/").content == first
    assert len(sanitised) == bodies  # nothing sanitised again

    Bulletin.objects.filter(pk=hostile.pk).update(
        body='<p>Đã sửa <img src="/media/b.png" onerror="z()"></p>'
    )
    entry = parse_xml(client.get("/tin-tuc/atom/").content).find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}content").text == (
        '<p>Đã sửa <img src="http://testserver/media/b.png"></p>'
    )
    assert len(sanitised) == bodies + 1


def test_a_body_written_around_the_model_with_control_characters_keeps_the_feed_up(
    client, news, hostile
):
    """A Word line break (U+000B) or another control character XML refuses, in
    a body written with update(), once made the whole feed answer 500."""
    Bulletin.objects.filter(pk=hostile.pk).update(
        body="<p>Dòng một\x0bdòng hai\x01</p>"
    )
    for url in ("/tin-tuc/atom/", "/tin-tuc/rss/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Dòng một\ndòng hai" in response.content.decode()


# --- the public address, not the request's host ----------------------------------

PUBLIC = "https://thachha.example.vn"


@pytest.mark.parametrize(
    ("url", "listing"),
    [
        ("/tin-tuc/rss/", "/tin-tuc/"),
        ("/tin-tuc/atom/", "/tin-tuc/"),
        ("/tin-tuc/chuyen-muc/tin-cchc/rss/", "/tin-tuc/chuyen-muc/tin-cchc/"),
        ("/tin-tuc/chuyen-muc/tin-cchc/atom/", "/tin-tuc/chuyen-muc/tin-cchc/"),
    ],
)
def test_feeds_give_the_public_address_whatever_host_was_asked(
    client, hostile, settings, url, listing
):
    """SITE_URL, not the Host the feed was fetched by (localhost, the server's
    IP address): the channel, the items, the feed's own address, the body's
    links and images."""
    settings.SITE_URL = PUBLIC
    content = client.get(url, HTTP_HOST="localhost:8102").content
    assert b"localhost" not in content
    feed = feedparser.parse(content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.link == PUBLIC + listing
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [
        PUBLIC + url
    ]
    (entry,) = feed.entries
    assert entry.link == PUBLIC + hostile.get_absolute_url()
    assert entry.id == PUBLIC + hostile.get_absolute_url()
    assert f'href="{PUBLIC}/thu-tuc/"' in entry.content[0].value
    assert f'src="{PUBLIC}/media/a.png"' in entry.content[0].value


def test_without_a_public_address_feeds_give_the_requests_host(
    client, hostile, settings
):
    settings.SITE_URL = ""
    feed = feedparser.parse(
        client.get("/tin-tuc/atom/", HTTP_HOST="thachha.example.vn").content
    )
    assert feed.feed.link == "http://thachha.example.vn/tin-tuc/"
    assert feed.entries[0].link == (
        "http://thachha.example.vn" + hostile.get_absolute_url()
    )


@pytest.mark.parametrize(
    ("url", "written"),
    [
        ("/tin-tuc/rss/", "<pubDate>Tue, 20 Oct 2026 00:30:00 +0700</pubDate>"),
        ("/tin-tuc/atom/", "<published>2026-10-20T00:30:00+07:00</published>"),
    ],
)
def test_feed_dates_are_written_in_vietnam_time(
    client, profile, category, url, written
):
    """An item published at 00:30 on 20/10 in Vietnam read "Mon, 19 Oct 2026
    17:30:00 +0000" (the day before) in the feed: it is written in Vietnam
    time, +07:00, the same instant."""
    vietnam = datetime.timezone(datetime.timedelta(hours=7))
    at = datetime.datetime(2026, 10, 20, 0, 30, tzinfo=vietnam)
    make_bulletin(title="Tin lúc nửa đêm", published_at=at, updated_at=at)
    content = client.get(url).content.decode()
    assert written in content
    assert "+0000" not in content and "+00:00" not in content
    [entry] = feedparser.parse(content).entries
    published = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
    assert published == at
