"""The search's version stamps are read once per request (one cache round trip
for every stamp the request needs), and a change made elsewhere shows on the
next request."""

import socket
import time
import types

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.test import Client

from thachha_portal.search import versions

pytestmark = pytest.mark.django_db


def test_a_site_search_reads_the_stamps_in_one_round_trip(profile, monkeypatch):
    client = Client()
    client.get("/tim-kiem/?q=khai+sinh")  # this process learns which stamps exist
    reads = []
    real = cache.get_many

    def counting(keys, *args, **kwargs):
        keys = list(keys)
        if any(key.startswith("search:version:") for key in keys):
            reads.append(keys)
        return real(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counting)
    assert client.get("/tim-kiem/?q=khai+sinh").status_code == 200
    assert len(reads) == 1  # was one per section and per analysis (10)


def test_a_stamp_changed_elsewhere_shows_on_the_next_request():
    request_started.send(sender=None)
    before = versions.current("test-stamp")
    cache.set("search:version:test-stamp", before + 1, None)  # another worker
    assert versions.current("test-stamp") == before  # one request, one snapshot
    versions.bump("test-stamp")  # this request's own change it sees at once
    bumped = versions.current("test-stamp")
    assert bumped > before + 1
    request_finished.send(sender=None)
    cache.set("search:version:test-stamp", bumped + 1, None)
    assert versions.current("test-stamp") == bumped + 1  # outside a request
    request_started.send(sender=None)
    assert versions.current("test-stamp") == bumped + 1
    request_finished.send(sender=None)


# --- what each worker keeps by the stamps: rebuilt when they move, not by age ---


@pytest.fixture
def later(monkeypatch):
    """``later(seconds)``: this module's clock moved on by ``seconds``."""
    clock = [time.monotonic()]
    monkeypatch.setattr(
        versions,
        "time",
        types.SimpleNamespace(monotonic=lambda: clock[0], time_ns=time.time_ns),
    )

    def move(seconds):
        clock[0] += seconds

    return move


def counted_memo():
    """A Memo of the stamp "test-words" and the list of its builds."""
    builds = []
    return versions.Memo("test-words", lambda: builds.append(1) or len(builds)), builds


@pytest.fixture
def disk_cache(settings, tmp_path):
    """The disk cache of an install without Redis: shared by its processes."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "thachha_portal.caches.DiskCache",
            "LOCATION": str(tmp_path / "cache"),
        },
    }


def test_with_a_shared_cache_a_copy_whose_stamp_stands_is_kept_past_max_age(
    disk_cache, later
):
    """A worker forked from gunicorn's master minutes after start keeps the
    lexicons the master built (they once were all read again at its first
    search: half a second for the news)."""
    memo, builds = counted_memo()
    memo.get()
    later(versions.MAX_AGE * 10)
    memo.get()
    assert len(builds) == 1
    versions.bump("test-words")  # an edit, here or in another process
    memo.get()
    assert len(builds) == 2


def test_with_a_cache_of_the_process_alone_a_copy_is_rebuilt_after_max_age(later):
    """Local memory (several processes would each have their own): another
    process's edit never moves this one's stamps, so age catches up."""
    memo, builds = counted_memo()
    memo.get()
    later(versions.MAX_AGE - 1)
    memo.get()
    assert len(builds) == 1
    later(2)
    memo.get()
    assert len(builds) == 2


def not_answering():
    """A cache setting whose Redis nobody listens to."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return {
        "BACKEND": "thachha_portal.caches.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{port}/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }


def test_while_the_cache_does_not_answer_a_copy_is_rebuilt_after_max_age(
    settings, later
):
    settings.CACHES = {**settings.CACHES, "default": not_answering()}
    memo, builds = counted_memo()
    memo.get()
    later(versions.MAX_AGE + 1)
    memo.get()
    assert len(builds) == 2


def test_a_cache_that_stops_answering_leaves_a_copy_as_it_is_until_max_age(
    disk_cache, settings, later
):
    """Redis away, then back with the same stamps: what a worker keeps is
    neither built again when the cache stops answering nor when it answers
    again; past MAX_AGE without an answer it is."""
    memo, builds = counted_memo()
    memo.get()
    shared = settings.CACHES
    settings.CACHES = {**shared, "default": not_answering()}
    memo.get()
    assert len(builds) == 1
    settings.CACHES = shared  # back, the stamp as it was
    memo.get()
    assert len(builds) == 1
    settings.CACHES = {**shared, "default": not_answering()}
    later(versions.MAX_AGE + 1)
    memo.get()
    assert len(builds) == 2


def test_with_a_shared_cache_a_bump_that_was_lost_is_caught_by_the_rows(
    disk_cache, later
):
    """A bump lost by a process that ended while the cache was away: past
    MAX_AGE the rows' fingerprint is read, and the copy built again only if
    the rows moved."""
    rows = ["as built"]
    builds = []
    memo = versions.Memo(
        "test-words",
        lambda: builds.append(1) or len(builds),
        fingerprint=lambda: rows[0],
    )
    memo.get()
    later(versions.MAX_AGE + 1)
    memo.get()
    assert len(builds) == 1  # the rows stand: kept
    rows[0] = "edited, its bump lost"
    later(versions.MAX_AGE - 1)
    memo.get()
    assert len(builds) == 1  # not read again before MAX_AGE
    later(2)
    memo.get()
    assert len(builds) == 2


# --- what one process builds, the others take (``shared``) ---


def shared_memo(builds, rows=None):
    """A Memo of "test-words" shared under one cache key, as each worker of an
    install holds one; ``builds`` lists the builds of every worker."""
    return versions.Memo(
        "test-words",
        lambda: builds.append(1) or f"built {len(builds)}",
        fingerprint=(lambda: rows[0]) if rows else None,
        shared="test:shared-words",
    )


def test_with_a_shared_cache_a_value_one_worker_built_is_taken_by_the_others(
    disk_cache,
):
    builds = []
    first, second = shared_memo(builds), shared_memo(builds)
    assert first.get() == "built 1"
    assert second.get() == "built 1"  # taken, not built again
    assert len(builds) == 1
    versions.bump("test-words")  # an edit: what was shared is of the old stamps
    assert second.get() == "built 2"
    assert first.get() == "built 2"
    assert len(builds) == 2


def test_with_a_cache_of_the_process_alone_nothing_is_shared():
    """Local memory: what another process would take is not there."""
    builds = []
    shared_memo(builds).get()
    shared_memo(builds).get()
    assert len(builds) == 2


def test_the_worker_that_finds_a_lost_bump_sends_it_again_for_every_worker(
    disk_cache, later
):
    """A lost bump (the stamps stand, the rows moved): the worker that finds
    it past MAX_AGE bumps the stamps again and builds the value, rather than
    take back the one shared under the old stamps; the other workers see the
    stamps move and take the new value, without waiting for their own check."""
    rows = ["as built"]
    builds = []
    first, second = shared_memo(builds, rows), shared_memo(builds, rows)
    first.get()
    second.get()
    before = versions.current("test-words")
    rows[0] = "edited, its bump lost"
    later(versions.MAX_AGE + 1)
    assert first.get() == "built 2"
    assert versions.current("test-words") != before
    later(-versions.MAX_AGE)  # the second worker's own check is not due
    assert second.get() == "built 2"
    assert len(builds) == 2


def test_with_a_shared_cache_a_lost_vocabulary_bump_is_caught_by_the_rows(
    disk_cache, later, monkeypatch
):
    """The vocabulary has its rows' fingerprint too (a new entry whose bump
    was lost was otherwise unknown until the next edit), and so do the
    lexicons, which hold its terms."""
    from thachha_portal.models import Synonym
    from thachha_portal.search import engine, vocabulary

    index = engine.get_index("procedures")
    assert not vocabulary.current().meaning("giay zokovi")
    assert not engine.lexicon(index).pairs_with("hon", "zokovi", before=True)
    with monkeypatch.context() as lost:  # its process ended, Redis away
        lost.setattr(versions, "bump", lambda *args, **kwargs: None)
        Synonym.objects.create(phrase="giấy zokovi", official="zokovi hôn nhân")
    later(versions.MAX_AGE - 1)
    assert not vocabulary.current().meaning("giay zokovi")  # the stamp stands
    later(2)
    assert vocabulary.current().meaning("giay zokovi") == ("zokovi hon nhan",)
    assert engine.lexicon(index).pairs_with("hon", "zokovi", before=True)


def test_a_search_kept_before_a_lost_bump_is_made_again_once_it_is_caught(
    disk_cache, later, monkeypatch, settings
):
    """The outcomes of searches are kept under the stamps (search cache):
    when a worker finds a lost bump by the rows, the bump it sends again
    moves them too, and a search asked before the edit finds what the edit
    brought rather than its kept outcome."""
    from procedures.selectors import catalogue
    from tests.procedures.factories import make_procedure
    from thachha_portal.models import Synonym

    settings.SEARCH_CACHE_SECONDS = 3600
    make_procedure("Thủ tục đăng ký kết hôn", code="1.000894")

    def codes():
        return [p.code for p in catalogue(query="giấy zokovi")]

    assert codes() == []  # kept in the search cache
    with monkeypatch.context() as lost:  # its process ended, Redis away
        lost.setattr(versions, "bump", lambda *args, **kwargs: None)
        Synonym.objects.create(phrase="giấy zokovi", official="đăng ký kết hôn")
    assert codes() == []  # the stamps stand: the kept outcome
    later(versions.MAX_AGE + 1)
    assert codes() == ["1.000894"]


def test_a_bump_the_cache_took_is_not_sent_again(monkeypatch):
    """A stamp the cache stored is done with: nothing waits to be sent again,
    and the recovery hooks (which a timer runs after a failed write, and which
    make every page stale first) are not armed. The stamp's store once said
    "not stored" whatever happened, so one edit made every page stale again
    every five seconds, for as long as the worker lived."""
    from thachha_portal import caches, localpages

    stores, armed = [], []
    real_store = localpages.store
    monkeypatch.setattr(
        localpages, "store", lambda *a, **k: stores.append(a) or real_store(*a, **k)
    )
    monkeypatch.setattr(caches, "recover_later", lambda: armed.append(True))
    versions.bump("index:test")
    assert len(stores) == 1 and armed == []
    versions.send_unsent()  # what the timer would run
    assert len(stores) == 1
