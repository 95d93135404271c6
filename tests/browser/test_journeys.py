"""Citizens' journeys end to end in Chromium, with the keyboard alone (Tab, Shift+Tab,
Enter, typing) and with JavaScript switched off, as a keyboard or switch user on an
old phone would go through them.

To add a journey: open a page with ``keyboard_page(new_page)``, then chain the
helpers below: ``tab_to(page, "link", "Thủ tục hành chính")`` moves the focus with
Tab only (it fails if the control cannot be reached), ``activate(page)`` presses
Enter and waits for the next page, ``type_text(page, "khai sinh")`` types into the
focused field; ``assert_heading(page, "...")`` checks where the user landed.
"""

import re

import pytest
from django.core.management import call_command

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)

MAX_TABS = 80


def keyboard_page(new_page, javascript=False, viewport=PHONE):
    """A page for a keyboard-only visitor; JavaScript off unless asked."""
    return new_page(viewport=viewport, javascript=javascript)


def focused_name(page):
    """What the focused element is called (its label, text or value), for
    failure messages."""
    return page.evaluate(
        """() => { const e = document.activeElement;
            const label = e.labels && e.labels[0] && e.labels[0].textContent;
            return (e.getAttribute('aria-label') || label || e.textContent
                    || e.value || e.tagName)
                .trim().replace(/\\s+/g, ' ').slice(0, 60); }"""
    )


def tab_to(page, role, name, *, exact=False, backwards=False, max_tabs=MAX_TABS):
    """Press Tab (Shift+Tab with ``backwards``) until the element with this
    accessible role and name has the focus; fail if it never does."""
    target = page.get_by_role(role, name=name, exact=exact).first
    return tab_to_element(
        page, target, f"{role} “{name}”", backwards=backwards, max_tabs=max_tabs
    )


def tab_to_element(page, target, what=None, *, backwards=False, max_tabs=MAX_TABS):
    """Press Tab until ``target`` (a Playwright locator) has the focus."""
    visited = []
    for _ in range(max_tabs):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if target.evaluate("element => element === document.activeElement"):
            return target
        visited.append(focused_name(page))
    pytest.fail(
        f"{what or target} not reachable with the keyboard from {page.url}; "
        f"tab stops: {visited}"
    )


def activate(page, key="Enter"):
    """Press Enter (or Space) on the focused control and wait for the page that
    follows to load."""
    with page.expect_navigation():
        page.keyboard.press(key)


def load_demo():
    call_command(
        "load_demo",
        demo_logins=True,
        verbosity=0,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )


def type_text(page, text):
    page.keyboard.type(text)


def assert_heading(page, pattern):
    heading = page.locator("h1").inner_text()
    assert re.search(pattern, heading, re.IGNORECASE), (page.url, heading)


def assert_focus_visible(page):
    """The focused element shows a focus indicator (outline or ring)."""
    visible = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
            return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
                || s.boxShadow !== 'none'; }"""
    )
    assert visible, f"no visible focus on “{focused_name(page)}” at {page.url}"


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_citizen_searches_from_the_header_and_reads_the_about_page(
    site, new_page, javascript
):
    page = keyboard_page(new_page, javascript=javascript)
    page.goto(site + "/")

    # The first tab stop skips the header and navigation.
    tab_to(page, "link", "Chuyển đến nội dung chính", max_tabs=1)
    assert_focus_visible(page)

    # Header search: type without diacritics, submit with Enter.
    tab_to(page, "searchbox", "Tìm kiếm trên cổng")
    assert_focus_visible(page)
    type_text(page, "khai sinh")
    activate(page)
    assert "/tim-kiem/?q=khai+sinh" in page.url
    assert_heading(page, "Tìm kiếm")
    assert page.get_by_role("searchbox", name="Tìm kiếm trên cổng").input_value() == (
        "khai sinh"
    )

    # From the results, the main navigation leads to the about page.
    tab_to(page, "link", "Giới thiệu", exact=True)
    assert_focus_visible(page)
    activate(page)
    assert_heading(page, "Giới thiệu")
    current = page.get_by_role("navigation", name="Menu chính").get_by_role(
        "link", name="Giới thiệu", exact=True
    )
    assert current.get_attribute("aria-current") == "page"
    assert "Trung tâm Phục vụ hành chính công" in page.locator("main").inner_text()


def test_citizen_reaches_the_accessibility_statement_from_the_footer(site, new_page):
    page = keyboard_page(new_page)
    page.goto(site + "/")
    tab_to(page, "link", "Tuyên bố về khả năng tiếp cận")
    activate(page)
    assert_heading(page, "khả năng tiếp cận")
    tab_to(page, "link", "Chuyển đến nội dung chính", backwards=True)


def test_citizen_finds_a_procedure_without_diacritics_and_opens_its_print_sheet(
    site, new_page
):
    load_demo()
    page = keyboard_page(new_page)
    page.goto(site + "/")
    tab_to(page, "searchbox", "Tìm thủ tục")
    type_text(page, "dang ky khai sinh")
    activate(page)
    assert "/thu-tuc/" in page.url
    tab_to(page, "link", "Thủ tục đăng ký khai sinh", exact=True)
    assert_focus_visible(page)
    activate(page)
    assert_heading(page, "^Thủ tục đăng ký khai sinh$")
    printable = page.locator("main a[href$='/in/']").first
    tab_to_element(page, printable, "the print-sheet link")
    activate(page)
    assert page.url.endswith("/in/")
    assert_heading(page, "Thủ tục đăng ký khai sinh")


def test_citizen_reads_the_latest_news_from_the_menu(site, new_page):
    load_demo()
    page = keyboard_page(new_page)
    page.goto(site + "/")
    tab_to(page, "link", "Tin tức cải cách hành chính", exact=True)
    activate(page)
    assert_heading(page, "Tin tức cải cách hành chính")
    first = page.locator("main .result-title, main article h2 a, main h3 a").first
    title = first.inner_text().strip()
    tab_to_element(page, first, f"the first news item “{title}”")
    assert_focus_visible(page)
    activate(page)
    assert page.locator("h1").inner_text().strip() == title


def test_official_opens_the_records_behind_a_kpi_figure(site, new_page):
    load_demo()
    page = keyboard_page(new_page, viewport=DESKTOP)
    page.goto(site + "/")
    tab_to(page, "link", "Kế hoạch tuyên truyền", exact=True)
    activate(page)
    assert page.url.endswith("/ke-hoach/")
    cell = page.locator("main table a").first
    tab_to_element(page, cell, "the first figure of the KPI table")
    assert_focus_visible(page)
    activate(page)
    assert page.locator("h1").count() == 1
    assert "/ke-hoach/" in page.url


def test_visitor_switches_to_english_with_the_keyboard(site, new_page):
    page = keyboard_page(new_page)
    page.goto(site + "/gioi-thieu/")
    tab_to(page, "combobox", "Ngôn ngữ")
    page.keyboard.press("ArrowDown")  # Tiếng Việt → English
    tab_to(page, "button", "Đổi", exact=True)
    activate(page)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.url.endswith("/gioi-thieu/")
    assert_heading(page, "^About")
