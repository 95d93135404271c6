"""The news body's rich-text editor (django-prose-editor) in the admin, in the
staff's language and named for screen readers.

The library writes its toolbar's titles and its block-type menu in English
(“unordered list”, “Heading 2”) with no way to translate them, and passes its
dialogs' words through the page's ``gettext`` (the admin's JavaScript catalogue,
which does not hold them). Its editable area is a new element that the field's
``<label for>`` does not name. The widget writes our translations into the
textarea (``data-editor-labels``), and bulletins/static/bulletins/editor.js
applies them when the library reports an editor ready, and names the editable
area by the field's label.
"""

import json

from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media

# The toolbar's items, by the name the library gives them.
MENU = {
    "paragraph": _("Paragraph"),
    "bulletList": _("Bulleted list"),
    "orderedList": _("Numbered list"),
    "orderedListProperties": _("List properties"),
    "blockquote": _("Quotation"),
    "horizontalRule": _("Horizontal line"),
    "bold": _("Bold"),
    "italic": _("Italic"),
    "underline": _("Underline"),
    "link": _("Insert or edit a link"),
    "unlink": _("Remove the link"),
    "table": _("Insert a table"),
    "table:addColumnAfter": _("Add a column"),
    "table:deleteColumn": _("Delete the column"),
    "table:addRowAfter": _("Add a row"),
    "table:deleteRow": _("Delete the row"),
    "table:mergeCells": _("Merge cells"),
    "table:splitCell": _("Split the cell"),
    "table:toggleHeaderCell": _("Header cell or ordinary cell"),
    "table:deleteTable": _("Delete the table"),
    "history:undo": _("Undo"),
    "history:redo": _("Redo"),
}
HEADING = _("Heading %(level)s")

# The dialogs' words, by the English the library asks ``gettext`` for.
DIALOGS = {
    "Edit Link": _("Link"),
    "URL": _("Web address (URL)"),
    "Title": _("Title (shown when pointing at the link)"),
    "Open in new window": _("Open in a new window"),
    "Insert Table": _("Insert a table"),
    "Table Properties": _("Table properties"),
    "Rows": _("Number of rows"),
    "Columns": _("Number of columns"),
    "Include header row": _("First row is a header row"),
    "List properties": _("List properties"),
    "List type": _("List type"),
    "Start at": _("Start at"),
    "Decimal numbers": _("Numbers (1, 2, 3)"),
    "Lowercase letters": _("Lowercase letters (a, b, c)"),
    "Uppercase letters": _("Capital letters (A, B, C)"),
    "Lowercase Roman numerals": _("Lowercase Roman numerals (i, ii, iii)"),
    "Uppercase Roman numerals": _("Capital Roman numerals (I, II, III)"),
    "Insert": _("Insert"),
    "Update": _("Update"),
    "Cancel": _("Cancel"),
    # A choice's words in a dialog (the table's header row), not asked of gettext.
    "Yes": _("Yes"),
    "No": _("No"),
}


def labels(heading_levels):
    """The editor's words in the language in force, as editor.js reads them."""
    menu = {name: str(label) for name, label in MENU.items()}
    for level in heading_levels:
        menu[f"heading{level}"] = str(HEADING) % {"level": level}
    return {"menu": menu, "dialogs": {key: str(text) for key, text in DIALOGS.items()}}


class EditorWidget(AdminProseEditorWidget):
    """The library's admin widget, with our words and the editable area's name."""

    @property
    def media(self):
        # A classic script: it runs before the library's modules, so that it is
        # listening when they report an editor ready.
        return super().media + Media(js=["bulletins/editor.js"])

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        heading = self.get_config().get("extensions", {}).get("Heading", {})
        levels = heading.get("levels", []) if isinstance(heading, dict) else []
        context["widget"]["attrs"]["data-editor-labels"] = json.dumps(
            labels(levels), ensure_ascii=False, separators=(",", ":")
        )
        return context
