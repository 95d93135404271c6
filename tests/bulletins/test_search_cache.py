"""The search outcome cache (SEARCH_CACHE_SECONDS) never lists what is stale: an
edit shows on the next request, an outcome read before an edit committed is not
served after it, and a scheduled item shows when its time comes."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from thachha_portal import pagecache, search
from thachha_portal.search import versions

from .factories import make_bulletin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.SEARCH_CACHE_SECONDS = 300


def _news_titles(query):
    sections = search.search_everything(query)
    return [hit.title for s in sections if s.key == "bulletins" for hit in s.hits]


def test_a_repeated_search_is_answered_from_the_cache(
    profile, category, django_assert_num_queries
):
    make_bulletin(title="Hội nghị tiếp xúc cử tri")
    assert _news_titles("tiep xuc cu tri") == ["Hội nghị tiếp xúc cử tri"]
    # The outcome holds what the hits show (and the other sections' own
    # outcomes are cached too): the search is not run again, nothing is read.
    with django_assert_num_queries(0):
        assert _news_titles("tiep xuc cu tri") == ["Hội nghị tiếp xúc cử tri"]


def test_a_news_edit_shows_in_search_on_the_next_request(
    client, profile, category, django_capture_on_commit_callbacks
):
    bulletin = make_bulletin(title="Hội nghị tiếp xúc cử tri")
    assert "Hội nghị tiếp xúc cử tri" in client.get("/tim-kiem/?q=tiep+xuc+cu+tri").text
    with django_capture_on_commit_callbacks(execute=True):
        bulletin.title = "Hội nghị đối thoại với nhân dân"
        bulletin.save()
    response = client.get("/tim-kiem/?q=doi+thoai+nhan+dan")
    assert "Hội nghị đối thoại với nhân dân" in response.text
    assert (
        "Hội nghị tiếp xúc cử tri"
        not in client.get("/tim-kiem/?q=tiep+xuc+cu+tri").text
    )


def test_an_outcome_read_before_an_edit_committed_is_not_served_after_it(
    profile, category, django_capture_on_commit_callbacks
):
    bulletin = make_bulletin(title="Hội nghị tiếp xúc cử tri")
    # The edit's save moves the index's stamp at once, before its commit...
    versions.bump(search.get_index("bulletins").stamp)
    # ...and meanwhile another worker searches the rows as they still are.
    assert _news_titles("tiep xuc cu tri") == ["Hội nghị tiếp xúc cử tri"]
    # The commit: the row changes and the pages' generation moves.
    with django_capture_on_commit_callbacks(execute=True):
        type(bulletin).objects.filter(pk=bulletin.pk).update(
            title="Hội nghị đối thoại với nhân dân",
            search_title="hoi nghi doi thoai voi nhan dan",
            search_document="hoi nghi doi thoai voi nhan dan",
        )
        pagecache.invalidate("bulletins")
    assert _news_titles("tiep xuc cu tri") == []


def test_a_scheduled_item_shows_in_search_when_its_time_comes(profile, category):
    moment = timezone.now() + datetime.timedelta(seconds=30)
    make_bulletin(title="Thông báo lịch tiếp công dân", published_at=moment)
    assert _news_titles("lich tiep cong dan") == []
    with time_machine.travel(moment + datetime.timedelta(seconds=15), tick=True):
        assert _news_titles("lich tiep cong dan") == ["Thông báo lịch tiếp công dân"]


def test_a_scheduled_moment_that_falls_while_the_search_runs_ends_its_outcome(
    profile, category, monkeypatch
):
    """The outcome's time is taken before the search reads: an item whose
    moment comes while the search runs shows at the next request, not after
    the cache's whole time (a trial with two servers saw it missing)."""
    from thachha_portal.search import engine

    moment = timezone.now() + datetime.timedelta(seconds=30)
    make_bulletin(title="Thông báo lịch tiếp công dân", published_at=moment)
    search_as_it_runs = engine._search
    with time_machine.travel(
        moment - datetime.timedelta(seconds=1), tick=False
    ) as clock:

        def slow_search(index, *args):
            found = search_as_it_runs(index, *args)  # read before the moment...
            if index.key == "bulletins":
                clock.shift(datetime.timedelta(seconds=2))  # ...kept after it
            return found

        monkeypatch.setattr(engine, "_search", slow_search)
        assert _news_titles("lich tiep cong dan") == []
        monkeypatch.setattr(engine, "_search", search_as_it_runs)
        assert _news_titles("lich tiep cong dan") == ["Thông báo lịch tiếp công dân"]
