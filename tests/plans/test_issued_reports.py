"""An issued report (numbered and dated) is a document sent up: downloaded again
it gives, in every format, the figures and annex it was issued with, whatever is
logged afterwards; a draft of the same period is computed when it is made; the
admin says when today's figures differ and how to send corrected ones."""

import csv
import datetime
import io
import re
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from bulletins import demo as bulletins_demo
from plans import demo as plans_demo
from plans import services
from plans.models import Activity, Indicator, PeriodReport, Plan
from procedures import demo as procedures_demo

from .factories import make_activity, make_kpi, make_plan

pytestmark = pytest.mark.django_db
D = datetime.date
REPORTS = reverse("plans:report")
ADD = reverse("admin:plans_periodreport_add")
CONFERENCES = "Hội nghị mỗi quý"
LATE = "Hội nghị ghi bổ sung sau khi ban hành báo cáo"
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def plan(names):
    """The 2021 plan, counted from the 15th: a conference in quarters I and III
    (the one of 20/12/2021 belongs to the cut-off year 2022)."""
    plan = make_plan(signer_name="Nguyễn Văn A")
    make_kpi(
        plan,
        short_name=CONFERENCES,
        params={"kinds": ["conference"]},
        period=Indicator.Period.QUARTER,
    )
    make_kpi(
        plan,
        short_name="Tờ rơi trong năm",
        params={"kinds": ["leaflet"], "measure": "quantity"},
        target=500,
    )
    make_activity(D(2021, 2, 15), title="Hội nghị quý I")
    make_activity(D(2021, 8, 1), title="Hội nghị quý III")
    make_activity(D(2021, 12, 20), title="Hội nghị cuối năm")
    make_activity(D(2021, 4, 12), kind="leaflet", quantity=300, title="Tờ gấp")
    return plan


@pytest.fixture
def reporter(client, make_staff):
    client.force_login(make_staff("vanphong", "planner", "reports"))
    return client


def form(plan, **changes):
    """The admin's form of the 2021 year report 02/BC-UBND of 10/01/2022."""
    return {
        "plan": plan.pk,
        "period": "year",
        "year": "2021",
        "document_number": "02/BC-UBND",
        "issued_on": "10/01/2022",
        "subject": "",
        "addressees": "Ủy ban nhân dân huyện Thạch Hà",
        "overview": "Năm 2021 tổ chức các hội nghị theo kế hoạch.",
        "shortcomings": "",
        "causes": "",
        "next_tasks": "",
        "proposals": "",
        "signing": "chair",
        "signer_name": "Nguyễn Văn A",
        "recipients": "",
        **changes,
    }


def issue(client, plan, **changes):
    response = client.post(ADD, form(plan, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return PeriodReport.objects.latest("pk")


def change(client, report, **changes):
    url = reverse("admin:plans_periodreport_change", args=[report.pk])
    response = client.post(url, form(report.plan, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    report.refresh_from_db()
    return report


def log_late_conference():
    """Logged today, dated in quarter IV of the cut-off year 2021 (15/09 –
    14/12/2021), as the admin accepts it."""
    activity = Activity(kind="conference", held_on=D(2021, 11, 20), title=LATE)
    activity.full_clean()
    activity.save()


def issued_without_kept_figures(plan):
    """A report issued as before issued reports kept their figures."""
    report = PeriodReport(
        plan=plan,
        kind="year",
        year=2021,
        document_number="02/BC-UBND",
        issued_on=D(2022, 1, 10),
    )
    report.full_clean()
    report.save()
    assert report.figures_as_issued is None
    return report


def downloads(client, report):
    return {
        output: client.get(reverse("plans:report_file", args=[report.pk, output]))
        for output in ("docx", "xlsx", "csv")
    }


def draft_downloads(client, plan):
    params = {"plan": plan.pk, "period": "year", "year": 2021}
    return {
        output: client.get(REPORTS, {**params, "format": output})
        for output in ("docx", "xlsx", "csv")
    }


def opened(files):
    """What each file says, read as a person (or a program) reads it: every
    paragraph and table cell of the Word file, every cell of every sheet,
    the CSV's rows."""
    document = Document(io.BytesIO(files["docx"].content))
    word = [p.text for p in document.paragraphs] + [
        cell.text for table in document.tables for r in table.rows for cell in r.cells
    ]
    workbook = load_workbook(io.BytesIO(files["xlsx"].content))
    excel = {
        sheet.title: list(sheet.iter_rows(values_only=True))
        for sheet in workbook.worksheets
    }
    text = files["csv"].content.decode("utf-8-sig")
    return {"docx": word, "xlsx": excel, "csv": list(csv.reader(io.StringIO(text)))}


def figure(seen, output, kpi=CONFERENCES):
    """The Kết quả and Diễn giải of ``kpi`` in one opened file."""
    if output == "docx":
        words = seen["docx"]
        at = words.index(kpi, words.index("Mức chỉ tiêu"))
        return words[at + 3], words[at + 4]
    rows = seen["xlsx"]["Tổng hợp"] if output == "xlsx" else seen["csv"]
    row = next(r for r in rows if len(r) > 5 and r[1] == kpi)
    return str(row[4]), row[5]


def mentions(seen, text):
    return {output: text in repr(content) for output, content in seen.items()}


def test_an_issued_report_gives_what_it_was_issued_with_after_a_late_record(
    reporter, plan
):
    """QA report 3, F2: 02/BC-UBND of 10/01/2022 read “2 cuộc” when issued and
    “3 cuộc” once a conference dated 20/11/2021 was logged years later."""
    report = issue(reporter, plan)
    assert report.figures_as_issued is not None and report.figures_kept_at
    issued = opened(downloads(reporter, report))
    for output in ("docx", "xlsx", "csv"):
        assert figure(issued, output) == ("2", "đạt 2/4 quý"), output

    log_late_conference()

    again = opened(downloads(reporter, report))
    assert again == issued  # every paragraph, cell and row, annex included
    assert mentions(again, LATE) == {"docx": False, "xlsx": False, "csv": False}
    # a draft of the same period is computed now: the late conference counts
    draft = opened(draft_downloads(reporter, plan))
    for output in ("docx", "xlsx", "csv"):
        assert figure(draft, output) == ("3", "đạt 3/4 quý"), output
    assert mentions(draft, LATE) == {"docx": True, "xlsx": True, "csv": True}
    # and so is the preview, and the dashboard
    preview = reporter.get(REPORTS, {"plan": plan.pk, "period": "year", "year": 2021})
    assert "đạt 3/4 quý" in preview.content.decode()
    dashboard = reporter.get(reverse("plans:dashboard"), {"ke-hoach": plan.pk})
    [row] = [
        r
        for r, _ in dashboard.context["dash"]["quarter_rows"]
        if r.indicator.short_name == CONFERENCES
    ]
    assert row.text == "đạt 3/4 quý"


def test_editing_an_issued_reports_text_keeps_its_figures(reporter, plan):
    report = issue(reporter, plan)
    kept_at = report.figures_kept_at
    log_late_conference()
    report = change(
        reporter,
        report,
        overview="Năm 2021 tổ chức hai hội nghị chuyên đề.",
        document_number="02/BC-UBND",
        issued_on="11/01/2022",  # a date corrected
    )
    assert report.figures_kept_at == kept_at
    seen = opened(downloads(reporter, report))
    assert figure(seen, "docx") == ("2", "đạt 2/4 quý")
    assert "Năm 2021 tổ chức hai hội nghị chuyên đề." in seen["docx"]
    assert "Thạch Hà, ngày 11 tháng 01 năm 2022" in seen["docx"]


def test_a_report_made_a_draft_again_is_computed_and_issued_again_kept_anew(
    reporter, plan
):
    """A report numbered by mistake before it was sent: clearing its number
    makes it a draft again (computed at each download); numbered again, it
    keeps the figures of that moment."""
    report = issue(reporter, plan)
    log_late_conference()
    report = change(reporter, report, document_number="", issued_on="")
    assert report.issued_figures is None and report.figures_kept_at is None
    assert figure(opened(downloads(reporter, report)), "csv")[0] == "3"
    report = change(reporter, report, document_number="03/BC-UBND")
    assert report.figures_as_issued is not None
    make_activity(D(2021, 5, 20), title="Hội nghị ghi còn muộn hơn")
    assert figure(opened(downloads(reporter, report)), "csv") == ("3", "đạt 3/4 quý")


def test_an_issued_reports_new_period_has_that_periods_figures(reporter, plan):
    report = issue(reporter, plan)
    report = change(reporter, report, period="q3")
    seen = opened(downloads(reporter, report))
    assert figure(seen, "csv") == ("1", "đạt 1/1 quý")
    assert any("quý III năm 2021" in text for text in seen["docx"])


def test_a_report_issued_before_figures_were_kept_keeps_them_at_its_next_download(
    reporter, plan
):
    """Reports issued before this version (or saved by other code) have none:
    the next download keeps them, without telling an open form of an edit."""
    report = issued_without_kept_figures(plan)
    edited = report.updated_at
    first = opened(downloads(reporter, report))
    report.refresh_from_db()
    assert report.figures_as_issued is not None
    assert report.updated_at == edited
    log_late_conference()
    assert opened(downloads(reporter, report)) == first


def test_migrate_keeps_the_figures_of_reports_issued_before_they_were_kept(
    reporter, plan
):
    """An upgrade: ``migrate`` keeps the figures of a report issued without
    them, so an activity logged after it, before the report's next download,
    is not in what the report gives; running it again changes nothing."""
    report = issued_without_kept_figures(plan)
    call_command("migrate", verbosity=0)
    report.refresh_from_db()
    kept, kept_at = report.figures_as_issued, report.figures_kept_at
    assert kept is not None and kept_at is not None
    log_late_conference()
    call_command("migrate", verbosity=0)
    report.refresh_from_db()
    assert (report.issued_figures, report.figures_kept_at) == (kept, kept_at)
    files = opened(downloads(reporter, report))
    assert not any(LATE in str(row) for row in files["csv"])
    assert not any(LATE in text for text in files["docx"])
    assert opened(draft_downloads(reporter, plan))["csv"] != files["csv"]


def test_the_admin_says_when_todays_figures_differ_and_how_to_correct_them(
    reporter, plan
):
    report = issue(reporter, plan)
    url = reverse("admin:plans_periodreport_change", args=[report.pk])
    text = reporter.get(url).content.decode()
    assert "Số liệu đã chốt khi ban hành, lúc" in text
    assert "Số liệu tính đến hôm nay không thay đổi." in text
    log_late_conference()
    text = reporter.get(url).content.decode()
    assert "Số liệu tính đến hôm nay khác với số liệu đã ban hành:" in text
    assert (
        f"{CONFERENCES}: khi ban hành: đạt 2/4 quý (không đạt); hôm nay: đạt 3/4 "
        "quý (không đạt)"
    ) in text
    assert "Hoạt động tuyên truyền trong kỳ: khi ban hành: 3; hôm nay: 4" in text
    assert "lập báo cáo mới cho kỳ này và ban hành với số mới" in text
    new = f"{ADD}?plan={plan.pk}&amp;period=year&amp;year=2021"
    assert new in text
    # a draft says what happens to its figures
    draft = PeriodReport.objects.create(plan=plan, kind="quarter", year=2021)
    url = reverse("admin:plans_periodreport_change", args=[draft.pk])
    assert "Dự thảo: số liệu được tính lại mỗi lần tải." in (
        reporter.get(url).content.decode()
    )


def test_the_report_page_says_which_saved_reports_keep_their_figures(reporter, plan):
    issue(reporter, plan)
    PeriodReport.objects.create(plan=plan, kind="quarter", year=2021, number=4)
    text = reporter.get(REPORTS).content.decode()
    assert "như khi ban hành, chốt lúc" in text
    assert "tính lại mỗi lần tải (dự thảo)" in text


def test_a_closed_plans_dashboard_says_its_figures_are_todays(reporter, plan):
    """It said “kết quả được giữ nguyên theo số liệu đã ghi nhận” while its
    figures changed with every late record."""
    plan.status = Plan.Status.CLOSED
    plan.save()
    make_plan(
        number="135/KH-UBND",
        issued_on=D(2025, 12, 26),
        starts_on=D(2026, 1, 1),
        ends_on=D(2026, 12, 31),
    )
    text = reporter.get(reverse("plans:dashboard"), {"ke-hoach": plan.pk})
    text = text.content.decode()
    assert "kết quả được giữ nguyên theo số liệu đã ghi nhận" not in text
    assert (
        "Số liệu dưới đây được tính từ dữ liệu hiện có trên cổng thông tin, kể cả "
        "dữ liệu ghi nhận muộn; báo cáo đã ban hành về kế hoạch này giữ nguyên số "
        "liệu tại thời điểm ban hành."
    ) in text


def test_the_demos_issued_reports_keep_their_figures(profile):
    procedures_demo.load()  # the listing's history
    bulletins_demo.load()  # news and airings
    plan = plans_demo.load()
    for report in PeriodReport.objects.filter(plan=plan):
        assert report.is_issued and report.figures_as_issued is not None
    year = PeriodReport.objects.get(document_number="02/BC-UBND")
    statuses = [row["status"] for row in year.figures_as_issued["rows"]]
    assert (statuses.count("met"), len(statuses)) == (9, 10)  # Đạt 9/10
    plans_demo.load()  # again: nothing doubled, the figures kept as they were
    assert PeriodReport.objects.get(pk=year.pk).figures_kept_at == (
        year.figures_kept_at
    )
    assert services.period_report_keep(report=year) is False


def warnings(response):
    html = response.content.decode()
    return re.findall(r'<li class="warning">(.*?)</li>', html, re.S)


def test_a_report_issued_before_its_period_ends_warns_what_it_leaves_out(
    reporter, plan
):
    """Month 12 of 2021 runs 15/11–14/12/2021 under the cut-off: numbered and
    dated 08/12, the report keeps that morning's figures, and what is logged
    from then to 14/12 never reaches it. An office may issue it early when the
    province asks, so it is saved, with a warning naming the period's end and
    what is missing, again on its page while the period runs."""
    with time_machine.travel(
        datetime.datetime(2021, 12, 8, 5, 47, tzinfo=HANOI), tick=False
    ):
        saved = reporter.post(
            ADD,
            form(
                plan, period="m12", document_number="45/BC-UBND", issued_on="08/12/2021"
            ),
            follow=True,
        )
        report = PeriodReport.objects.get(document_number="45/BC-UBND")
        assert report.kept_before_period_end == D(2021, 12, 14)
        [said] = warnings(saved)
        assert "45/BC-UBND" in said
        assert "08/12/2021 05:47" in said and "14/12/2021" in said
        url = reverse("admin:plans_periodreport_change", args=[report.pk])
        page = reporter.get(url).content.decode()
        [shown] = re.findall(r'<p class="kept-early">(.*?)</p>', page, re.S)
        assert shown == said
    # Issued once the period is over: nothing to warn of.
    with time_machine.travel(
        datetime.datetime(2021, 12, 15, 8, tzinfo=HANOI), tick=False
    ):
        saved = reporter.post(
            ADD,
            form(
                plan, period="m12", document_number="46/BC-UBND", issued_on="15/12/2021"
            ),
            follow=True,
        )
        assert not warnings(saved)
        report = PeriodReport.objects.get(document_number="46/BC-UBND")
        assert report.kept_before_period_end is None
        url = reverse("admin:plans_periodreport_change", args=[report.pk])
        assert 'class="kept-early"' not in reporter.get(url).content.decode()


def test_a_draft_saved_during_its_period_is_not_warned_of(reporter, plan):
    """A draft's figures are computed at each download: nothing is kept early."""
    with time_machine.travel(
        datetime.datetime(2021, 12, 8, 5, 47, tzinfo=HANOI), tick=False
    ):
        saved = reporter.post(
            ADD,
            form(plan, period="m12", document_number="", issued_on=""),
            follow=True,
        )
    assert not warnings(saved)
