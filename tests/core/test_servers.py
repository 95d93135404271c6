"""Behaviour that depends on real processes: several gunicorn workers, two app
servers sharing one database and one Redis, a cache or a database that stops
answering. Each test starts its own servers (free ports, the run's own database)
and stops them."""

import html
import os
import re
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from thachha_portal import caches, localpages

from .servers import (
    Browser,
    Gunicorn,
    Proxy,
    RedisServer,
    Views,
    drop_site,
    manage,
    prepare_site,
    proxied_gunicorn,
)
from .servers import request as fetch

pytestmark = pytest.mark.servers

KHAI_SINH = "1.001193"  # a procedure of the demo
NAME = "Thủ tục đăng ký khai sinh".encode()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    env, served = prepare_site(folder)
    yield env, folder
    drop_site(served)


@pytest.fixture
def servers():
    started = []
    yield started
    for server in started:
        server.stop()


SEARCH = "/thu-tuc/?q=khai+sinh"


def listed(server, path="/thu-tuc/"):
    status, _headers, content = fetch(server, path)
    assert status == 200
    return NAME in content


def test_a_withdrawn_procedure_disappears_at_once_through_every_worker(site, servers):
    env, folder = site
    server = Gunicorn(env, folder, workers=3)
    servers.append(server)
    assert all(listed(server) for _n in range(10))
    staff = Browser()
    assert staff.log_in(server)[0] == 302
    assert staff.set_procedure_status(server, KHAI_SINH, "withdraw")[0] == 302
    start = server.access_lines()
    # Six at a time, as visitors come: one worker alone cannot take them all.
    with ThreadPoolExecutor(6) as pool:
        after = list(pool.map(lambda _n: listed(server), range(30)))
    assert after.count(True) == 0
    assert len(server.worker_pids(start)) >= 2  # answered by several workers
    staff.set_procedure_status(server, KHAI_SINH, "restore")
    assert listed(server)


def test_a_worker_forked_from_the_warmed_master_shows_later_edits(site, servers):
    """gunicorn loads and warms the portal in its master (GUNICORN_PRELOAD, on
    by default): a worker that replaces another starts from what the master
    read at start-up, and still shows an edit made since, in the catalogue
    and in a search with a typo (the search's words are read again)."""
    env, folder = site
    server = Gunicorn(env, folder, workers=1)
    servers.append(server)
    typo = "/thu-tuc/?q=dang+ki+khia+sinh"
    assert listed(server) and NAME in fetch(server, typo)[2]
    staff = Browser()
    assert staff.log_in(server)[0] == 302
    assert staff.set_procedure_status(server, KHAI_SINH, "withdraw")[0] == 302
    try:
        (worker,) = server.worker_pids()
        os.kill(int(worker.strip("<>")), signal.SIGKILL)
        start = server.access_lines()
        deadline = time.monotonic() + 30
        while fetch(server, "/healthz")[0] != 200 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not listed(server)
        status, _headers, found = fetch(server, typo)
        assert status == 200 and NAME not in found
        assert server.worker_pids(start) - {worker}  # a new worker answered
    finally:
        staff.set_procedure_status(server, KHAI_SINH, "restore")
    assert listed(server)


def test_a_worker_is_replaced_when_it_grows_past_its_memory_limit(site, servers):
    """gunicorn.conf.py reads a worker's resident memory every 64 requests and
    replaces it past GUNICORN_WORKER_MAX_MB, between two requests: none is
    refused. Under the limit (128 MB by default) it serves on."""
    env, folder = site
    small = Gunicorn(env, folder, workers=1, GUNICORN_WORKER_MAX_MB="1")
    servers.append(small)
    roomy = Gunicorn(env, folder, workers=1)
    servers.append(roomy)
    for server in (small, roomy):
        start = server.access_lines()
        assert {fetch(server, "/healthz")[0] for _ in range(140)} == {200}
        server.pids = server.worker_pids(start)
    assert len(small.pids) >= 2  # replaced at its 64th and 128th request
    assert len(roomy.pids) == 1


def two_servers(site, servers, workers=1, **shared):
    """Two app servers of the same site, sharing the database and ``shared``
    settings (a Redis: CACHE_URL)."""
    env, folder = site
    pair = [Gunicorn(env, folder, workers=workers, **shared) for _n in range(2)]
    servers.extend(pair)
    return pair


def test_two_app_servers_act_as_one(site, servers):
    redis = RedisServer()
    try:
        # (an hourly window: a minute's would often turn during the test)
        first, second = two_servers(
            site, servers, CACHE_URL=redis.url, LOGIN_RATE="5/h"
        )
        assert listed(first) and listed(second)
        assert listed(first) and listed(second)  # both cached now
        # A login made on one works on the other.
        staff = Browser()
        assert staff.log_in(first)[0] == 302
        assert staff.go(second, "/quan-tri/")[0] == 200
        # An edit through one shows at once on the other.
        assert staff.set_procedure_status(second, KHAI_SINH, "withdraw")[0] == 302
        assert not listed(first)
        staff.set_procedure_status(first, KHAI_SINH, "restore")
        assert listed(second)
        # A rate limit counts across both: 5 failed logins per account name
        # and address (the correct login above does not count)...
        statuses = [
            Browser().log_in(server, "bientap", "wrong")[0]
            for server in (first, second) * 4
        ]
        assert statuses == [200] * 5 + [429] * 3
        # ...and they pause that name only: a colleague ("ops") behind the
        # same address logs in, on either server.
        assert Browser().log_in(first)[0] == 302
        assert Browser().log_in(second)[0] == 302
    finally:
        redis.stop()


def test_workers_copies_of_pages_follow_an_edit_made_on_another_server(site, servers):
    """With Redis each worker keeps copies of the pages it serves and of the
    searches' outcomes (no cache round trip per hit); an edit through one
    server still shows at once on every worker of both."""
    redis = RedisServer()
    try:
        first, second = two_servers(site, servers, workers=2, CACHE_URL=redis.url)
        for _n in range(20):
            assert listed(first) and listed(second)
            assert listed(first, SEARCH) and listed(second, SEARCH)
        # The shared entries deleted: what still comes as a hit is a copy.
        shared = redis_client(redis)
        shared.delete(*shared.keys("*:pc:page:*"))
        states = [fetch(s, "/thu-tuc/")[1].get("X-Page-Cache") for s in (first,) * 10]
        assert "hit" in states
        staff = Browser()
        assert staff.log_in(second)[0] == 302
        assert staff.set_procedure_status(second, KHAI_SINH, "withdraw")[0] == 302
        after = [listed(server) for server in (first, second) * 20]
        assert after.count(True) == 0
        assert not any(listed(server, SEARCH) for server in (first, second) * 10)
        staff.set_procedure_status(first, KHAI_SINH, "restore")
        assert all(listed(server) for server in (first, second) * 10)
        assert all(listed(server, SEARCH) for server in (first, second) * 10)
    finally:
        redis.stop()


def catalogue_total(server):
    status, _headers, content = fetch(server, "/thu-tuc/")
    assert status == 200
    return int(re.search(rb'<span class="count">\((\d+)\)</span></h2>', content)[1])


def test_the_counts_each_worker_keeps_follow_an_edit_made_on_another_server(
    site, servers
):
    """Without the page cache, the catalogue's counts come from each worker's
    own copy (pagecache.Kept, under the procedures' generation): an edit
    through one server shows at once on every worker of both."""
    redis = RedisServer()
    try:
        first, second = two_servers(
            site, servers, workers=2, CACHE_URL=redis.url, PAGE_CACHE_SECONDS="0"
        )
        (total,) = {catalogue_total(server) for server in (first, second) * 10}
        staff = Browser()
        assert staff.log_in(second)[0] == 302
        assert staff.set_procedure_status(second, KHAI_SINH, "withdraw")[0] == 302
        try:
            after = [catalogue_total(server) for server in (first, second) * 10]
            assert after == [total - 1] * 20
        finally:
            staff.set_procedure_status(first, KHAI_SINH, "restore")
        restored = [catalogue_total(server) for server in (first, second) * 10]
        assert restored == [total] * 20
    finally:
        redis.stop()


def redis_client(server):
    import redis

    return redis.Redis.from_url(server.url)


def test_pages_stay_up_while_redis_is_down_and_the_cache_comes_back(site, servers):
    env, folder = site
    redis = RedisServer()
    server = Gunicorn(env, folder, workers=2, CACHE_URL=redis.url)
    servers.append(server)
    urls = ["/", "/thu-tuc/", "/robots.txt", "/quan-tri/login/", "/tin-tuc/"]
    try:
        for url in urls:
            fetch(server, url)
        redis.stop()
        rendered_without_the_cache(server, urls)
        assert fetch(server, "/khong-co-trang-nay/")[0] == 404
        assert fetch(server, "/readyz")[0] == 503
        posted = fetch(
            server,
            f"/thu-tuc/{KHAI_SINH}/",
            "POST",
            {"helpful": "yes"},
            {"Sec-Fetch-Site": "same-origin"},
        )
        assert posted[0] == 302
        redis = RedisServer(port=redis.port)
        recovers(server, "/readyz", 20)
        # Each worker tries the cache again RETRY_SECONDS after its last
        # failure, and the first of its calls that succeeds then makes every
        # page stale once (nothing stored before the outage is served after
        # it): the page is drawn again once per such worker, then served from
        # the cache every time. Which worker takes which request is the
        # kernel's choice: the test waits for the hits, not for a count.
        time.sleep(caches.RETRY_SECONDS + 1)
        assert hits_in_a_row(server, "/thu-tuc/", 6, seconds=20)
    finally:
        redis.stop()


def hits_in_a_row(server, path, count, seconds):
    """True once ``count`` requests in a row for ``path`` were page-cache hits,
    within ``seconds``."""
    deadline = time.monotonic() + seconds
    in_a_row = 0
    while time.monotonic() < deadline:
        hit = fetch(server, path)[1].get("X-Page-Cache") == "hit"
        in_a_row = in_a_row + 1 if hit else 0
        if in_a_row == count:
            return True
        time.sleep(0.05)
    return False


def rendered_without_the_cache(server, urls):
    for url in urls * 2:
        status, headers, _content = fetch(server, url)
        assert status == 200, url
        assert "X-Page-Cache" not in headers


def test_pages_stay_up_while_redis_hangs(site, servers):
    """Redis that hangs (connections accepted, nothing answered) costs a request
    at most CACHE_TIMEOUT, then a worker leaves it alone for a few seconds."""
    env, folder = site
    redis = RedisServer()
    proxy = Proxy(redis.port)
    cache_url = f"redis://127.0.0.1:{proxy.port}/0"
    server = Gunicorn(env, folder, workers=2, CACHE_URL=cache_url)
    servers.append(server)
    urls = ["/", "/thu-tuc/", "/robots.txt", "/quan-tri/login/", "/tin-tuc/"]
    try:
        for url in urls * 2:
            fetch(server, url)
        assert fetch(server, "/thu-tuc/")[1].get("X-Page-Cache") == "hit"
        proxy.hang()
        # A worker's own copies go on at most LIVE_SECONDS without an answer
        # from Redis (thachha_portal/localpages.py); then every page is rendered.
        time.sleep(localpages.LIVE_SECONDS)
        rendered_without_the_cache(server, urls)
        assert fetch(server, "/readyz")[0] == 503
        proxy.release()
        recovers(server, "/readyz", 20)
    finally:
        proxy.cut()
        redis.stop()


def behind_proxy(site, servers, **extra):
    """gunicorn whose connections to PostgreSQL go through a Proxy the test
    controls: (proxy, server)."""
    proxy, server = proxied_gunicorn(*site, **extra)
    servers.append(server)
    return proxy, server


def recovers(server, path, seconds=30):
    deadline = time.monotonic() + seconds
    while fetch(server, path)[0] != 200:
        assert time.monotonic() < deadline, "did not recover by itself"
        time.sleep(0.5)


def assert_503_page(server, path):
    status, headers, content = fetch(server, path)
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "Cổng thông tin đang tạm gián đoạn".encode() in content


def test_without_the_database_cached_pages_stay_others_get_503_and_no_view_is_lost(
    site, servers
):
    if connection.vendor != "postgresql":
        pytest.skip("cuts the connection to PostgreSQL (the CI database)")
    proxy, server = behind_proxy(site, servers)
    detail = f"/thu-tuc/{KHAI_SINH}/"
    try:
        views = Views(site[0], KHAI_SINH)
        fetch(server, detail)  # one view more, before the cut
        fetch(server, "/gioi-thieu/")
        proxy.cut()
        during = [fetch(server, detail) for _n in range(25)]
        assert [r[0] for r in during] == [200] * 25
        assert fetch(server, "/gioi-thieu/")[0] == 200
        assert_503_page(server, "/tin-tuc/")
        assert fetch(server, "/readyz")[0] == 503
        proxy.restore()
        recovers(server, "/tin-tuc/")
        assert views.added(1 + 25) == 1 + 25
    finally:
        proxy.cut()


def test_while_the_database_hangs_cached_pages_stay_others_get_503_at_once(
    site, servers
):
    """PostgreSQL that hangs (a frozen host: connections accepted, nothing
    answered) rather than refusing: without bounds on every wait, each request
    that reaches the database holds its worker until gunicorn kills it."""
    if connection.vendor != "postgresql":
        pytest.skip("makes the connection to PostgreSQL (the CI database) hang")
    # gunicorn's own limit out of the way: only the portal's bounds may answer
    proxy, server = behind_proxy(site, servers, GUNICORN_TIMEOUT="120")
    detail = f"/thu-tuc/{KHAI_SINH}/"
    try:
        views = Views(site[0], KHAI_SINH)
        fetch(server, detail)  # one view more, before the hang
        fetch(server, "/gioi-thieu/")
        for _n in range(4):  # each worker holds an open connection
            assert fetch(server, "/readyz")[0] == 200
        proxy.hang()
        # 25 views: the batch falls due twice (counters.FLUSH_EVERY)
        during = [fetch(server, detail) for _n in range(25)]
        assert [r[0] for r in during] == [200] * 25
        assert {r[1]["X-Page-Cache"] for r in during} == {"hit"}
        assert fetch(server, "/gioi-thieu/")[0] == 200
        for _n in range(3):
            assert_503_page(server, "/tin-tuc/")
        assert fetch(server, "/readyz")[0] == 503
        assert fetch(server, detail)[0] == 200  # still, after those
        proxy.release()
        recovers(server, "/tin-tuc/")
        assert views.added(1 + 25 + 1) == 1 + 25 + 1
    finally:
        proxy.cut()


def hidden(content):
    """The form fields a page carries as hidden inputs."""
    pairs = re.findall(rb'<input type="hidden" name="([^"]+)" value="([^"]*)"', content)
    return {name.decode(): html.unescape(value.decode()) for name, value in pairs}


def test_a_form_sent_once_the_session_ended_is_kept_across_servers(site, servers):
    """A news item typed through one server, sent to the other after the
    session ended (the browser drops the cookie at its end), is kept in the
    session in the shared database: after logging in again on the first
    server, the second offers it, and it is saved (kept_forms.py)."""
    first, second = two_servers(site, servers, workers=2)
    staff = Browser()
    assert staff.log_in(first)[0] == 302
    add = "/quan-tri/bulletins/bulletin/add/"
    status, _headers, form = staff.go(second, add)
    assert status == 200
    opened = hidden(form)
    category = re.search(rb'<option value="(\d+)"', form.split(b'id="id_category"')[1])
    title = "Tin gõ trên hai máy chủ khi phiên hết hạn"
    data = {
        "csrfmiddlewaretoken": opened["csrfmiddlewaretoken"],
        "_typed_by": opened["_typed_by"],
        "title": title,
        "slug": "",
        "category": category[1].decode(),
        "summary": "Tóm tắt gõ trước khi phiên hết hạn.",
        "body": "<p>Nội dung gõ trước khi phiên hết hạn.</p>",
        "author_unit": "Văn phòng UBND xã",
        "broadcast_script": "",
        "priority": "normal",
        "new_status": "draft",
        "transition_reason": "",
        "published_at_0": "",
        "published_at_1": "",
        "_save": "Lưu lại",
    }
    for prefix in ("attachments", "airings", "status_changes"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})

    del staff.cookies["sessionid"]  # the session's end, as the browser sees it
    status, headers, _content = staff.go(first, add, "POST", data)
    assert status == 302 and headers["Location"].startswith("/quan-tri/login/")
    assert staff.log_in(first)[0] == 302
    status, _headers, offered = staff.go(second, add)
    assert status == 200 and "chưa được lưu".encode() in offered
    assert title.encode() in offered
    assert staff.go(first, add, "POST", hidden(offered))[0] == 302
    status, _headers, listing = staff.go(second, "/quan-tri/bulletins/bulletin/")
    assert title.encode() in listing


def test_a_staff_session_unused_for_two_hours_ends_on_every_server(site, servers):
    """The time of a session's last request is kept in the session, in the
    shared database: a session left two hours ago through one server is over
    through the other, whose login page says why (staff_sessions.py)."""
    first, second = two_servers(site, servers)
    staff = Browser()
    assert staff.log_in(first)[0] == 302
    assert staff.go(second, "/quan-tri/")[0] == 200
    env, _folder = site
    two_hours_ago = (
        "from django.contrib.sessions.backends.db import SessionStore; "
        f"s = SessionStore({staff.cookies['sessionid']!r}); "
        "s['_login_at'] -= 7300; s['_seen_at'] -= 7300; s.save()"
    )
    manage(env, "shell", "-c", two_hours_ago)
    status, headers, _content = staff.go(second, "/quan-tri/")
    assert status == 302 and headers["Location"].startswith("/quan-tri/login/")
    status, _headers, page = staff.go(first, headers["Location"])
    assert status == 200
    assert "đăng xuất sau 120 phút không thao tác".encode() in page


def test_one_edit_makes_the_pages_stale_once_not_again_and_again(site, servers):
    """An edit makes the pages it touches stale once: past the cache's retry
    time (caches.RETRY_SECONDS) they are cached again and stay so. A search
    stamp's store once reported every bump as lost, so the worker that made
    an edit re-sent it, and made every page stale, every five seconds."""
    redis = RedisServer()
    try:
        env, folder = site
        server = Gunicorn(env, folder, workers=1, CACHE_URL=redis.url)
        servers.append(server)
        staff = Browser()
        assert staff.log_in(server)[0] == 302
        assert staff.set_procedure_status(server, KHAI_SINH, "withdraw")[0] == 302
        staff.set_procedure_status(server, KHAI_SINH, "restore")
        assert listed(server)  # drawn again after the edit, and stored
        shared = redis_client(redis)
        listening = shared.pubsub()
        listening.psubscribe("*pc:bumps*")
        time.sleep(caches.RETRY_SECONDS + 1.5)  # past the retry timer's turn
        bumps = []
        while message := listening.get_message(timeout=0.1):
            if message["type"] == "pmessage":
                bumps.append(message["data"])
        assert bumps == []
        states = [
            fetch(server, path)[1].get("X-Page-Cache") for path in ("/thu-tuc/",) * 3
        ]
        assert states == ["hit"] * 3
    finally:
        redis.stop()
