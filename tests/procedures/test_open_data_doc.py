"""The open-data column list lives once, in procedures/opendata.py: the public
page and docs/open-data.md are both written from it."""

import os
import re
from pathlib import Path

from django.urls import reverse

from procedures import opendata

DOC = Path(__file__).resolve().parents[2] / "docs" / "open-data.md"
TABLE = re.compile(r"(<!-- columns:start[^\n]*-->\n)(.*?)(<!-- columns:end -->)", re.S)


def test_the_document_holds_the_column_table_of_the_code():
    text = DOC.read_text(encoding="utf-8")
    expected = opendata.columns_markdown()
    if os.environ.get("UPDATE_DOCS"):
        text = TABLE.sub(lambda m: m.group(1) + expected + m.group(3), text)
        DOC.write_text(text, encoding="utf-8")
    assert TABLE.search(text).group(2) == expected, (
        "docs/open-data.md is out of date: run "
        "UPDATE_DOCS=1 pytest tests/procedures/test_open_data_doc.py"
    )


def test_the_public_page_lists_every_column_with_its_limit(client, profile):
    html = client.get(reverse("procedures:open-data")).content.decode()
    for name in opendata.FIELDNAMES:
        assert f"<code>{name}</code>" in html
    assert "Số ký tự tối đa" in html


def test_a_column_without_a_length_limit_says_so_on_the_public_page(client, profile):
    # On a phone the table stacks into "label: value" lines; an empty cell left
    # "Số ký tự tối đa:" hanging with nothing after it.
    html = client.get(reverse("procedures:open-data")).content.decode()
    assert not re.search(r'<td data-label="[^"]*">\s*</td>', html)
    row = re.search(r"<code>online_level</code>.*?</tr>", html, re.S).group(0)
    assert 'data-label="Số ký tự tối đa">—</td>' in row
