"""Metrics that read the bulletins and procedures apps (CONTRACT.md names):
published items, loudspeaker airings, "website AND loudspeaker in the same month",
and the share of commune procedures posted at the one-stop desk."""

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletins.models import Airing, Bulletin, Category
from plans import metrics
from plans import periods as P
from plans.models import Indicator, Plan
from plans.selectors import evaluate_indicator
from procedures.models import Field, ListingChange, Procedure
from thachha_portal import pagecache

from .factories import assert_pages_agree, make_kpi, make_plan

pytestmark = pytest.mark.django_db
TZ = P.local_zone()
D = datetime.date


def at(*args):
    return datetime.datetime(*args, tzinfo=TZ)


NOW = at(2026, 1, 1)


def category(slug="tin-cchc"):
    return Category.objects.get_or_create(slug=slug, defaults={"name": slug})[0]


def bulletin(published_at, *, slug=None, cat="tin-cchc", status="published"):
    slug = slug or f"tin-{published_at:%Y%m%d%H%M}-{Bulletin.objects.count()}"
    return Bulletin.objects.create(
        title=f"Tin {slug}",
        slug=slug,
        category=category(cat),
        status=status,
        published_at=published_at,
    )


def airing(item, aired_at):
    return Airing.objects.create(
        bulletin=item,
        aired_at=aired_at,
        station="Đài truyền thanh thị trấn",
        duration_minutes=5,
        read_by="Phát thanh viên",
    )


def results(spec, params, periods, plan):
    """The results with their records (drill-down, reports), checked against the
    figures alone (dashboard, home page): both must agree exactly."""
    full = spec.compute(params, periods, plan=plan, now=NOW)
    shown = spec.values(params, periods, plan=plan, now=NOW)
    assert [(r.value, r.note, r.parts, r.count) for r in shown] == [
        (r.value, r.note, r.parts, r.count) for r in full
    ]
    assert_pages_agree(spec.records(params, periods, plan=plan, now=NOW), full)
    return full


def values(kpi, periods):
    return [r.value for r in results(kpi.spec, kpi.params, periods, kpi.plan)]


def test_item_published_2330_on_31_january_local_counts_for_january():
    kpi = make_kpi(make_plan(), metric="bulletins", params={})
    bulletin(at(2021, 1, 31, 23, 30))
    assert values(kpi, [P.month(2021, 1), P.month(2021, 2)]) == [1, 0]


def test_cutoff_items_on_14th_2359_and_15th_0000_fall_in_different_reports():
    kpi = make_kpi(make_plan(), metric="bulletins", params={})
    bulletin(at(2021, 2, 14, 23, 59))
    bulletin(at(2021, 2, 15, 0, 0))
    february = P.month(2021, 2, cutoff=True)
    march = P.month(2021, 3, cutoff=True)
    assert values(kpi, [february, march]) == [1, 1]


def test_six_and_nine_month_reports_count_from_15_december():
    kpi = make_kpi(make_plan(), metric="bulletins", params={})
    bulletin(at(2020, 12, 14, 23, 59))
    bulletin(at(2020, 12, 15, 0, 0))
    bulletin(at(2021, 7, 1, 8, 0))
    half = P.report_period("half", 2021, cutoff=True)
    nine = P.report_period("nine", 2021, cutoff=True)
    assert values(kpi, [half, nine]) == [1, 2]


def test_drafts_and_scheduled_items_do_not_count():
    kpi = make_kpi(make_plan(), metric="bulletins", params={})
    bulletin(at(2021, 3, 2, 8), status="draft")
    bulletin(at(2021, 3, 3, 8), status="hidden")
    bulletin(at(2026, 3, 3, 8))  # scheduled after "now"
    bulletin(at(2021, 3, 4, 8))
    assert values(kpi, [P.month(2021, 3)]) == [1]
    assert values(kpi, [P.month(2026, 3)]) == [0]


def test_items_can_be_counted_by_category():
    kpi = make_kpi(
        make_plan(),
        metric="bulletins",
        params={"categories": ["neu-guong", "phe-phan"]},
    )
    bulletin(at(2021, 3, 2, 8), cat="neu-guong")
    bulletin(at(2021, 3, 5, 8), cat="phe-phan")
    bulletin(at(2021, 3, 9, 8), cat="tin-cchc")
    assert values(kpi, [P.month(2021, 3)]) == [2]


def test_airings_count_by_local_time_and_not_for_hidden_items():
    kpi = make_kpi(make_plan(), metric="airings", params={})
    shown = bulletin(at(2021, 1, 20, 8))
    hidden = bulletin(at(2021, 1, 21, 8), status="hidden")
    airing(shown, at(2021, 1, 31, 23, 30))
    airing(shown, at(2021, 2, 1, 6, 0))
    airing(hidden, at(2021, 1, 22, 6, 0))
    assert values(kpi, [P.month(2021, 1), P.month(2021, 2)]) == [1, 1]


def test_website_and_loudspeaker_needs_both_in_the_same_month():
    plan = make_plan()
    kpi = make_kpi(plan, metric="website_and_loudspeaker", params={}, period="month")
    march = bulletin(at(2021, 3, 5, 8))
    airing(march, at(2021, 3, 6, 6))  # March: both
    bulletin(at(2021, 4, 5, 8))  # April: website only
    airing(march, at(2021, 6, 6, 6))  # June: loudspeaker only
    row = evaluate_indicator(kpi, plan, P.plan_window(plan), now=NOW)
    by_month = {c.period.key: c for c in row.cells}
    assert by_month["m2021-03"].status == "met"
    assert by_month["m2021-04"].status == "missed"
    assert by_month["m2021-04"].result.parts == {"website": 1, "loudspeaker": 0}
    assert by_month["m2021-06"].status == "missed"
    assert len(by_month["m2021-03"].result.records) == 2
    shown = evaluate_indicator(kpi, plan, P.plan_window(plan), now=NOW, records=False)
    assert [(c.status, c.result.parts) for c in shown.cells] == [
        (c.status, c.result.parts) for c in row.cells
    ]


def test_drilldown_of_a_month_links_the_items_and_airings_that_counted(client, profile):
    plan = make_plan()
    kpi = make_kpi(plan, metric="website_and_loudspeaker", params={}, period="month")
    item = bulletin(at(2021, 3, 5, 0, 30))  # 4 March 17:30 UTC
    airing(item, at(2021, 3, 6, 6))
    bulletin(at(2021, 4, 1, 0, 30))  # next month: not listed
    response = client.get(
        reverse("plans:drilldown", args=[plan.pk, kpi.pk, "m2021-03"])
    )
    records = list(response.context["page_obj"])
    assert [r.title for r in records] == [item.title, item.title]
    html = response.content.decode()
    assert item.get_absolute_url() in html
    # the moments in Vietnam time, as the item's page gives them
    assert '<td data-label="Ngày">05/03/2021 00:30</td>' in html
    assert '<td data-label="Ngày">06/03/2021 06:00</td>' in html


def test_items_aired_are_listed_in_the_order_of_their_first_airing():
    plan = make_plan()
    params = {}
    first, second = bulletin(at(2021, 3, 1, 8)), bulletin(at(2021, 3, 2, 8))
    airing(second, at(2021, 3, 6, 6))
    airing(first, at(2021, 3, 6, 7))
    airing(second, at(2021, 3, 7, 6))
    airing(first, at(2021, 4, 2, 6))  # April: first only
    spec = metrics.get("website_and_loudspeaker")
    march, april = results(spec, params, [P.month(2021, 3), P.month(2021, 4)], plan)
    assert [(r.kind, r.title) for r in march.records] == [
        ("tin, bài trên trang thông tin điện tử", first.title),
        ("tin, bài trên trang thông tin điện tử", second.title),
        ("tin, bài phát trên loa truyền thanh", second.title),
        ("tin, bài phát trên loa truyền thanh", first.title),
    ]
    assert march.records[2].detail.startswith("2 lượt phát")
    assert [r.title for r in april.records] == [first.title]


def test_dashboard_queries_do_not_grow_with_airings(
    client, profile, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0
    plan = make_plan()
    make_kpi(plan, metric="website_and_loudspeaker", params={}, period="month")
    make_kpi(plan, metric="airings", params={}, period=Indicator.Period.YEAR)
    item = bulletin(at(2021, 1, 5, 8))

    def count():
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("plans:dashboard"))
        return len(captured)

    count()
    with django_capture_on_commit_callbacks(execute=True):  # caches follow commits
        airing(item, at(2021, 1, 6, 6))
        pagecache.invalidate()  # every app's caches, as below
    few = count()
    Airing.objects.bulk_create(
        Airing(
            bulletin=item,
            aired_at=at(2021, 1, 6, 6) + datetime.timedelta(hours=4 * i),
            station="Cụm loa TDP 1",
            duration_minutes=5,
            read_by="PTV",
        )
        for i in range(2000)
    )
    with django_capture_on_commit_callbacks(execute=True):
        pagecache.invalidate()  # as a bulk write must (the bench hooks do)
    assert count() == few


def test_dashboard_figures_follow_a_new_airing_at_once(
    client, profile, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0  # the figures and the page body are still kept
    plan = make_plan(period_basis=Plan.PeriodBasis.CALENDAR)
    make_kpi(
        plan,
        short_name="Lượt phát",
        metric="airings",
        params={},
        period=Indicator.Period.YEAR,
    )
    item = bulletin(at(2021, 1, 5, 8))

    def shown():
        text = client.get(reverse("plans:dashboard")).content.decode()
        return text[text.index("<h3>Lượt phát</h3>") :][:2000]

    assert "0 lượt phát" in shown() and "0 lượt phát" in shown()  # kept, same
    with django_capture_on_commit_callbacks(execute=True):  # stale after the commit
        airing(item, at(2021, 1, 6, 6))
    assert "1 lượt phát" in shown()


def listed_since(moment):
    """The history of the procedures made so far starts at ``moment``."""
    ListingChange.objects.update(changed_at=moment)


def test_share_of_commune_procedures_posted_at_the_desk():
    field = Field.objects.create(name="Hộ tịch", slug="ho-tich", order=1)
    common = {"field": field, "level": "commune", "status": "active"}
    Procedure.objects.create(
        code="1.001193",
        name="Đăng ký khai sinh",
        posted_at_desk=True,
        desk_checked_on=D(2021, 11, 1),
        **common,
    )
    Procedure.objects.create(
        code="1.000894", name="Đăng ký kết hôn", posted_at_desk=False, **common
    )
    Procedure.objects.create(
        code="1.001022",
        name="Đăng ký khai tử",
        posted_at_desk=True,
        desk_checked_on=D(2021, 1, 10),
        **common,
    )
    Procedure.objects.create(
        code="2.000815",
        name="Rút",
        posted_at_desk=True,
        **{**common, "status": "withdrawn"},
    )
    listed_since(at(2021, 1, 4))
    plan = make_plan()
    kpi = make_kpi(plan, metric="procedures_posted", params={}, target=100)
    (result,) = results(kpi.spec, {}, [P.plan_window(plan)], plan)
    assert result.value == 67  # 2 of the 3 active commune procedures
    assert len(result.records) == 3
    recent = results(kpi.spec, {"checked_within_days": 90}, [P.plan_window(plan)], plan)
    assert recent[0].value == 33


def test_drilldown_of_the_listing_kpi_names_the_procedures_not_posted(client, profile):
    field = Field.objects.create(name="Hộ tịch", slug="ho-tich", order=1)
    posted = Procedure.objects.create(
        code="1.001193",
        name="Đăng ký khai sinh",
        field=field,
        level="commune",
        posted_at_desk=True,
    )
    missing = Procedure.objects.create(
        code="1.000894",
        name="Đăng ký kết hôn",
        field=field,
        level="commune",
    )
    listed_since(at(2021, 1, 4))
    plan = make_plan()
    kpi = make_kpi(plan, metric="procedures_posted", params={}, target=100)
    response = client.get(reverse("plans:drilldown", args=[plan.pk, kpi.pk, "all"]))
    cell = response.context["cell"]
    assert cell.value == 50
    kinds = {r.title: (r.kind, r.amount) for r in response.context["page_obj"]}
    assert kinds[f"{posted.code} {posted.name}"][1] == 1
    assert kinds[f"{missing.code} {missing.name}"] == (
        f"CHƯA niêm yết tại {profile.desk_name}",
        0,
    )
    assert missing.get_absolute_url() in response.content.decode()
    details = {r.title: r.detail for r in response.context["page_obj"]}
    assert details[f"{missing.code} {missing.name}"] == "chưa ghi ngày kiểm tra"


def test_the_listing_kpi_answers_for_a_past_period_from_the_history(client, profile):
    field = Field.objects.create(name="Hộ tịch", slug="ho-tich", order=1)
    birth = Procedure.objects.create(
        code="1.001193", name="Đăng ký khai sinh", field=field, level="commune"
    )
    marriage = Procedure.objects.create(
        code="1.000894", name="Đăng ký kết hôn", field=field, level="commune"
    )
    listed_since(at(2021, 1, 4))
    # birth posted at the desk in May 2021; marriage withdrawn in 2022; a land
    # procedure came to the commune in 2025
    with freeze(at(2021, 5, 3, 9)):
        birth.posted_at_desk = True
        birth.save()
    with freeze(at(2022, 2, 1, 9)):
        marriage.status = "withdrawn"
        marriage.save()
    with freeze(at(2025, 7, 1, 9)):
        Procedure.objects.create(
            code="1.013978", name="Đăng ký đất đai", field=field, level="commune"
        )
    plan = make_plan(period_basis=Plan.PeriodBasis.CALENDAR)
    kpi = make_kpi(plan, metric="procedures_posted", params={}, target=100)
    q1, q2 = P.report_period("quarter", 2021, 1), P.report_period("quarter", 2021, 2)
    first, second = results(kpi.spec, {}, [q1, q2], plan)
    assert (first.value, second.value) == (0, 50)  # 0 of 2, then 1 of 2
    assert "31/03/2021" in first.note and "30/06/2021" in second.note
    year_2022 = P.report_period("year", 2022)
    (later,) = results(kpi.spec, {}, [year_2022], plan)
    assert later.value == 100  # marriage withdrawn: 1 of 1
    (today,) = results(kpi.spec, {}, [P.report_period("year", 2025)], plan)
    assert today.value == 50  # the land procedure, not posted


class freeze:
    """Saves inside this block record their listing change at ``moment``."""

    def __init__(self, moment):
        self.moment = moment

    def __enter__(self):
        self.patch = mock.patch("django.utils.timezone.now", return_value=self.moment)
        self.patch.start()

    def __exit__(self, *exc):
        self.patch.stop()
