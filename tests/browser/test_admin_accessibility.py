"""The admin pages staff work in every day, as a screen reader and the axe-core
checker meet them: the news editor, the date and time fields, the monthly
steps on the admin's home page."""

import pytest
from django.utils import translation

from bulletins import editor
from bulletins.models import EDITOR_EXTENSIONS
from tests.bulletins.factories import make_category

from .conftest import DESKTOP, admin_login, axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

# What django-prose-editor's toolbar says on its own.
LIBRARY_ENGLISH = {
    "paragraph", "Paragraph", "heading 2", "Heading 2", "unordered list",
    "ordered list", "blockquote", "horizontal rule", "bold", "italic", "underline",
    "insert link", "remove link", "Insert table", "Add column", "Delete row",
    "Toggle header cell", "Delete table", "undo", "redo",
}  # fmt: skip

TOOLBAR = """() => {
    const bar = document.querySelector('.prose-menubar');
    const words = [];
    for (const button of bar.querySelectorAll('button[title]')) {
        words.push(button.title, button.getAttribute('aria-label'));
    }
    for (const option of bar.querySelectorAll('.prose-menubar__option')) {
        words.push(option.textContent.trim());
    }
    return words;
}"""


@pytest.fixture
def editor_page(site, new_page, make_staff):
    """The news item form as the commune's editor opens it, the rich-text
    editor ready."""
    make_category("tin-cchc", "Tin cải cách hành chính")
    page = new_page(viewport=DESKTOP, bypass_csp=True)
    admin_login(page, site, make_staff("bientap", "editor"))
    page.goto(site + "/quan-tri/bulletins/bulletin/add/")
    page.wait_for_selector(".prose-menubar button[title]")
    return page


def test_the_news_editor_is_named_by_its_label(editor_page):
    """The editable area the library puts over the textarea was nameless
    ("edit text"), axe's aria-input-field-name: the field's label names it."""
    area = editor_page.get_by_role("textbox", name="Nội dung:")
    assert area.count() == 1
    assert area.get_attribute("contenteditable") == "true"
    assert area.get_attribute("aria-describedby") == "id_body_helptext"
    problems = axe_violations(editor_page, label="admin news editor")
    assert not [p for p in problems if "aria-input-field-name" in p], problems


def test_the_news_editors_toolbar_and_dialogs_speak_vietnamese(editor_page):
    """Every toolbar button's tooltip and screen-reader name and the block-type
    menu were the library's English ("unordered list", "Heading 2")."""
    words = editor_page.evaluate(TOOLBAR)
    with translation.override("vi"):
        levels = EDITOR_EXTENSIONS["Heading"]["levels"]
        expected = set(editor.labels(levels)["menu"].values())
    assert not set(words) & LIBRARY_ENGLISH
    assert set(words) <= expected, set(words) - expected
    assert {"Chữ đậm", "Danh sách gạch đầu dòng", "Tiêu đề 2", "Đoạn văn"} <= set(words)
    # Its dialogs too, and a translated choice keeps its meaning.
    editor_page.get_by_role("textbox", name="Nội dung:").click()
    editor_page.get_by_role("button", name="Chèn bảng").click()
    dialog = editor_page.locator("dialog")
    assert "Số hàng" in dialog.inner_text()
    dialog.get_by_label("Hàng đầu là hàng tiêu đề").select_option(label="Có")
    dialog.get_by_role("button", name="Chèn bảng").click()
    assert editor_page.locator(".ProseMirror table th").count() == 3


LABEL_RULES = ("axe label ", "axe select-name ", "axe aria-input-field-name ")


def _unlabelled(page, label):
    problems = axe_violations(page, impacts=("critical", "serious"), label=label)
    return [p for p in problems if any(rule in p for rule in LABEL_RULES)]


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("announcer", "/quan-tri/bulletins/airing/add/"),
        ("superuser", "/quan-tri/bulletins/bulletin/add/"),
        ("superuser", "/quan-tri/plans/plan/add/"),
    ],
)
def test_every_box_of_the_daily_admin_forms_has_a_label(
    site, new_page, make_staff, who, path
):
    """The date and time boxes of a moment ("Ngày:", "Giờ:" were plain text, the
    field's label pointing at nothing) and the boxes of a table of inline rows
    (labelled only by their column's heading) had no label (axe "label",
    critical)."""
    make_category("tin-cchc", "Tin cải cách hành chính")
    user = (
        make_staff(who, superuser=True) if who == "superuser" else make_staff(who, who)
    )
    page = new_page(viewport=DESKTOP, bypass_csp=True)
    admin_login(page, site, user)
    page.goto(site + path)
    # An inline table gets a row to fill, as staff add one.
    for add in page.locator(".tabular .add-row a").all():
        add.click()
    assert not _unlabelled(page, path)


def test_a_moments_boxes_are_named_with_their_field_and_its_error(
    site, new_page, make_staff
):
    page = new_page(viewport=DESKTOP, bypass_csp=True)
    admin_login(page, site, make_staff("phatthanh", "announcer"))
    page.goto(site + "/quan-tri/bulletins/airing/add/")
    date = page.get_by_role("textbox", name="Thời điểm phát: Ngày:")
    time = page.get_by_role("textbox", name="Thời điểm phát: Giờ:")
    assert date.count() == 1 and time.count() == 1
    page.get_by_role("button", name="Lưu lại", exact=True).click()
    for box in ("#id_aired_at_0", "#id_aired_at_1"):
        assert page.locator(box).get_attribute("aria-invalid") == "true"
        described = page.locator(box).get_attribute("aria-describedby") or ""
        errors = " ".join(
            page.locator(f"[id='{name}']").inner_text() for name in described.split()
        )
        assert "Trường này là bắt buộc." in errors, (box, described)


def test_the_monthly_steps_links_are_told_apart_from_their_sentence(
    site, new_page, make_staff
):
    """The admin's home page: each step's link was marked by colour alone,
    2.6:1 against the sentence around it (axe link-in-text-block, serious)."""
    page = new_page(viewport=DESKTOP, bypass_csp=True)
    admin_login(page, site, make_staff("root", superuser=True))
    links = page.locator(".monthly-steps a")
    assert links.count() >= 5
    for index in range(links.count()):
        decoration = links.nth(index).evaluate(
            "a => getComputedStyle(a).textDecorationLine"
        )
        assert "underline" in decoration
    assert not axe_violations(page, label="admin index")


PHONE_360 = {"width": 360, "height": 740}

IN_VIEW = """(id) => {
    const box = document.getElementById(id).getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
}"""


def _refused_at_360(new_page, site, user, path, javascript=True, **options):
    """The admin form at ``path`` at 360 px, under the admin's own Content
    Security Policy unless ``options`` say otherwise."""
    page = new_page(viewport=PHONE_360, javascript=javascript, **options)
    admin_login(page, site, user)
    page.goto(site + path)
    return page


def _activity_refused(new_page, site, make_staff, **options):
    """An activity sent at 360 px with only its date: refused."""
    page = _refused_at_360(
        new_page,
        site,
        make_staff("bientap", "activities"),
        "/quan-tri/plans/activity/add/",
        **options,
    )
    page.fill("#id_held_on", "10/05/2021")
    page.locator("input[name=_save]").first.click()
    page.wait_for_selector("#error-summary")
    return page


def test_the_error_summary_leads_to_each_field_at_360_px(site, new_page, make_staff):
    """An activity sent without its type and title: the top of the form names
    both by their labels, and following a link puts the cursor in the box,
    with its label in sight, far down a phone's page (axe-core checks the
    page, so its script is let in)."""
    page = _activity_refused(new_page, site, make_staff, bypass_csp=True)
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert summary.get_by_role("link").all_inner_texts() == [
        "Loại: Trường này là bắt buộc.",
        "Tiêu đề: Trường này là bắt buộc.",
    ]
    summary.get_by_role("link", name="Tiêu đề: Trường này là bắt buộc.").click()
    assert page.evaluate("document.activeElement.id") == "id_title"
    assert page.evaluate(IN_VIEW, "id_title")
    label = page.locator("label[for=id_title]").bounding_box()
    assert label["y"] >= 0  # the label is not hidden above the window
    problems = axe_violations(page, label="refused activity at 360 px")
    assert not problems, problems


def test_the_news_editor_is_reached_from_the_summary(site, new_page, make_staff):
    """The news item's text is typed in the editor's editable area, the
    textarea under it hidden: its link focuses the area."""
    make_category("tin-cchc", "Tin cải cách hành chính")
    page = _refused_at_360(
        new_page,
        site,
        make_staff("bientap", "editor"),
        "/quan-tri/bulletins/bulletin/add/",
    )
    page.wait_for_selector(".prose-menubar button[title]")
    page.fill("#id_title", "Tin CCHC tháng 12")
    page.locator("input[name=_save]").first.click()
    page.wait_for_selector("#error-summary")
    page.wait_for_selector(".prose-menubar button[title]")
    assert page.evaluate("document.documentElement.scrollHeight") > 2 * 740
    page.locator("#error-summary").get_by_role("link", name="Nội dung:").click()
    focused = page.evaluate(
        "[document.activeElement.getAttribute('contenteditable'),"
        " document.activeElement.closest('.form-row') !== null]"
    )
    assert focused == ["true", True]
    box = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert 0 <= box <= 740


def test_without_javascript_the_summary_links_scroll_to_the_fields(
    site, new_page, make_staff
):
    page = _activity_refused(new_page, site, make_staff, javascript=False)
    assert page.evaluate("window.scrollY") == 0
    page.locator("#error-summary").get_by_role("link", name="Tiêu đề:").click()
    assert page.evaluate("location.hash") == "#id_title"
    assert page.evaluate(IN_VIEW, "id_title")
    assert page.locator("label[for=id_title]").bounding_box()["y"] >= 0
