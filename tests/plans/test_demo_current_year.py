"""The demo's current plan looks lived-in on whatever day the demo is loaded: the
months already over have their CCHC item on the website and the loudspeakers
(but for one month that was never aired), the month in progress has its item
waiting for approval, a notice is scheduled two days ahead, and the yearly
activities come as the year goes. Checked at frozen dates, as a user sees the
dashboard (the cut-off rule: month 1 of year Y runs 15/12/Y-1 – 14/01/Y)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from bulletins import demo as bulletins_demo
from bulletins.models import Airing, Bulletin
from plans import demo as plans_demo
from plans import demo_data
from plans.models import Activity, Plan
from procedures import demo as procedures_demo
from procedures.models import Procedure

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def load_all():
    procedures_demo.load()
    bulletins_demo.load()
    plans_demo.load()


def counts():
    return (
        Bulletin.objects.count(),
        Airing.objects.count(),
        Activity.objects.count(),
        Plan.objects.count(),
    )


def dashboard(client):
    response = client.get(reverse("plans:dashboard"))
    assert response.status_code == 200
    dash = response.context["dash"]
    rows = {row.indicator.order: row for row in dash["rows"]}
    return response, dash, rows


def statuses(row):
    return [cell.status for cell in row.cells]


def test_mid_year_the_months_over_are_met_and_the_current_one_is_open(client, profile):
    with time_machine.travel(datetime.datetime(2027, 7, 1, 10, tzinfo=VN), tick=False):
        load_all()
        before = counts()
        load_all()
        assert counts() == before  # loading twice doubles nothing
        response, dash, rows = dashboard(client)
        plan = response.context["plan"]
        assert plan.starts_on.year == 2027 and plan.number == "135/KH-UBND"
        assert dash["is_current"]
        # tháng 7 năm 2027 runs 15/06 – 14/07: under way, its item awaits approval
        assert statuses(rows[2]) == ["met"] * 6 + ["progress"] + ["notdue"] * 5
        assert statuses(rows[4]) == ["met", "met", "progress", "notdue"]
        assert rows[2].status == "progress" and rows[4].status == "progress"
        # the yearly activities so far: one conference of two, leaflets short
        assert rows[7].value == 1 and rows[7].status == "progress"
        assert rows[6].value == 400 and rows[6].status == "progress"
        assert dash["summary"]["missed"] == 0
        waiting = Bulletin.objects.get(status=Bulletin.Status.SUBMITTED)
        assert waiting.slug.endswith("-2027")
        scheduled = Bulletin.objects.scheduled().get()
        assert scheduled.published_at == datetime.datetime(2027, 7, 3, 7, 30, tzinfo=VN)
        text = response.content.decode()
        assert "Đang thực hiện" in text and "tháng 7 năm 2027" in text
        assert waiting.title not in text and scheduled.title not in text
        home = client.get("/").content.decode()
        assert scheduled.title not in home


def test_on_31_december_the_year_is_over_with_one_month_not_aired(client, profile):
    with time_machine.travel(
        datetime.datetime(2026, 12, 31, 23, 30, tzinfo=VN), tick=False
    ):
        load_all()
        response, dash, rows = dashboard(client)
        plan = response.context["plan"]
        assert plan.starts_on.year == 2026 and dash["is_current"]
        expected = ["met"] * 12
        expected[demo_data.UNAIRED_MONTH - 1] = "missed"
        assert statuses(rows[2]) == expected
        unaired = rows[2].cells[demo_data.UNAIRED_MONTH - 1].result.parts
        assert unaired["website"] == 1 and unaired["loudspeaker"] == 0
        assert statuses(rows[4]) == ["met"] * 4
        for order in (1, 3, 5, 6, 7, 8, 9, 10):
            assert rows[order].status == "met", order
        # nothing of 2026 is left waiting; the next notice comes on 02/01/2027
        assert not Bulletin.objects.filter(status=Bulletin.Status.SUBMITTED).exists()
        scheduled = Bulletin.objects.scheduled().get()
        assert timezone.localtime(scheduled.published_at).date() == datetime.date(
            2027, 1, 2
        )
        assert dash["summary"]["missed"] >= 1


def test_the_listing_figure_is_what_the_procedure_pages_say(client, profile):
    """One record of what is posted: the dashboard's listing KPI, its drill-down
    and the procedure pages tell the same (all sixteen posted at the desk)."""
    with time_machine.travel(datetime.datetime(2026, 12, 5, 10, tzinfo=VN), tick=False):
        load_all()
        response, _dash, rows = dashboard(client)
        plan = response.context["plan"]
        listing = rows[3]
        shown_posted, shown_total = set(), 0
        for procedure in Procedure.objects.filter(level="commune", status="active"):
            page = client.get(procedure.get_absolute_url()).content.decode()
            shown_total += 1
            if f"Đang niêm yết tại {profile.desk_name}" in page:
                shown_posted.add(procedure.code)
        assert shown_total == 16
        assert listing.value == round(100 * len(shown_posted) / shown_total) == 100
        assert listing.status == "met"
        drill = client.get(
            reverse("plans:drilldown", args=[plan.pk, listing.indicator.pk, "all"])
        )
        records = list(drill.context["page_obj"])
        posted = {r.title.split()[0] for r in records if r.amount}
        assert posted == shown_posted and len(records) == shown_total
        assert "16/16 thủ tục, tính đến ngày 05/12/2026" in drill.content.decode()


def test_on_2_january_the_new_plan_is_current_and_its_first_month_open(client, profile):
    with time_machine.travel(datetime.datetime(2027, 1, 2, 9, tzinfo=VN), tick=False):
        load_all()
        response, dash, rows = dashboard(client)
        plan = response.context["plan"]
        assert plan.starts_on.year == 2027 and dash["is_current"]
        assert plan.issued_on == datetime.date(2026, 12, 26)
        assert rows[1].status == "met"  # the plan was issued on time
        assert statuses(rows[2]) == ["progress"] + ["notdue"] * 11
        assert statuses(rows[4]) == ["progress"] + ["notdue"] * 3
        assert dash["summary"]["missed"] == 0
        waiting = Bulletin.objects.get(status=Bulletin.Status.SUBMITTED)
        assert waiting.slug.endswith("-2027")
        assert not Plan.objects.filter(starts_on__year=2026).exists()


def test_loading_again_a_month_later_publishes_the_item_left_for_approval(
    client, profile
):
    with time_machine.travel(datetime.datetime(2027, 5, 1, 10, tzinfo=VN), tick=False):
        load_all()
        waiting = Bulletin.objects.get(status=Bulletin.Status.SUBMITTED)
    with time_machine.travel(datetime.datetime(2027, 6, 1, 10, tzinfo=VN), tick=False):
        load_all()
        waiting.refresh_from_db()
        assert waiting.status == Bulletin.Status.PUBLISHED
        assert waiting.airings.count() == 1
        assert Bulletin.objects.filter(title=waiting.title).count() == 1
        _response, _dash, rows = dashboard(client)
        assert statuses(rows[2])[:6] == ["met"] * 5 + ["progress"]


def test_the_current_plan_speaks_of_the_commune_as_it_is_now(profile):
    """Copied from the town's 2021 plan, it is reworded for xã Thạch Hà: no town,
    no district, today's office; only the titles of the decrees it cites keep
    their words (“tại Bộ phận Một cửa”)."""
    load_all()
    plan = Plan.objects.exclude(number="02/KH-UBND").get()
    texts = [(plan, plan.title), (plan, plan.preamble)]
    for related in (plan.sections, plan.tasks, plan.indicators):
        for item in related.all():
            for field in item._meta.concrete_fields:
                value = getattr(item, field.attname)
                if isinstance(value, str):
                    texts.append((item, value))
    for item, text in texts:
        for old in ("thị trấn", "huyện", "Văn phòng UBND", "GDMC"):
            assert old not in text, (item, old, text)
