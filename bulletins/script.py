"""The loudspeaker script: a bulletin body rewritten for the ear.

Announcers (and text-to-speech) read what is written, so the script has no
tables and no symbols a listener cannot hear: abbreviations are spelled out
("UBND" → "Ủy ban nhân dân"), dates, times, percentages and amounts said in
words a reader cannot stumble on ("06/01/2021" → "ngày 06 tháng 01 năm 2021",
"15h30" → "15 giờ 30 phút", "98%" → "98 phần trăm", "200.000 đồng" → "200 nghìn
đồng"), document numbers said as a document is named on air ("Kế hoạch số
02/KH-UBND" → "Kế hoạch số 02 của Ủy ban nhân dân", the issuer only when the
sentence does not name it already), phone numbers digit by digit, web and mail
addresses with "chấm" and "a còng". Staff may edit the result; an empty script is
derived again from the body.

The rules are general (patterns, and tables of document types and issuers from
NĐ 30/2020 Phụ lục III), not a list of known sentences:
tests/bulletins/test_script.py reads more than fifty real-style lines.
"""

import math
import re
from html.parser import HTMLParser

WORDS_PER_MINUTE = 140  # Vietnamese announcers read about 130–150 words a minute

# Abbreviations in running text. Keys are matched as whole words, case-sensitive.
ABBREVIATIONS = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "UBMTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "MTTQ": "Mặt trận Tổ quốc",
    "CCHC": "cải cách hành chính",
    "TTHC": "thủ tục hành chính",
    "CBCCVC": "cán bộ, công chức, viên chức",
    "CBCC": "cán bộ, công chức",
    "BCĐ": "Ban Chỉ đạo",
    "BCH": "Ban Chấp hành",
    "BTV": "Ban Thường vụ",
    "DVCQG": "Dịch vụ công quốc gia",
    "DVCTT": "dịch vụ công trực tuyến",
    "DVC": "dịch vụ công",
    "TTĐT": "thông tin điện tử",
    "GDMC": "giao dịch một cửa",
    "BPMC": "Bộ phận Một cửa",
    "TTPVHCC": "Trung tâm Phục vụ hành chính công",
    "PVHCC": "Phục vụ hành chính công",
    "HCC": "hành chính công",
    "BHYT": "bảo hiểm y tế",
    "BHXH": "bảo hiểm xã hội",
    "CCCD": "căn cước công dân",
    "CMND": "chứng minh nhân dân",
    "GCN": "giấy chứng nhận",
    "QSDĐ": "quyền sử dụng đất",
    "GPXD": "giấy phép xây dựng",
    "CSDL": "cơ sở dữ liệu",
    "TDP": "tổ dân phố",
    "KDC": "khu dân cư",
    "HTX": "hợp tác xã",
    "THCS": "trung học cơ sở",
    "THPT": "trung học phổ thông",
    "VH-XH": "văn hóa – xã hội",
    "VHXH": "văn hóa – xã hội",
    "KT-XH": "kinh tế – xã hội",
    "HN&GĐ": "hôn nhân và gia đình",
    "TN&MT": "tài nguyên và môi trường",
    "LĐTB&XH": "lao động – thương binh và xã hội",
    "PAKN": "phản ánh, kiến nghị",
    "NTM": "nông thôn mới",
    "ANTT": "an ninh trật tự",
    "ATGT": "an toàn giao thông",
    "PCCC": "phòng cháy, chữa cháy",
    "CNTT": "công nghệ thông tin",
    "CĐS": "chuyển đổi số",
    "ĐTN": "Đoàn Thanh niên",
    "TNCS": "Thanh niên Cộng sản",
    "LHPN": "Liên hiệp Phụ nữ",
    "HPN": "Hội Phụ nữ",
    "HND": "Hội Nông dân",
    "CCB": "Cựu chiến binh",
    "PCT": "Phó Chủ tịch",
    "NĐ": "Nghị định",
    "QĐ": "Quyết định",
    "NQ": "Nghị quyết",
    "TW": "Trung ương",
    "VN": "Việt Nam",
    "SĐT": "số điện thoại",
    "Đ/c": "Đồng chí",
    "đ/c": "đồng chí",
    "V/v": "Về việc",
    "v/v": "về việc",
    "Tp.": "thành phố",
    "TP.": "thành phố",
    "TP": "thành phố",
}
# Abbreviations that mean something only before what follows them.
_BEFORE = [
    (r"\bCT(?=\s+(?:UBND|HĐND|UBMTTQ|MTTQ|Ủy ban|Hội đồng)\b)", "Chủ tịch"),
    (r"\bTT(?=\s+(?:số\s+)?\d)", "Thông tư"),
    (r"\bCT(?=\s+(?:số\s+)?\d)", "Chỉ thị"),
    (r"\bKH(?=\s+(?:số\s+)?\d)", "Kế hoạch"),
    (r"\bQL(?=\s?\d)", "Quốc lộ "),
    (r"\bĐT(?=\s*:)", "Điện thoại"),
    (r"\bĐT(?=\s+[1-9]\d{1,3}\b)", "đường tỉnh"),
]

# Document types (NĐ 30/2020 Phụ lục III and the legal-document types).
DOCUMENT_TYPES = {
    "NQ": "Nghị quyết",
    "NĐ": "Nghị định",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
    "KL": "Kết luận",
    "VBHN": "Văn bản hợp nhất",
}
# Issuers, said after "của". Codes ending in a number (QH13) carry the term.
ISSUERS = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "VPCP": "Văn phòng Chính phủ",
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "TW": "Ban Chấp hành Trung ương",
    "TU": "Tỉnh ủy",
    "HU": "Huyện ủy",
    "ĐU": "Đảng ủy",
    "BCĐ": "Ban Chỉ đạo",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "MTTQ": "Mặt trận Tổ quốc",
    "BNV": "Bộ Nội vụ",
    "BTP": "Bộ Tư pháp",
    "BTC": "Bộ Tài chính",
    "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng",
    "BYT": "Bộ Y tế",
    "BXD": "Bộ Xây dựng",
    "BCT": "Bộ Công Thương",
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "BKHCN": "Bộ Khoa học và Công nghệ",
    "BKHĐT": "Bộ Kế hoạch và Đầu tư",
    "BTNMT": "Bộ Tài nguyên và Môi trường",
    "BNNMT": "Bộ Nông nghiệp và Môi trường",
    "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
    "BLĐTBXH": "Bộ Lao động – Thương binh và Xã hội",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "SNV": "Sở Nội vụ",
    "STP": "Sở Tư pháp",
}
DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
UNITS = {
    "km2": "ki-lô-mét vuông",
    "km²": "ki-lô-mét vuông",
    "km": "ki-lô-mét",
    "m2": "mét vuông",
    "m²": "mét vuông",
    "m3": "mét khối",
    "m³": "mét khối",
    "ha": "héc-ta",
    "kg": "ki-lô-gam",
    "đ": "đồng",
    "VNĐ": "đồng",
    "VND": "đồng",
}
# Words after which "/" means "per": "2.000 đồng/trang".
PER_WORDS = (
    "trang|bản|bản sao|lượt|người|hộ|hồ sơ|trường hợp|hợp đồng|giao dịch|lần|năm|"
    "tháng|ngày|tuần|giờ|km|m2|kg|ha|suất|tháng"
)

_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*)$")


def _at_sentence_start(text, position):
    return bool(_SENTENCE_START.search(text[:position]))


def _capitalised(words):
    return words[:1].upper() + words[1:]


def _roman(numeral):
    """The value of a Roman numeral up to 89, or None."""
    values = [ROMAN_VALUES[c] for c in numeral]
    total = sum(
        -v if i + 1 < len(values) and v < values[i + 1] else v
        for i, v in enumerate(values)
    )
    return total if 0 < total < 90 else None


def _number_words(value):
    """1–99 in words, as said: "mười lăm", "hai mươi mốt", "ba mươi tư"."""
    tens, units = divmod(value, 10)
    if not tens:
        return DIGITS[units]
    said = "mười" if tens == 1 else f"{DIGITS[tens]} mươi"
    if units == 1 and tens > 1:
        return f"{said} mốt"
    if units == 4 and tens > 1:
        return f"{said} tư"
    if units == 5:
        return f"{said} lăm"
    return f"{said} {DIGITS[units]}" if units else said


def _digits(text):
    return " ".join(DIGITS[int(d)] for d in text if d.isdigit())


# Web and mail addresses ------------------------------------------------------

_TLDS = r"(?:vn|com|net|org|gov|edu|info|int|io)"
_URL = re.compile(
    r"(?:https?://|\bwww\.)?\b(?P<host>(?:[A-Za-z0-9-]+\.)+" + _TLDS + r")\b"
    r"(?::\d+)?(?P<path>/[^\s<>\"]*?)?(?=[.,;:!?)]*(?:\s|$|<))",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\b[\w.+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}\b")


def _say_address(text):
    return (
        text.lower()
        .replace("@", " a còng ")
        .replace(".", " chấm ")
        .replace("_", " gạch dưới ")
        .replace("-", " gạch ngang ")
    )


def _say_url(match):
    host = match.group("host")
    if host.lower().startswith("www."):
        host = host[4:]
    return _say_address(host)


# Phone numbers ------------------------------------------------------------------

_PHONE = re.compile(r"(?<![\d./,-])(0\d{2,3}(?:[ .-]?\d{2,4}){1,3})(?![\d/]|[.,]\d)")
_LABELLED_PHONE = re.compile(
    r"(?P<label>(?:điện thoại|đường dây nóng|hotline|số máy|SĐT|ĐT|Điện thoại|"
    r"Đường dây nóng)\s*(?:số\s*)?:?\s*)(?P<number>\d[\d .]{1,14}\d)(?![\d/])",
    re.IGNORECASE,
)


def _say_phone(number):
    groups = re.split(r"[ .-]+", number.strip())
    return ", ".join(_digits(group) for group in groups if group)


# Long runs of digits (identity numbers, account numbers) are read digit by digit.
_LONG_NUMBER = re.compile(r"(?<![\d.,/])\d{8,}(?![\d.,/])")


def _phones(text):
    text = _LONG_NUMBER.sub(lambda m: _digits(m.group(0)), text)
    text = _LABELLED_PHONE.sub(
        lambda m: m.group("label") + _say_phone(m.group("number")), text
    )

    def phone(match):
        number = match.group(1)
        count = sum(c.isdigit() for c in number)
        return _say_phone(number) if 9 <= count <= 11 else number

    return _PHONE.sub(phone, text)


# Document numbers -------------------------------------------------------------

_CODE = r"[A-ZĐ][A-Za-zĐđ]+\d*"
_DOCUMENT = re.compile(
    r"(?P<label>\b[Ss]ố\s*:\s*)?"
    r"(?<![\w/.-])(?P<number>\d{1,5}[a-z]?)"
    r"(?:/(?P<year>(?:19|20)\d{2}))?"
    rf"/(?P<codes>{_CODE}(?:-{_CODE})*)"
    r"(?![\w/-])"
)
# Party documents: "18-NQ/TW", "05-CT/TU".
_PARTY_DOCUMENT = re.compile(
    r"(?P<label>\b[Ss]ố\s*:\s*)?(?<![\w/.-])(?P<number>\d{1,5})-(?P<codes>"
    rf"{_CODE}/{_CODE})(?![\w/-])"
)
_TYPE_NAMES = sorted(
    {name.lower() for name in DOCUMENT_TYPES.values()} | {"công văn", "luật"},
    key=len,
    reverse=True,
)
_NAMED_BEFORE = re.compile(
    r"(?:^|\s)(?P<type>"
    + "|".join(re.escape(n) for n in _TYPE_NAMES)
    + "|"
    + "|".join(re.escape(c) for c in sorted(DOCUMENT_TYPES, key=len, reverse=True))
    + r")(?P<so>\s+số)?\s*:?\s*$",
    re.IGNORECASE,
)
_ENDS_WITH_SO = re.compile(r"\bsố\s*:?\s*$", re.IGNORECASE)
_ISSUER_FOLLOWS = re.compile(
    r"^\s*,?\s*(?:(?:ngày|ban hành ngày)\s+\S+"
    r"(?:\s+tháng\s+\S+\s+năm\s+\d{4})?\s*,?\s*)?(?:của|do)\b",
    re.IGNORECASE,
)


def _issuer(code):
    match = re.fullmatch(r"(?P<body>[A-Za-zĐđ]+?)(?P<term>\d+)?", code)
    body, term = match.group("body"), match.group("term")
    name = ISSUERS.get(body)
    if name and term:
        name += f" khóa {term}"
    return name


def _sentence_around(match):
    """The sentence the match is in, without the match itself."""
    text, start, end = match.string, match.start(), match.end()
    begin = max(text.rfind(mark, 0, start) for mark in (".", "!", "?", "\n")) + 1
    ends = [i for i in (text.find(mark, end) for mark in ".!?\n") if i >= 0]
    return text[begin:start] + " " + text[end : min(ends, default=len(text))]


def _issuer_named(sentence, code, name):
    lower = sentence.lower()
    return code in sentence or name.split(" khóa")[0].lower() in lower


def _say_document(match, types_first):
    text = match.string
    number, year = match.group("number"), match.groupdict().get("year")
    codes = re.split(r"[-/]", match.group("codes"))
    kind = DOCUMENT_TYPES.get(codes[0]) if types_first else None
    issuers = codes[1:] if kind else codes[:1]
    if not kind and not year and _issuer(codes[0]):
        kind = "Công văn"
    if not types_first:  # party style: number-TYPE/ISSUER
        kind = DOCUMENT_TYPES.get(codes[0])
        issuers = codes[1:]
    before = text[: match.start()]
    if match.group("label"):
        lead = f"{kind} số " if kind else "Số "
        if not _at_sentence_start(text, match.start()):
            lead = lead[0].lower() + lead[1:] if not kind else lead
    elif named := _NAMED_BEFORE.search(before):
        lead = "" if named.group("so") else "số "
    elif _ENDS_WITH_SO.search(before):
        lead = ""
    else:
        lead = f"{kind} số " if kind else "số "
    said = f"{lead}{number}"
    if year:
        said += f" năm {year}"
    names = [(code, _issuer(code)) for code in issuers]
    names = [(code, name) for code, name in names if name]
    sentence = _sentence_around(match)
    follows = _ISSUER_FOLLOWS.match(text[match.end() :])
    if names and not follows:
        unsaid = [n for c, n in names if not _issuer_named(sentence, c, n)]
        if unsaid:
            said += " của " + " và ".join(unsaid)
    return said


def _documents(text):
    text = _PARTY_DOCUMENT.sub(lambda m: _say_document(m, False), text)
    return _DOCUMENT.sub(lambda m: _say_document(m, True), text)


# "NĐ 63/2010", "Thông tư 02/2017": a type named, then number/year.
_TYPED_NUMBER = re.compile(
    r"(?P<type>\b(?:"
    + "|".join(re.escape(n) for n in sorted(DOCUMENT_TYPES.values(), key=len))
    + "|"
    + "|".join(re.escape(c) for c in ("NĐ", "TT", "QĐ", "NQ", "CT", "KH"))
    + r"))\s+(?P<so>số\s+)?(?P<number>\d{1,5})/(?P<year>(?:19|20)\d{2})(?![\d/])"
)


def _typed_numbers(text):
    return _TYPED_NUMBER.sub(
        lambda m: f"{m.group('type')} số {m.group('number')} năm {m.group('year')}",
        text,
    )


# Dates and times ------------------------------------------------------------------

_DATE = re.compile(
    r"(?P<word>\b[Nn]gày\s+)?(?<![\d/.])(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})"
    r"[/.-](?P<year>(?:19|20)\d{2})(?![\d/])"
)
_DAY_MONTH = re.compile(
    r"(?P<lead>\b(?:[Nn]gày|[Tt]ừ|đến|và|[Ss]áng|[Tt]rưa|[Cc]hiều|[Tt]ối|[Đđ]êm|[Hh]ôm)"
    r"\s+|(?:[Tt]hứ\s+\w+|[Cc]hủ nhật)\s*,?\s*)(?P<word>ngày\s+)?"
    r"(?P<day>\d{1,2})/(?P<month>\d{1,2})(?![\d/])"
)
_MONTH_YEAR = re.compile(
    r"\b(?P<word>[Tt]háng)\s+(?P<month>\d{1,2})/(?P<year>(?:19|20)\d{2})(?![\d/])"
)
_QUARTER = re.compile(
    r"\b(?P<word>[Qq]uý|[Kk]hóa|[Kk]hoá|[Gg]iai đoạn|[Pp]hần|[Cc]hương|[Mm]ục|"
    r"[Đđ]ại hội|[Ll]ần thứ|[Kk]ỳ họp thứ)\s+(?P<roman>[IVXL]{1,6})\b"
    r"(?:/(?P<year>(?:19|20)\d{2}))?"
)
_TIME = re.compile(
    r"(?<![\d:/.,])(?P<hour>[01]?\d|2[0-3])\s?(?:h|g|:|giờ\s)\s?(?P<minute>[0-5]\d)?"
    r"(?:\s?(?:'|’|p\b|phút\b))?(?![\d:/])(?=\W|$)"
)


def _say_day_month(day, month):
    # NĐ 30/2020: day 1–9 and months 1–2 are written with a leading zero.
    month = int(month)
    return (
        f"{int(day):02d} tháng {month:02d}"
        if month < 3
        else (f"{int(day):02d} tháng {month}")
    )


def _say_date(match):
    word = match.group("word")
    lead = word.strip() + " " if word else "ngày "
    day_month = _say_day_month(match.group("day"), match.group("month"))
    return f"{lead}{day_month} năm {match.group('year')}"


def _say_day_month_match(match):
    lead = match.group("lead")
    word = match.group("word") or ("" if lead.strip().lower() == "ngày" else "ngày ")
    return f"{lead}{word}{_say_day_month(match.group('day'), match.group('month'))}"


def _say_time(match):
    hour, minute = int(match.group("hour")), match.group("minute")
    if minute and int(minute):
        return f"{hour} giờ {int(minute)} phút"
    return f"{hour} giờ"


def _say_roman(match):
    value = _roman(match.group("roman"))
    if value is None:
        return match.group(0)
    words = _number_words(value)
    if match.group("word").endswith("thứ"):  # ordinals: thứ nhất, thứ tư
        words = {1: "nhất", 4: "tư"}.get(value, words)
    said = f"{match.group('word')} {words}"
    if match.group("year"):
        said += f" năm {match.group('year')}"
    return said


def _dates(text):
    text = _DATE.sub(_say_date, text)
    text = _DAY_MONTH.sub(_say_day_month_match, text)
    text = _MONTH_YEAR.sub(r"\g<word> \g<month> năm \g<year>", text)
    text = _QUARTER.sub(_say_roman, text)
    return _TIME.sub(_say_time, text)


# Numbers, amounts, units ------------------------------------------------------------

_PERCENT = re.compile(r"(?P<number>\d+(?:[.,]\d+)?)\s?%")
_GROUPED = re.compile(r"(?<![\d.,/])\d{1,3}(?:\.\d{3})+(?![\d.]*\d)(?!,\d)")
_DECIMAL = re.compile(r"(?<=\d),(?=\d)")
_UNIT = re.compile(
    r"(?<=\d)\s?(?P<unit>"
    + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
    + r")(?![\w²³])"
)
_PER = re.compile(rf"(?<=\w)/(?=(?:{PER_WORDS})\b)")
_RANGE = re.compile(r"(\d|giờ|phút)\s*[–—-]\s*(?=\d|ngày\s|[Tt]hứ\s|[Cc]hủ nhật)")
_DAY_RANGE = re.compile(
    r"(\b[Tt]hứ\s+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy))\s*[–—-]\s*"
    r"(?=[Tt]hứ\s|[Cc]hủ nhật)"
)
# National procedure codes (1.001193) are read digit by digit.
_PROCEDURE_CODE = re.compile(r"(?<![\d.])\d\.\d{6}(?:\.[0-9A-Z]{1,10})*(?![\w])")
# A count written with a leading zero, before a word: “02 hội nghị”, “03 ngày”.
_PADDED_COUNT = re.compile(r"(?<![\w/.,:])0(\d)(?=\s+[^\W\d_])")
_NAMING_WORDS = {
    "số",
    "ngày",
    "tháng",
    "năm",
    "lần",
    "khóa",
    "kỳ",
    "đợt",
    "mẫu",
    "điều",
    "khoản",
    "mục",
    "lục",  # phụ lục
    "phòng",
    "tổ",
    "thôn",
    "xóm",
    "quý",
}
_ROUND_THE_CLOCK = re.compile(r"\b24/24\s?(?:h|giờ)\b")
_RATIO = re.compile(r"(?<![\w/.,])(\d+)/(\d+)(?![\w/]|[.,]\d)")
_SCALE = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ"]


def _say_grouped(match):
    groups = match.group(0).split(".")
    parts = []
    for index, group in enumerate(groups):
        value = int(group)
        scale = _SCALE[len(groups) - 1 - index]
        if value:
            parts.append(f"{value} {scale}".strip())
    return " ".join(parts) or "0"


def _numbers(text):
    text = _PERCENT.sub(lambda m: m.group("number") + " phần trăm", text)
    text = _UNIT.sub(lambda m: " " + UNITS[m.group("unit")], text)
    text = _PROCEDURE_CODE.sub(
        lambda m: " chấm ".join(
            _digits(part) if part.isdigit() else part for part in m.group(0).split(".")
        ),
        text,
    )
    text = _GROUPED.sub(_say_grouped, text)
    text = _DECIMAL.sub(" phẩy ", text)
    text = _ROUND_THE_CLOCK.sub("24 trên 24 giờ", text)
    text = _RATIO.sub(r"\1 trên \2", text)
    text = _PER.sub(" một ", text)
    text = _RANGE.sub(r"\1 đến ", text)
    text = _DAY_RANGE.sub(r"\1 đến ", text)
    return _PADDED_COUNT.sub(_say_count, text)


def _say_count(match):
    """“02 hội nghị” is said “2 hội nghị” (documents write counts under ten with
    a zero); a number that names something keeps it: “số 02”, “ngày 05”,
    “tháng 01”, “mẫu 02”."""
    before = match.string[: match.start()].split()
    if before and before[-1].lower().strip("(") in _NAMING_WORDS:
        return match.group(0)
    return match.group(1)


# Abbreviations --------------------------------------------------------------------

_ABBREVIATION = re.compile(
    r"(?<![\w&/-])("
    + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w&-]|(?<=[^.])/\w)"
)
# "(UBND)" after the full name only helps a reader: not said.
_DEFINITION = re.compile(r"\s*\((?:[A-ZĐ][A-Za-zĐđ&-]*[A-ZĐ]|[A-ZĐ]{2,})\)")
_BEFORE_PATTERNS = [(re.compile(p), words) for p, words in _BEFORE]


def _abbreviations(text):
    text = _DEFINITION.sub("", text)
    for pattern, words in _BEFORE_PATTERNS:
        text = pattern.sub(words, text)

    def expand(match):
        words = ABBREVIATIONS[match.group(1)]
        if _at_sentence_start(match.string, match.start()):
            return _capitalised(words)
        return words

    return _ABBREVIATION.sub(expand, text)


# Putting it together ------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[-–•+*]|\(\*\))\s+")
_SPACES = re.compile(r"[ \t\xa0]+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?])")
_AMPERSAND = re.compile(r"\s&\s")


def spell_out(text: str) -> str:
    """One line of text as it should be read aloud."""
    text = _BULLET.sub("", text)
    text = _EMAIL.sub(lambda m: _say_address(m.group(0)), text)
    text = _URL.sub(_say_url, text)
    text = _phones(text)
    text = _documents(text)
    text = _typed_numbers(text)
    text = _dates(text)
    text = _numbers(text)
    text = _abbreviations(text)
    text = _AMPERSAND.sub(" và ", text)
    text = _SPACES.sub(" ", text)
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text).strip()


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


def script_from_html(html: str) -> str:
    """A script for the ear from a bulletin body: one paragraph per block, no
    tables, links kept as their words only."""
    parser = _TextForEar()
    parser.feed(html or "")
    parser.close()
    lines = []
    for raw in "".join(parser.parts).split("\n"):
        line = spell_out(_SPACES.sub(" ", raw))
        if line:
            lines.append(line)
    return "\n\n".join(lines)


def word_count(text: str) -> int:
    return len((text or "").split())


def reading_seconds(text: str) -> int:
    """Estimated reading time aloud, at WORDS_PER_MINUTE."""
    return math.ceil(word_count(text) * 60 / WORDS_PER_MINUTE)
