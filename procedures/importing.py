"""Reading and checking an open-data file of procedures; nothing here writes.

``read_file`` (the command) and ``decode`` + ``read_text`` (the admin upload)
turn a file into ``Row``s, or raise ``FileError`` with what to do about it.
``check`` turns rows into an ``ImportReport``: for every row what it would do
(new, changed, unchanged) or every problem it has, each naming the row as
Excel numbers it and the column; and the unsaved objects that
``services.procedures_import`` writes when no row has a problem. The format
itself (columns, CSV conventions) is ``opendata`` and docs/open-data.md.
"""

import calendar
import codecs
import csv
import datetime
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

import filetype
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from thachha_portal import spreadsheets
from thachha_portal.text import FORMAT_HIDDEN, fold, slug_from
from thachha_portal.uploads import kind_of_name

from . import import_changes, opendata
from .import_changes import column_name
from .models import (
    KEYWORD_SEPARATOR,
    Channel,
    DossierItem,
    Field,
    LegalBasis,
    Procedure,
    Step,
    code_validator,
    text_limit,
)

# A cell may be as long as the file: the column's own limit then says what is
# wrong with it, where the csv module would stop at 131,072 characters.
MAX_FILE_BYTES = 50 * 1024 * 1024
csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))

# Invisible characters no text here needs (tab, line feed and carriage return
# are allowed); NUL is refused by PostgreSQL and shown raw by nothing.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Refused, not dropped as the admin's forms drop them: a file is corrected and
# saved again, and staff learn which cell holds what they cannot see.
FORMAT = FORMAT_HIDDEN
SEPARATORS = (",", ";", "\t")


class FileError(ValueError):
    """The file as a whole cannot be read; the message says what to do."""


# --- Reading ------------------------------------------------------------------------


@dataclass
class Row:
    """One record of the file. ``number``: the row as Excel numbers it (CSV; the
    header is row 1, a cell with line breaks is still one row) or the record's
    position (JSON). ``columns``: key → Excel column letter, CSV only.
    ``problems``: (key, message) found while reading the cells."""

    number: int
    record: object
    columns: dict | None = None
    problems: list = field(default_factory=list)

    @property
    def is_record(self):
        """A JSON record (or a plain one), numbered by position, not a CSV row."""
        return self.columns is None

    @property
    def label(self):
        if self.is_record:
            return _("Record %(n)s") % {"n": self.number}
        return _("Row %(n)s") % {"n": self.number}

    def where(self, key):
        """The column ``key`` as the reader of the file finds it."""
        name = _describe(key)
        if self.columns and key in self.columns:
            return _("column %(letter)s “%(key)s”%(name)s") % {
                "letter": self.columns[key],
                "key": key,
                "name": name,
            }
        return _("“%(key)s”%(name)s") % {"key": key, "name": name}


def records(items):
    """Rows of plain records (the demo content, tests)."""
    return [Row(number, record) for number, record in enumerate(items, start=1)]


WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".ods")


def _resave(message, name, **params):
    """A ``FileError``: ``message`` about the file ``name``, then how to save it
    from Excel as the import reads it."""
    how = _(
        "In Excel: File → Save As → “CSV UTF-8 (Comma delimited) (*.csv)”, "
        "then import that file."
    )
    return FileError(f"{message % {'name': name, **params}} {how}")


WORKBOOK_STARTS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx/.ods, .xls


def workbook_refusal(name, head):
    """The ``FileError`` for a spreadsheet workbook called ``name`` whose bytes
    start with ``head``, or None. A file that kept a workbook's name but holds
    text (saved as CSV UTF-8 in Excel, the name left as it was) is no workbook:
    it is read as the CSV it is."""
    if not str(name).lower().endswith(WORKBOOKS) or not head.startswith(
        WORKBOOK_STARTS
    ):
        return None
    return _resave(
        _("“%(name)s” is a spreadsheet workbook; the import reads CSV or JSON files."),
        name,
    )


def decode(data, name):
    """The text of the bytes of a file called ``name``: UTF-8, with or without a
    byte-order mark. Anything else is a ``FileError`` saying how to save it."""

    def resave(message, **params):
        return _resave(message, name, **params)

    if refusal := workbook_refusal(name, data):
        raise refusal
    if data.startswith(b"PK\x03\x04"):
        raise resave(
            _("“%(name)s” is an Excel workbook (.xlsx) renamed, not a CSV file.")
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise resave(
            _("“%(name)s” is an Excel 97–2003 workbook (.xls), not a CSV file.")
        )
    head = data[:4096]
    if filetype.guess(head) is not None:
        raise FileError(
            _(
                "“%(name)s” is not a text file (perhaps a picture or a document "
                "renamed). Save the table as CSV UTF-8 or JSON."
            )
            % {"name": name}
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        head.count(0) > len(head) // 4
    ):
        raise resave(
            _("“%(name)s” is saved as UTF-16 (Excel's “Unicode Text”), not UTF-8.")
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise resave(
            _(
                "“%(name)s” is not UTF-8 text (byte 0x%(byte)02X on line %(line)s "
                "of the file): it was probably saved in a Windows code page "
                "(Windows-1258 or 1252, Excel's plain “CSV (Comma delimited)”) "
                "or in TCVN3."
            ),
            byte=data[error.start],
            line=data[: error.start].count(b"\n") + 1,
        ) from error
    if found := misread(text):
        line, damaged, meant = found
        place = _("line %(line)s of the file") % {"line": line}
        raise misread_refusal(name, place, damaged, meant)
    return text


def misread_refusal(name, place, damaged, meant):
    """The ``FileError`` of a file ``name`` with Vietnamese text misread in a
    code page (``misread``), found at ``place`` (a line of the file, or a
    record's column when the file wrote it in JSON escapes)."""
    return _resave(
        _(
            "“%(name)s” holds Vietnamese text spoilt by a wrong encoding "
            "(%(place)s: “%(damaged)s” for “%(meant)s”): a UTF-8 file was opened "
            "as Windows-1252 or 1258 (as Excel opens a CSV UTF-8 file without a "
            "byte-order mark) and saved again; imported, that text would replace "
            "the names on the public pages. Start again from the file as it was "
            "before (or download it again from /thu-tuc/du-lieu-mo/), open it in "
            "Excel through Data → From Text/CSV with File origin “65001: Unicode "
            "(UTF-8)” and check that the diacritics read right."
        ),
        name,
        place=place,
        damaged=damaged,
        meant=meant,
    )


def _code_page_bytes():
    """Character → byte, in the Windows code pages a UTF-8 file is misread in
    (1252, and 1258 in a Vietnamese Windows; Latin-1 for the bytes they leave
    undefined, which Windows reads as the control character of that number)."""
    table = {}
    for encoding in ("cp1252", "cp1258", "latin-1"):
        for byte in range(0x80, 0x100):
            try:
                table.setdefault(bytes([byte]).decode(encoding), byte)
            except UnicodeDecodeError:
                continue
    return table


_CODE_PAGE_BYTES = _code_page_bytes()
# A UTF-8 continuation byte (0x80–0xBF) as a code page shows it.
_CONTINUATION = "".join(
    re.escape(char) for char, byte in _CODE_PAGE_BYTES.items() if byte <= 0xBF
)
# The UTF-8 of the letters only Vietnamese writes, as a code page shows it:
# ạ … ỹ (E1 BA/BB xx: “á»§” for “ủ”), ă đ ĩ ũ ơ ư (C4/C5/C6 xx: “Ä‘” for “đ”).
# No Vietnamese text holds these pairs; “Ã” (C3: à, é …) is a letter of its own
# and stays out, so that “XÃ” followed by a quote is never taken for one.
_MISREAD = re.compile(
    f"\u00e1[\u00ba\u00bb][{_CONTINUATION}]|[\u00c4-\u00c6][{_CONTINUATION}]"
)
_VIETNAMESE_MARKS = set("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")


def _vietnamese_letter(char):
    if char in "đĐ":
        return True
    base, *marks = unicodedata.normalize("NFD", char)
    return base in "aeiouyAEIOUY" and bool(marks) and set(marks) <= _VIETNAMESE_MARKS


def _meant(damaged):
    """The letter the code page's characters ``damaged`` stand for, or None."""
    data = bytes(_CODE_PAGE_BYTES[char] for char in damaged)
    try:
        letter = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return letter if _vietnamese_letter(letter) else None


def misread(text):
    """(line, damaged words, meant words) of the first Vietnamese letter of
    ``text`` that is UTF-8 misread in a Windows code page and written again
    (“Thá»§ tá»¥c” for “Thủ tục”), or None."""
    for match in _MISREAD.finditer(text):
        if not _meant(match.group()):
            continue
        start = match.start()
        line_start = text.rfind("\n", 0, start) + 1
        before = re.split(r"[\s,;]", text[max(line_start, start - 40) : start])[-1]
        after = text[start : start + 80].split("\n", 1)[0]
        words = " ".join((before + after).split()[:3])
        meant = _MISREAD.sub(lambda m: _meant(m.group()) or m.group(), words)
        return text.count("\n", 0, start) + 1, words, meant
    return None


def read_text(text, name):
    """[Row] from the text of a file called ``name``: JSON when the name ends in
    .json, CSV otherwise. The command and the admin upload both read here.
    Text is read in NFC, as it is stored: a file written decomposed (NFD, as
    some Mac and web tools write Vietnamese) reads exactly as the composed one
    in every check (“có”, “Bước 1:”, repeated keywords)."""
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    rows = read_json(text) if str(name).lower().endswith(".json") else read_csv(text)
    if not rows:
        raise FileError(_("The file holds no procedures (only a header, or empty)."))
    for row in rows:
        if found := _misread_value(row):
            key, (_line, damaged, meant) = found
            place = f"{row.label}, {row.where(key)}"
            raise misread_refusal(name, place, damaged, meant)
    return rows


def _texts(value):
    """The texts of a value read from the file, its lists' and objects' too, in
    their order (without recursion: JSON may nest as deep as Python reads)."""
    waiting = [value]
    while waiting:
        value = waiting.pop()
        if isinstance(value, str):
            yield value
        elif isinstance(value, list | dict):
            items = value.values() if isinstance(value, dict) else value
            waiting.extend(reversed(list(items)))


def _misread_value(row):
    """(column, ``misread``) of the first text of ``row`` misread in a code page,
    or None. ``decode`` finds it in the file's text, unless it is written in
    JSON escapes (``"Th\\u00e1\\u00bb\\u00a7"``, as ``json.dumps`` writes it by
    default): it is found here, once read."""
    if not isinstance(row.record, dict):
        return None
    for key, value in row.record.items():
        for text in _texts(value):
            if found := misread(text):
                return key, found
    return None


def read_file(path):
    """[Row] from the file at ``path`` (the import command)."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise FileError(
            _("The file is larger than %(mb)s MB; split it into several files.")
            % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
        )
    return read_text(decode(data, path), path)


def _refuse_constant(name):
    raise ValueError(_("“%(name)s” is not a number JSON allows") % {"name": name})


# What the json module's messages (English, in its C scanner) mean for someone
# who typed the file or the cell, by the start of the message.
JSON_REASONS = (
    (
        "Expecting value",
        gettext_lazy(
            'a value is missing, or is not JSON (a text goes in double quotes: "…")'
        ),
    ),
    (
        "Expecting property name",
        gettext_lazy(
            'a key must be in double quotes ("name"), and no comma may come before “}”'
        ),
    ),
    ("Expecting ':'", gettext_lazy("“:” is missing after a key")),
    (
        "Expecting ','",
        gettext_lazy(
            "“,” is missing between two values, or the closing “]” or “}”; "
            'a double quote inside a text is written \\"'
        ),
    ),
    ("Unterminated string", gettext_lazy("a text in double quotes is not closed")),
    (
        "Invalid control character",
        gettext_lazy("a text in double quotes holds a line break or a tab (write \\n)"),
    ),
    (
        "Invalid \\",
        gettext_lazy("a backslash “\\” JSON does not allow (write “\\\\”)"),
    ),
    (
        "Extra data",
        gettext_lazy("something follows the end of the list or object"),
    ),
)


def _json_reason(error):
    for start, reason in JSON_REASONS:
        if error.msg.startswith(start):
            return str(reason)
    return _("not JSON")


def _loads(text, where=None):
    """``json.loads`` whose every failure is a ValueError with a readable text,
    where in ``text`` the problem is as ``where(error)`` says (default: its
    line and character)."""
    try:
        data = json.loads(
            text,
            parse_constant=_refuse_constant,
            parse_float=Decimal,
            object_pairs_hook=_object,
        )
    except json.JSONDecodeError as error:
        place = where(error) if where else _json_place(error)
        raise ValueError(f"{place}: {_json_reason(error)}") from error
    except RecursionError as error:
        raise ValueError(_("brackets nested too deeply")) from error
    # "\u0301": an escaped text may be decomposed where the file's is not.
    return _composed(data) if "\\u" in text else data


class JSONObject(dict):
    """A JSON object, with ``repeated``: key → how many times it was given,
    for each key given more than once (JSON allows it; the last would win)."""

    repeated = {}


def _object(pairs):
    found = JSONObject(pairs)
    if len(found) < len(pairs):
        keys = [key for key, _value in pairs]
        found.repeated = {key: keys.count(key) for key in found if keys.count(key) > 1}
    return found


def _repeated(value):
    """“the key “name” is given 2 times”, once for each key the JSON object
    ``value`` repeats."""
    return [
        _(
            "the key “%(key)s” is given %(n)s times: keep one and delete the "
            "others (only the last would count)"
        )
        % {"key": key, "n": n}
        for key, n in getattr(value, "repeated", {}).items()
    ]


def _composed(value):
    """``value`` read from JSON with each of its texts in NFC: its lists and
    objects changed in place, without recursion (JSON may nest as deep as
    Python reads, and each level here would cost two frames)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    waiting = [value]
    while waiting:
        container = waiting.pop()
        if isinstance(container, list):
            pairs = enumerate(container)
        elif isinstance(container, dict):
            pairs = list(container.items())
            container.clear()  # its keys composed too, in their order
        else:
            continue
        for key, item in pairs:
            if isinstance(item, str):
                item = unicodedata.normalize("NFC", item)
            elif isinstance(item, list | dict):
                waiting.append(item)
            if isinstance(key, str):
                key = unicodedata.normalize("NFC", key)
            container[key] = item
    return value


def _json_place(error):
    return _("line %(line)s, character %(column)s") % {
        "line": error.lineno,
        "column": error.colno,
    }


def _cell_place(error):
    """Where in a cell: its character, and its line when the cell has several."""
    if error.lineno == 1:
        return _("character %(n)s") % {"n": error.pos + 1}
    return _json_place(error)


def read_json(text):
    """[Row] from a JSON export (or a plain list of records)."""
    try:
        data = _loads(text)
    except ValueError as error:
        raise FileError(
            _(
                "Not valid JSON: %(error)s. A JSON file is written as the open "
                "data's: %(example)s"
            )
            % {"error": error.args[0], "example": JSON_FILE_EXAMPLE}
        ) from error
    if isinstance(data, dict):
        data = data.get("procedures")
    if not isinstance(data, list):
        raise FileError(_("The JSON file must hold a list “procedures”."))
    return records(data)


def column_letter(index):
    """Excel's name of the 0-based column ``index``: A … Z, AA …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _separator(header_line):
    counts = {sep: header_line.count(sep) for sep in SEPARATORS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_csv(text):
    """[Row] from a CSV file: separated by commas, or by semicolons as Excel
    writes it in a Vietnamese locale (tabs too); the separator is the one the
    header row uses. Blank rows are skipped but counted, as Excel counts them."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise FileError(_("The file is empty."))
    header_line = text.split("\n", 1)[0]
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_separator(header_line)
    )
    try:
        header = next(reader, None)
        rows = _csv_rows(reader, _csv_header(header))
    except csv.Error as error:
        raise FileError(
            _("Row %(n)s cannot be read as CSV: %(error)s")
            % {"n": reader.line_num, "error": error}
        ) from error
    return rows


def _csv_header(header):
    names = [name.strip().lower() for name in header or []]
    while names and not names[-1]:
        names.pop()  # Excel's empty cells after the last name (“…;legal_bases;;”)
    if "code" not in names:
        raise FileError(
            _(
                "The CSV file needs a header row with a “code” column (the first "
                "row holds the column names of /thu-tuc/du-lieu-mo/). Columns may "
                "be separated by commas or semicolons."
            )
        )
    if empty := [column_letter(i) for i, name in enumerate(names) if not name]:
        raise FileError(
            ngettext(
                "Column %(letters)s has no name in the header row (row 1): write "
                "the name of what it holds there (the names are those of "
                "/thu-tuc/du-lieu-mo/), or delete the column if it holds nothing.",
                "Columns %(letters)s have no name in the header row (row 1): write "
                "the name of what each holds there (the names are those of "
                "/thu-tuc/du-lieu-mo/), or delete the columns that hold nothing.",
                len(empty),
            )
            % {"letters": ", ".join(empty)}
        )
    unknown = [name for name in names if name not in opendata.FIELDNAMES]
    if unknown:
        raise FileError(
            _("Unknown columns in the CSV file: %(names)s")
            % {"names": ", ".join(f"“{name}”" for name in unknown)}
        )
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise FileError(
            _("Columns named twice in the header: %(names)s")
            % {"names": ", ".join(repeated)}
        )
    return names


def _csv_rows(reader, names):
    columns = {name: column_letter(i) for i, name in enumerate(names)}
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank row
        row = Row(number, {}, columns)
        extra = [i for i, cell in enumerate(cells[len(names) :]) if cell.strip()]
        if extra:
            row.problems.append(
                (
                    "",
                    _("a value in column %(letter)s, which has no header")
                    % {"letter": column_letter(len(names) + extra[0])},
                )
            )
        for name, cell in zip(names, cells, strict=False):
            row.record[name] = _decode_cell(row, name, spreadsheets.restore(cell))
        rows.append(row)
    return rows


JSON_FILE_EXAMPLE = '{"procedures": [{"code": "1.001193", "name": "…", …}]}'
# What a list column holds, as an example in the message of a cell that is not
# JSON (docs/open-data.md).
CELL_EXAMPLES = {
    "steps": '["Nộp hồ sơ tại Bộ phận Một cửa.", "Nhận kết quả."]',
    "channels": '[{"kind": "direct", "processing_time": "Ngay trong ngày", '
    '"fee": "Miễn lệ phí"}]',
    "dossier": '[{"name": "Tờ khai đăng ký khai sinh", "originals": 1, "copies": 0}]',
    "legal_bases": '[{"number": "60/2014/QH13", "summary": "Luật Hộ tịch", '
    '"issued_on": "2014-11-20", "issuer": "Quốc hội"}]',
}


def _decode_cell(row, name, cell):
    if name == "keywords":
        return cell.split(KEYWORD_SEPARATOR)
    if name in opendata.NESTED:
        if not cell.strip():
            return []
        if name == "steps" and not cell.lstrip().startswith("["):
            return _plain_steps(cell)
        try:
            return _loads(cell, _cell_place)
        except ValueError as error:
            message = _(
                "not valid JSON (%(error)s). Write it as the open data does, "
                "e.g. %(example)s"
            )
            if name == "steps":
                message = _(
                    "not a valid JSON list (%(error)s). Write one step per line, "
                    "as plain text, or a list such as %(example)s"
                )
            example = CELL_EXAMPLES[name]
            row.problems.append(
                (name, message % {"error": error.args[0], "example": example})
            )
            return []
    return cell


def _plain_steps(text):
    """The steps of a cell of plain text, as staff type them: one a line, or
    one a “Bước N” (its following lines belong to it), split by ``_steps``.
    A blank line stays an (empty) item, so that “mục N” is the cell's Nth line
    as staff count them; ``_steps`` drops it."""
    if _STEP_START.search(text):
        return [text]
    return [line.strip() for line in text.rstrip().splitlines()]


# --- Checking -----------------------------------------------------------------------

CHILD_KEYS = {
    "channels": ("kind", "processing_time", "fee", "fee_amount", "description"),
    "dossier": (
        "case",
        "name",
        "presented",
        "originals",
        "copies",
        "form_name",
        "form_url",
        "form_file",
        "note",
    ),
    "legal_bases": ("number", "summary", "issued_on", "issuer"),
}
TRUE = {"true", "1", "yes", "có", "co", "x"}
FALSE = {"false", "0", "no", "không", "khong", ""}
SMALL_COUNT = 32_767  # PositiveSmallIntegerField on every database
AMOUNT = 2_147_483_647  # PositiveIntegerField on every database


def _after(value, start):
    """Where in ``value`` the character at ``start`` is, for a reader who
    cannot see it: “at its start” or after the text before it."""
    if not start:
        return _("at its start")
    before = FORMAT.sub("", value[:start])[-30:]
    return _("after “%(text)s”") % {"text": before}


def _code_of(value):
    """The code a cell writes: full-width digits and dots (１.００１６１２, typed
    with an East Asian input method) are the same code in compatibility form."""
    return unicodedata.normalize("NFKC", value).strip()


def _describe(key):
    """“ (cơ quan thực hiện)”: the Vietnamese name of a column, as a suffix."""
    name = column_name(key)
    return f" ({name})" if name else ""


class Problem(Exception):
    """One thing wrong with one value: ``key`` is its column."""

    def __init__(self, key, message):
        super().__init__(message)
        self.key, self.message = key, message


class RowProblems(Exception):
    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


def _item(index, part=None):
    """“item 2” or “item 2 “originals””: where in a list column a value is."""
    label = _("item %(n)s") % {"n": index}
    return f"{label} “{part}”" if part else label


def _limit(model, attr):
    return text_limit(model._meta.get_field(attr))


def _number_text(value):
    return f"{value:,}".replace(",", ".")


def _shown(value):
    if isinstance(value, str | Decimal):
        text = str(value)
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    return {"value": text if len(text) <= 40 else text[:40] + "…"}


class RecordChecker:
    """Reads the values of one record, each checked for its type, its choices
    and the length its model column allows, and collects every problem: a row
    is reported with all that is wrong with it, not only the first thing."""

    def __init__(self, row):
        self.data = row.record
        self.problems = [Problem(key, message) for key, message in row.problems]
        # (column, item) of each value found wrong: the model's rules pass it by
        self.failed = {(key, None) for key, _message in row.problems}
        # column → the item number (“mục N”) each of its children was read from
        self.numbers = {}

    def fail(self, key, message, item=None):
        self.problems.append(Problem(key, f"{item}: {message}" if item else message))
        self.failed.add((key, item))

    def raise_problems(self):
        if self.problems:
            raise RowProblems(self.problems)

    def text(self, key, model, attr=None):
        """The text in column ``key``, which fills ``model``'s ``attr``."""
        return self.value_text(
            key, self.data.get(key), limit=_limit(model, attr or key)
        )

    def value_text(self, key, value, item=None, limit=None):
        """``value`` as text (None: empty) of at most ``limit`` characters."""
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(key, _("must be text, not %(value)s") % _shown(value), item)
            return ""
        bad = CONTROL.search(value)
        if bad:
            self.fail(
                key,
                _(
                    "contains an invisible control character (U+%(code)04X); "
                    "remove it and save the file again"
                )
                % {"code": ord(bad.group())},
                item,
            )
            return ""
        hidden = FORMAT.search(value)
        if hidden:
            char = hidden.group()
            self.fail(
                key,
                _(
                    "contains an invisible formatting character (U+%(code)04X "
                    "%(name)s) %(where)s, which hides or reorders text; remove it "
                    "and save the file again"
                )
                % {
                    "code": ord(char),
                    "name": unicodedata.name(char, ""),
                    "where": _after(value, hidden.start()),
                },
                item,
            )
            return ""
        if limit and len(value) > limit:
            self.fail(
                key,
                _("at most %(limit)s characters; this one has %(count)s")
                % {"limit": _number_text(limit), "count": _number_text(len(value))},
                item,
            )
            return ""
        return value

    def choice(self, key, value, choices, default, item=None):
        """One of ``choices`` (case and spaces ignored); empty: ``default``."""
        text = self.value_text(key, value, item, limit=40).strip().lower()
        if not text:
            return default
        if text not in choices:
            self.fail(
                key,
                _("“%(value)s” is not one of: %(choices)s")
                % {"value": text, "choices": ", ".join(choices)},
                item,
            )
            return default
        return text

    def date(self, key, value, item=None):
        """YYYY-MM-DD, or DD/MM/YYYY as Excel writes a date back in Vietnam."""
        if value in (None, ""):
            return None
        try:
            parsed = _parse_date(value.strip()) if isinstance(value, str) else None
        except ValueError as error:  # written so, but not a day: 2025-02-29
            self.fail(
                key,
                _("“%(value)s” is not a real date: %(reason)s")
                % {**_shown(value), "reason": error.args[0]},
                item,
            )
            return None
        if parsed is None:
            message = _("“%(value)s” is not a date: write YYYY-MM-DD (or DD/MM/YYYY)")
            if serial := _excel_date(value):
                message = _(
                    "“%(value)s” is not a date: it looks like a date as Excel "
                    "stores it (a number of days), which would be %(date)s; format "
                    "the column as a date (DD/MM/YYYY) in Excel and save the file "
                    "again, or write %(iso)s"
                )
            context = {**_shown(value)}
            if serial:
                context.update(date=serial.strftime("%d/%m/%Y"), iso=serial.isoformat())
            self.fail(key, message % context, item)
        return parsed

    def flag(self, key, value, item=None):
        """true or false, also as Excel and people write them (TRUE, 1, có, x)."""
        if isinstance(value, bool):
            return value
        text = value.strip().lower() if isinstance(value, str) else None
        if value is None or text in FALSE:
            return False
        if text in TRUE:
            return True
        self.fail(key, _("write true or false, not %(value)s") % _shown(value), item)
        return False

    def count(self, key, value, high, item, money=False):
        """A whole number from 0 to ``high`` (a JSON number, or digits grouped
        in thousands or not); with ``money``, đồng written after it too. None
        when empty."""
        if value is None or value == "":
            return None
        parsed = None
        if isinstance(value, str):
            parsed = _whole_number(value, money=money)
        elif isinstance(value, int) and not isinstance(value, bool):
            parsed = value
        if parsed is None or not 0 <= parsed <= high:
            message = _("must be a whole number from 0 to %(high)s, not %(value)s") % {
                "high": _number_text(high),
                **_shown(value),
            }
            if parsed is None and isinstance(value, str) and _DIGIT.search(value):
                how = _(
                    "write digits alone, or grouped in thousands by dots, commas "
                    "or spaces, all alike (1000000, 1.000.000, 1,000,000 or "
                    "1 000 000), without a decimal part"
                )
                message = f"{message} ({how})"
            self.fail(key, message, item)
            return None
        return parsed

    def items(self, key):
        """(number, item) of the items of the list column ``key`` that are what
        the column holds (texts for steps, objects with known keys for the
        others). ``number`` is the item's place in the list, the items refused
        here counted too: “mục N” as staff count them in the cell."""
        value = self.data.get(key)
        if value in (None, ""):
            return []
        if not isinstance(value, list):
            self.fail(key, _("must be a list, not %(value)s") % _shown(value))
            return []
        allowed = CHILD_KEYS.get(key)
        good = []
        for index, item in enumerate(value, start=1):
            if allowed is None:
                good.append((index, item))
            elif not isinstance(item, dict):
                self.fail(key, _("must be an object"), _item(index))
            elif unknown := sorted(set(item) - set(allowed), key=str):
                self.fail(
                    key,
                    _("unknown keys %(names)s") % {"names": ", ".join(unknown)},
                    _item(index),
                )
            else:
                for message in _repeated(item):
                    self.fail(key, message, _item(index))
                good.append((index, item))
        return good

    def read(self, key, index, child):
        """``child`` of column ``key``, read from its item ``index``."""
        self.numbers.setdefault(key, []).append(index)
        return child

    def part(self, key, item, index, model, attr):
        """The text ``attr`` of the ``index``-th object of list column ``key``."""
        return self.value_text(
            key, item.get(attr), _item(index, attr), limit=_limit(model, attr)
        )


_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_VN_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


# Thousands as Vietnamese Excel groups them (1.000.000), as English does
# (1,000,000) or by spaces: groups of three after the first, one separator
# throughout. "1.5" or "1.000,5" (a decimal part) is no such number.
_GROUPED = re.compile(r"[0-9]{1,3}(?:([.,\u0020\u00a0\u202f])[0-9]{3})(?:\1[0-9]{3})*")
_DIGIT = re.compile(r"[0-9]")
_DIGITS = re.compile(r"[0-9]{1,18}")
_DONG = re.compile(r"\s*(?:đồng|đ|vnđ|vnd|₫)\.?$", re.IGNORECASE)


def _whole_number(text, *, money=False):
    """The whole number ``text`` writes (plain or grouped digits; with
    ``money``, "đồng", "đ", "VNĐ" or "₫" after it), or None."""
    text = text.strip()
    if money:
        text = _DONG.sub("", text, count=1)
    if _GROUPED.fullmatch(text):
        text = re.sub(r"[^0-9]", "", text)
    # a number too long for any column is still a number: said to be too large
    return int(text) if _DIGITS.fullmatch(text) else None


# Excel keeps a date as the number of days since 30/12/1899 and writes that
# number when the column is not formatted as a date: 45839 is 01/07/2025.
_EXCEL_SERIAL = re.compile(r"[0-9]{5}")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)


def _excel_date(value):
    """The date an Excel serial number (five digits) stands for, or None."""
    text = str(value).strip() if isinstance(value, str | int) else ""
    if isinstance(value, bool) or not _EXCEL_SERIAL.fullmatch(text):
        return None
    return _EXCEL_EPOCH + datetime.timedelta(days=int(text))


def _parse_date(text):
    """The date ``text`` writes as YYYY-MM-DD or DD/MM/YYYY; None when written
    otherwise; ValueError saying why when so written but no such day exists
    (29 February of a common year, month 13): a file is checked, never a 500."""
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _VN_DATE.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    else:
        return None
    if not 1 <= month <= 12:
        raise ValueError(_("there is no month %(month)s") % {"month": month})
    if year < datetime.MINYEAR:
        raise ValueError(_("there is no year %(year)s") % {"year": year})
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValueError(
            _("month %(month)s/%(year)s has no day %(day)s (it has %(days)s days)")
            % {"month": month, "year": year, "day": day, "days": days}
        )
    return datetime.date(year, month, day)


# Steps copied from the national database: “Bước 1: …”, sometimes all in one cell.
_STEP_START = re.compile(r"(?m)^\s*(?=bước\s*\d{1,3}\s*[:.)\-–—])", re.IGNORECASE)


def _split_steps(text):
    return [part for part in _STEP_START.split(text) if part.strip()]


@dataclass
class Planned:
    """What one good row will write: the procedure (new, or the stored one
    updated), its field (maybe new) and its children, all unsaved."""

    procedure: Procedure
    field: Field
    steps: list
    channels: list
    dossier_items: list
    legal_bases: list

    def children_by_column(self):
        return (
            ("steps", self.steps),
            ("channels", self.channels),
            ("dossier", self.dossier_items),
            ("legal_bases", self.legal_bases),
        )

    def record(self):
        return opendata.record_of(
            self.procedure,
            self.field.name,
            self.steps,
            self.channels,
            self.dossier_items,
            self.legal_bases,
        )


def _code(checker):
    value = checker.data.get("code")
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        example = str(value) if code_validator.regex.match(str(value)) else "1.001193"
        checker.fail(
            "code",
            _(
                'the code is text: write it in double quotes (e.g. "%(example)s"), '
                "not as the number %(value)s"
            )
            % {"example": example, "value": value},
        )
        return ""
    code = _code_of(checker.text("code", Procedure))
    if ("code", None) in checker.failed:
        return ""  # not text: said once
    if not code:
        checker.fail("code", _("the code is missing"))
        return ""
    try:
        code_validator(code)
    except ValidationError as error:
        checker.fail("code", " ".join([*error.messages, *_excel_hint(code)]))
    return code


def _excel_hint(code):
    """What Excel may have made of a code it read as a number, as a list of
    one hint (or none): 1.001193 became 1001193 (the dot read as a thousands
    separator, as in Vietnam), 1,001193 or 1.001.193 (a decimal comma, digits
    grouped), or 1.00119 (its last zeros dropped)."""
    digits = re.sub(r"[.,\s]", "", code)
    if re.fullmatch(r"[0-9.,\s]+", code) and len(digits) == 7:
        meant = f"{digits[0]}.{digits[1:]}"
        if meant == code:  # written as meant: the hint would name it twice
            return []
        return [
            _(
                "Excel may have turned the code into a number (%(code)s for "
                "%(meant)s): format the column as Text before typing or pasting, "
                "then write the code again."
            )
            % {"code": code, "meant": meant}
        ]
    if re.fullmatch(r"[0-9][.,][0-9]{1,5}", code):
        return [
            _(
                "Excel may have turned the code into a number and dropped its "
                "last zeros: format the column as Text before typing or pasting."
            )
        ]
    return []


def _field(checker, fields):
    """The Field the record names: a stored one, or a new one (unsaved, shared
    by every row that names it)."""
    name = " ".join(checker.text("field", Field, "name").split())
    if not name:
        checker.fail("field", _("the field (lĩnh vực) is missing"))
        return None
    found = fields.get(fold(name))
    if found is None:
        found = Field(name=name, slug=slug_from(name, 200))
        if not found.slug:
            checker.fail("field", _("the field name has no letters"))
            return None
        fields[fold(name)] = found
    return found


def _keywords(checker):
    """One keyword per line, as the model stores them."""
    value = checker.data.get("keywords")
    if value in (None, ""):
        return ""
    if not isinstance(value, list):
        checker.fail(
            "keywords", _("must be a list of texts, not %(value)s") % _shown(value)
        )
        return ""
    limit = _limit(Procedure, "keywords")
    keywords = []
    for keyword in value:
        keyword = checker.value_text("keywords", keyword, limit=limit)
        if "\n" in keyword or KEYWORD_SEPARATOR in keyword:
            checker.fail(
                "keywords",
                _("the keyword “%(keyword)s” holds a line break or “%(sep)s”")
                % {"keyword": keyword[:40], "sep": KEYWORD_SEPARATOR},
            )
        elif keyword.strip():
            keywords.append(keyword.strip())
    return "\n".join(dict.fromkeys(keywords))


def _procedure(checker, current):
    """The stored procedure of the record's code (updated in place) or a new
    one, holding the record's own columns."""
    code = _code(checker)
    procedure = current.get(code) or Procedure(code=code)
    for key in opendata.TEXT_KEYS:
        setattr(procedure, key, checker.text(key, Procedure))
    data = checker.data
    procedure.level = checker.choice(
        "level", data.get("level"), Procedure.Level.values, Procedure.Level.COMMUNE
    )
    procedure.online_level = checker.choice(
        "online_level",
        data.get("online_level"),
        Procedure.OnlineLevel.values,
        Procedure.OnlineLevel.NONE,
    )
    procedure.status = checker.choice(
        "status", data.get("status"), Procedure.Status.values, Procedure.Status.ACTIVE
    )
    procedure.decision_date = checker.date("decision_date", data.get("decision_date"))
    procedure.desk_checked_on = checker.date(
        "desk_checked_on", data.get("desk_checked_on")
    )
    procedure.posted_at_desk = checker.flag(
        "posted_at_desk", data.get("posted_at_desk")
    )
    procedure.keywords = _keywords(checker)
    return procedure


def _steps(checker):
    limit = _limit(Step, "text")
    return [
        checker.read("steps", index, Step(text=text))
        for index, value in checker.items("steps")
        for text in _split_steps(
            checker.value_text("steps", value, _item(index), limit=limit)
        )
    ]


def _channels(checker):
    channels = []
    for index, item in checker.items("channels"):
        channel = Channel(
            kind=checker.choice(
                "channels",
                item.get("kind"),
                Channel.Kind.values,
                "",
                _item(index, "kind"),
            ),
            fee_amount=checker.count(
                "channels",
                item.get("fee_amount"),
                AMOUNT,
                _item(index, "fee_amount"),
                money=True,
            ),
        )
        for attr in ("processing_time", "fee", "description"):
            setattr(channel, attr, checker.part("channels", item, index, Channel, attr))
        channels.append(checker.read("channels", index, channel))
    kinds = [c.kind for c in channels]
    if len(kinds) != len(set(kinds)):
        checker.fail("channels", _("each way to file may appear once"))
    return channels


FORM_KINDS = ("pdf", "doc", "docx", "xls", "xlsx")


def _form_file(checker, name, item):
    """A stored form file of the site: a name in the folder where dossier forms
    are stored, never another file of the server or another upload."""
    folder = DossierItem._meta.get_field("form_file").upload_to
    if (
        not name.startswith(folder)
        or ".." in name.split("/")
        or "\\" in name
        or not kind_of_name(name, FORM_KINDS)
    ):
        checker.fail(
            "dossier",
            _("“%(name)s” is not a form file of this site (they are in “%(folder)s”)")
            % {"name": name, "folder": folder},
            item,
        )
        return ""
    if not default_storage.exists(name):
        checker.fail(
            "dossier",
            _("the form file “%(name)s” is not stored on this site") % {"name": name},
            item,
        )
        return ""
    return name


def _dossier(checker):
    items = []
    for index, item in checker.items("dossier"):
        dossier_item = DossierItem()
        for attr in ("case", "name", "form_name", "form_url", "note"):
            setattr(
                dossier_item,
                attr,
                checker.part("dossier", item, index, DossierItem, attr),
            )
        dossier_item.presented = checker.flag(
            "dossier", item.get("presented"), _item(index, "presented")
        )
        for attr, default in (("originals", 1), ("copies", 0)):
            value = checker.count(
                "dossier", item.get(attr), SMALL_COUNT, _item(index, attr)
            )
            setattr(dossier_item, attr, default if value is None else value)
        form_file = checker.part("dossier", item, index, DossierItem, "form_file")
        if form_file:
            dossier_item.form_file.name = _form_file(
                checker, form_file, _item(index, "form_file")
            )
        items.append(checker.read("dossier", index, dossier_item))
    return items


def names_form_files(rows):
    """Whether the file speaks of form files at all: a dossier item of some row
    has a ``form_file`` key (the site's own export always writes one; the
    national database's records never do)."""
    return any(
        isinstance(item, dict) and "form_file" in item
        for row in rows
        if isinstance(row.record, dict) and isinstance(row.record.get("dossier"), list)
        for item in row.record["dossier"]
    )


def _component(case, name):
    """What identifies a dossier component within its procedure: its case and
    its name, letter case, accents, spacing and punctuation aside."""
    return (fold(case or ""), fold(name or ""))


def keep_form_files(items, stored):
    """Give each of the new dossier ``items`` without a form file the one the
    stored component it stands for has (``stored``: the stored record's
    dossier): the component of the same case and name, else of the same case
    and form name. For a file that does not speak of form files
    (``names_form_files``), whose dossier would otherwise drop them."""
    by_name, by_form = {}, {}
    for old in stored:
        if old["form_file"]:
            by_name.setdefault(_component(old["case"], old["name"]), old["form_file"])
            if old["form_name"]:
                key = _component(old["case"], old["form_name"])
                by_form.setdefault(key, old["form_file"])
    for item in items:
        if item.form_file:
            continue
        found = by_name.get(_component(item.case, item.name))
        if found is None and item.form_name:
            found = by_form.get(_component(item.case, item.form_name))
        if found:
            item.form_file.name = found


def _legal_bases(checker):
    bases = []
    for index, item in checker.items("legal_bases"):
        basis = LegalBasis(
            issued_on=checker.date(
                "legal_bases", item.get("issued_on"), _item(index, "issued_on")
            )
        )
        for attr in ("number", "summary", "issuer"):
            setattr(
                basis, attr, checker.part("legal_bases", item, index, LegalBasis, attr)
            )
        bases.append(checker.read("legal_bases", index, basis))
    return bases


def _model_rules(checker, instance, exclude, where):
    """The model's own rules (required values, code and address formats …);
    ``where(attr)`` → (column, item) of each problem."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as error:
        for attr, messages in error.message_dict.items():
            checker.fail(*where(attr, " ".join(messages).rstrip(".")))


def build(row, fields, current):
    """The ``Planned`` writes of one row, or ``RowProblems`` with every problem.
    ``fields``: folded name → Field; ``current``: code → the stored Procedure."""
    if not isinstance(row.record, dict):
        raise RowProblems([Problem("", _("the record is not an object"))])
    checker = RecordChecker(row)
    for key in sorted(set(row.record) - set(opendata.FIELDNAMES), key=str):
        checker.fail("", _("unknown column “%(key)s”") % {"key": key})
    for message in _repeated(row.record):
        checker.fail("", message)
    planned = Planned(
        procedure=_procedure(checker, current),
        field=_field(checker, fields),
        steps=_steps(checker),
        channels=_channels(checker),
        dossier_items=_dossier(checker),
        legal_bases=_legal_bases(checker),
    )
    # A legal basis's date stored before "not in the future" came stands while
    # it is unchanged (its rows are replaced, so say what was stored).
    stored = getattr(planned.procedure, "stored_legal_bases", {})
    for basis in planned.legal_bases:
        if basis.number in stored:
            basis.stored_dates({"issued_on": stored[basis.number]})

    # The model's rules (a required value, an address …) on the values read
    # right: a row is reported with every problem, a wrong type among them.
    def own(attr, message):
        return (attr if attr in opendata.FIELDNAMES else "", message)

    wrong = [key for key, item in checker.failed if item is None]
    _model_rules(checker, planned.procedure, ["field", *wrong], own)
    if planned.field is not None and planned.field.pk is None:
        _model_rules(checker, planned.field, ["slug"], lambda a, m: ("field", m))
    for key, children in planned.children_by_column():
        numbers = checker.numbers.get(key, [])
        for index, child in zip(numbers, children, strict=True):

            def where(attr, message, key=key, index=index):
                part = None if attr == "__all__" else attr
                return (key, message, _item(index, part))

            wrong = [
                attr
                for attr in CHILD_KEYS.get(key, ())
                if (key, _item(index, attr)) in checker.failed
            ]
            _model_rules(checker, child, ["procedure", *wrong], where)
    checker.raise_problems()
    return planned


# --- The report ------------------------------------------------------------------


class ImportRow:
    """What the import makes of one row; ``outcome``: NEW, CHANGED, UNCHANGED, ERROR."""

    NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"
    LABELS = {
        NEW: gettext_lazy("New"),
        CHANGED: gettext_lazy("Changed"),
        UNCHANGED: gettext_lazy("Unchanged"),
        ERROR: gettext_lazy("Error"),
    }

    def __init__(self, row, outcome, problems=(), changes=None):
        record = row.record if isinstance(row.record, dict) else {}
        self.label = row.label
        self.anchor = f"import-row-{row.number}"  # its row in the preview's table
        self.code = _plain(record.get("code"))
        self.name = _plain(record.get("name"))
        self.outcome = outcome
        self.changes = changes  # import_changes.Changes of a CHANGED row
        self.message = "; ".join(
            f"{row.where(p.key)}: {p.message}" if p.key else p.message for p in problems
        )

    @property
    def outcome_label(self):
        return self.LABELS[self.outcome]


def _plain(value):
    return value[:200] if isinstance(value, str) else ""


class ImportReport:
    def __init__(self):
        self.rows = []  # ImportRow, in file order
        self.planned = []  # Planned, for the new and changed rows
        self.created = []
        self.updated = []
        self.unchanged = []
        self.by_record = False  # JSON records (“Record N”), not CSV rows (“Row N”)
        self.missing_columns = []  # columns no row has: empty in every row
        self.held = False  # not written: its losses were not accepted

    @property
    def losses(self):
        """The changed rows that empty a part or change the status."""
        return [r for r in self.rows if r.changes and r.changes.losses]

    @property
    def losses_key(self):
        return import_changes.losses_key(self.rows)

    @property
    def missing_column_labels(self):
        return [import_changes.column_label(key) for key in self.missing_columns]

    @property
    def error_rows(self):
        return [r for r in self.rows if r.outcome == ImportRow.ERROR]

    @property
    def errors(self):
        """(row label, message) of each bad row."""
        return [(r.label, r.message) for r in self.error_rows]

    @property
    def rows_bad_first(self):
        """The rows as the preview lists them: the bad ones first (one bad row
        among 2,000 is not to be looked for), then the others, in file order."""
        return self.error_rows + [r for r in self.rows if r.outcome != ImportRow.ERROR]

    @property
    def ok(self):
        return not self.errors

    @property
    def changes(self):
        return len(self.created) + len(self.updated)

    def summary(self):
        return _("%(created)s new, %(updated)s updated, %(unchanged)s unchanged.") % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
        }


def _comparable(record):
    return {k: v for k, v in record.items() if k not in opendata.READ_ONLY}


def _date_or_none(iso):
    return datetime.date.fromisoformat(iso) if iso else None


def check(rows, progress=None):
    """Check every row against the stored procedures; an ``ImportReport``. Reads
    the database in a few queries whatever the number of rows; writes nothing."""
    report = ImportReport()
    report.by_record = bool(rows) and rows[0].is_record
    report.missing_columns = import_changes.missing_columns(rows)
    fields = {fold(f.name): f for f in Field.objects.all()}
    codes = {
        _code_of(r.record["code"])
        for r in rows
        if isinstance(r.record, dict) and isinstance(r.record.get("code"), str)
    }
    current = {p.code: p for p in Procedure.objects.filter(code__in=codes)}
    before = {
        p.code: _comparable(opendata.serialize(p))
        for p in Procedure.objects.with_parts().filter(code__in=codes)
    }
    for code, procedure in current.items():
        procedure.stored_legal_bases = {
            basis["number"]: _date_or_none(basis["issued_on"])
            for basis in before.get(code, {}).get("legal_bases", ())
        }
    keep_forms = not names_form_files(rows)
    seen = {}
    for index, row in enumerate(rows, start=1):
        try:
            planned = build(row, fields, current)
            code = planned.procedure.code
            if code in seen:
                raise RowProblems(
                    [
                        Problem(
                            "code",
                            _("the code %(code)s is repeated (first at %(first)s)")
                            % {"code": code, "first": seen[code]},
                        )
                    ]
                )
            seen[code] = row.label
        except RowProblems as bad:
            report.rows.append(ImportRow(row, ImportRow.ERROR, bad.problems))
            continue
        if keep_forms and code in before:
            keep_form_files(planned.dossier_items, before[code]["dossier"])
        after = _comparable(planned.record())
        changes = None
        if code not in before:
            report.created.append(code)
            report.planned.append(planned)
            outcome = ImportRow.NEW
        elif before[code] == after:
            report.unchanged.append(code)
            outcome = ImportRow.UNCHANGED
        else:
            report.updated.append(code)
            report.planned.append(planned)
            outcome = ImportRow.CHANGED
            changes = import_changes.changes_of(before[code], after)
        report.rows.append(ImportRow(row, outcome, changes=changes))
        if progress:
            progress(index, len(rows), code)
    return report
