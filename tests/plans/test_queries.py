"""The drill-down's cost does not grow with the archive: the same queries and one
page of records built, for 100 records behind a figure or for 300."""

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans import metrics
from plans import periods as P
from plans.models import Activity, Plan
from plans.views import RECORDS_PER_PAGE
from thachha_portal import pagecache

from .factories import add_items, make_kpi, make_plan

pytestmark = pytest.mark.django_db
TZ = P.local_zone()
PLACES = ["Trụ sở UBND xã", "Nhà văn hóa tổ dân phố 1", "Chợ Thạch Hà"]


def add_activities(first, count):
    Activity.objects.bulk_create(
        Activity(
            kind="poster",
            held_on=datetime.date(2021, 1, 1) + datetime.timedelta(days=n % 360),
            title=f"Áp phích {n}",
            places=PLACES[n % 3] + f"\nTổ dân phố {n}",
        )
        for n in range(first, first + count)
    )
    pagecache.invalidate()  # as every bulk write of the portal does


KPIS = {
    # a yearly KPI whose records' amounts hang on the rows before them
    "places": (
        {"params": {"kinds": ["poster"], "measure": "places"}},
        add_activities,
    ),
    # monthly KPIs shown over the year: a part per month
    "items": ({"metric": "bulletins", "params": {}, "period": "month"}, add_items),
    "airings": ({"metric": "airings", "params": {}, "period": "month"}, add_items),
    "both": (
        {"metric": "website_and_loudspeaker", "params": {}, "period": "month"},
        add_items,
    ),
}


@pytest.mark.parametrize("name", KPIS)
def test_drilldown_queries_and_records_built_do_not_grow_with_the_archive(
    client, profile, settings, name, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0
    kind, add = KPIS[name]
    plan = make_plan(period_basis=Plan.PeriodBasis.CALENDAR)
    kpi = make_kpi(plan, **kind)
    url = reverse("plans:drilldown", args=[plan.pk, kpi.pk, "all"])

    def page(number):
        built = mock.Mock(side_effect=metrics.Record)
        with (
            CaptureQueriesContext(connection) as captured,
            mock.patch.object(metrics, "Record", built),
        ):
            response = client.get(url, {"page": number})
        assert response.status_code == 200
        shown = len(response.context["page_obj"])
        return len(captured), built.call_count, shown, response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        add(0, 100)
    page(1)  # warm the profile and visitor-counter caches
    few = [page(number)[:3] for number in (1, 2)]
    with django_capture_on_commit_callbacks(execute=True):
        add(100, 200)
    page(1)  # the figures of the new content version, once (as the dashboard's)
    many = [page(number) for number in (1, 2, 4)]
    assert [m[:3] for m in many[:2]] == few
    for _queries, built, shown, _text in many:
        assert built == shown == RECORDS_PER_PAGE
    total = 600 if name in ("airings", "both") else 300
    assert f"<h2>{total} bản ghi tạo nên số liệu này</h2>" in many[0][3]


def test_the_whole_period_is_drilled_from_the_dashboards_figures(
    client, profile, settings, django_capture_on_commit_callbacks
):
    """No aggregate of its own (at province scale, 19 ms of PostgreSQL a
    request for the monthly news KPI), and the same figure as the dashboard."""
    settings.PAGE_CACHE_SECONDS = 0
    plan = make_plan(period_basis=Plan.PeriodBasis.CALENDAR)
    kpi = make_kpi(plan, metric="bulletins", params={}, period="month")
    with django_capture_on_commit_callbacks(execute=True):
        add_items(0, 60)
    dashboard = client.get(reverse("plans:dashboard"), {"ke-hoach": plan.pk})
    assert dashboard.status_code == 200
    url = reverse("plans:drilldown", args=[plan.pk, kpi.pk, "all"])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert not [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    assert "<h2>60 bản ghi tạo nên số liệu này</h2>" in response.content.decode()


def test_while_the_cache_is_away_the_drilldown_computes_only_its_own_figure(
    client, profile, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """Not the dashboard's every figure on each request (they could not be kept)."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 0
    plan = make_plan(period_basis=Plan.PeriodBasis.CALENDAR)
    kpi = make_kpi(plan, metric="bulletins", params={}, period="month")
    with django_capture_on_commit_callbacks(execute=True):
        add_items(0, 60)
    monkeypatch.setattr(cache, "available", False, raising=False)
    url = reverse("plans:drilldown", args=[plan.pk, kpi.pk, "all"])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert len([q for q in captured if "COUNT(" in q["sql"].upper()]) == 1
    assert "<h2>60 bản ghi tạo nên số liệu này</h2>" in response.content.decode()


def test_the_drilldown_reads_its_kpi_once_until_the_plans_change(
    client, profile, settings, django_capture_on_commit_callbacks
):
    """Each worker keeps the KPI and its plan (selectors.shown_indicator); a
    saved KPI shows at once, and a plan set back to draft hides its drill-downs
    at once."""
    settings.PAGE_CACHE_SECONDS = 0
    plan = make_plan(period_basis=Plan.PeriodBasis.CALENDAR)
    kpi = make_kpi(plan, metric="bulletins", params={}, period="month")
    url = reverse("plans:drilldown", args=[plan.pk, kpi.pk, "all"])
    assert client.get(url).status_code == 200

    def kpi_reads():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        reads = [q for q in captured if '"plans_indicator"' in q["sql"]]
        return response, len(reads)

    response, reads = kpi_reads()
    assert response.status_code == 200 and reads == 0
    with django_capture_on_commit_callbacks(execute=True):
        kpi.short_name = "Tin bài mỗi tháng (đã sửa)"
        kpi.save()
    response, reads = kpi_reads()
    assert reads  # read again (with the figures of the new state)
    assert "<h1>Tin bài mỗi tháng (đã sửa):" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        plan.status = Plan.Status.DRAFT
        plan.save()
    assert client.get(url).status_code == 404
