import datetime

import pytest

from bulletins import demo
from bulletins.models import Airing, Bulletin
from tests.clock import earlier_this_year

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
    from plans import demo as plans_demo

    plans_demo.load()  # the current year's items, placed by the plans demo
    assert Bulletin.objects.filter(published_at__gte=earlier_this_year(0)).exists()
    for bulletin in Bulletin.objects.all():
        assert "Nội dung mẫu" in bulletin.source_note
        assert bulletin.source_note not in bulletin.broadcast_script
        assert "Nội dung mẫu" not in bulletin.broadcast_script


def test_demo_news_is_real_news_signed_and_aired_under_the_names_of_its_day():
    from plans import demo as plans_demo
    from thachha_portal import demo as portal_demo
    from thachha_portal.models import CommuneProfile

    portal_demo.load(with_users=False)
    demo.load()
    plans_demo.load()  # the current year's items
    profile = CommuneProfile.objects.get()
    switch = datetime.date(2025, 7, 1)
    # Scheduled items too: each is checked before the day it comes out.
    approved = Bulletin.objects.filter(status=Bulletin.Status.PUBLISHED)
    for bulletin in approved.prefetch_related("airings"):
        paragraphs = bulletin.body.count("<p>")
        assert paragraphs >= 2, bulletin.slug
        assert bulletin.body.startswith("<p><strong>Thạch Hà</strong> – ")
        day = bulletin.published_at.date()
        assert bulletin.author_unit == profile.names_on(day).short_name
        if day < switch:
            assert "xã Thạch Hà" not in bulletin.body, bulletin.slug
            assert "Trung tâm Phục vụ" not in bulletin.body, bulletin.slug
        else:
            assert "Bộ phận Một cửa" not in bulletin.body, bulletin.slug
        for airing in bulletin.airings.all():
            if airing.station.startswith("Đài"):
                town = airing.aired_at.date() < switch
                assert airing.station.endswith("thị trấn" if town else "xã")


def test_the_first_item_reads_right_on_air():
    demo.load()
    script = Bulletin.objects.get(
        slug="trien-khai-ke-hoach-tuyen-truyen-cchc-2021"
    ).broadcast_script
    assert script.startswith(
        "Thạch Hà – Ngày 06 tháng 01 năm 2021, Ủy ban nhân dân thị trấn Thạch Hà ban "
        "hành Kế hoạch số 02 về công tác tuyên truyền cải cách hành chính năm 2021."
    )


def test_demo_links_bulletins_to_demo_procedures():
    from procedures import demo as procedures_demo

    procedures_demo.load()
    demo.load()
    bulletin = Bulletin.objects.get(slug="huong-dan-nop-ho-so-truc-tuyen")
    assert set(bulletin.related_procedures.values_list("code", flat=True)) == {
        "1.001193",
        "1.000894",
    }


def _said(total):
    """How a figure is written in the news: 1.000-style thousands."""
    return f"{total:,}".replace(",", ".")


def test_figures_in_the_2021_news_match_the_logged_activities_and_the_database():
    from django.db.models import Sum

    from plans import demo as plans_demo
    from plans.models import Activity

    demo.load()
    plans_demo.load()
    in_2021 = Activity.objects.filter(held_on__year=2021)

    def total(kind, column):
        return in_2021.filter(kind=kind).aggregate(n=Sum(column))["n"]

    def body(slug):
        return Bulletin.objects.get(slug=slug).body

    summary = body("tong-ket-cchc-2021")
    conferences = in_2021.filter(kind=Activity.Kind.CONFERENCE)
    assert f"{conferences.count()} hội nghị, hội thảo với " in summary
    assert f"{_said(total('conference', 'participants'))} lượt đại biểu" in summary
    dialogue = in_2021.get(kind=Activity.Kind.DIALOGUE)
    assert f"1 cuộc đối thoại với {dialogue.participants} người dân" in summary
    assert f"{dialogue.participants} đại biểu" in body("hoi-nghi-doi-thoai-cchc")
    assert dialogue.held_on.strftime("%d/%m/%Y") in body("hoi-nghi-doi-thoai-cchc")
    assert f"treo {_said(total('poster', 'quantity'))} áp phích" in summary
    assert f"phát {_said(total('leaflet', 'quantity'))} tờ gấp, tờ rơi" in summary
    assert f"{total('contest', 'quantity')} bài dự thi" in summary
    told = 0
    for activity in in_2021.exclude(kind="contest"):
        figure = f" {_said(activity.participants or activity.quantity)} "
        date = activity.held_on.strftime("%d/%m/%Y")
        for bulletin in Bulletin.objects.filter(body__contains=date):
            assert figure in bulletin.body, (activity.title, bulletin.slug)
            told += 1
    assert told >= 6
    items = Bulletin.objects.published().filter(published_at__year=2021)
    assert f"đăng {items.count()} tin, bài" in summary
    for slug, words in (
        ("tin-cchc", "tin về CCHC"),
        ("neu-guong", "bài nêu gương"),
        ("phe-phan", "bài phê phán"),
        ("thong-bao", "thông báo"),
    ):
        assert f"{items.filter(category__slug=slug).count()} {words}" in summary
    airings = Airing.objects.filter(aired_at__year=2021).count()
    assert f"phát {airings} lượt tin" in summary


def test_the_demo_airings_keep_the_rules_of_an_airing():
    """Written without the admin's checks: each is after its item's
    publication, of a plausible length and recorded once (the constraint)."""
    from plans import demo as plans_demo

    demo.load()
    plans_demo.load()
    airings = Airing.objects.select_related("bulletin")
    assert airings.exists()
    for airing in airings:
        airing.full_clean()
