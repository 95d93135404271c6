"""The benchmark hook: its pages answer, and ``grow`` adds published, findable
bulletins spread from 2021 to now with their airings."""

import datetime

import pytest
from django.utils import timezone

from bulletins import bench, demo
from bulletins.models import Airing, Bulletin
from bulletins.search import INDEX
from thachha_portal.search import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(profile):
    demo.load()


def test_every_bench_page_answers(client, loaded):
    bench.grow(1)
    for name, path in bench.pages():
        response = client.get(path)
        assert response.status_code == 200, name
    search = client.get(dict(bench.pages())["site search"]).content.decode()
    assert "cải cách hành chính" in search.lower()


def test_grow_adds_fifty_bulletins_and_a_hundred_airings_per_scale(loaded):
    bulletins, airings = Bulletin.objects.count(), Airing.objects.count()
    bench.grow(2)
    extra = Bulletin.objects.filter(slug__startswith="ban-tin-do-toc-do-")
    assert Bulletin.objects.count() == bulletins + 100 == bulletins + extra.count()
    assert Airing.objects.count() == airings + 200
    assert extra.published().count() == 100
    # Spread evenly from 2021 up to recent weeks, no year left out (early in
    # January the newest may still be from the year before).
    times = [b.published_at for b in extra]
    assert timezone.localtime(min(times)).date() == datetime.date(2021, 1, 1)
    age = timezone.now() - max(times)
    assert datetime.timedelta(0) < age < datetime.timedelta(days=60)
    years = {timezone.localtime(t).year for t in times}
    assert years == set(range(2021, timezone.localtime(max(times)).year + 1))
    assert not Airing.objects.filter(aired_at__gt=timezone.now()).exists()
    # The derived columns are exactly what a save() would have written.
    for bulletin in extra.select_related("category")[:20]:
        stored = (bulletin.search_title, bulletin.search_document, bulletin.body)
        bulletin.prepare()
        assert stored == (
            bulletin.search_title,
            bulletin.search_document,
            bulletin.body,
        )
        assert bulletin.broadcast_script
    found = search(INDEX, extra, "tiep nhan ho so truc tuyen toan trinh")
    assert len(found.pks) == len(range(0, 100, len(bench.TOPICS)))
    bench.grow(1)  # again: new slugs, no clash
    assert extra.all().count() == 150


def test_grown_airings_follow_their_bulletins(loaded):
    bench.grow(1)
    late = Airing.objects.filter(
        bulletin__slug__startswith="ban-tin-do-toc-do-"
    ).select_related("bulletin")
    for airing in late:
        assert airing.aired_at >= airing.bulletin.published_at
        assert airing.aired_at - airing.bulletin.published_at <= datetime.timedelta(
            days=2
        )
