"""How every CSV and XLSX file the portal produces writes a cell.

Text in those files comes from visitors, staff and imported files. A spreadsheet
runs a cell that starts like a formula (``=HYPERLINK(…)``, ``+cmd|' /C calc'!A0``,
``-2+3``, ``@SUM(…)``): the OWASP "CSV injection" guidance is to make such text
read as text. So:

- CSV: text whose first character (after any apostrophes) is one of
  ``FORMULA_STARTS`` gets one apostrophe in front — what Excel itself shows for
  "this is text". ``restore`` removes it again, so the open-data import gives back
  the original text exactly (a text that already starts with apostrophes before
  such a character gets one more, and loses one on the way back).
- XLSX: the cell keeps the exact text, typed as a string (never a formula) and
  marked with Excel's own "quote prefix" style when it would look like one.

Numbers (int, float, Decimal), dates and booleans stay what they are. The portal
writes no formulas of its own; ``xlsx_bytes`` therefore turns any text cell that
openpyxl took for a formula back into text, whoever wrote it.

In a workbook a date is a date cell, shown dd/mm/yyyy, and a moment a date-and-time
cell in Vietnam time, shown dd/mm/yyyy hh:mm (a spreadsheet holds no time zone), so
staff sort and filter by them; a share is a number shown as a percentage
(``write_percent``). A CSV file has no types: whoever writes one writes its dates
as text.
"""

import csv
import io
import re
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

BOM = "\ufeff"  # Excel reads a UTF-8 CSV with its Vietnamese only after a BOM

# OWASP: = + - @ tab CR (and LF); the full-width forms, which East Asian
# versions of Excel turn into the ASCII ones.
FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
_KEPT = (int, float, Decimal, date, datetime, time)


def looks_like_formula(text):
    return text.lstrip("'")[:1] in FORMULA_STARTS


def neutralise(text):
    """``text`` as a CSV cell that a spreadsheet shows and never runs."""
    return "'" + text if looks_like_formula(text) else text


def restore(text):
    """The original of a cell written by ``neutralise`` (the import's side)."""
    if text[:1] == "'" and looks_like_formula(text[1:]):
        return text[1:]
    return text


def csv_cell(value):
    """One CSV cell: numbers as numbers, None empty, anything else as safe text."""
    if value is None:
        return ""
    if isinstance(value, _KEPT) and not isinstance(value, bool):
        return value
    return neutralise(str(value))


class CsvWriter:
    """``csv.writer`` whose every cell goes through ``csv_cell``; CRLF line ends
    (RFC 4180, what Excel writes)."""

    def __init__(self, out):
        self._writer = csv.writer(out, lineterminator="\r\n")

    def writerow(self, values):
        return self._writer.writerow([csv_cell(value) for value in values])

    def writerows(self, rows):
        for values in rows:
            self.writerow(values)


def csv_writer(out):
    """A ``CsvWriter`` on ``out`` (a text stream or an HttpResponse), after
    writing the byte-order mark."""
    out.write(BOM)
    return CsvWriter(out)


def csv_text(rows):
    """The whole CSV document (with its BOM) of ``rows``."""
    out = io.StringIO()
    csv_writer(out).writerows(rows)
    return out.getvalue()


# --- XLSX (openpyxl) -----------------------------------------------------------

# Characters XML 1.0 cannot hold (openpyxl refuses them): dropped, they show nothing.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


# Excel's codes (in a time, "mm" after "hh" is the minutes)
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
PERCENT_FORMAT = "0%"


def write_cell(cell, value):
    """Set an openpyxl ``cell`` to ``value``: text stays the text (less the
    control characters a workbook cannot hold), typed as a string, and
    quote-prefixed when it looks like a formula; a date is a date cell shown
    dd/mm/yyyy, a moment one in Vietnam time (naive) shown dd/mm/yyyy hh:mm."""
    if isinstance(value, str):
        cell.value = _NOT_IN_XML.sub("", value)
        cell.data_type = "s"  # openpyxl makes any "=…" a formula
        cell.quotePrefix = looks_like_formula(value)
    elif isinstance(value, datetime):
        if timezone.is_aware(value):
            local = timezone.localtime(value, timezone.get_default_timezone())
            value = local.replace(tzinfo=None)
        cell.value = value
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        cell.value = value


def write_percent(cell, percent):
    """Set ``cell`` to ``percent`` (67 for 67%) as the number a spreadsheet
    reads as a share (0.67), shown 67%."""
    cell.value = percent / 100
    cell.number_format = PERCENT_FORMAT


def xlsx_bytes(workbook):
    """The saved workbook. Every text, date and moment cell, however it was
    written, passes through ``write_cell`` first: nothing reaches the file as a
    formula, every date reads dd/mm/yyyy and every moment in Vietnam time."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str | date):  # a datetime is a date
                    write_cell(cell, cell.value)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
