import pytest

from bulletins import demo
from bulletins.models import Airing, Bulletin

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_doubling():
    demo.load()
    first = (Bulletin.objects.count(), Airing.objects.count())
    demo.load()
    assert (Bulletin.objects.count(), Airing.objects.count()) == first


def test_demo_has_the_deliberate_gaps_and_is_marked_as_sample():
    demo.load()
    published_2021 = {
        b.published_at.astimezone().month
        for b in Bulletin.objects.published().filter(published_at__year=2021)
    }
    assert 6 not in published_2021
    for month in (4, 8, 11):
        assert not Airing.objects.counted().in_month(2021, month).exists()
    assert Airing.objects.counted().in_month(2021, 3).exists()
    assert Bulletin.objects.filter(category__slug="neu-guong").exists()
    assert Bulletin.objects.filter(category__slug="phe-phan").exists()
    assert Bulletin.objects.filter(published_at__year=2026).count() >= 2
    assert all("Nội dung mẫu" in b.body for b in Bulletin.objects.all())


def test_demo_links_bulletins_to_demo_procedures():
    from procedures import demo as procedures_demo

    procedures_demo.load()
    demo.load()
    bulletin = Bulletin.objects.get(slug="huong-dan-nop-ho-so-truc-tuyen")
    assert set(bulletin.related_procedures.values_list("code", flat=True)) == {
        "1.001193",
        "1.000894",
    }
