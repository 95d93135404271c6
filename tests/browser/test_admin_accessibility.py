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
