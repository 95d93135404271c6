"""/sitemap.xml is an index of one sitemap per section, each in pages of a bounded
number of addresses: what a crawler reads costs one page of rows per request."""

import re
from urllib.parse import urlsplit

import pytest

from bulletins.models import Bulletin
from tests.bulletins.factories import make_bulletin, make_category
from thachha_portal.sitemaps import RecordSitemap

pytestmark = pytest.mark.django_db
LOC = re.compile(r"<loc>([^<]+)</loc>")


def test_index_lists_every_section_and_page_and_pages_hold_every_item(
    client, profile, monkeypatch, django_assert_max_num_queries
):
    make_category()
    monkeypatch.setattr(RecordSitemap, "limit", 2)
    for n in range(5):
        make_bulletin(title=f"Tin số {n}")
    index = client.get("/sitemap.xml")
    assert index["Content-Type"] == "application/xml"
    locs = LOC.findall(index.content.decode())
    bulletin_pages = [loc for loc in locs if "/sitemap-bulletins.xml" in loc]
    assert bulletin_pages == [
        "http://testserver/sitemap-bulletins.xml",
        "http://testserver/sitemap-bulletins.xml?p=2",
        "http://testserver/sitemap-bulletins.xml?p=3",
    ]
    assert "http://testserver/sitemap-pages.xml" in locs
    listed = []
    for loc in bulletin_pages:
        url = urlsplit(loc)
        with django_assert_max_num_queries(3):
            xml = client.get(url.path, {"p": url.query[2:] or 1}).content.decode()
        listed += LOC.findall(xml)
    assert len(listed) == 5
    assert sorted(listed) == sorted(
        f"http://testserver{b.get_absolute_url()}" for b in Bulletin.objects.all()
    )


def test_every_address_is_the_portals_public_one_whatever_host_was_asked(
    client, profile, settings
):
    """A crawler that reached the portal by its IP address (or a second name) is
    given the public addresses: the index, each section's page and robots.txt."""
    settings.SITE_URL = "https://thachha.example.vn"
    settings.ALLOWED_HOSTS = ["10.0.0.5"]
    make_category()
    make_bulletin(title="Tin công khai")
    robots = client.get("/robots.txt", HTTP_HOST="10.0.0.5").content.decode()
    assert "Sitemap: https://thachha.example.vn/sitemap.xml\n" in robots
    index = client.get("/sitemap.xml", HTTP_HOST="10.0.0.5").content.decode()
    sections = LOC.findall(index)
    assert "https://thachha.example.vn/sitemap-bulletins.xml" in sections
    assert all(loc.startswith("https://thachha.example.vn/") for loc in sections)
    listed = []
    for loc in sections:
        path = urlsplit(loc).path
        xml = client.get(path, HTTP_HOST="10.0.0.5").content.decode()
        listed += LOC.findall(xml)
    bulletin = Bulletin.objects.get()
    assert f"https://thachha.example.vn{bulletin.get_absolute_url()}" in listed
    assert all(loc.startswith("https://thachha.example.vn/") for loc in listed)
