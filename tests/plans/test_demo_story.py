"""The demo content of the three apps tells one true story on the dashboard of the
2021 plan (counted in calendar months): the monthly CCHC item was on the website
and the loudspeakers in most months of 2021, but not in April, August and
November (no airing) nor in June (no website item)."""

import pytest
from django.urls import reverse

from bulletins import demo as bulletins_demo
from plans import demo as plans_demo
from procedures import demo as procedures_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(profile):
    procedures_demo.load()
    bulletins_demo.load()
    return plans_demo.load()


def dashboard(client, plan):
    return client.get(reverse("plans:dashboard"), {"ke-hoach": plan.pk})


def test_monthly_kpi_is_missed_in_april_june_august_november(client, plan):
    response = dashboard(client, plan)
    (row,) = response.context["dash"]["monthly_rows"]
    missed = {c.period.month_number for c in row.cells if c.status == "missed"}
    met = {c.period.month_number for c in row.cells if c.status == "met"}
    assert {4, 6, 8, 11} <= missed
    assert {1, 2, 3, 5, 7, 9, 12} <= met
    assert row.status == "missed"
    april = row.cells[3]
    assert april.result.parts["website"] >= 1 and april.result.parts["loudspeaker"] == 0
    assert row.cells[5].result.parts["website"] == 0  # June


def test_april_drilldown_shows_the_website_item_and_no_airing(client, plan):
    kpi = plan.indicators.get(metric="website_and_loudspeaker")
    response = client.get(
        reverse("plans:drilldown", args=[plan.pk, kpi.pk, "m2021-04"])
    )
    records = list(response.context["page_obj"])
    assert records
    assert all(r.kind == "tin, bài trên trang thông tin điện tử" for r in records)
    text = response.content.decode()
    assert "Không đạt" in text
    for record in records:
        assert record.url in text


def test_dashboard_charts_items_and_airings_with_a_table(client, plan):
    response = dashboard(client, plan)
    series = response.context["dash"]["series"]
    assert len(series) == 12
    assert series[5]["items"] == 0  # June
    assert series[3]["airings"] == 0  # April
    text = response.content.decode()
    assert 'role="img"' in text and "<title id=" in text and "<desc id=" in text


def test_tasks_follow_their_kpis_and_the_listing_answers_for_2021(client, plan):
    context = dashboard(client, plan).context
    rows = {r.indicator.order: r for r in context["dash"]["rows"]}
    # the listing as it stood at the end of 2021, not today's
    assert rows[3].value == 100 and rows[3].status == "met"
    states = {s.task.order: s for s in context["dash"]["tasks"]}
    assert states[3].derived and states[3].status == "not_done"  # monthly items
    assert states[4].status == "done"  # the listing
    assert not states[2].derived and states[2].status == "done"  # entered, proved
    assert "02/BC-UBND" in states[2].task.evidence


def test_home_snapshot_reports_the_real_summary(client, plan):
    text = client.get("/").content.decode()
    summary = client.get(reverse("plans:dashboard")).context["dash"]["summary"]
    assert f"Đạt {summary['met']}/{summary['total']} chỉ tiêu" in text
