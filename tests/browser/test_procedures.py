"""The citizen's way through the procedures pages in a real browser, and the
accessibility (axe) and HTML validity (Nu) checks of every procedures page type."""

import io
import re

import pytest
from django.core.management import call_command

from procedures.models import Feedback

from .conftest import DESKTOP, PHONE, axe_violations, html_errors

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = {
    "list": "/thu-tuc/",
    "detail": "/thu-tuc/1.001193/",
    "search-results": "/thu-tuc/?q=dang+ky+khai+sinh",
    "no-results": "/thu-tuc/?q=xyzzy",
    "hidden-by-filter": "/thu-tuc/?q=khai+sinh&linh_vuc=dat-dai",
    "online-empty": "/thu-tuc/?truc_tuyen=full&linh_vuc=dat-dai",
    "print-sheet": "/thu-tuc/1.001193/in/",
    "field-listing": "/thu-tuc/linh-vuc/ho-tich/in/",
    "open-data": "/thu-tuc/du-lieu-mo/",
}


@pytest.fixture
def demo(site):
    call_command("load_demo", "--no-users", stdout=io.StringIO())
    return site


def test_citizen_finds_a_procedure_without_diacritics_prints_it_and_says_it_helped(
    demo, new_page
):
    page = new_page(viewport=PHONE)
    page.goto(demo + "/")
    page.fill("#home-q", "dang ky khai sinh")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/thu-tuc/?q=dang+ky+khai+sinh")
    page.get_by_role("link", name="Thủ tục đăng ký khai sinh").first.click()
    page.wait_for_url("**/thu-tuc/1.001193/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Thủ tục đăng ký khai sinh"
    )
    page.get_by_role("link", name="Bản in niêm yết (A4)").click()
    page.wait_for_url("**/thu-tuc/1.001193/in/")
    assert page.locator("svg.qr-code").count() == 1
    assert page.get_by_role("button", name="In trang này", exact=True).is_visible()
    page.go_back()
    page.get_by_role("radio", name="Có").check()
    page.get_by_role("button", name="Gửi").click()
    page.wait_for_url("**/thu-tuc/1.001193/#gop-y")
    # The thanks are where the phone's screen is, beside the form sent.
    thanks = page.locator("#gop-y .messages")
    assert "Cảm ơn bạn" in thanks.inner_text()
    box = thanks.bounding_box()
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= page.viewport_size["height"]
    assert Feedback.objects.filter(helpful=True).count() == 1


def test_feedback_sent_without_an_answer_says_what_is_wrong_atop_the_form(
    demo, new_page
):
    page = new_page(viewport=PHONE, bypass_csp=True)
    page.goto(demo + PAGES["detail"])
    page.get_by_role("button", name="Gửi").click()
    page.wait_for_url("**/thu-tuc/1.001193/#gop-y")
    summary = page.locator("#gop-y").get_by_role("alert")
    link = summary.get_by_role("link", name="Vui lòng chọn “Có” hoặc “Không”.")
    assert link.get_attribute("href") == "#id_helpful_0"
    box = summary.bounding_box()  # where the anchor scrolled the phone's screen
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= page.viewport_size["height"]
    for answer in ("Có", "Không"):
        radio = page.get_by_role("radio", name=answer)
        assert radio.get_attribute("aria-describedby") == "id_helpful_error"
    assert "Vui lòng chọn" in page.locator("#id_helpful_error").inner_text()
    assert not axe_violations(page)


def test_print_sheet_without_javascript_tells_people_to_press_ctrl_p(demo, new_page):
    page = new_page(javascript=False)
    page.goto(demo + PAGES["print-sheet"])
    assert page.locator("[data-print]").is_hidden()
    assert "Ctrl+P" in page.locator(".print-hint").inner_text()


def test_procedure_sheet_fits_one_a4_page(demo, new_page):
    page = new_page()
    page.goto(demo + "/thu-tuc/2.000815/in/")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    assert len(pages) == 1


def test_print_sheet_headings_print_smaller_the_lower_they_are(demo, new_page):
    """A dossier case ("Trường hợp …", h3) printed larger than the heading of
    its part (h2): the sheet read as if each case were a part of its own."""
    page = new_page()
    page.goto(demo + PAGES["print-sheet"])
    page.emulate_media(media="print")
    sizes = page.evaluate(
        """selectors => selectors.map(s => parseFloat(
            getComputedStyle(document.querySelector(s)).fontSize))""",
        [".sheet h1", "#ho-so", "#ho-so ~ .dossier-case", ".sheet .dossier-name"],
    )
    title, part, case, text = sizes
    assert title > part > case > text, sizes


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_procedures_pages_have_no_serious_accessibility_faults(
    demo, new_page, viewport
):
    page = new_page(viewport=viewport, bypass_csp=True)
    problems = []
    for path in PAGES.values():
        page.goto(demo + path)
        problems += axe_violations(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > viewport["width"]:
            problems.append(f"{path}: scrolls sideways ({width}px)")
    assert not problems, "\n".join(problems)


def test_procedures_pages_are_valid_html(demo, page):
    errors = []
    for name, path in PAGES.items():
        page.goto(demo + path)
        errors += html_errors(page.content(), name=f"procedures-{name}")
    assert not errors, "\n".join(errors)
