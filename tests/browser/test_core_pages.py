"""The portal's own pages pass axe-core (no serious or critical violations) at phone
and desktop widths, validate as HTML, and keep working without JavaScript."""

import pytest

from .conftest import DESKTOP, PHONE, axe_violations, html_errors

pytestmark = pytest.mark.django_db(transaction=True)

CORE_PAGES = [
    "/",
    "/gioi-thieu/",
    "/kha-nang-tiep-can/",
    "/so-do-trang/",
    "/tim-kiem/?q=xyz",
]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_core_pages_have_no_serious_accessibility_faults(site, new_page, viewport):
    page = new_page(viewport=viewport, bypass_csp=True)  # lets axe be injected
    problems = []
    for path in CORE_PAGES:
        page.goto(site + path)
        problems += axe_violations(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > viewport["width"]:
            problems.append(
                f"{path}: scrolls sideways ({width}px > {viewport['width']}px)"
            )
    assert not problems, "\n".join(problems)


def test_core_pages_are_valid_html(site, page):
    errors = []
    for path in CORE_PAGES:
        page.goto(site + path)
        errors += html_errors(
            page.content(), name=path.strip("/").replace("/", "_") or "home"
        )
    assert not errors, "\n".join(errors)


def test_text_size_and_contrast_controls_remember_the_choice(site, page):
    page.goto(site + "/")
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.get_by_role("button", name="Tương phản cao").click()
    page.goto(site + "/gioi-thieu/")
    classes = page.evaluate("document.documentElement.className")
    assert "text-large" in classes and "contrast" in classes


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    assert (
        page.evaluate("document.activeElement.textContent")
        == "Bỏ qua, đến nội dung chính"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_controls_are_absent_without_javascript_and_pages_still_work(site, new_page):
    page = new_page(javascript=False)
    page.goto(site + "/")
    assert page.locator("#a11y-tools").is_hidden()
    page.fill("#site-q", "khai sinh")
    page.press("#site-q", "Enter")
    page.wait_for_url("**/tim-kiem/?q=khai+sinh")
