"""The anonymous page cache: exact and targeted invalidation, a cache nobody can
fill, cheap hits (one cache round trip), conditional GET and compression."""

import datetime
import gzip
import re

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from procedures import views as procedure_views
from procedures.models import Procedure
from tests.bulletins.factories import make_bulletin, make_category
from tests.procedures.factories import make_procedure
from thachha_portal import pagecache, release
from thachha_portal.models import CommuneProfile

pytestmark = pytest.mark.django_db

FIGURES = re.compile(rb'<p class="visitor-stats">[^<]*<strong>[\d.]+</strong>')


@pytest.fixture
def category(db):
    return make_category()


def cached_pages():
    return [k for k in cache._cache if ":pc:page:" in k]


def test_anonymous_page_is_served_from_cache_the_second_time(client, profile):
    assert client.get("/gioi-thieu/").headers["X-Page-Cache"] == "miss"
    assert client.get("/gioi-thieu/").headers["X-Page-Cache"] == "hit"


def test_an_edit_shows_at_once_but_only_after_its_transaction_commits(
    client, profile, django_capture_on_commit_callbacks
):
    client.get("/gioi-thieu/")
    with django_capture_on_commit_callbacks() as callbacks:
        profile.about = "Đoạn giới thiệu mới về xã."
        profile.save()
        # Not committed yet: a page rendered now would hold the old text, so the
        # generation must not move before the commit.
        assert client.get("/gioi-thieu/").headers["X-Page-Cache"] == "hit"
    for callback in callbacks:
        callback()
    response = client.get("/gioi-thieu/")
    assert response.headers["X-Page-Cache"] == "miss"
    assert "Đoạn giới thiệu mới về xã." in response.content.decode()


def test_a_bulletin_edit_leaves_procedure_pages_cached(
    client, profile, category, django_capture_on_commit_callbacks
):
    procedure = make_procedure(code="1.001193")
    bulletin = make_bulletin(title="Tin cũ")
    pages = [procedure.get_absolute_url(), "/thu-tuc/", "/tin-tuc/", "/", "/ke-hoach/"]
    for url in pages:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        bulletin.title = "Tin đã sửa"
        bulletin.save()
    states = {url: client.get(url).headers["X-Page-Cache"] for url in pages}
    assert states == {
        procedure.get_absolute_url(): "hit",
        "/thu-tuc/": "hit",
        "/tin-tuc/": "miss",  # shows bulletins
        "/": "miss",  # shows every section
        "/ke-hoach/": "miss",  # KPIs count bulletins
    }
    assert "Tin đã sửa" in client.get("/tin-tuc/").content.decode()


def test_a_withdrawn_procedure_leaves_every_page_that_showed_it(
    client, profile, category, django_capture_on_commit_callbacks
):
    procedure = make_procedure(name="Thủ tục sắp rút", code="1.001193")
    bulletin = make_bulletin()
    bulletin.related_procedures.add(procedure)
    pages = ["/thu-tuc/", bulletin.get_absolute_url(), "/"]
    for url in pages:
        assert "Thủ tục sắp rút" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        procedure.status = Procedure.Status.WITHDRAWN
        procedure.save()
    for url in pages:
        assert "Thủ tục sắp rút" not in client.get(url).content.decode(), url
    assert client.get(procedure.get_absolute_url()).status_code == 404


def test_logged_in_staff_never_get_cached_pages(client, profile, make_staff):
    client.get("/gioi-thieu/")
    client.force_login(make_staff("bientap", "editor"))
    response = client.get("/gioi-thieu/", HTTP_ACCEPT_ENCODING="gzip")
    assert "X-Page-Cache" not in response.headers
    assert "Content-Encoding" not in response.headers  # no compression: BREACH


def test_public_pages_carry_no_per_visitor_token_or_cookie(profile):
    response = Client(enforce_csrf_checks=True).get("/")
    assert b"csrfmiddlewaretoken" not in response.content
    assert not response.cookies


def test_language_switch_works_from_a_cached_page_without_a_token(profile):
    Client().get("/")  # fills the cache
    browser = Client(enforce_csrf_checks=True)
    assert browser.get("/").headers["X-Page-Cache"] == "hit"
    posted = browser.post(
        "/ngon-ngu/",
        {"language": "en", "next": "/"},
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert posted.status_code == 302
    english = browser.get("/")
    assert english.headers["Content-Language"] == "en"
    assert '<html lang="en">' in english.content.decode()
    forged = Client(enforce_csrf_checks=True).post(
        "/ngon-ngu/", {"language": "en"}, HTTP_ORIGIN="https://evil.example"
    )
    assert forged.status_code == 403


def test_junk_query_parameters_are_redirected_and_fill_nothing(client, profile):
    make_procedure(code="1.001193")
    client.get("/thu-tuc/du-lieu-mo/thu-tuc.json")
    before = len(cached_pages())
    for n in range(2000):
        response = client.get(f"/thu-tuc/du-lieu-mo/thu-tuc.json?utm={n}")
        assert response.status_code == 302
        assert response["Location"] == "/thu-tuc/du-lieu-mo/thu-tuc.json"
    assert len(cached_pages()) == before
    filtered = client.get("/thu-tuc/?linh_vuc=ho-tich&fbclid=x&page=1")
    assert filtered["Location"] == "/thu-tuc/?linh_vuc=ho-tich&page=1"


def test_declared_parameters_keep_at_most_a_bounded_number_of_variants(client, profile):
    for n in range(pagecache.MAX_VARIANTS + 30):
        assert client.get(f"/tin-tuc/?page={n}").status_code in (200, 404)
    assert len(cached_pages()) <= 2 * pagecache.MAX_VARIANTS  # plain + gzip


def test_open_data_is_a_file_written_once_per_version_with_conditional_get(
    client, profile, settings
):
    make_procedure(code="1.001193")
    url = "/thu-tuc/du-lieu-mo/thu-tuc.json"
    first, second = client.get(url), client.get(url)
    assert first.streaming and "X-Page-Cache" not in second  # a file, not the cache
    assert second["Access-Control-Allow-Origin"] == "*"
    assert dict(first.items()) == dict(second.items())
    document = first.getvalue()  # a file: read once
    assert document == second.getvalue()
    assert len(list(settings.DOCUMENTS_DIR.iterdir())) == 2  # and its gzip
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.getvalue()) == document


def test_a_new_release_draws_pages_and_open_data_again_before_any_edit(
    client, profile, settings, monkeypatch
):
    """An upgrade (the release stamp moves) with no edit since: the old code's
    page and open-data file are not served; the old file is removed."""
    make_procedure(code="1.001193")
    url = "/thu-tuc/du-lieu-mo/thu-tuc.json"
    monkeypatch.setattr(release, "_stamp", ["old-release"])
    client.get("/gioi-thieu/")
    assert client.get("/gioi-thieu/")["X-Page-Cache"] == "hit"
    old = client.get(url)
    assert b"new-code" not in old.getvalue()

    monkeypatch.setattr(release, "_stamp", ["new-release"])
    _build, filename = procedure_views.EXPORTS["json"]
    monkeypatch.setitem(
        procedure_views.EXPORTS, "json", (lambda rows: '{"new-code": 1}', filename)
    )
    assert client.get("/gioi-thieu/")["X-Page-Cache"] == "miss"
    assert client.get("/gioi-thieu/")["X-Page-Cache"] == "hit"
    new = client.get(url, HTTP_IF_NONE_MATCH=old["ETag"])
    assert new.status_code == 200 and new["ETag"] != old["ETag"]
    assert new.getvalue() == b'{"new-code": 1}'
    assert len(list(settings.DOCUMENTS_DIR.iterdir())) == 2  # the old one removed


def test_html_is_compressed_and_figures_still_filled_in(client, profile):
    plain = client.get("/gioi-thieu/").content
    for state in ("miss", "hit"):
        url = "/kha-nang-tiep-can/" if state == "miss" else "/gioi-thieu/"
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
        assert response["X-Page-Cache"] == state
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        html = gzip.decompress(response.content)
        assert FIGURES.search(html), html[html.find(b"visitor-stats") - 20 :][:300]
        assert b"<!--visitor-stats-->" not in html
    assert FIGURES.sub(b"", html) == FIGURES.sub(b"", plain)
    assert len(response.content) < len(plain) / 2


def test_conditional_get_answers_304_until_the_page_changes(
    client, profile, django_capture_on_commit_callbacks
):
    first = client.get("/gioi-thieu/")
    etag = first["ETag"]
    assert first["Cache-Control"] == "no-cache"
    again = client.get("/gioi-thieu/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    since = client.get("/gioi-thieu/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        profile.about = "Nội dung mới."
        profile.save()
    changed = client.get("/gioi-thieu/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_feeds_answer_conditional_get(client, profile, category):
    make_bulletin()
    etag = client.get("/tin-tuc/rss/")["ETag"]
    assert client.get("/tin-tuc/rss/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_page_cache_can_be_turned_off(client, profile, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert "X-Page-Cache" not in client.get("/").headers


def test_profile_placeholder_before_setup(db):
    assert CommuneProfile.current().short_name == "UBND xã Thạch Hà"


def test_cached_page_needs_no_database_query(
    client, profile, django_assert_num_queries
):
    client.get("/gioi-thieu/")  # renders, stores, and caches the visitor total
    with django_assert_num_queries(0):
        response = client.get("/gioi-thieu/")
    assert response.headers["X-Page-Cache"] == "hit"


def test_a_returning_visitors_hit_costs_one_cache_round_trip(
    client, profile, monkeypatch
):
    client.get("/gioi-thieu/")
    client.get("/gioi-thieu/")
    calls, depth = [], []
    for name in ("get", "get_many", "set", "add", "incr", "touch", "set_many"):
        original = getattr(cache, name)

        def counted(*args, _name=name, _original=original, **kwargs):
            if not depth:  # locmem's get_many calls its own get: one round trip
                calls.append(_name)
            depth.append(1)
            try:
                return _original(*args, **kwargs)
            finally:
                depth.pop()

        monkeypatch.setattr(cache, name, counted)
    assert client.get("/gioi-thieu/").headers["X-Page-Cache"] == "hit"
    assert calls == ["get_many"]


def test_search_results_are_not_stored_and_every_search_is_logged(client, profile):
    from thachha_portal.models import SearchMiss

    for _n in range(2):
        response = client.get("/thu-tuc/?q=xyzzy+khong+co")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response.headers
    assert SearchMiss.objects.get().count == 2
    assert client.get("/tim-kiem/?q=abc&utm_source=x")["Location"] == "/tim-kiem/?q=abc"


def test_public_pages_not_from_the_cache_are_compressed_but_not_forms_with_secrets(
    client, profile
):
    search = client.get("/tim-kiem/?q=khai+sinh", HTTP_ACCEPT_ENCODING="gzip")
    assert "X-Page-Cache" not in search.headers
    assert search["Content-Encoding"] == "gzip"
    assert b"khai sinh" in gzip.decompress(search.content)
    login = client.get("/quan-tri/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert b"csrfmiddlewaretoken" in login.content  # a secret: left uncompressed
    assert "Content-Encoding" not in login.headers


def test_no_page_is_kept_past_midnight_in_vietnam(client, profile):
    """A page may show the day or the year (a print sheet's "printed on", the
    footer's ©): it is kept at most until 00:00 local time, then drawn again."""
    procedure = make_procedure()
    sheet = procedure.get_absolute_url() + "in/"
    vietnam = datetime.timezone(datetime.timedelta(hours=7))
    eve = datetime.datetime(2026, 12, 31, 23, 58, tzinfo=vietnam)
    with time_machine.travel(eve, tick=False):
        first = client.get(sheet)
        assert 'Ngày in <time datetime="2026-12-31">31/12/2026</time>' in (
            first.content.decode()
        )
    with time_machine.travel(eve + datetime.timedelta(minutes=1), tick=False):
        assert client.get(sheet).headers["X-Page-Cache"] == "hit"
    with time_machine.travel(eve + datetime.timedelta(minutes=2), tick=False):
        response = client.get(sheet)
        html = response.content.decode()
    assert response.headers["X-Page-Cache"] == "miss"
    assert 'Ngày in <time datetime="2027-01-01">01/01/2027</time>' in html
    assert f"© 2027 {profile.name}" in html


def test_a_page_drawn_a_second_before_midnight_is_not_kept(client, profile):
    just_before = datetime.datetime(
        2027,
        3,
        14,
        23,
        59,
        59,
        500_000,
        tzinfo=datetime.timezone(datetime.timedelta(hours=7)),
    )
    with time_machine.travel(just_before, tick=False):
        client.get("/gioi-thieu/")
        assert client.get("/gioi-thieu/").headers.get("X-Page-Cache") != "hit"
