"""Services that fail, in one process: a cache that does not answer, the client
address behind proxies. (Real gunicorn processes: tests/core/test_servers.py.)"""

import contextlib
import logging
import socket
import threading

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client, override_settings
from django.utils import timezone

from tests.procedures.factories import make_procedure
from thachha_portal import clientip

pytestmark = pytest.mark.django_db


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def cache_down():
    url = f"redis://127.0.0.1:{closed_port()}/0"
    backend = {
        "BACKEND": "thachha_portal.caches.RedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
    with override_settings(CACHES={**settings.CACHES, "default": backend}):
        yield


def test_pages_render_uncached_when_the_cache_does_not_answer(
    profile, cache_down, caplog
):
    procedure = make_procedure(code="1.001193")
    client = Client()
    with caplog.at_level(logging.WARNING, logger="thachha_portal.cache"):
        for url in (
            "/",
            "/thu-tuc/",
            procedure.get_absolute_url(),
            "/thu-tuc/du-lieu-mo/thu-tuc.json",
            "/tin-tuc/",
            "/ke-hoach/",
            "/robots.txt",
            "/quan-tri/login/",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert "X-Page-Cache" not in response.headers
        assert client.get("/khong-co/").status_code == 404
    assert "Cache unavailable" in caplog.text


def test_forms_and_counters_degrade_without_the_cache(profile, cache_down):
    procedure = make_procedure(code="1.001193")
    client = Client()
    posted = client.post(procedure.get_absolute_url(), {"helpful": "yes"})
    assert posted.status_code == 302  # the rate limit is paused, not failing
    for _n in range(3):
        client.get(procedure.get_absolute_url())
    procedure.refresh_from_db()
    assert procedure.view_count == 3  # written straight to the database


@pytest.fixture
def database_down(monkeypatch):
    """Every query fails as when PostgreSQL does not answer."""
    from django.db.backends.utils import CursorWrapper

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    monkeypatch.setattr(CursorWrapper, "executemany", refuse)


def test_without_the_database_cached_pages_stay_and_others_get_a_503(
    profile, database_down_later
):
    client = Client(raise_request_exception=False)
    assert client.get("/gioi-thieu/").status_code == 200  # cached before
    database_down_later()
    assert client.get("/gioi-thieu/").headers["X-Page-Cache"] == "hit"
    login = {"username": "a", "password": "b"}
    for response in (
        client.get("/"),
        client.get("/thu-tuc/"),
        client.post("/quan-tri/login/", login),
    ):
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert "Cổng thông tin đang tạm gián đoạn" in response.content.decode()


def test_a_cached_page_leaves_the_database_to_the_background_thread(
    profile, monkeypatch, django_assert_num_queries
):
    """A page from the cache never waits for the database (a PostgreSQL that
    hangs would hold it): the view batch that falls due on it is written by the
    process's background thread."""
    from procedures.models import Procedure
    from thachha_portal import counters

    in_background = counters._do_deferred
    monkeypatch.setattr(counters, "BACKGROUND_DATABASE", True)
    monkeypatch.setattr(counters, "BUFFER_SECONDS", 0)  # every view pushed at once
    monkeypatch.setattr(counters, "_start_pusher", lambda: None)
    monkeypatch.setattr(counters, "_do_deferred", lambda: None)  # a running pusher
    # (the test's connection is a transaction: not closed like a thread's)
    monkeypatch.setattr(counters, "close_old_connections", lambda: None)
    procedure = make_procedure(code="1.001193")
    client = Client()
    assert client.get(procedure.get_absolute_url()).status_code == 200
    with django_assert_num_queries(0):
        for _n in range(counters.FLUSH_EVERY + 1):
            hit = client.get(procedure.get_absolute_url())
            assert hit["X-Page-Cache"] == "hit"
    assert Procedure.objects.get(pk=procedure.pk).view_count == 0
    in_background()
    written = Procedure.objects.get(pk=procedure.pk).view_count
    assert written >= counters.FLUSH_EVERY
    assert written + counters.pending("procedures.procedure", procedure.pk) == 12


@pytest.fixture
def database_down_later(request):
    return lambda: request.getfixturevalue("database_down")


def test_the_500_page_needs_neither_database_nor_cache(rf, cache_down):
    from thachha_portal.views import server_error

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    # the whole page, not the one line left if the template failed
    assert "<h1>Xin lỗi, đã có lỗi xảy ra</h1>" in html
    assert html.endswith("</html>\n")


def test_a_form_sent_while_the_database_is_away_is_said_unsaved(rf, cache_down):
    """A staff member's edit or a citizen's answer sent while PostgreSQL does
    not answer: the 503 page says nothing was saved and that Back keeps what
    was typed (Chromium restores the form); a page read says nothing of it."""
    from django.db import OperationalError

    from thachha_portal.views import server_error

    pages = {}
    for method in ("get", "post"):
        try:
            raise OperationalError("connection refused")
        except OperationalError:
            pages[method] = server_error(getattr(rf, method)("/quan-tri/"))
    assert pages["post"].status_code == 503
    assert "chưa được lưu" in pages["post"].content.decode()
    assert "chưa được lưu" not in pages["get"].content.decode()


def test_what_a_form_sent_while_the_database_is_away_held_is_shown_to_be_copied(
    rf, cache_down
):
    """Back reloads an admin form (never cached) from a server that still
    cannot answer, and the form comes back empty: so the 503 page shows the
    text typed, labelled, to be copied; not the token, the counts of the
    inline tables, the admin's markers or a password."""
    from django.db import OperationalError

    from thachha_portal.views import server_error

    sent = {
        "csrfmiddlewaretoken": "tok3n",
        "_typed_by": "7",
        "_save": "Lưu lại",
        "title": "Hội nghị triển khai CCHC năm 2027",
        "summary": "Sáng 05/01/2027, UBND xã <tổ chức> hội nghị.",
        "body": "<p>Đoạn một &amp; hai.</p><p>Đoạn <strong>ba</strong>.</p>",
        "category": "3",
        "attachments-TOTAL_FORMS": "0",
        "password": "Bí mật 123",
    }
    request = rf.post("/quan-tri/bulletins/bulletin/add/", sent)
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        page = server_error(request).content.decode()
    assert "Tiêu đề</label>" in page and "Hội nghị triển khai CCHC năm 2027" in page
    assert "UBND xã &lt;tổ chức&gt; hội nghị." in page  # escaped, as typed
    assert "Đoạn một &amp; hai.\nĐoạn ba." in page  # the body as text
    for untyped in ("tok3n", "Lưu lại", "TOTAL_FORMS", "Bí mật", ">3<"):
        assert untyped not in page


def test_the_outage_page_shows_fields_by_their_labels_and_choices_by_theirs(
    rf, cache_down, django_assert_num_queries
):
    """A news item saved while PostgreSQL is away: the page lists what was
    typed under the labels of the form, not Django's hidden copies of initial
    values ("initial-author_unit"), a form-only field's name ("new_status")
    and its code, or a choice's value ("normal")."""
    from django.db import OperationalError

    from thachha_portal.views import server_error

    sent = [
        ("title", "Hội nghị đối thoại năm 2027"),
        ("author_unit", "UBND xã Thạch Hà"),
        ("initial-author_unit", "UBND xã Thạch Hà"),
        ("new_status", "published"),
        ("transition_reason", "Đã sửa lại số liệu"),
        ("priority", "high"),
        ("category", "3"),
        ("attachments-0-title", "Giấy mời hội nghị"),
    ]
    request = rf.post(
        "/quan-tri/bulletins/bulletin/7/change/",
        "&".join(f"{name}={value}" for name, value in sent),
        content_type="application/x-www-form-urlencoded",
    )
    with django_assert_num_queries(0):
        try:
            raise OperationalError("connection refused")
        except OperationalError:
            page = server_error(request).content.decode()
    assert page.count("UBND xã Thạch Hà") == 1
    assert "Tác giả (đơn vị)</label>" in page
    assert "initial-author_unit" not in page
    assert "new_status" not in page and "published" not in page
    assert "Đã sửa lại số liệu" in page and "transition_reason" not in page
    assert "Mức ưu tiên phát</label>" in page
    assert ">normal<" not in page and ">high<" not in page
    assert "Ưu tiên" in page  # the choice by its label
    assert "attachments-0-title" not in page and "Giấy mời hội nghị" in page


def test_readyz_names_the_cache_that_does_not_answer(profile, cache_down):
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"database": True, "cache": False}
    assert Client().get("/healthz").status_code == 200


def test_readyz_is_ok_when_everything_answers(profile):
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"database": True, "cache": True}


@pytest.mark.parametrize(
    ("count", "proxies", "remote", "forwarded", "expected"),
    [
        (0, [], "203.0.113.5", "6.6.6.6", "203.0.113.5"),  # no proxy: header ignored
        (1, [], "127.0.0.1", "6.6.6.6, 203.0.113.5", "203.0.113.5"),
        (1, [], "127.0.0.1", "203.0.113.5", "203.0.113.5"),
        (2, [], "10.0.0.2", "6.6.6.6, 203.0.113.5, 10.0.0.1", "203.0.113.5"),
        ([], ["10.0.0.0/8"], "10.0.0.2", "6.6.6.6, 203.0.113.5, 10.0.0.1", None),
        (0, ["10.0.0.0/8"], "203.0.113.9", "6.6.6.6", "203.0.113.9"),  # not via proxy
    ],
)
def test_client_address_is_read_from_the_trusted_end(
    rf, settings, count, proxies, remote, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count or 0
    settings.TRUSTED_PROXIES = proxies
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert clientip.client_ip(request) == (expected or "203.0.113.5")


def test_forged_forwarded_addresses_do_not_escape_the_login_limit(profile, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = []
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    # Twelve accounts from one address: the address's ceiling. A day's window:
    # a minute's window could turn during the twelve attempts.
    settings.LOGIN_ADDRESS_RATE = "5/d"
    settings.RATELIMIT_ENABLE = True
    client = Client()
    statuses = [
        client.post(
            "/quan-tri/login/",
            {"username": f"user{n}", "password": "sai-mat-khau"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7",
        ).status_code
        for n in range(12)
    ]
    assert statuses.count(429) >= 12 - 5


def test_one_staff_account_is_paused_after_failed_logins_from_many_addresses(
    profile, settings, make_staff, time_machine
):
    # The clock held still: the window could otherwise turn between attempts
    # (its edges fall at a different second for each key).
    time_machine.move_to(timezone.now(), tick=False)
    settings.LOGIN_ACCOUNT_RATE = "3/15m"
    settings.TRUSTED_PROXY_COUNT = 0  # each client is its REMOTE_ADDR
    settings.TRUSTED_PROXIES = []
    settings.RATELIMIT_ENABLE = True
    make_staff("bientap", "editor")
    statuses = [
        Client(REMOTE_ADDR=f"198.51.100.{n}")
        .post("/quan-tri/login/", {"username": "BienTap", "password": "sai"})
        .status_code
        for n in range(6)
    ]
    assert statuses[:3] == [200] * 3 and statuses[3:] == [429] * 3
    paused = Client(REMOTE_ADDR="198.51.100.99").post(
        "/quan-tri/login/", {"username": "bientap", "password": "pw-Thach-Ha-2021"}
    )
    assert paused.status_code == 429
    assert 0 < int(paused["Retry-After"]) <= 15 * 61
    assert (
        "tạm khoá" in paused.content.decode() or "tạm khóa" in paused.content.decode()
    )
    other = Client(REMOTE_ADDR="198.51.100.98").post(
        "/quan-tri/login/", {"username": "khac", "password": "sai"}
    )
    assert other.status_code == 200  # other accounts are not affected
    # Spellings that Django's login form reads as the same account count
    # against it: full-width letters log in as "bientap" too.
    for name in ("ｂｉｅｎｔａｐ", " ＢｉｅｎＴａｐ "):
        spelled = Client(REMOTE_ADDR="198.51.100.97").post(
            "/quan-tri/login/", {"username": name, "password": "pw-Thach-Ha-2021"}
        )
        assert spelled.status_code == 429


def test_a_postgresql_that_hangs_fails_the_query_instead_of_holding_it():
    """An open connection whose server stops answering (its bytes still
    acknowledged: a proxy, a stalled host): the wait ends, the connection is
    closed, and the next attempt in this process is refused at once."""
    from django.db import connection, connections

    from thachha_portal.postgresql import base

    from .servers import Proxy

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's client")
    settings_db = connection.settings_dict
    proxy = Proxy(int(settings_db["PORT"] or 5432))
    through_proxy = {
        **settings_db,
        "HOST": "127.0.0.1",
        "PORT": proxy.port,
        "STATEMENT_TIMEOUT": 1,
        "OPTIONS": {**settings_db["OPTIONS"], "connect_timeout": 1},
    }
    wrapper = type(connections["default"])(through_proxy)  # alias "default"
    try:
        wrapper.ensure_connection()
        assert wrapper.reply_timeout() == 2
        proxy.hang()
        # unbounded, the query would wait for this and then succeed
        thaw = threading.Timer(30, proxy.release)
        thaw.start()
        with pytest.raises(OperationalError), wrapper.cursor() as cursor:
            cursor.execute("SELECT 1")
        assert wrapper.connection.closed
        with pytest.raises(OperationalError):
            wrapper.close()
            wrapper.ensure_connection()  # within RETRY_SECONDS: not even tried
        thaw.cancel()
    finally:
        base.forget_failures()
        proxy.cut()
        with contextlib.suppress(Exception):
            wrapper.close()
