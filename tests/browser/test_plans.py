"""The plans pages in a real browser: an official follows a missed month to its
evidence and downloads the quarter's Word report; the pages pass axe-core at phone
and desktop widths and the Nu Html Checker."""

import io
import re
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from bulletins import demo as bulletins_demo
from plans import demo as plans_demo
from plans.models import Activity
from procedures import demo as procedures_demo

from .conftest import DESKTOP, PHONE, axe_violations, html_errors

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def story(site, make_staff):
    """The demo of the three apps: the 2021 plan, its bulletins and airings (no
    airing in April, August, November; no website item in June), procedures."""
    procedures_demo.load()
    bulletins_demo.load()
    plan = plans_demo.load()
    kpi = plan.indicators.get(metric="website_and_loudspeaker")
    make_staff("lanhdao", "reports")
    return {"site": site, "plan": plan, "kpi": kpi}


def pages(story):
    plan, kpi = story["plan"], story["kpi"]
    return {
        "dashboard": "/ke-hoach/",
        "dashboard 2021": f"/ke-hoach/?ke-hoach={plan.pk}",
        "plan": plan.get_absolute_url(),
        "drilldown": f"/ke-hoach/van-ban/{plan.pk}/chi-tieu/{kpi.pk}/m2021-04/",
        "activity": Activity.objects.filter(kind="conference")
        .first()
        .get_absolute_url(),
    }


def log_in(page, site, next_path):
    page.goto(f"{site}/quan-tri/login/?next={next_path}")
    page.fill("#id_username", "lanhdao")
    page.fill("#id_password", "pw-Thach-Ha-2021")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{next_path}")


def test_official_follows_a_missed_month_to_its_evidence_and_downloads_the_report(
    story, new_page
):
    site = story["site"]
    page = new_page(javascript=False)
    page.goto(site + "/ke-hoach/")  # this year's plan; 2021 is in the list
    page.select_option("#plan-pick", str(story["plan"].pk))
    page.get_by_role("button", name="Xem").click()
    row = page.get_by_role("row", name=story["kpi"].short_name)
    april = row.get_by_role("link", name="tháng 4 năm 2021")
    assert "Không đạt" in april.inner_text()
    assert "0/1" in april.inner_text()
    assert "loa truyền thanh: 0" in april.inner_text()
    april.click()
    page.wait_for_url("**/m2021-04/")
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading.endswith("tháng 4 năm 2021")
    evidence = page.locator("table.records tbody a").first
    title = evidence.inner_text()
    evidence.click()
    assert page.get_by_role("heading", level=1).inner_text() == title

    log_in(page, site, "/ke-hoach/bao-cao/")
    page.select_option("#id_plan", str(story["plan"].pk))
    page.select_option("#id_period", "q2")
    page.fill("#id_year", "2021")
    page.get_by_role("button", name="Lập báo cáo").click()
    assert "Không đạt" in page.locator(".report-preview").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Word (.docx)").click()
    path = download_info.value.path()
    document = Document(io.BytesIO(Path(path).read_bytes()))
    figures = next(t for t in document.tables if t.rows[0].cells[-1].text == "Đánh giá")
    items = next(r for r in figures.rows if r.cells[1].text == story["kpi"].short_name)
    assert items.cells[4].text == "1"  # April missed, May met, June missed
    assert items.cells[5].text == "đạt 1/3 tháng"
    assert items.cells[6].text == "Không đạt"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "quý II năm 2021" in text


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_plans_pages_have_no_serious_accessibility_faults(story, new_page, viewport):
    site = story["site"]
    page = new_page(viewport=viewport, bypass_csp=True)
    problems = []
    paths = list(pages(story).values())
    for path in paths:
        page.goto(site + path)
        problems += axe_violations(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > viewport["width"]:
            problems.append(f"{path}: scrolls sideways ({width}px)")
    log_in(page, site, "/ke-hoach/bao-cao/")
    for path in (
        "/ke-hoach/bao-cao/",
        "/ke-hoach/bao-cao/?period=q1&year=2021&plan=" + str(story["plan"].pk),
        "/ke-hoach/bao-cao/?period=q9&year=2021&plan=" + str(story["plan"].pk),
    ):
        page.goto(site + path)
        problems += axe_violations(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > viewport["width"]:
            problems.append(f"{path}: scrolls sideways ({width}px)")
    assert not problems, "\n".join(problems)


def test_plans_pages_are_valid_html(story, page):
    site = story["site"]
    errors = []
    for name, path in pages(story).items():
        page.goto(site + path)
        errors += html_errors(page.content(), name=f"plans_{name}")
    log_in(page, site, "/ke-hoach/bao-cao/")
    page.goto(
        site + "/ke-hoach/bao-cao/?period=q1&year=2021&plan=" + str(story["plan"].pk)
    )
    errors += html_errors(page.content(), name="plans_report")
    page.goto(
        site + "/ke-hoach/bao-cao/?period=q9&year=20x1&plan=" + str(story["plan"].pk)
    )
    assert page.locator(".errorlist").count() == 2
    errors += html_errors(page.content(), name="plans_report_errors")
    assert not errors, "\n".join(errors)


def test_dashboard_prints_on_a4_landscape(story, page):
    page.goto(story["site"] + "/ke-hoach/")
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes
    width, height = (float(v) for v in boxes[0])
    assert (round(width), round(height)) in {(842, 595), (842, 596)}  # A4 landscape
    page.goto(story["site"] + story["plan"].get_absolute_url())
    pdf = page.pdf(prefer_css_page_size=True)
    width, height = (
        float(v) for v in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)[0]
    )
    assert width < height  # other pages stay portrait


def test_plan_picker_shows_the_whole_plan_name_on_a_cheap_phone(story, new_page):
    page = new_page(viewport={"width": 360, "height": 740})
    page.goto(story["site"] + "/ke-hoach/")
    picker = page.locator("#plan-pick")
    assert picker.locator("option").count() == 2
    shown, needed, room = page.evaluate(
        """() => {
            const select = document.getElementById('plan-pick');
            const shown = select.getBoundingClientRect().width;
            const room = select.parentElement.clientWidth;
            select.style.flex = 'none';
            select.style.maxWidth = 'none';
            const needed = select.getBoundingClientRect().width;
            return [shown, needed, room];
        }"""
    )
    assert shown >= min(needed, room) - 1, (shown, needed, room)


def _fills(pdf_page):
    """What a printed page paints besides its text: (fill, width, height) of each
    filled rectangle, the fill an (r, g, b) or a pattern's name; not the page's
    own white."""
    fill, box, found = None, None, []
    for operands, operator in pdf_page.get_contents().operations:
        if operator == b"rg":
            fill = tuple(round(float(value), 2) for value in operands)
        elif operator == b"scn" and operands and str(operands[-1]).startswith("/"):
            fill = str(operands[-1])  # a pattern
        elif operator == b"re":
            box = [float(value) for value in operands]
        elif operator in (b"f", b"f*") and box and fill != (1, 1, 1):
            found.append((fill, box[2], box[3]))
    return found


def test_the_charts_legend_prints_without_background_graphics(story, new_page):
    """Printed as browsers print by default ("background graphics" off), the
    legend's colour keys were CSS backgrounds and vanished: nothing said which
    bar was which. The keys are drawn as the bars are, and the airings are
    hatched, told apart from the items on a black-and-white printer too."""
    page = new_page(bypass_csp=True)
    page.goto(story["site"] + "/ke-hoach/")
    page.emulate_media(media="print")
    # Only the legend is painted (the chart stays in the page, unpainted).
    page.add_style_tag(
        content="body * { visibility: hidden !important; }"
        " .chart figcaption, .chart figcaption * { visibility: visible !important; }"
    )
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))
    legend = [p for p in pdf.pages if "loa truyền thanh" in p.extract_text()]
    assert len(legend) == 1
    fills = [fill for fill, _width, _height in _fills(legend[0])]
    solid = [fill for fill in fills if isinstance(fill, tuple)]
    hatched = [fill for fill in fills if isinstance(fill, str)]
    assert solid and hatched, fills  # the items' key, the airings' key


def test_the_charts_labels_are_readable_on_a_small_phone(story, new_page):
    """At 320 px the chart (490 units wide) shrank to 288 px and its month
    numbers and scale were drawn 6 px high."""
    page = new_page(viewport={"width": 320, "height": 640})
    page.goto(story["site"] + "/ke-hoach/")
    sizes = page.evaluate(
        """() => {
            const chart = document.querySelector('.bar-chart');
            const scale = chart.getBoundingClientRect().width
                / chart.viewBox.baseVal.width;
            return [...chart.querySelectorAll('.chart-label')].map(label =>
                parseFloat(getComputedStyle(label).fontSize) * scale);
        }"""
    )
    assert len(sizes) == 13  # the scale and twelve months
    assert min(sizes) >= 10, sizes
