"""Reports: permissions, the form, report drafts, the Word file read against
NĐ 30/2020 Phụ lục I, and figures that are the dashboard's in Word, Excel and CSV
for each quarter and the year, under either way of counting periods."""

import csv
import datetime
import io
import re
import zipfile
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph
from openpyxl import load_workbook

from bulletins import demo as bulletins_demo
from bulletins.models import Airing
from plans import demo as plans_demo
from plans.models import Evidence, Indicator, PeriodReport, Plan
from plans.reports import _cell_text, _grid, _unsplit, subject_lines
from procedures import demo as procedures_demo
from thachha_portal.models import CommuneProfile, FormerName

from .factories import make_activity, make_kpi, make_plan

pytestmark = pytest.mark.django_db
D = datetime.date
VN = ZoneInfo("Asia/Ho_Chi_Minh")
URL = reverse("plans:report")
PERIODS = ["q1", "q2", "q3", "q4", "year"]


def make_story(basis):
    plan = make_plan(
        number="02/KH-UBND" if basis == Plan.PeriodBasis.CUTOFF else "03/KH-UBND",
        signer_name="Nguyễn Văn A",
        recipients="UBND huyện Thạch Hà",
        period_basis=basis,
    )
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
        target_source=Indicator.TargetSource.COMMUNE,
    )
    # each on a date the two ways of counting put in different periods
    for day in (D(2021, 1, 14), D(2021, 1, 20), D(2021, 3, 2), D(2021, 6, 30)):
        make_activity(day, kind="social", title=f"Bài {day}")
    make_activity(D(2021, 2, 15), kind="conference", title="Hội nghị quý 1")
    make_activity(D(2021, 8, 1), kind="conference", title="Hội nghị quý 3")
    make_activity(D(2021, 12, 20), kind="conference", title="Hội nghị cuối năm")
    make_activity(D(2021, 4, 12), kind="leaflet", quantity=300, title="Tờ gấp 1")
    leaflets = make_activity(D(2021, 9, 14), kind="leaflet", quantity=250)
    Evidence.objects.create(
        activity=leaflets, kind="document", document_number="41/GM-UBND"
    )
    return plan


@pytest.fixture
def plan(names):
    return make_story(Plan.PeriodBasis.CUTOFF)


@pytest.fixture
def reporter(client, make_staff):
    client.force_login(make_staff("lanhdao", "reports"))
    return client


def params(plan, period, output="html", year=2021):
    return {"plan": plan.pk, "period": period, "year": year, "format": output}


# --- permissions and the form ----------------------------------------------------


def test_anonymous_visitor_is_sent_to_log_in(client, plan):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_staff_without_the_reports_role_is_refused(client, plan, make_staff):
    client.force_login(make_staff("motcua", "procedures"))
    assert client.get(URL).status_code == 403
    draft = PeriodReport.objects.create(plan=plan, kind="year", year=2021)
    url = reverse("plans:report_file", args=[draft.pk, "docx"])
    assert client.get(url).status_code == 403


def test_planner_role_cannot_download_reports(client, plan, make_staff):
    client.force_login(make_staff("bientap", "planner", "activities"))
    assert client.get(URL).status_code == 403


def test_reports_role_sees_the_form_and_the_plans_way_of_counting(reporter, plan):
    response = reporter.get(URL)
    assert response.status_code == 200
    text = response.content.decode()
    assert "tính từ ngày 15 tháng trước đến ngày 14 tháng báo cáo" in text
    assert "Tháng hoặc quý số" not in text
    labels = dict(response.context["form"].fields["period"].choices)
    assert labels["q1"] == "Quý I" and labels["half"] == "6 tháng đầu năm"


def test_without_a_plan_the_form_proposes_the_year_of_vietnam(
    client, profile, make_staff
):
    # 00:30 on 01/01/2027 in Vietnam is still 31/12/2026 on a UTC server clock.
    first_minutes = datetime.datetime(2027, 1, 1, 0, 30, tzinfo=VN)
    with time_machine.travel(first_minutes, tick=False):
        client.force_login(make_staff("lanhdao", "reports"))
        assert client.get(URL).context["form"].initial["year"] == 2027


def test_form_errors_are_in_vietnamese_and_keep_the_choices(reporter, plan):
    response = reporter.get(URL, {"plan": plan.pk, "period": "q1", "year": "hai"})
    text = response.content.decode()
    assert "Nhập năm gồm bốn chữ số" in text
    assert 'value="hai"' in text
    response = reporter.get(URL, {"plan": plan.pk, "period": "q9", "year": "2021"})
    assert "q9" in response.context["form"].errors["period"][0]


def plan_2026():
    return make_plan(
        number="135/KH-UBND",
        issued_on=D(2025, 12, 26),
        issuer="UBND xã Thạch Hà",
        issuer_parent="UBND tỉnh Hà Tĩnh",
        title="Thực hiện công tác tuyên truyền cải cách hành chính năm 2026",
        starts_on=D(2026, 1, 1),
        ends_on=D(2026, 12, 31),
        period_basis=Plan.PeriodBasis.CUTOFF,
    )


@pytest.mark.parametrize(
    ("period", "year"), [("year", "2024"), ("q4", "2025"), ("m1", "2027")]
)
def test_a_report_for_a_period_outside_its_plan_is_refused(
    names, reporter, period, year
):
    plan = plan_2026()
    make_kpi(plan)
    response = reporter.get(URL, params(plan, period, "docx", year=year))
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert (
        "Kế hoạch 135/KH-UBND áp dụng từ 15/12/2025 đến 14/12/2026: hãy chọn kỳ "
        "báo cáo và năm trong khoảng thời gian đó." in text
    )
    assert f'value="{year}"' in text  # what was typed is kept
    assert response.context["report"] is None
    # the plan's own periods under the cut-off are reported
    for period, year in (("q1", "2026"), ("year", "2026"), ("m12", "2026")):
        made = reporter.get(URL, params(plan, period, "docx", year=year))
        assert made["Content-Type"].startswith("application/vnd"), (period, year)


def test_the_admin_refuses_a_report_outside_its_plan_or_issued_before_it(
    names, reporter
):
    plan = plan_2026()
    data = {
        "plan": plan.pk,
        "period": "year",
        "year": "2024",
        "document_number": "03/BC-UBND",
        "issued_on": "15/01/2025",
        "subject": "",
        "addressees": "Ủy ban nhân dân tỉnh Hà Tĩnh",
        "overview": "Đánh giá chung năm.",
        "shortcomings": "",
        "causes": "",
        "next_tasks": "",
        "proposals": "",
        "signing": "chair",
        "signer_name": "Trần Văn Hùng",
        "recipients": "",
    }
    response = reporter.post(reverse("admin:plans_periodreport_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["year"] == [
        "Kế hoạch 135/KH-UBND áp dụng từ 15/12/2025 đến 14/12/2026: hãy chọn kỳ "
        "báo cáo và năm trong khoảng thời gian đó."
    ]
    assert errors["issued_on"] == [
        "Báo cáo về kế hoạch 135/KH-UBND không thể ban hành trước ngày ban hành "
        "kế hoạch (26/12/2025)."
    ]
    text = response.content.decode()
    assert 'value="2024"' in text and 'value="15/01/2025"' in text
    assert "Đánh giá chung năm." in text
    assert not PeriodReport.objects.exists()
    saved = reporter.post(
        reverse("admin:plans_periodreport_add"),
        {**data, "year": "2026", "issued_on": "15/12/2026"},
    )
    assert saved.status_code == 302
    assert PeriodReport.objects.get().year == 2026


def test_report_page_query_budget(reporter, plan, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        reporter.get(URL, params(plan, "year"))


# --- figures: the dashboard's, in every format, for each quarter and the year ----


def dashboard_figures(client, plan):
    """{period: {KPI: (figure, text, status)}} as the dashboard shows them."""
    context = client.get(reverse("plans:dashboard"), {"ke-hoach": plan.pk}).context
    shown = {}
    for year_row, by_quarter in context["dash"]["quarter_rows"]:
        for period, row in zip(PERIODS, [*by_quarter, year_row], strict=True):
            shown.setdefault(period, {})[row.indicator.short_name] = (
                row.value,
                row.text,
                str(row.status_label),
            )
    return shown


def figure_table(document):
    """The Word file's KPI table."""
    return next(
        t
        for t in document.tables
        if [c.text for c in t.rows[0].cells][2:3] == ["Mức chỉ tiêu"]
    )


def word_figures(content):
    table = figure_table(Document(io.BytesIO(content)))
    return {
        r.cells[1].text: (int(r.cells[4].text), r.cells[5].text, r.cells[6].text)
        for r in table.rows[1:]
    }


def excel_figures(content):
    sheet = load_workbook(io.BytesIO(content))["Tổng hợp"]
    rows = list(sheet.iter_rows(values_only=True))
    start = rows.index(next(r for r in rows if r[0] == "STT")) + 1
    return {r[1]: (r[4], r[5], r[6]) for r in rows[start:] if r[0]}


def csv_rows(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def csv_figures(content):
    rows = csv_rows(content)
    start = rows.index(next(r for r in rows if r[:1] == ["STT"])) + 1
    figures = {}
    for row in rows[start:]:
        if not row:
            break
        figures[row[1]] = (int(row[4]), row[5], row[6])
    return figures


@pytest.mark.parametrize("basis", [Plan.PeriodBasis.CUTOFF, Plan.PeriodBasis.CALENDAR])
def test_every_format_shows_the_dashboards_figures_for_each_quarter_and_the_year(
    names, reporter, basis
):
    plan = make_story(basis)
    shown = dashboard_figures(reporter, plan)
    for period in PERIODS:
        files = {
            output: reporter.get(URL, params(plan, period, output)).content
            for output in ("docx", "xlsx", "csv")
        }
        expected = shown[period]
        assert word_figures(files["docx"]) == expected, period
        assert excel_figures(files["xlsx"]) == expected, period
        assert csv_figures(files["csv"]) == expected, period


def test_the_two_ways_of_counting_give_the_figures_the_dates_call_for(names, reporter):
    plan = make_story(Plan.PeriodBasis.CUTOFF)
    cutoff = dashboard_figures(reporter, plan)
    # 15/12/2020 – 14/03/2021: the posts of 14/01, 20/01 and 02/03, one a month
    assert cutoff["q1"]["Bài mạng xã hội mỗi tháng"][1] == "đạt 3/3 tháng"
    # the 15/02 conference opens cut-off March: quarter I
    assert cutoff["q1"]["Hội nghị mỗi quý"][0] == 1
    # 20/12/2021 belongs to the cut-off year 2022: not in quarter IV
    assert cutoff["q4"]["Hội nghị mỗi quý"][0] == 0
    assert cutoff["q3"]["Tờ rơi trong năm"][0] == 250  # 14/09 closes quarter III
    plan.period_basis = Plan.PeriodBasis.CALENDAR
    plan.save()
    calendar = dashboard_figures(reporter, plan)
    # January 14 and 20, nothing in February, March 2
    assert calendar["q1"]["Bài mạng xã hội mỗi tháng"][1] == "đạt 2/3 tháng"
    assert calendar["q4"]["Hội nghị mỗi quý"][0] == 1
    assert calendar["year"]["Tờ rơi trong năm"][0] == 550


def test_cutoff_and_calendar_files_have_different_names(names, reporter):
    cutoff, calendar = (make_story(basis) for basis in Plan.PeriodBasis.values)
    names_of = {
        reporter.get(URL, params(p, "q1", "docx"))["Content-Disposition"]
        for p in (cutoff, calendar)
    }
    assert names_of == {
        'attachment; filename="bao-cao-quy-i-nam-2021-ky-15-den-14.docx"',
        'attachment; filename="bao-cao-quy-i-nam-2021-thang-duong-lich.docx"',
    }


def test_files_write_periods_as_documents_do_and_keep_document_numbers(reporter, plan):
    content = reporter.get(URL, params(plan, "q3", "csv")).content
    text = content.decode("utf-8-sig")
    assert "quý III năm 2021" in text and "quý 3/2021" not in text
    assert "41/GM-UBND" in text  # the leaflets' evidence, in the activities
    workbook = load_workbook(
        io.BytesIO(reporter.get(URL, params(plan, "q3", "xlsx")).content)
    )
    cells = [
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value
    ]
    assert any("41/GM-UBND" in c for c in cells)
    assert "Tài liệu kiểm chứng" in workbook.sheetnames
    year = reporter.get(URL, params(plan, "year", "docx")).content
    assert "năm 2021" in "\n".join(
        p.text for p in Document(io.BytesIO(year)).paragraphs
    )


def test_the_report_page_calls_no_target_assigned_that_the_plan_did_not_set(
    reporter, plan
):
    text = reporter.get(URL, params(plan, "year")).content.decode()
    assert '<th scope="col">Mức chỉ tiêu</th>' in text
    assert "chỉ tiêu giao" not in text.lower()
    # as the Word file says it: the issuer's name on the date of issue (today)
    assert "UBND xã Thạch Hà tự đặt để theo dõi" in text


def test_report_preview_links_each_figure_to_its_records(reporter, plan):
    response = reporter.get(URL, params(plan, "q1"))
    kpi = plan.indicators.get(short_name="Bài mạng xã hội mỗi tháng")
    link = reverse("plans:drilldown", args=[plan.pk, kpi.pk, "m2021-02"])
    assert link in response.content.decode()
    drill = reporter.get(link)
    # the cut-off February runs 15/01–14/02: the post of 20/01 only
    assert [r.title for r in drill.context["page_obj"]] == ["Bài 2021-01-20"]


def test_report_preview_links_yearly_figures_to_the_report_window(reporter, plan):
    response = reporter.get(URL, params(plan, "half"))
    kpi = plan.indicators.get(short_name="Tờ rơi trong năm")
    link = reverse("plans:drilldown", args=[plan.pk, kpi.pk, "half2021"])
    assert link in response.content.decode()
    drill = reporter.get(link)
    assert drill.context["cell"].value == 300  # 15/12/2020–14/06/2021: April only


# --- the Word document against NĐ 30/2020 Phụ lục I -------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_parts(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name: archive.read(name).decode()
            for name in archive.namelist()
            if name.endswith(".xml")
        }


def paragraph_after(cell, text):
    """The paragraph right after the one that reads ``text`` in ``cell``."""
    paragraphs = cell.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == text)
    return paragraphs[index + 1]


def is_rule(paragraph):
    borders = paragraph._p.find(f"{W}pPr/{W}pBdr/{W}top")
    return (
        borders is not None
        and borders.get(f"{W}val") == "single"
        and not paragraph.text.strip()
    )


def saved_report(plan, **values):
    defaults = {
        "kind": "quarter",
        "year": 2021,
        "number": 1,
        "document_number": "15/BC-UBND",
        "issued_on": D(2021, 4, 5),
        "addressees": "Ủy ban nhân dân huyện Thạch Hà",
        "overview": "Quý I, công tác tuyên truyền được triển khai đúng kế hoạch.",
        "shortcomings": "Tháng 2 chưa có bài trên mạng xã hội.",
        "causes": "Công chức phụ trách nghỉ phép.",
        "next_tasks": "Bảo đảm mỗi tháng có bài.",
        "proposals": "Không.",
        "signing": PeriodReport.Signing.VICE_CHAIR,
        "signer_name": "Trần Văn Hùng",
        "recipients": "Phòng Nội vụ huyện",
    }
    report = PeriodReport(plan=plan, **{**defaults, **values})
    report.full_clean()
    report.save()
    return report


def test_word_report_follows_decree_30_point_by_point(reporter, plan):
    draft = saved_report(plan)
    response = reporter.get(reverse("plans:report_file", args=[draft.pk, "docx"]))
    assert response["Content-Disposition"] == (
        'attachment; filename="bao-cao-so-15-bc-ubnd-quy-i-nam-2021-ky-15-den-14.docx"'
    )
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    # A4 portrait; margins 20–25 top and bottom, 30–35 left, 15–20 right
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert 13 <= document.styles["Normal"].font.size.pt <= 14

    issuer, motto = document.tables[0].rows[0].cells
    issuer_lines = [p.text for p in issuer.paragraphs if p.text]
    # issued 05/04/2021: the town under the district; the issuer in full
    assert issuer_lines == [
        "UBND HUYỆN THẠCH HÀ",
        "ỦY BAN NHÂN DÂN",
        "THỊ TRẤN THẠCH HÀ",
    ]
    assert all(r.bold for r in issuer.paragraphs[1].runs)
    assert is_rule(paragraph_after(issuer, "THỊ TRẤN THẠCH HÀ"))
    assert [p.text for p in motto.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert is_rule(paragraph_after(motto, "Độc lập - Tự do - Hạnh phúc"))
    number, dateline = document.tables[0].rows[1].cells
    assert number.text == "Số: 15/BC-UBND"
    assert dateline.text == "Thạch Hà, ngày 05 tháng 4 năm 2021"
    assert dateline.paragraphs[0].runs[0].italic

    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    title = texts.index("BÁO CÁO")
    # too long for one line: two balanced lines, the period kept whole
    assert texts[title + 1].split("\n") == [
        "Kết quả thực hiện công tác tuyên truyền",
        "cải cách hành chính quý\xa0I\xa0năm\xa02021",
    ]
    assert all(r.bold for r in paragraphs[title + 1].runs)
    # the rule a little below, centred, 1/3 to 1/2 of the longer line (≈ 87 mm)
    rule = paragraphs[title + 2]
    assert is_rule(rule) and rule.paragraph_format.space_before.pt >= 6
    indents = rule.paragraph_format.left_indent, rule.paragraph_format.right_indent
    length = 165 - 2 * indents[0].mm
    assert indents[0] == indents[1] and 87 / 3 <= length <= 87 / 2
    assert "Kính gửi: Ủy ban nhân dân huyện Thạch Hà." in texts

    # body: justified, first line indented 1.27 cm, 6 pt between paragraphs
    body = [p for p in paragraphs if p.text.startswith("Thực hiện Kế hoạch số")]
    assert body and "quý I năm 2021" in body[0].text
    for paragraph in body:
        assert paragraph.alignment == 3  # WD_ALIGN_PARAGRAPH.JUSTIFY
        assert round(paragraph.paragraph_format.first_line_indent.cm, 2) == 1.27
    assert document.styles["Normal"].paragraph_format.space_after.pt == 6
    xml = docx_parts(response.content)["word/document.xml"]
    assert 'w:jc w:val="both"' in xml and 'w:firstLine="720"' in xml
    for heading in (
        "1. Đánh giá chung",
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ):
        assert heading in texts
    for narrative in (draft.overview, draft.shortcomings, draft.causes):
        assert narrative in texts

    # page numbers: a PAGE field centred in the top margin, none on page 1
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and 'w:fldCharType="begin"' in header_xml
    assert section.header.paragraphs[0].alignment == 1  # centred
    assert not section.first_page_header.paragraphs[0].text.strip()

    # signature: on behalf of the committee, for the Chairman, by a Vice-Chairman
    recipients, signature = document.tables[-2].rows[0].cells
    assert [p.text for p in signature.paragraphs if p.text] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Văn Hùng",
    ]
    lines = [p.text for p in recipients.paragraphs if p.text]
    assert lines == ["Nơi nhận:", "- Như trên;", "- Phòng Nội vụ huyện;", "- Lưu: VT."]
    # the evidence annex, on its own numbered pages
    assert len(document.sections) == 2
    assert "(Kèm theo Báo cáo số 15/BC-UBND ngày 05/04/2021" in "\n".join(texts)


def test_a_report_made_today_for_2021_carries_todays_issuer(reporter, plan):
    content = reporter.get(URL, params(plan, "year", "docx")).content
    document = Document(io.BytesIO(content))
    issuer = document.tables[0].rows[0].cells[0]
    assert [p.text for p in issuer.paragraphs if p.text] == [
        "UBND TỈNH HÀ TĨNH",
        "ỦY BAN NHÂN DÂN",
        "XÃ THẠCH HÀ",
    ]
    texts = [p.text for p in document.paragraphs]
    assert "Kính gửi: Ủy ban nhân dân tỉnh Hà Tĩnh." in texts
    signature = document.tables[-2].rows[0].cells[1]
    assert [p.text for p in signature.paragraphs if p.text][:2] == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ]
    # the plan itself is cited as issued, by the town
    assert any("của UBND thị trấn Thạch Hà" in t for t in texts)


def test_several_addressees_each_on_a_line_under_kinh_gui(reporter, plan):
    draft = saved_report(
        plan, addressees="Ủy ban nhân dân huyện Thạch Hà\nPhòng Nội vụ huyện"
    )
    content = reporter.get(reverse("plans:report_file", args=[draft.pk, "docx"]))
    document = Document(io.BytesIO(content.content))
    label, addressees = (
        next(t for t in document.tables if t.rows[0].cells[0].text == "Kính gửi:")
        .rows[0]
        .cells
    )
    assert [p.text for p in addressees.paragraphs] == [
        "- Ủy ban nhân dân huyện Thạch Hà;",
        "- Phòng Nội vụ huyện.",
    ]


# --- drafts written by staff --------------------------------------------------


def test_staff_write_a_draft_in_the_admin_and_download_it(reporter, plan):
    response = reporter.get(URL, params(plan, "q2"))
    add_url = response.context["new_draft_url"]
    form = reporter.get(add_url)
    assert form.status_code == 200
    assert form.context["adminform"].form.initial["period"] == "q2"
    data = {
        "plan": plan.pk,
        "period": "q2",
        "year": "2021",
        "document_number": "21/BC-UBND",
        "issued_on": "05/07/2021",
        "subject": "",
        "addressees": "Ủy ban nhân dân huyện Thạch Hà",
        "overview": "Đánh giá chung quý II.",
        "shortcomings": "",
        "causes": "",
        "next_tasks": "Nhiệm vụ quý III.",
        "proposals": "",
        "signing": "vice_chair",
        "signer_name": "Trần Văn Hùng",
        "recipients": "",
    }
    saved = reporter.post(reverse("admin:plans_periodreport_add"), data)
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    draft = PeriodReport.objects.get(document_number="21/BC-UBND")
    assert (draft.kind, draft.number, draft.year) == ("quarter", 2, 2021)
    change = reporter.get(reverse("admin:plans_periodreport_change", args=[draft.pk]))
    file_url = reverse("plans:report_file", args=[draft.pk, "xlsx"])
    assert file_url in change.content.decode()
    workbook = load_workbook(io.BytesIO(reporter.get(file_url).content))
    summary = workbook["Tổng hợp"]
    assert summary["A4"].value == "Số: 21/BC-UBND"
    assert "quý II năm 2021" in summary["A3"].value
    listed = reporter.get(URL, params(plan, "q2")).content.decode()
    assert "21/BC-UBND" in listed


@pytest.mark.parametrize(
    "typed", ["31/13/2021", "30/02/2021", "2021/06/30", "30.06.2021"]
)
def test_a_mistyped_date_shows_only_its_own_error_in_the_admin(reporter, plan, typed):
    data = {
        "plan": plan.pk,
        "period": "q2",
        "year": "2021",
        "document_number": "21/BC-UBND",
        "issued_on": typed,
        "signing": "vice_chair",
    }
    response = reporter.post(reverse("admin:plans_periodreport_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    # It says how a date is written, and what was typed stays in the box.
    assert errors["issued_on"] == [
        "Ngày không đúng: hãy ghi một ngày có thật theo dạng ngày/tháng/năm, "
        "ví dụ 07/12/2026 (hoặc bấm “Hôm nay”)."
    ]
    assert f'value="{typed}"' in response.content.decode()
    assert "cần có ngày ban hành" not in response.content.decode()
    # Left empty, the date is what the numbered report lacks.
    response = reporter.post(
        reverse("admin:plans_periodreport_add"), {**data, "issued_on": ""}
    )
    errors = response.context["adminform"].form.errors
    assert errors["issued_on"] == ["Báo cáo đã có số cần có ngày ban hành."]
    assert not PeriodReport.objects.exists()


def test_a_numbered_draft_needs_its_date_and_a_sensible_period(plan):
    with pytest.raises(Exception) as raised:
        saved_report(plan, issued_on=None)
    assert "issued_on" in str(raised.value)
    with pytest.raises(Exception) as raised:
        saved_report(plan, number=5)
    assert "number" in str(raised.value)


# --- the layout as a word processor lays it out (checked rendered: docs/plans.md) --


def grid_mm(table):
    """The widths of the table's grid columns, in whole mm (what LibreOffice and
    Word lay the table out from), and the table's own width."""
    columns = table._tbl.find(f"{W}tblGrid").findall(f"{W}gridCol")
    width = table._tbl.tblPr.find(f"{W}tblW")
    twips_per_mm = 1440 / 25.4
    return (
        [round(int(c.get(f"{W}w")) / twips_per_mm) for c in columns],
        round(int(width.get(f"{W}w")) / twips_per_mm),
    )


def test_tables_are_laid_out_from_their_grid_at_the_text_width(reporter, plan):
    draft = saved_report(
        plan, addressees="Ủy ban nhân dân huyện Thạch Hà\nPhòng Nội vụ huyện"
    )
    content = reporter.get(reverse("plans:report_file", args=[draft.pk, "docx"]))
    document = Document(io.BytesIO(content.content))
    header = document.tables[0]
    # the issuer's block and the national name side by side over the text width,
    # wide enough for “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM” on one line
    assert grid_mm(header) == ([65, 100], 165)
    margins = header._tbl.tblPr.find(f"{W}tblCellMar")
    assert margins.find(f"{W}left").get(f"{W}w") == "0"
    assert header._tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
    # each short rule centred under its line: as much indent on either side
    issuer, motto = header.rows[0].cells
    for cell, text, length in (
        (issuer, "THỊ TRẤN THẠCH HÀ", 22),
        (motto, "Độc lập - Tự do - Hạnh phúc", 60),
    ):
        rule = paragraph_after(cell, text).paragraph_format
        assert rule.left_indent == rule.right_indent
        assert round(cell.width.mm - 2 * rule.left_indent.mm) == length
    # the KPI table and the annex: the text width, a narrow STT column, the
    # header row repeated on every page
    for table in document.tables:
        if table.rows[0].cells[0].text != "STT":
            continue
        widths, total = grid_mm(table)
        assert total == sum(widths) == 165 and 10 <= widths[0] <= 15
        assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None
    # several addressees: a space between the colon and the dash
    label, addressees = (
        next(t for t in document.tables if t.rows[0].cells[0].text == "Kính gửi:")
        .rows[0]
        .cells
    )
    assert all(p.paragraph_format.left_indent.mm >= 1 for p in addressees.paragraphs)


# The order of a row's properties in the schema (w:trPr), as far as we write them.
ROW_PROPERTIES = ("cantSplit", "trHeight", "tblHeader")


def test_the_signature_block_and_table_rows_never_break_across_pages(reporter, plan):
    """NĐ 30/2020, Phụ lục I, II (ô 7a–7c): the authority, the title, the space
    to sign and the name are one block, on the page where the text ends. In
    the 6-month report of 2026 the name printed alone on page 4, and a KPI row
    began on page 2 and ended on page 3. Read from the file: no word processor
    needed (rendered with LibreOffice when the fix was made: docs/plans.md)."""
    draft = saved_report(plan, kind="half", number=1, issued_on=D(2021, 7, 5))
    content = reporter.get(reverse("plans:report_file", args=[draft.pk, "docx"]))
    document = Document(io.BytesIO(content.content))
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "STT"]
    assert len(tables) == 2  # the KPI table and the annex
    signature_table = document.tables[-2]
    recipients, signature = signature_table.rows[0].cells
    assert signature.paragraphs[0].text == "TM. ỦY BAN NHÂN DÂN"
    for table in [*tables, signature_table]:
        for row in table.rows:
            properties = row._tr.trPr
            assert properties is not None
            assert properties.find(qn("w:cantSplit")) is not None
            # in the schema's order, or Word calls the file damaged
            names = [child.tag.removeprefix(W) for child in properties]
            assert names == sorted(names, key=ROW_PROPERTIES.index)
    # the block's lines stay together, down to the signer's name
    for cell in (recipients, signature):
        for paragraph in cell.paragraphs[:-1]:
            assert paragraph.paragraph_format.keep_with_next, paragraph.text
    assert signature.paragraphs[-1].text == "Trần Văn Hùng"
    # and the end of the text goes with the block: the closing paragraph, whole,
    # and the space between them
    body = list(document.element.body)
    at = body.index(signature_table._tbl)
    closing, spacer = (Paragraph(p, document) for p in body[at - 2 : at])
    assert closing.text.startswith("Trên đây là báo cáo") and not spacer.text
    for paragraph in (closing, spacer):
        assert paragraph.paragraph_format.keep_with_next
    assert closing.paragraph_format.keep_together


def test_a_target_set_by_the_commune_names_it_as_on_the_date_of_issue(reporter, plan):
    draft = saved_report(plan)  # issued 05/04/2021, by the town
    word = reporter.get(reverse("plans:report_file", args=[draft.pk, "docx"]))
    texts = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    said = "UBND thị trấn Thạch Hà tự đặt để theo dõi"
    assert f"({said})" in texts and "UBND xã" not in texts
    assert "(kế hoạch giao)" in texts
    excel = reporter.get(reverse("plans:report_file", args=[draft.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(excel.content))["Tổng hợp"]
    sources = {row[3] for row in sheet.iter_rows(values_only=True)}
    assert said in sources and "UBND xã tự đặt để theo dõi" not in sources


def test_a_quarterly_kpi_in_a_month_report_reads_its_quarter_so_far(reporter, plan):
    """Cut-off rule: quý I năm 2021 runs 15/12/2020 – 14/03/2021; its conference
    is on 15/02/2021, in tháng 3. A month's report says the quarter so far (not
    “0/0 quý”), and never “không đạt” before the quarter is over."""
    figures = {
        month: word_figures(reporter.get(URL, params(plan, month, "docx")).content)[
            "Hội nghị mỗi quý"
        ]
        for month in ("m2", "m3")
    }
    assert figures["m2"] == (
        0,
        "0 hoạt động trong quý I năm 2021, tính đến ngày 14/02/2021",
        "Đang thực hiện",
    )
    # tháng 3 ends the quarter: the whole quarter, judged
    assert figures["m3"] == (1, "1 hoạt động trong quý I năm 2021", "Đạt")
    excel = excel_figures(reporter.get(URL, params(plan, "m2", "xlsx")).content)
    assert excel["Hội nghị mỗi quý"] == figures["m2"]
    page = reporter.get(URL, params(plan, "m2"))
    assert page.status_code == 200
    assert "0 hoạt động trong quý I năm 2021, tính đến ngày 14/02/2021" in (
        page.content.decode()
    )


@pytest.mark.parametrize(
    ("period", "lines"),
    [
        (
            "năm 2026",
            ["Kết quả thực hiện công tác tuyên truyền cải cách hành chính năm\xa02026"],
        ),
        (
            "tháng 11 năm 2026",
            [
                "Kết quả thực hiện công tác tuyên truyền",
                "cải cách hành chính tháng\xa011\xa0năm\xa02026",
            ],
        ),
        (
            "6 tháng đầu năm 2026",
            [
                "Kết quả thực hiện công tác tuyên truyền",
                "cải cách hành chính 6\xa0tháng\xa0đầu\xa0năm\xa02026",
            ],
        ),
    ],
)
def test_a_long_subject_breaks_in_two_balanced_lines_never_before_the_year(
    period, lines
):
    subject = f"Kết quả thực hiện công tác tuyên truyền cải cách hành chính {period}"
    assert subject_lines(subject, keep=period) == lines
    # a subject of the staff's own: the year stays with “năm”, words are whole
    own = (
        "Kết quả thực hiện công tác tuyên truyền cải cách hành chính và chuyển đổi "
        "số của xã năm 2026"
    )
    first, second = subject_lines(own, keep="")
    assert second.endswith("năm\xa02026") and len(second.split()) > 2
    assert not first.endswith(("tuyên", "cải", "hành"))


def all_text(document):
    """The paragraphs and every table cell of a Word document, one per line."""
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_desk_in_the_evidence_is_named_as_on_its_date(client, make_staff, names):
    """The annex says where each procedure was posted, under the desk's name on
    the day it speaks of: “Bộ phận Một cửa thị trấn Thạch Hà” at the end of 2021
    (in the report issued in 2022 and in one made today for 2021), today's
    centre in the 2026 report; never “đang niêm yết tại Trung tâm …” for 2021."""
    from procedures.models import Field, ListingChange, Procedure

    CommuneProfile.objects.filter(pk=1).update(
        desk_name="Trung tâm Phục vụ hành chính công xã Thạch Hà"
    )
    former = FormerName.objects.get()
    former.desk_name = "Bộ phận Một cửa thị trấn Thạch Hà"
    former.save()  # and forgets the cached profile
    field = Field.objects.create(name="Hộ tịch", slug="ho-tich", order=1)
    Procedure.objects.create(
        code="1.001193", name="Đăng ký khai sinh", field=field, posted_at_desk=True
    )
    ListingChange.objects.update(changed_at=datetime.datetime(2021, 1, 4, tzinfo=VN))
    old = make_plan()
    make_kpi(old, metric="procedures_posted", params={}, target=100, unit="%")
    new = make_plan(
        number="135/KH-UBND",
        issued_on=D(2025, 12, 26),
        issuer="UBND xã Thạch Hà",
        issuer_parent="UBND tỉnh Hà Tĩnh",
        title="Thực hiện công tác tuyên truyền cải cách hành chính năm 2026",
        starts_on=D(2026, 1, 1),
        ends_on=D(2026, 12, 31),
    )
    make_kpi(new, metric="procedures_posted", params={}, target=100, unit="%")
    with time_machine.travel(datetime.datetime(2026, 12, 20, 9, tzinfo=VN)):
        client.force_login(make_staff("lanhdao", "reports"))
        saved = saved_report(
            old, kind="year", document_number="02/BC-UBND", issued_on=D(2022, 1, 10)
        )
        files = {
            2021: client.get(reverse("plans:report_file", args=[saved.pk, "docx"])),
            "today": client.get(URL, params(old, "year", "docx")),
            2026: client.get(URL, params(new, "year", "docx", year=2026)),
        }
        excel = client.get(reverse("plans:report_file", args=[saved.pk, "xlsx"]))
    texts = {y: all_text(Document(io.BytesIO(r.content))) for y, r in files.items()}
    for year in (2021, "today"):  # the listing as it stood on 31/12/2021
        assert "niêm yết tại Bộ phận Một cửa thị trấn Thạch Hà" in texts[year]
        assert "Trung tâm Phục vụ" not in texts[year]
    assert "niêm yết tại Trung tâm Phục vụ hành chính công xã Thạch Hà" in texts[2026]
    assert "Bộ phận Một cửa" not in texts[2026] and "thị trấn" not in texts[2026]
    cells = {
        str(value)
        for sheet in load_workbook(io.BytesIO(excel.content))
        for row in sheet.iter_rows(values_only=True)
        for value in row
    }
    assert any("niêm yết tại Bộ phận Một cửa thị trấn Thạch Hà" in c for c in cells)
    assert not any("Trung tâm Phục vụ" in c for c in cells)


def test_a_long_table_is_written_as_python_docx_writes_it_row_by_row():
    """The annex of a year at province scale has thousands of rows: each after
    the first is a copy of it with its own texts (13.5 s → 0.8 s for 6,500
    rows). Each row is the XML python-docx makes for it, line breaks, tabs,
    blanks and spaces at the ends included, and none breaks across pages."""
    rows = [
        (1, "Bài viết", "01/03/2021", None),
        (2, "Hai dòng\nmột ô", "", "  cách  "),
        (3, "Cột\tcó tab", "xuống dòng\r\nWindows", "hết"),
        (4, "", None, "ô\n"),
    ]
    widths = (12, 40, 40, 73)
    document = Document()
    table = _grid(
        document, ("STT", "Tên", "Ngày", "Ghi chú"), rows, size=10, widths_mm=widths
    )
    reference = Document().add_table(rows=0, cols=4)
    for values in rows:
        row = reference.add_row()
        _unsplit(row)
        for cell, value, width in zip(row.cells, values, widths, strict=True):
            _cell_text(cell, "" if value is None else str(value), size=10)
            cell.width = Mm(width)
    made = [tr.xml for tr in table._tbl.findall(qn("w:tr"))[1:]]
    assert made == [tr.xml for tr in reference._tbl.findall(qn("w:tr"))]
    assert [cell.text for cell in table.rows[2].cells] == [
        "2",
        "Hai dòng\nmột ô",
        "",
        "  cách  ",
    ]
    assert table.rows[3].cells[1].text == "Cột\tcó tab"


@pytest.mark.parametrize(
    ("basis", "today", "proposed"),
    [
        (Plan.PeriodBasis.CUTOFF, D(2021, 2, 1), "q1"),  # none ended yet
        (Plan.PeriodBasis.CUTOFF, D(2021, 6, 10), "q1"),
        (Plan.PeriodBasis.CUTOFF, D(2021, 6, 20), "q2"),  # 15/03–14/06 ended
        (Plan.PeriodBasis.CUTOFF, D(2021, 12, 20), "year"),  # 15/12/2020–14/12/2021
        (Plan.PeriodBasis.CALENDAR, D(2021, 6, 20), "q1"),
        (Plan.PeriodBasis.CALENDAR, D(2021, 7, 1), "q2"),
        (Plan.PeriodBasis.CALENDAR, D(2022, 1, 1), "year"),
    ],
)
def test_the_form_proposes_the_last_period_ended_as_the_plan_counts(
    basis, today, proposed
):
    """On 01/01/2027 the page proposed quarter I of 2026 (calendar quarters
    counted only within the year the day is in): the year's report is due."""
    from plans.forms import ReportForm

    plan = make_plan(
        starts_on=D(2021, 1, 1), ends_on=D(2021, 12, 31), period_basis=basis
    )
    initial = ReportForm.initial_for(plan, today)
    assert (initial["year"], initial["period"]) == (2021, proposed)


# --- the workbook's dates and shares are what a spreadsheet sorts and sums --------


def column(sheet, header):
    """The cells under ``header`` (its first occurrence in the sheet), down to
    the table's end (an empty cell)."""
    found = next(c for row in sheet.iter_rows() for c in row if c.value == header)
    cells = []
    for row in range(found.row + 1, sheet.max_row + 1):
        cell = sheet.cell(row, found.column)
        if cell.value is None:
            break
        cells.append(cell)
    return cells


def test_the_workbook_keeps_dates_as_dates_and_shares_as_percentages(
    client, profile, make_staff
):
    procedures_demo.load()  # the listing's history
    bulletins_demo.load()  # news and airings
    plan = plans_demo.load()  # the 2021 plan and its activities
    client.force_login(make_staff("lanhdao", "reports"))
    content = client.get(URL, params(plan, "year", "xlsx")).content
    workbook = load_workbook(io.BytesIO(content))

    listing = next(
        s
        for s in workbook.worksheets
        if s["A1"].value == "Niêm yết công khai thủ tục hành chính"
    )
    assert (listing["B4"].value, listing["B4"].number_format) == (1, "0%")
    summary = workbook["Tổng hợp"]
    result = next(
        r[4] for r in summary.iter_rows() if r[1].value == listing["A1"].value
    )
    assert (result.value, result.number_format) == (1, "0%")

    def dates(cells, shown):
        assert cells
        for cell in cells:
            assert cell.data_type == "d" and cell.is_date, (cell.coordinate, cell.value)
            assert cell.number_format == shown
        return [cell.value for cell in cells]

    conferences = next(
        s for s in workbook.worksheets if s["A1"].value.startswith("Hội nghị, hội thảo")
    )
    starts = dates(column(conferences, "Từ ngày"), "dd/mm/yyyy")
    ends = dates(column(conferences, "Đến ngày"), "dd/mm/yyyy")
    assert (starts[0], ends[0]) == (
        datetime.datetime(2021, 1, 1),
        datetime.datetime(2021, 12, 31),
    )
    held = dates(column(workbook["Hoạt động"], "Ngày"), "dd/mm/yyyy")
    assert datetime.datetime(2021, 3, 26) in held
    dates(column(conferences, "Ngày"), "dd/mm/yyyy")  # its records

    # an airing's moment, in Vietnam time, to the minute
    evidence = list(workbook["Tài liệu kiểm chứng"].iter_rows())
    kind, day = (
        [c.value for c in evidence[0]].index(header) for header in ("Loại", "Ngày")
    )
    aired = [row[day] for row in evidence[1:] if "loa" in row[kind].value]
    assert aired
    dates(aired, "dd/mm/yyyy hh:mm")
    first = Airing.objects.filter(aired_at__year=2021).order_by("aired_at").first()
    local = first.aired_at.astimezone(VN).replace(tzinfo=None, second=0, microsecond=0)
    assert local in [m.value for m in aired]

    # CSV and Word keep writing dd/mm/yyyy
    csv_text = client.get(URL, params(plan, "year", "csv")).content.decode("utf-8-sig")
    assert "26/03/2021" in csv_text and "2021-03-26" not in csv_text
    assert f"{local:%d/%m/%Y %H:%M}" in csv_text
    word = Document(io.BytesIO(client.get(URL, params(plan, "year", "docx")).content))
    annex = "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    assert f"{local:%d/%m/%Y %H:%M}" in annex and "2021-" not in annex


def test_the_files_properties_are_the_reports_not_the_librarys(reporter, plan):
    draft = saved_report(plan)  # 15/BC-UBND of 05/04/2021, quý I năm 2021
    made = datetime.datetime(2026, 12, 7, 9, 30, tzinfo=VN)
    with time_machine.travel(made, tick=False):
        word = reporter.get(reverse("plans:report_file", args=[draft.pk, "docx"]))
        excel = reporter.get(reverse("plans:report_file", args=[draft.pk, "xlsx"]))
        today = reporter.get(URL, params(plan, "q1", "docx"))
    properties = Document(io.BytesIO(word.content)).core_properties
    title = (
        "Báo cáo kết quả thực hiện công tác tuyên truyền cải cách hành chính quý I "
        "năm 2021"
    )
    # the committee by its name on the date of issue
    assert properties.author == "Ủy ban nhân dân thị trấn Thạch Hà"
    assert properties.last_modified_by == properties.author
    assert (properties.title, properties.identifier) == (title, "15/BC-UBND")
    assert properties.subject == "K" + title.removeprefix("Báo cáo k")
    assert properties.comments == ""
    core = zipfile.ZipFile(io.BytesIO(word.content)).read("docProps/core.xml")
    assert b"python-docx" not in core and b"2013" not in core
    utc = made.astimezone(datetime.UTC)
    for moment in (properties.created, properties.modified):
        assert moment.replace(tzinfo=datetime.UTC) == utc
    # a draft made today: today's name
    draft_properties = Document(io.BytesIO(today.content)).core_properties
    assert draft_properties.author == "Ủy ban nhân dân xã Thạch Hà"
    assert draft_properties.created.replace(tzinfo=datetime.UTC) == utc
    workbook = load_workbook(io.BytesIO(excel.content)).properties
    assert (workbook.creator, workbook.title) == (properties.author, title)


# --- a share is written as a percentage in every format ---------------------------

LISTING = "Niêm yết công khai thủ tục hành chính"


def test_a_share_is_written_as_a_percentage_in_every_format(
    client, profile, make_staff
):
    """The listing KPI at the end of quarter I of 2021 (8 of 12 procedures
    posted) read a bare “67” in the Word table, the CSV and the preview, beside
    a target of “100%”."""
    procedures_demo.load()
    bulletins_demo.load()
    plan = plans_demo.load()
    client.force_login(make_staff("lanhdao", "reports"))

    def get(output):
        return client.get(URL, params(plan, "q1", output)).content

    document = Document(io.BytesIO(get("docx")))
    row = next(r for r in figure_table(document).rows if r.cells[1].text == LISTING)
    assert (row.cells[2].text, row.cells[4].text) == ("100%", "67%")
    rows = csv_rows(get("csv"))
    row = next(r for r in rows if r[1:2] == [LISTING])
    assert (row[2], row[4]) == ("100%", "67%")
    summary = load_workbook(io.BytesIO(get("xlsx")))["Tổng hợp"]
    result = next(r[4] for r in summary.iter_rows() if r[1].value == LISTING)
    assert (result.value, result.number_format) == (0.67, "0%")
    page = get("html").decode()
    assert "Quý I năm 2021: 67%</a>" in page
    # a count stays a number
    conferences = next(r for r in rows if r[1:2] and r[1].startswith("Hội nghị"))
    assert conferences[4] == "1"


# --- the English preview marks what is Vietnamese in it ---------------------------


def test_the_english_preview_marks_the_vietnamese_in_its_figures(client, make_staff):
    """In the English interface the report page's preview wrote the units
    (“at least 2 cuộc in the year”, “1 cuộc”), the commune that set a target
    and the plans in its list unmarked: a screen reader read them with an
    English voice (WCAG 3.1.2). The files, in Vietnamese, are unchanged."""
    plan = plans_demo.load()
    client.force_login(make_staff("lanhdao", "reports"))
    client.cookies["django_language"] = "en"
    page = client.get(URL, params(plan, "year")).content.decode()
    assert 'at least <span lang="vi">2</span>' not in page
    assert 'at least 2 <span lang="vi">cuộc</span> in the year' in page
    assert '2 <span lang="vi">cuộc</span>' in page
    assert '<span lang="vi">UBND xã Thạch Hà tự đặt để theo dõi</span>' in page
    assert re.search(r'<option value="\d+"[^>]* lang="vi">02/KH-UBND – ', page)
    client.cookies["django_language"] = "vi"
    page = client.get(URL, params(plan, "year")).content.decode()
    assert 'lang="vi"' not in page[page.index("<main") : page.index("</main>")]
    rows = csv_rows(client.get(URL, params(plan, "year", "csv")).content)
    conferences = next(r for r in rows if r[1:2] and r[1].startswith("Hội nghị"))
    assert conferences[2:4] == ["ít nhất 2 cuộc trong năm", "Kế hoạch giao"]
    assert "UBND xã Thạch Hà tự đặt để theo dõi" in [r[3] for r in rows if r[3:]]
