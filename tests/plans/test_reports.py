"""Reports: permissions, the form, and Word/Excel/CSV files whose figures are the
dashboard's."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from docx import Document
from docx.shared import Mm
from openpyxl import load_workbook

from plans import periods as P
from plans.models import Indicator
from plans.selectors import evaluate

from .factories import make_activity, make_kpi, make_plan

pytestmark = pytest.mark.django_db
D = datetime.date
VN = ZoneInfo("Asia/Ho_Chi_Minh")
URL = reverse("plans:report")


@pytest.fixture
def plan(profile):
    plan = make_plan(signer_name="Nguyễn Văn A", recipients="UBND huyện Thạch Hà")
    make_kpi(
        plan,
        short_name="Bài mạng xã hội mỗi tháng",
        params={"kinds": ["social"]},
        period=Indicator.Period.MONTH,
    )
    make_kpi(
        plan,
        short_name="Hội nghị mỗi quý",
        params={"kinds": ["conference"]},
        period=Indicator.Period.QUARTER,
    )
    make_kpi(
        plan,
        short_name="Tờ rơi trong năm",
        params={"kinds": ["leaflet"], "measure": "quantity"},
        target=500,
    )
    for day in (D(2021, 1, 14), D(2021, 1, 20), D(2021, 3, 2), D(2021, 6, 30)):
        make_activity(day, kind="social", title=f"Bài {day}")
    make_activity(D(2021, 2, 15), kind="conference", title="Hội nghị quý 1")
    make_activity(D(2021, 8, 1), kind="conference", title="Hội nghị quý 3")
    make_activity(D(2021, 4, 12), kind="leaflet", quantity=300, title="Tờ gấp 1")
    make_activity(D(2021, 9, 14), kind="leaflet", quantity=250, title="Tờ gấp 2")
    return plan


@pytest.fixture
def reporter(client, make_staff):
    client.force_login(make_staff("lanhdao", "reports"))
    return client


def params(plan, kind, number=1, cutoff="0", output="html"):
    return {
        "plan": plan.pk,
        "kind": kind,
        "year": 2021,
        "number": number,
        "cutoff": cutoff,
        "format": output,
    }


# --- permissions -----------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_log_in(client, plan):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_staff_without_the_reports_role_is_refused(client, plan, make_staff):
    client.force_login(make_staff("motcua", "procedures"))
    assert client.get(URL).status_code == 403


def test_planner_role_cannot_download_reports(client, plan, make_staff):
    client.force_login(make_staff("bientap", "planner"))
    assert client.get(URL).status_code == 403


def test_reports_role_sees_the_form(reporter, plan):
    response = reporter.get(URL)
    assert response.status_code == 200
    assert response.context["form"].initial["cutoff"] == "1"  # the default


def test_calendar_periods_can_be_the_default(reporter, plan, settings):
    settings.PLANS_REPORT_PERIODS = "calendar"
    assert reporter.get(URL).context["form"].initial["cutoff"] == "0"


def test_without_a_plan_the_form_proposes_the_year_of_vietnam(
    client, profile, make_staff
):
    # 00:30 on 01/01/2027 in Vietnam is still 31/12/2026 on a UTC server clock.
    first_minutes = datetime.datetime(2027, 1, 1, 0, 30, tzinfo=VN)
    with time_machine.travel(first_minutes, tick=False):
        client.force_login(make_staff("lanhdao", "reports"))
        assert client.get(URL).context["form"].initial["year"] == 2027


def test_form_errors_are_in_vietnamese_and_keep_the_choices(reporter, plan):
    response = reporter.get(
        URL,
        {
            "plan": plan.pk,
            "kind": "quarter",
            "year": "2021",
            "number": "7",
            "cutoff": "0",
        },
    )
    text = response.content.decode()
    assert "Quý chỉ từ 1 đến 4." in text
    assert 'value="7"' in text and 'value="2021"' in text
    response = reporter.get(URL, {"plan": plan.pk, "kind": "month", "year": "hai"})
    assert "Nhập năm gồm bốn chữ số" in response.content.decode()


def test_report_page_query_budget(reporter, plan, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        reporter.get(URL, params(plan, "year"))


# --- figures: the same in every format as on the dashboard -------------------------


def dashboard_cells(plan):
    # the dashboard's path: values only, no records
    rows = evaluate(
        plan, P.plan_window(plan), now=P.month(2026, 1).start_dt, records=False
    )
    return {r.indicator.short_name: r for r in rows}


CASES = [
    ("month", 3, ["m2021-03"]),
    ("quarter", 1, ["m2021-01", "m2021-02", "m2021-03"]),
    ("half", 1, [f"m2021-{m:02d}" for m in range(1, 7)]),
    ("nine", 1, [f"m2021-{m:02d}" for m in range(1, 10)]),
    ("year", 1, [f"m2021-{m:02d}" for m in range(1, 13)]),
]


def expected_totals(plan, months):
    rows = dashboard_cells(plan)
    monthly = rows["Bài mạng xã hội mỗi tháng"]
    return sum(c.value for c in monthly.cells if c.period.key in months)


def docx_figures(content):
    document = Document(io.BytesIO(content))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    return {row.cells[1].text: row.cells[5].text for row in table.rows[1:]}, document


@pytest.mark.parametrize(("kind", "number", "months"), CASES)
def test_word_report_figures_match_the_dashboard(reporter, plan, kind, number, months):
    response = reporter.get(URL, params(plan, kind, number, output="docx"))
    assert response["Content-Disposition"].endswith('.docx"')
    figures, document = docx_figures(response.content)
    assert int(figures["Bài mạng xã hội mỗi tháng"]) == expected_totals(plan, months)
    if kind == "year":
        rows = dashboard_cells(plan)
        assert int(figures["Tờ rơi trong năm"]) == rows["Tờ rơi trong năm"].total == 550


@pytest.mark.parametrize(("kind", "number", "months"), CASES)
def test_excel_report_figures_match_the_dashboard(reporter, plan, kind, number, months):
    response = reporter.get(URL, params(plan, kind, number, output="xlsx"))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == "Tổng hợp" and "Hoạt động" in workbook.sheetnames
    summary = {
        row[1]: row[5]
        for row in workbook["Tổng hợp"].iter_rows(min_row=6, values_only=True)
    }
    assert summary["Bài mạng xã hội mỗi tháng"] == expected_totals(plan, months)
    records = [
        r
        for r in workbook["CT1"].iter_rows(values_only=True)
        if isinstance(r[3], str) and r[3].startswith("Bài ")
    ]
    assert len(records) == expected_totals(plan, months)


@pytest.mark.parametrize(("kind", "number", "months"), CASES)
def test_csv_report_figures_match_the_dashboard(reporter, plan, kind, number, months):
    response = reporter.get(URL, params(plan, kind, number, output="csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    figures = {row[1]: row[5] for row in rows[2:5]}
    assert int(figures["Bài mạng xã hội mỗi tháng"]) == expected_totals(plan, months)


def test_cutoff_quarter_report_moves_the_14th_and_15th(reporter, plan):
    response = reporter.get(URL, params(plan, "quarter", 1, cutoff="1", output="csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    figures = {row[1]: row[5] for row in rows[2:5]}
    # 15/12/2020 – 14/03/2021: posts of 14/01, 20/01 and 02/03
    assert figures["Bài mạng xã hội mỗi tháng"] == "3"
    assert "15/12/2020" in rows[0][2]


def test_word_report_follows_the_official_layout(reporter, plan):
    response = reporter.get(URL, params(plan, "quarter", 1, output="docx"))
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert Mm(20).mm <= section.top_margin.mm <= Mm(25).mm
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert 13 <= document.styles["Normal"].font.size.pt <= 14
    header = document.tables[0]
    text = "\n".join(cell.text for row in header.rows for cell in row.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "UBND THỊ TRẤN THẠCH HÀ" in text
    assert "Số: …/BC-UBND" in text
    assert "Thạch Hà, ngày … tháng … năm" in text
    body = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO" in body
    footer = "\n".join(c.text for c in document.tables[-1].rows[0].cells)
    assert "Nơi nhận:" in footer and "Nguyễn Văn A" in footer
    assert "UBND huyện Thạch Hà" in footer


def test_report_preview_links_each_figure_to_its_records(reporter, plan):
    response = reporter.get(URL, params(plan, "quarter", 1, cutoff="1"))
    kpi = plan.indicators.get(short_name="Bài mạng xã hội mỗi tháng")
    link = reverse("plans:drilldown", args=[plan.pk, kpi.pk, "m2021-02"]) + "?cat=1"
    assert link in response.content.decode()
    drill = reporter.get(link)
    # the cut-off February runs 15/01–14/02: the post of 20/01 only
    assert [r.title for r in drill.context["cell"].result.records] == ["Bài 2021-01-20"]


def test_report_preview_links_yearly_figures_to_the_report_window(reporter, plan):
    response = reporter.get(URL, params(plan, "half", cutoff="1"))
    kpi = plan.indicators.get(short_name="Tờ rơi trong năm")
    link = reverse("plans:drilldown", args=[plan.pk, kpi.pk, "half2021"]) + "?cat=1"
    assert link in response.content.decode()
    drill = reporter.get(link)
    assert drill.context["cell"].value == 300  # 15/12/2020–14/06/2021: April only
