"""Behaviour that depends on real processes: several gunicorn workers, two app
servers sharing one database and one Redis, a cache or a database that stops
answering. Each test starts its own servers (free ports, the run's own database)
and stops them."""

import re
import time

import pytest
from django.db import connection

from .servers import Browser, Gunicorn, Proxy, RedisServer, drop_site, prepare_site
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


def listed(server):
    status, _headers, content = fetch(server, "/thu-tuc/")
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
    after = [listed(server) for _n in range(30)]
    assert after.count(True) == 0
    assert len(server.worker_pids(start)) >= 2  # answered by several workers
    staff.set_procedure_status(server, KHAI_SINH, "restore")
    assert listed(server)


def test_two_app_servers_act_as_one(site, servers):
    env, folder = site
    redis = RedisServer()
    try:
        # (an hourly window: a minute's would often turn during the test)
        shared = {"CACHE_URL": redis.url, "LOGIN_RATE": "5/h"}
        first = Gunicorn(env, folder, workers=1, **shared)
        servers.append(first)
        second = Gunicorn(env, folder, workers=1, **shared)
        servers.append(second)
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
        # A rate limit counts across both: 5 logins per address, and the login
        # above was the first of them.
        statuses = [
            Browser().log_in(server, "ops", "wrong")[0]
            for server in (first, second) * 4
        ]
        assert statuses == [200] * 4 + [429] * 4
    finally:
        redis.stop()


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
        for url in urls * 2:
            status, headers, _content = fetch(server, url)
            assert status == 200, url
            assert "X-Page-Cache" not in headers
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
        # Each worker tries the cache again 5 s after its last failure.
        deadline = time.monotonic() + 20
        while fetch(server, "/readyz")[0] != 200:
            assert time.monotonic() < deadline, "the cache was not used again"
            time.sleep(0.5)
        time.sleep(5)
        for _n in range(3):
            fetch(server, "/thu-tuc/")
        states = [fetch(server, "/thu-tuc/")[1].get("X-Page-Cache") for _n in range(6)]
        assert states == ["hit"] * 6
    finally:
        redis.stop()


def pending_views(cache_dir, pk):
    from diskcache import FanoutCache

    with FanoutCache(str(cache_dir), shards=8) as cache:
        return cache.get(f":1:count:procedures.procedure:pk={pk}:view_count") or 0


def test_without_the_database_cached_pages_stay_others_get_503_and_no_view_is_lost(
    site, servers
):
    if connection.vendor != "postgresql":
        pytest.skip("cuts the connection to PostgreSQL (the CI database)")
    env, folder = site
    settings_db = connection.settings_dict
    proxy = Proxy(int(settings_db["PORT"] or 5432))
    url = env["DATABASE_URL"]
    through_proxy = re.sub(r"@[^/]+/", f"@127.0.0.1:{proxy.port}/", url)
    server = Gunicorn(env, folder, workers=2, DATABASE_URL=through_proxy)
    servers.append(server)
    detail = f"/thu-tuc/{KHAI_SINH}/"
    try:
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://")) as db:
            pk, before = db.execute(
                "SELECT id, view_count FROM procedures_procedure WHERE code = %s",
                [KHAI_SINH],
            ).fetchone()
            pending_before = pending_views(env["CACHE_DIR"], pk)
            fetch(server, detail)  # one view more, before the cut
            fetch(server, "/gioi-thieu/")
            proxy.cut()
            during = [fetch(server, detail) for _n in range(25)]
            assert [r[0] for r in during] == [200] * 25
            assert fetch(server, "/gioi-thieu/")[0] == 200
            status, headers, content = fetch(server, "/tin-tuc/")
            assert status == 503
            assert headers["Retry-After"] == "30"
            assert "Cổng thông tin đang tạm gián đoạn".encode() in content
            assert fetch(server, "/readyz")[0] == 503
            proxy.restore()
            deadline = time.monotonic() + 20
            while fetch(server, "/tin-tuc/")[0] != 200:
                assert time.monotonic() < deadline, "did not recover by itself"
                time.sleep(0.5)
            # a worker pushes the views it holds within a second (counters.py)
            deadline = time.monotonic() + 10
            while True:
                after = db.execute(
                    "SELECT view_count FROM procedures_procedure WHERE id = %s", [pk]
                ).fetchone()[0]
                pending_after = pending_views(env["CACHE_DIR"], pk)
                counted = (after + pending_after) - (before + pending_before)
                if counted >= 26 or time.monotonic() > deadline:
                    break
                time.sleep(0.3)
        assert counted == 1 + 25
    finally:
        proxy.cut()
