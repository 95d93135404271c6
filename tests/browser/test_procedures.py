"""The citizen's way through the procedures pages in a real browser, and the
accessibility (axe) and HTML validity (Nu) checks of every procedures page type."""

import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from procedures.models import Feedback, Step
from tests.procedures.factories import make_procedure

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
    "field-full-listing": "/thu-tuc/linh-vuc/ho-tich/in/day-du/",
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


def test_full_field_listing_prints_each_procedure_from_the_top_of_a_page(
    demo, new_page
):
    """The desk posts a field's procedures one sheet each: after the list that
    opens the listing, every procedure starts a new page, headed as its own
    sheet, and prints as that sheet does. Without JavaScript, as a desk
    computer may be."""
    page = new_page(javascript=False)
    page.goto(demo + PAGES["field-full-listing"])
    assert "Ctrl+P" in page.locator(".print-hint").inner_text()
    listed = page.locator(".sheet-contents .listing tbody a")
    names = [" ".join(name.split()) for name in listed.all_inner_texts()]
    codes = [
        href.removeprefix("#tt-")
        for href in listed.evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
    ]
    assert len(codes) == 6
    page.emulate_media(media="print")
    sizes = page.evaluate(
        """selectors => selectors.map(s => parseFloat(
            getComputedStyle(document.querySelector(s)).fontSize))""",
        [
            ".sheet-set .sheet + .sheet .sheet-name",
            ".sheet-set .sheet + .sheet .part-title",
            ".sheet-set .sheet + .sheet .dossier-case",
            ".sheet-set .sheet + .sheet .dossier-name",
        ],
    )
    pdf = page.pdf(prefer_css_page_size=True)
    texts = [
        " ".join(sheet.extract_text().split())
        for sheet in PdfReader(io.BytesIO(pdf)).pages
    ]
    assert "Lĩnh vực: Hộ tịch" in texts[0]
    first_pages = []
    for code, name in zip(codes, names, strict=True):
        number = next(n for n, text in enumerate(texts) if f"Mã: {code}" in text)
        text = texts[number]
        assert text.upper().startswith("ỦY BAN NHÂN DÂN XÃ THẠCH HÀ NIÊM YẾT"), text
        assert name in text[: text.index(f"Mã: {code}")], (code, text[:300])
        first_pages.append(number)
    assert first_pages == sorted(set(first_pages)) and first_pages[0] >= 1
    # Nothing of a sheet's heading strays onto the page before: at the very top
    # of a page, the marks over its capitals (Ủ, Â, Ã) were printed at the foot
    # of the previous one, read back as letters standing alone.
    strays = [
        (number, word)
        for number in (n - 1 for n in first_pages)
        for word in texts[number].split()
        if len(word) == 1 and word.isupper() and not word.isascii()
    ]
    assert not strays, strays
    # The same sizes as the sheet printed alone.
    page.goto(demo + PAGES["print-sheet"])
    page.emulate_media(media="print")
    alone = page.evaluate(
        """selectors => selectors.map(s => parseFloat(
            getComputedStyle(document.querySelector(s)).fontSize))""",
        [".sheet .sheet-name", "#ho-so", "#ho-so ~ .dossier-case", ".dossier-name"],
    )
    assert sizes == alone


# A step written in capitals, as some provinces write them, each of its words
# with marks stacked above the letter (circumflex and tilde or acute, ...) or
# above and below it (Ệ, Ộ, Ậ).
STACKED = (
    "TIẾP NHẬN HỒ SƠ, KIỂM TRA, NỘP LỆ PHÍ: ẪN ỄN ỖN ẤN ẦN ẨN ỀN ẾN ỂN ỒN ỐN ỔN ỆN"
)


def _strays(text):
    """Capitals standing alone: the marks of the next page's first line,
    printed at the foot of this page, read back as letters."""
    return [word for word in text.split() if word.isupper() and len(word) == 1]


@pytest.mark.parametrize("offset", [0, 3, 6, 9])
def test_a_sheet_over_several_pages_keeps_each_mark_with_its_letter(
    site, new_page, offset
):
    """Printed from Chromium, the marks stacked over a capital (Ẫ, Ễ, Ố) rise
    above the line at the sheet's line height; on the first line of a page they
    were cut off it and printed at the foot of the page before, where pypdf
    reads them back as capitals standing alone. A sheet of such lines, moved
    down by ``offset`` pixels so the page breaks fall on other points of the
    lines: no page keeps anything of the next one, and every line is printed."""
    procedure = make_procedure(code="1.001193")
    steps = [f"{STACKED} {number}" for number in range(3, 140)]
    Step.objects.bulk_create(
        Step(procedure=procedure, order=number, text=text)
        for number, text in enumerate(steps, start=3)
    )
    page = new_page(bypass_csp=True)
    page.goto(site + "/thu-tuc/1.001193/in/")
    page.add_style_tag(content=f".sheet-head {{ margin-top: {offset}px; }}")
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True)
    texts = [
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages
    ]
    assert len(texts) > 2  # the steps run over several pages
    strays = {n: _strays(text) for n, text in enumerate(texts, 1) if _strays(text)}
    assert not strays, strays
    assert " ".join(texts).count(STACKED) == len(steps)  # each printed once


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
