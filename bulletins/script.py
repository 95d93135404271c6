"""The loudspeaker script: a bulletin body rewritten for the ear.

Announcers read what is written, so the script has no tables, no links or
addresses, abbreviations spelled out ("UBND" → "Ủy ban nhân dân") and dates
said in full ("06/01/2021" → "ngày 06 tháng 01 năm 2021"). Staff may edit the
result; an empty script is derived again from the body.
"""

import math
import re
from html.parser import HTMLParser

# Longest first where one abbreviation contains another (HĐND before HĐ…).
ABBREVIATIONS = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "CCHC": "cải cách hành chính",
    "TTHC": "thủ tục hành chính",
    "CBCCVC": "cán bộ, công chức, viên chức",
    "CBCC": "cán bộ, công chức",
    "BCĐ": "Ban Chỉ đạo",
    "DVC": "dịch vụ công",
    "DVCTT": "dịch vụ công trực tuyến",
    "BHYT": "bảo hiểm y tế",
    "BHXH": "bảo hiểm xã hội",
    "CCCD": "căn cước công dân",
    "GCN": "giấy chứng nhận",
    "QSDĐ": "quyền sử dụng đất",
    "TDP": "tổ dân phố",
    "THCS": "trung học cơ sở",
    "THPT": "trung học phổ thông",
    "VH-XH": "văn hóa – xã hội",
    "PAKN": "phản ánh, kiến nghị",
    "Tp.": "thành phố",
}
# Who issued a numbered document ("02/KH-UBND", "356/2025/NĐ-CP"): the number is
# read, the type code is dropped (the sentence names the type), the issuer said.
ISSUERS = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "BNV": "Bộ Nội vụ",
}
WORDS_PER_MINUTE = 140  # Vietnamese announcers read about 130–150 words a minute

_ABBREVIATION = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w-])"
)
_DATE = re.compile(r"(?<![\d/])(ngày\s+)?(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_DOCUMENT_NUMBER = re.compile(
    r"\b(\d+)/(?:(\d{4})/)?(?:[A-ZĐ]+-)?(QH\d*|[A-ZĐ][A-Za-zĐ]*)(?![\w-])"
)
_URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_SPACES = re.compile(r"[ \t\xa0]+")
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "br", "div"}
_SKIPPED = {"table", "script", "style", "figure", "img"}


class _TextForEar(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self.skipping += tag not in ("img", "br")
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - (tag not in ("img", "br")))
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def _say_date(match):
    day, month, year = match.group(2), match.group(3), match.group(4)
    return f"ngày {int(day):02d} tháng {int(month):02d} năm {year}"


def _say_document_number(match):
    number, year, issuer = match.groups()
    if issuer.startswith("QH"):
        said = "của Quốc hội" + (f" khóa {issuer[2:]}" if issuer[2:] else "")
    else:
        said = f"của {ISSUERS.get(issuer, issuer)}"
    return f"{number}{f' năm {year}' if year else ''} {said}"


def spell_out(text: str) -> str:
    """Abbreviations, dates and document numbers spelled out; web and mail
    addresses dropped."""
    text = _URL.sub("", text)
    text = _EMAIL.sub("", text)
    text = _DATE.sub(_say_date, text)
    text = _DOCUMENT_NUMBER.sub(_say_document_number, text)
    return _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1)], text)


def script_from_html(html: str) -> str:
    """A script for the ear from a bulletin body: one paragraph per block, no
    tables, links kept as their words only."""
    parser = _TextForEar()
    parser.feed(html or "")
    parser.close()
    lines = []
    for raw in "".join(parser.parts).split("\n"):
        line = _SPACES.sub(" ", spell_out(raw)).strip()
        if line:
            lines.append(line)
    return "\n\n".join(lines)


def word_count(text: str) -> int:
    return len((text or "").split())


def reading_seconds(text: str) -> int:
    """Estimated reading time aloud, at WORDS_PER_MINUTE."""
    return math.ceil(word_count(text) * 60 / WORDS_PER_MINUTE)
