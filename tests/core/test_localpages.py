"""Each worker's copies of cached pages (thachha_portal/localpages.py), against a
real redis-server: a hit with no cache round trip, and never a stale page — an edit
in this process or another, a lost subscription, a Redis that stops, an entry past
its time. (Several gunicorn workers and servers: tests/core/test_servers.py.)"""

import contextlib
import sys
import threading
import time
import uuid

import pytest
import redis
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings

from procedures.models import Procedure
from tests.procedures.factories import make_procedure
from thachha_portal import caches as caches_module
from thachha_portal import localpages, pagecache
from thachha_portal.caches import RedisCache
from thachha_portal.models import CommuneProfile
from thachha_portal.search import engine
from thachha_portal.text import search_text

from .servers import Proxy, RedisServer

pytestmark = [pytest.mark.django_db, pytest.mark.servers]

NAME = "Thủ tục đăng ký khai sinh"


@pytest.fixture(scope="module")
def redis_server():
    server = RedisServer()
    yield server
    server.stop()


def redis_backend(port):
    """The Redis cache of production, under a key prefix of its own."""
    return {
        "BACKEND": "thachha_portal.caches.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{port}/0",
        "KEY_PREFIX": f"t{uuid.uuid4().hex[:8]}",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }


@contextlib.contextmanager
def cache_on(port):
    """The cache set to the Redis at ``port``, this worker starting afresh."""
    with override_settings(CACHES={**settings.CACHES, "default": redis_backend(port)}):
        localpages.watcher.forget()
        yield
        localpages.watcher.forget()


@pytest.fixture
def shared_cache(redis_server):
    """The cache set to Redis; gives a plain client of the same server."""
    with cache_on(redis_server.port):
        yield redis.Redis.from_url(redis_server.url)


@pytest.fixture
def through_proxy(redis_server, monkeypatch):
    """The cache set to Redis through a TCP proxy the test can cut or make
    hang, tried again 0.3 s after a failure: (proxy, plain client of Redis)."""
    monkeypatch.setattr(caches_module, "RETRY_SECONDS", 0.3)
    proxy = Proxy(redis_server.port)
    try:
        with cache_on(proxy.port):
            yield proxy, redis.Redis.from_url(redis_server.url)
    finally:
        proxy.cut()


@pytest.fixture
def procedure(profile):
    return make_procedure(name=NAME, code="1.001193")


def page_keys(client_redis):
    return list(client_redis.scan_iter(match="*:pc:page:*"))


def drop_shared_pages(client_redis):
    """The shared page entries deleted, as if evicted."""
    for key in page_keys(client_redis):
        client_redis.delete(key)


def served(client, url="/thu-tuc/"):
    response = client.get(url)
    return response.headers.get("X-Page-Cache"), response.content.decode()


def copied(client, shared_cache, url="/thu-tuc/"):
    """Request ``url`` until this worker serves it from its copy: a hit with the
    shared entries deleted (the generations, new in this test's key prefix,
    arrive by the subscription first; a worker slowed by a loaded machine may
    need a fresh PING answer)."""
    for _n in range(5):
        served(client, url)
        if localpages.watcher.copies.entries:
            drop_shared_pages(shared_cache)
            state, content = served(client, url)
            if state == "hit" and not page_keys(shared_cache):
                return content
        time.sleep(0.05)  # (the test's proxy forwards in a thread of this process)
    pytest.fail("never served from the worker's copy")


def test_a_hit_is_served_from_the_workers_copy_without_the_shared_entry(
    client, shared_cache, procedure
):
    assert served(client)[0] == "miss"
    # The shared entries gone (evicted): the worker's copy still answers, and
    # with the same page.
    assert NAME in copied(client, shared_cache)


def test_a_local_hit_makes_no_cache_round_trip_but_the_figures_once_a_second(
    client, shared_cache, procedure, monkeypatch
):
    copied(client, shared_cache)
    calls = []
    backend = caches["default"]  # the object itself, not the proxy
    for name in ("get", "get_many", "set", "add", "incr", "touch", "set_many"):
        original = getattr(backend, name)

        def counted(*args, _name=name, _original=original, **kwargs):
            calls.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(backend, name, counted)
    for _n in range(20):
        assert served(client)[0] == "hit"
    assert calls.count("get_many") <= 1  # the visitor figures, once a second
    assert set(calls) <= {"get_many"}


class HeldBack:
    """Redis's bump messages to this worker on their way: read only as many as
    ``let_through`` allows (the PING answers are not held)."""

    def __init__(self, pubsub):
        self.read = pubsub.get_message
        self.waiting = []
        self.allowed = 0

    def get_message(self, timeout=0):
        while (message := self.read(timeout=0)) is not None:
            if message["type"] != "message":
                return message
            self.waiting.append(message)
        if self.allowed and self.waiting:
            self.allowed -= 1
            return self.waiting.pop(0)
        return None

    def let_through(self, count):
        self.allowed += count


@contextlib.contextmanager
def messages_held_back(watcher):
    pubsub = watcher.pubsub
    held = HeldBack(pubsub)
    pubsub.get_message = held.get_message
    try:
        yield held
    finally:
        pubsub.get_message = held.read
        watcher.sync()


def keys_read(monkeypatch):
    """The keys this process reads from the cache from now on (a list that
    grows)."""
    read = []
    backend = caches["default"]  # the object itself, not the proxy
    for name in ("get", "get_many"):
        original = getattr(backend, name)

        def recorded(keys, *args, _original=original, **kwargs):
            read.extend([keys] if isinstance(keys, str) else keys)
            return _original(keys, *args, **kwargs)

        monkeypatch.setattr(backend, name, recorded)
    return read


def publish(settings, key, name, value, heard=True):
    """``value`` stored under ``key`` and announced as ``name`` by another
    worker. With ``heard``, once this worker's subscription has it: the
    message reaches it a round trip after the change, sooner than any visitor
    could follow the change (on a loaded machine the test's next request
    could be sooner)."""
    backend = settings.CACHES["default"]
    other = RedisCache(backend["LOCATION"], backend)
    other.set_and_publish(key, value, localpages.CHANNEL, f"{name}={value}")
    deadline = time.monotonic() + 2
    while heard and localpages.watcher.current((name,)) != (value,):
        assert time.monotonic() < deadline, f"{name}={value} was not heard"
        time.sleep(0.005)
        localpages.watcher.sync()  # what every request does first


def publish_bump(settings, app, value, heard=True):
    """``app``'s generation stored and announced by another worker."""
    publish(settings, pagecache.generation_key(app), app, value, heard)


@pytest.mark.parametrize("message_read", [True, False])
def test_an_edit_in_this_process_shows_at_once(
    client, shared_cache, procedure, django_capture_on_commit_callbacks, message_read
):
    """Whether or not the bump's own message has come back from Redis yet."""
    copied(client, shared_cache)
    held = messages_held_back(localpages.watcher)
    with contextlib.nullcontext() if message_read else held:
        with django_capture_on_commit_callbacks(execute=True):
            procedure.status = Procedure.Status.WITHDRAWN
            procedure.save()
        state, content = served(client)
    assert state == "miss"
    assert NAME not in content


def test_an_older_bump_that_arrives_after_this_workers_own_is_passed_over(
    client, shared_cache, procedure, settings, django_capture_on_commit_callbacks
):
    copied(client, shared_cache)
    key = caches["default"].make_key(pagecache.generation_key("procedures"))
    with messages_held_back(localpages.watcher) as held:
        # Another worker's bump, then this worker's edit: Redis sends both in
        # that order, and both are still on their way.
        publish_bump(settings, "procedures", time.time_ns(), heard=False)
        with django_capture_on_commit_callbacks(execute=True):
            procedure.status = Procedure.Status.WITHDRAWN
            procedure.save()
        mine = (int(shared_cache.get(key)),)
        held.let_through(1)  # the other worker's, older
        state, content = served(client)
        assert localpages.watcher.current(("procedures",)) == mine
        assert NAME not in content
        held.let_through(10)  # this worker's own (a save may bump twice)
        served(client)
        assert held.waiting == []
        assert localpages.watcher.current(("procedures",)) == mine
        # A bump from elsewhere after it is taken in again.
        later = time.time_ns()
        publish_bump(settings, "procedures", later, heard=False)
        held.let_through(1)
        deadline = time.monotonic() + 2
        while localpages.watcher.current(("procedures",)) != (later,):
            assert time.monotonic() < deadline, "the later bump was not taken in"
            time.sleep(0.01)
            served(client)


def test_a_bump_published_by_another_worker_shows_at_once(
    client, shared_cache, procedure, settings
):
    copied(client, shared_cache)
    # Another worker's edit: the database changes, then its bump arrives only
    # through Redis (nothing of this process's state is touched).
    Procedure.objects.filter(pk=procedure.pk).update(status=Procedure.Status.WITHDRAWN)
    publish_bump(settings, "procedures", time.time_ns())
    state, content = served(client)
    assert state == "miss"
    assert NAME not in content


def test_a_lost_subscription_stops_local_serving_and_comes_back(
    client, shared_cache, procedure
):
    copied(client, shared_cache)
    # Redis drops the subscriber connection (restart, network): what was published
    # meanwhile could be missed, so the copies go; pages come from the shared
    # cache meanwhile.
    shared_cache.client_kill_filter(_type="pubsub")
    drop_shared_pages(shared_cache)
    assert served(client)[0] == "miss"  # not the copy: the shared cache's rules
    assert localpages.watcher.copies.size == 0
    # After RETRY_SECONDS the worker subscribes again and copies again.
    localpages.watcher.retry_at = 0.0
    copied(client, shared_cache)


def test_a_redis_that_hangs_stops_local_serving_within_a_second(
    client, through_proxy, procedure
):
    """A Redis that hangs delivers nothing, bumps included: a copy is served only
    while a PING sent less than LIVE_SECONDS ago has been answered; then pages
    are rendered without the cache, as without copies."""
    proxy, raw = through_proxy
    copied(client, raw)
    proxy.hang()
    time.sleep(localpages.LIVE_SECONDS + 0.1)
    state, content = served(client)
    assert state is None  # rendered, not a copy
    assert NAME in content


def test_a_copy_is_not_served_past_its_entrys_time(client, shared_cache, procedure):
    copied(client, shared_cache)
    for entry in localpages.watcher.copies.entries.values():
        entry.expires = time.time() - 1
    drop_shared_pages(shared_cache)
    assert served(client)[0] == "miss"


def test_copies_can_be_turned_off(client, shared_cache, procedure, settings):
    settings.PAGE_CACHE_WORKER_MB = 0
    for _n in range(3):
        assert served(client)[0] in ("miss", "hit")
    assert localpages.watcher.copies.entries == {}
    drop_shared_pages(shared_cache)
    assert served(client)[0] == "miss"


def test_copies_stay_within_their_bytes_least_recently_used_out_first():
    copies = localpages.Copies(limit=250)

    def entry(size):
        return pagecache.Entry(
            gens=(1,), headers=[], etag="", modified=0, head=b"x" * size, tail=None
        )

    copies.put("a", entry(100))
    copies.put("b", entry(100))
    assert copies.get("a") is not None  # a is now the most recently used
    copies.put("c", entry(100))
    assert set(copies.entries) == {"a", "c"}
    assert copies.size == 200
    copies.put("huge", entry(1000))  # larger than the whole budget: not kept
    assert set(copies.entries) == {"a", "c"}


@pytest.mark.parametrize("page_cache", [True, False])
def test_the_profile_is_kept_by_the_worker_until_its_generation_moves(
    client,
    shared_cache,
    profile,
    django_capture_on_commit_callbacks,
    settings,
    page_cache,
):
    """With the page cache off no page stores a generation: the worker starts
    them when it subscribes, and keeps the profile by them all the same."""
    search = "/tim-kiem/?q=khai+sinh"  # never from the page cache
    if page_cache:
        copied(client, shared_cache, "/gioi-thieu/")  # the generations are known
    else:
        settings.PAGE_CACHE_SECONDS = 0
    client.get(search)
    assert profile.hotline in client.get(search).content.decode()
    # Kept by the worker: neither the cache's copy nor a write that bumps
    # nothing is read again...
    CommuneProfile.objects.filter(pk=profile.pk).update(hotline="0239 9999 999")
    shared_cache.delete(*shared_cache.keys("*commune-profile*"))
    assert "0239 9999 999" not in client.get(search).content.decode()
    # ...but an edit, which bumps the generation, shows at once.
    with django_capture_on_commit_callbacks(execute=True):
        profile.refresh_from_db()
        profile.hotline = "0239 1234 567"
        profile.save()
    assert "0239 1234 567" in client.get(search).content.decode()


def test_uncached_pages_read_nothing_from_the_cache_until_an_edit(
    client,
    shared_cache,
    profile,
    settings,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    """The drill-down, the dashboard, the home page and the news list draw from
    this worker's copies of the plans' figures, their brief, the plan in force,
    the dashboard's body and the news archive's figures, without asking the
    cache whether they are current: the subscription would have told the worker
    of an edit, which shows at once."""
    from django.urls import reverse

    from tests.plans.factories import add_items, make_kpi, make_plan

    settings.PAGE_CACHE_SECONDS = 0
    plan = make_plan()
    kpi = make_kpi(plan, metric="bulletins", params={}, period="month")
    with django_capture_on_commit_callbacks(execute=True):
        add_items(0, 60)
    drilled = reverse("plans:drilldown", args=[plan.pk, kpi.pk, "all"])
    news = reverse("bulletins:list")
    pages = [drilled, reverse("plans:dashboard"), reverse("home"), news]
    for url in pages:
        assert client.get(url).status_code == 200
    read = keys_read(monkeypatch)
    for url in pages:
        assert client.get(url).status_code == 200
    assert not [key for key in read if "visitor" not in key and ":count:" not in key]
    assert "<h2>60 bản ghi tạo nên số liệu này</h2>" in client.get(drilled).text
    assert client.get(news).context["paginator"].count == 60
    with django_capture_on_commit_callbacks(execute=True):
        add_items(60, 1)
    assert "<h2>61 bản ghi tạo nên số liệu này</h2>" in client.get(drilled).text
    assert client.get(news).context["paginator"].count == 61


def test_a_search_reads_its_stamps_from_the_subscription(
    client, shared_cache, procedure, settings, monkeypatch
):
    """No cache read per search for the lexicons' and vocabulary's stamps; a
    change announced by another worker is taken in at the next request."""
    settings.SEARCH_CACHE_SECONDS = 0
    name = "Thủ tục cấp phép zorblat quenxit"  # words no record or vocabulary has
    url = "/thu-tuc/?q=zorblat+quenxit"
    for _n in range(2):
        assert name not in client.get(url).text
    read = keys_read(monkeypatch)
    client.get(url)
    assert not [key for key in read if "search:version" in key]
    # Renamed by another process without a signal: this worker's lexicon does
    # not know these words, so the search does not even ask the database...
    Procedure.objects.filter(pk=procedure.pk).update(
        name=name, search_title=search_text(name)
    )
    assert name not in client.get(url).text
    # ...until that process announces the change of the index.
    value = time.time_ns()
    publish(
        settings, "search:version:index:procedures", "search:index:procedures", value
    )
    assert name in client.get(url).text


def test_a_repeated_search_is_answered_from_the_workers_copy_until_an_edit(
    client, shared_cache, procedure, settings, monkeypatch
):
    """A search's outcome is kept in the shared cache and a copy by the worker:
    asked again, it reads nothing from the cache, until its own end passes or
    an edit is announced, by this worker or another."""
    settings.SEARCH_CACHE_SECONDS = 300
    url = "/thu-tuc/?q=khai+sinh"
    copied(client, shared_cache)  # the subscription knows every generation

    def found():
        return NAME in client.get(url).content.decode()

    assert found()
    read = keys_read(monkeypatch)
    assert found()
    assert not [key for key in read if "search:found" in key]
    # Past its end (the shared entry's: a news item scheduled meanwhile), the
    # copy is not served; the shared cache is asked again.
    for key, (kept, _end) in list(engine._outcomes.items()):
        engine._outcomes[key] = (kept, time.time() - 1)
    assert found()
    assert [key for key in read if "search:found" in key]
    # Another worker's edit: the database changes, then its bump arrives only
    # through Redis.
    Procedure.objects.filter(pk=procedure.pk).update(status=Procedure.Status.WITHDRAWN)
    publish_bump(settings, "procedures", time.time_ns())
    assert not found()


def test_copies_hold_their_count_under_the_threads_of_a_worker():
    """gthread workers serve several requests at once from the same copies."""
    copies = localpages.Copies(limit=10_000)
    entries = [
        pagecache.Entry(
            gens=(1,), headers=[], etag="", modified=0, head=b"x" * 700, tail=None
        )
        for _n in range(40)
    ]

    def churn(offset):
        for n in range(3000):
            key = f"k{(n + offset) % 40}"
            copies.put(key, entries[n % 40])
            copies.get(f"k{(n * 7) % 40}")
            if n % 13 == 0:
                copies.discard(key)

    threads = [threading.Thread(target=churn, args=(t,)) for t in range(4)]
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads interleave as often as they can
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(previous)
    assert copies.size == 700 * len(copies.entries) <= copies.limit


def saved_while_away(proxy, raw, stamp, instance, on_commit):
    """Save ``instance`` while Redis does not answer (its commit's callbacks
    run, by ``on_commit``: django_capture_on_commit_callbacks): the ``stamp``
    it moves (a cache key) is not sent then, and is sent within 5 s once Redis
    is back, with no further request to this process. This worker may then
    subscribe again at once."""
    key = caches["default"].make_key(stamp)
    before = raw.get(key)
    assert before is not None
    proxy.cut()
    with on_commit(execute=True):
        instance.save()
    assert raw.get(key) == before  # not sent: Redis was away
    proxy.restore()
    deadline = time.monotonic() + 5
    while raw.get(key) == before and time.monotonic() < deadline:
        time.sleep(0.1)
    assert raw.get(key) != before
    localpages.watcher.retry_at = 0.0


def test_an_edit_made_while_redis_is_away_reaches_every_worker_once_it_is_back(
    client, through_proxy, procedure, django_capture_on_commit_callbacks
):
    """The bump of an edit made while Redis does not answer is sent again by
    the editing process once the cache may answer, without waiting for another
    request to it: the other workers' pages do not stay stale until they
    expire."""
    proxy, raw = through_proxy
    copied(client, raw)
    procedure.status = Procedure.Status.WITHDRAWN
    saved_while_away(
        proxy,
        raw,
        pagecache.generation_key("procedures"),
        procedure,
        django_capture_on_commit_callbacks,
    )
    assert NAME not in served(client)[1]


def test_a_search_stamp_bumped_while_redis_is_away_is_sent_once_it_is_back(
    client, through_proxy, procedure, django_capture_on_commit_callbacks
):
    """The search's stamps are not rebuilt by age where the cache is shared:
    so the bump of an edit made while Redis does not answer is sent again by
    the editing process once Redis answers, without another request to it, and
    every worker's lexicon learns the edit."""
    proxy, raw = through_proxy
    index = engine.get_index("procedures")
    assert not engine.lexicon(index).knows("zokovi")  # built before the outage
    procedure.search_title += " zokovi"  # a word the lexicon reads
    saved_while_away(
        proxy,
        raw,
        f"search:version:{index.stamp}",
        procedure,
        django_capture_on_commit_callbacks,
    )
    assert engine.lexicon(index).knows("zokovi")


def test_after_an_outage_no_page_stored_before_it_is_served(
    client, through_proxy, procedure
):
    """Another process's edit whose bump was lost while Redis was away (here: a
    write that bumps nothing): the first answer after Redis is back, and every
    one after, is rendered afresh, not the old entry Redis still holds."""
    proxy, raw = through_proxy
    for _n in range(3):
        served(client)
    assert page_keys(raw)  # stored in Redis, with its generations
    proxy.cut()
    assert served(client)[0] is None  # rendered: Redis is away
    Procedure.objects.filter(pk=procedure.pk).update(status=Procedure.Status.WITHDRAWN)
    proxy.restore()
    time.sleep(0.4)  # this process may try Redis again
    assert page_keys(raw)  # the old entry is still there...
    for _n in range(3):
        assert NAME not in served(client)[1]  # ...and never served
