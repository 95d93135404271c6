"""The demo content of the three apps tells one true story on the dashboard: the
monthly CCHC item was on the website and the loudspeakers in most months of 2021,
but not in April, August and November (no airing) nor in June (no website item)."""

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


def test_monthly_kpi_is_missed_in_april_june_august_november(client, plan):
    response = client.get(reverse("plans:dashboard"))
    (row,) = response.context["monthly_rows"]
    missed = [c.period.start.month for c in row.cells if c.status == "missed"]
    met = [c.period.start.month for c in row.cells if c.status == "met"]
    assert missed == [4, 6, 8, 11]
    assert met == [1, 2, 3, 5, 7, 9, 10, 12]
    assert row.status == "missed"
    april = row.cells[3]
    assert april.result.parts["website"] >= 1 and april.result.parts["loudspeaker"] == 0
    assert row.cells[5].result.parts["website"] == 0  # June


def test_april_drilldown_shows_the_website_item_and_no_airing(client, plan):
    kpi = plan.indicators.get(metric="website_and_loudspeaker")
    response = client.get(
        reverse("plans:drilldown", args=[plan.pk, kpi.pk, "m2021-04"])
    )
    records = response.context["cell"].result.records
    assert records and all(r.kind == "tin bài trên trang TTĐT" for r in records)
    text = response.content.decode()
    assert "Không đạt" in text
    for record in records:
        assert record.url in text


def test_dashboard_charts_items_and_airings_with_a_table(client, plan):
    response = client.get(reverse("plans:dashboard"))
    series = response.context["series"]
    assert len(series) == 12
    assert series[5]["items"] == 0  # June
    assert series[3]["airings"] == 0  # April
    text = response.content.decode()
    assert 'role="img"' in text and "<title id=" in text and "<desc id=" in text


def test_home_snapshot_reports_the_real_summary(client, plan):
    text = client.get("/").content.decode()
    assert "trên 9 chỉ tiêu đạt" in text
    assert "2 không đạt" in text  # the monthly items and the desk listing
