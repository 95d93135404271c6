"""Write the civil-status declaration forms shipped with the demo listing
(procedures/demo_data/forms/*.docx) from their published text.

The forms are those annexed to Thông tư số 04/2020/TT-BTP of the Ministry of
Justice (tờ khai đăng ký khai sinh, kết hôn, khai tử, đăng ký lại khai sinh, cấp
Giấy xác nhận tình trạng hôn nhân, cấp bản sao trích lục hộ tịch): the wording,
the numbered notes and the layout of the published form, in Word so that a
citizen can fill them in on a computer or print them blank. The demo loads them
through the portal's upload check like any file staff would attach.

Usage: .venv/bin/python scripts/make_demo_forms.py   (rewrites the files)
"""

import datetime
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

OUT = Path(__file__).resolve().parent.parent / "procedures/demo_data/forms"
WIDTH = Mm(165)  # A4 less 30 mm left and 15 mm right margins
SOURCE = (
    "Mẫu ban hành kèm theo Thông tư số 04/2020/TT-BTP ngày 28/5/2020 của Bộ Tư pháp"
)
RESIDENCE_NOTE = (
    "Ghi theo nơi đăng ký thường trú, nếu không có nơi đăng ký thường trú thì ghi "
    "theo nơi đăng ký tạm trú; trường hợp không có nơi đăng ký thường trú và nơi "
    "đăng ký tạm trú thì ghi theo nơi đang sinh sống."
)
IDENTITY_NOTE = (
    "Ghi thông tin về giấy tờ tùy thân như: hộ chiếu, chứng minh nhân dân hoặc giấy "
    "tờ hợp lệ thay thế (ví dụ: Chứng minh nhân dân số 001089123 do Công an thành "
    "phố Hà Nội cấp ngày 20/10/2014)."
)
COPIES_NOTE = "Đề nghị đánh dấu X vào ô nếu có yêu cầu cấp bản sao và ghi rõ số lượng."
PROMISE = (
    "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm "
    "trước pháp luật về cam đoan của mình."
)

# Who asks: the opening lines of every declaration.
REQUESTER = [
    ("fields", "Kính gửi: (1)"),
    ("fields", "Họ, chữ đệm, tên người yêu cầu:"),
    ("fields", "Nơi cư trú: (2)"),
    ("fields", "Giấy tờ tùy thân: (3)"),
]


def birth_lines(parent_year):
    """The child and the parents, as on the birth declarations."""
    lines = [
        ("fields", "Họ, chữ đệm, tên:"),
        ("fields", "Ngày, tháng, năm sinh:", "ghi bằng chữ:"),
        ("fields", "Giới tính:", "Dân tộc:", "Quốc tịch:"),
        ("fields", "Nơi sinh: (4)"),
        ("fields", "Quê quán:"),
    ]
    for parent in ("mẹ", "cha"):
        lines += [
            ("fields", f"Họ, chữ đệm, tên người {parent}:"),
            ("fields", parent_year, "Dân tộc:", "Quốc tịch:"),
            ("fields", "Nơi cư trú: (2)"),
        ]
    return lines


# Each form: file name, title, body (a list of lines), notes. A line is a tuple:
# ("fields", label, …) one row of labels each followed by a dotted space;
# ("text", words) / ("bold", words); ("table", header, rows) for two parties;
# ("copies", n) the "Đề nghị cấp bản sao" line with its note number;
# ("sign", role) or ("sign2", left role, right role).
FORMS = [
    (
        "to-khai-dang-ky-khai-sinh.docx",
        "TỜ KHAI ĐĂNG KÝ KHAI SINH",
        [
            *REQUESTER,
            ("fields", "Quan hệ với người được khai sinh:"),
            ("bold", "Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:"),
            *birth_lines("Năm sinh: (5)"),
            (
                "text",
                "Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự "
                "thật, được sự thỏa thuận nhất trí của các bên liên quan theo quy định "
                "pháp luật.",
            ),
            (
                "text",
                "Tôi chịu hoàn toàn trách nhiệm trước pháp luật về nội dung cam đoan "
                "của mình.",
            ),
            ("sign", "Người yêu cầu"),
            ("copies", 6),
        ],
        [
            "Ghi rõ tên cơ quan đăng ký khai sinh.",
            RESIDENCE_NOTE,
            IDENTITY_NOTE,
            "Trường hợp trẻ em sinh tại cơ sở y tế, thì ghi tên cơ sở y tế và địa chỉ "
            "trụ sở cơ sở y tế đó; trường hợp trẻ em sinh ngoài cơ sở y tế, thì ghi "
            "địa danh hành chính cấp xã, cấp huyện, cấp tỉnh nơi trẻ em sinh ra; nếu "
            "trẻ em sinh ra ở nước ngoài, thì ghi tên thành phố, tên nước nơi trẻ em "
            "sinh ra.",
            "Ghi đầy đủ ngày, tháng, năm sinh của cha, mẹ nếu có thông tin.",
            COPIES_NOTE,
        ],
    ),
    (
        "to-khai-dang-ky-ket-hon.docx",
        "TỜ KHAI ĐĂNG KÝ KẾT HÔN",
        [
            ("fields", "Kính gửi: (3)"),
            (
                "table",
                ("Thông tin", "Bên nữ", "Bên nam"),
                [
                    "Họ, chữ đệm, tên",
                    "Ngày, tháng, năm sinh",
                    "Dân tộc",
                    "Quốc tịch",
                    "Nơi cư trú (4)",
                    "Giấy tờ tùy thân (5)",
                    "Kết hôn lần thứ mấy",
                ],
            ),
            (
                "text",
                "Chúng tôi cam đoan những lời khai trên đây là đúng sự thật, việc kết "
                "hôn của chúng tôi là tự nguyện, không vi phạm quy định của Luật Hôn "
                "nhân và gia đình Việt Nam.",
            ),
            (
                "text",
                "Chúng tôi chịu trách nhiệm trước pháp luật về cam đoan của mình.",
            ),
            ("text", "Đề nghị Quý cơ quan đăng ký."),
            ("sign2", "Bên nữ", "Bên nam"),
            ("copies", 6),
        ],
        [
            (
                "(1), (2)",
                "Trường hợp làm thủ tục đăng ký kết hôn có yếu tố nước ngoài, thì "
                "phải dán ảnh của hai bên nam, nữ.",
            ),
            "Ghi rõ tên cơ quan đăng ký kết hôn.",
            RESIDENCE_NOTE,
            IDENTITY_NOTE,
            COPIES_NOTE,
        ],
    ),
    (
        "to-khai-dang-ky-khai-tu.docx",
        "TỜ KHAI ĐĂNG KÝ KHAI TỬ",
        [
            *REQUESTER,
            ("fields", "Quan hệ với người đã chết:"),
            ("bold", "Đề nghị cơ quan đăng ký khai tử cho người có tên dưới đây:"),
            ("fields", "Họ, chữ đệm, tên:"),
            ("fields", "Ngày, tháng, năm sinh:"),
            ("fields", "Giới tính:", "Dân tộc:", "Quốc tịch:"),
            ("fields", "Nơi cư trú cuối cùng: (2)"),
            ("fields", "Giấy tờ tùy thân: (3)"),
            ("fields", "Đã chết vào lúc:", "giờ", "phút, ngày"),
            ("fields", "Nơi chết: (4)"),
            ("fields", "Nguyên nhân chết:"),
            ("fields", "Số Giấy báo tử/Giấy tờ thay thế Giấy báo tử: (5)", "do"),
            ("fields", "cấp ngày"),
            ("text", PROMISE),
            ("sign", "Người yêu cầu"),
            ("copies", 6),
        ],
        [
            "Ghi rõ tên cơ quan đăng ký khai tử.",
            RESIDENCE_NOTE,
            IDENTITY_NOTE,
            "Trường hợp chết tại cơ sở y tế thì ghi tên cơ sở y tế và địa chỉ trụ sở "
            "cơ sở y tế đó; trường hợp chết ngoài cơ sở y tế thì ghi địa danh hành "
            "chính cấp xã, cấp huyện, cấp tỉnh nơi người đó chết.",
            "Ghi theo số, ngày cấp và tên cơ quan cấp Giấy báo tử hoặc giấy tờ thay "
            "thế Giấy báo tử.",
            COPIES_NOTE,
        ],
    ),
    (
        "to-khai-dang-ky-lai-khai-sinh.docx",
        "TỜ KHAI ĐĂNG KÝ LẠI KHAI SINH",
        [
            *REQUESTER,
            ("fields", "Quan hệ với người được khai sinh:"),
            ("bold", "Đề nghị cơ quan đăng ký lại khai sinh cho người dưới đây:"),
            *birth_lines("Năm sinh:"),
            ("fields", "Đã đăng ký khai sinh tại: (5)"),
            ("fields", "ngày", "tháng", "năm"),
            (
                "text",
                "Tôi cam đoan đã đăng ký khai sinh nhưng không lưu giữ được bản chính "
                "Giấy khai sinh và Sổ hộ tịch không còn lưu giữ.",
            ),
            ("text", PROMISE),
            ("sign", "Người yêu cầu"),
            ("copies", 6),
        ],
        [
            "Ghi rõ tên cơ quan đăng ký lại khai sinh.",
            RESIDENCE_NOTE,
            IDENTITY_NOTE,
            "Ghi nơi sinh như đã đăng ký khai sinh trước đây.",
            "Ghi tên cơ quan đã đăng ký khai sinh trước đây.",
            COPIES_NOTE,
        ],
    ),
    (
        "to-khai-cap-giay-xac-nhan-tinh-trang-hon-nhan.docx",
        "TỜ KHAI CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
        [
            *REQUESTER,
            (
                "fields",
                "Quan hệ với người được cấp Giấy xác nhận tình trạng hôn nhân:",
            ),
            (
                "bold",
                "Đề nghị cấp Giấy xác nhận tình trạng hôn nhân cho người có tên dưới "
                "đây:",
            ),
            ("fields", "Họ, chữ đệm, tên:"),
            ("fields", "Ngày, tháng, năm sinh:"),
            ("fields", "Giới tính:", "Dân tộc:", "Quốc tịch:"),
            ("fields", "Nơi cư trú: (2)"),
            ("fields", "Giấy tờ tùy thân: (3)"),
            ("fields", "Tình trạng hôn nhân: (4)"),
            ("fields", ""),
            ("fields", "Mục đích sử dụng Giấy xác nhận tình trạng hôn nhân: (5)"),
            ("fields", ""),
            ("text", PROMISE),
            ("sign", "Người yêu cầu"),
        ],
        [
            "Ghi rõ tên cơ quan cấp Giấy xác nhận tình trạng hôn nhân.",
            RESIDENCE_NOTE,
            IDENTITY_NOTE,
            "Đối với người chưa bao giờ kết hôn thì ghi “Chưa kết hôn với ai”. Đối với "
            "người đang có vợ/chồng thì ghi “Hiện tại đang có vợ/chồng là bà/ông … "
            "(Giấy chứng nhận kết hôn số …, do … cấp ngày … tháng … năm …)”. Đối với "
            "người đã kết hôn nhưng đã ly hôn hoặc người kia đã chết thì ghi “Có đăng "
            "ký kết hôn, nhưng đã ly hôn theo Bản án/Quyết định số … ngày … của Tòa án "
            "nhân dân …; hiện tại chưa kết hôn với ai” hoặc “Có đăng ký kết hôn với "
            "bà/ông …, nhưng vợ/chồng đã chết (Giấy chứng tử/Trích lục khai tử số … do "
            "… cấp ngày … tháng … năm …); hiện tại chưa kết hôn với ai”.",
            "Ghi rõ mục đích sử dụng Giấy xác nhận tình trạng hôn nhân. Trường hợp sử "
            "dụng để kết hôn thì ghi rõ họ tên, năm sinh, quốc tịch, giấy tờ tùy thân "
            "của người dự định kết hôn và nơi dự định đăng ký kết hôn.",
        ],
    ),
    (
        "to-khai-cap-ban-sao-trich-luc-ho-tich.docx",
        "TỜ KHAI CẤP BẢN SAO TRÍCH LỤC HỘ TỊCH",
        [
            *REQUESTER,
            (
                "fields",
                "Quan hệ với người được cấp bản sao trích lục hộ tịch:",
            ),
            ("bold", "Đề nghị cấp bản sao trích lục hộ tịch về (4)"),
            ("fields", "cho người có tên dưới đây:"),
            ("fields", "Họ, chữ đệm, tên:"),
            ("fields", "Ngày, tháng, năm sinh:"),
            ("fields", "Giới tính:", "Dân tộc:", "Quốc tịch:"),
            ("fields", "Nơi cư trú: (2)"),
            ("fields", "Giấy tờ tùy thân: (3)"),
            ("fields", "Đã đăng ký tại:"),
            ("fields", "ngày", "tháng", "năm"),
            ("fields", "Số:", "Quyển số:"),
            ("fields", "Số lượng bản sao đề nghị cấp:"),
            ("text", PROMISE),
            ("sign", "Người yêu cầu"),
        ],
        [
            "Ghi rõ tên cơ quan cấp bản sao trích lục hộ tịch.",
            RESIDENCE_NOTE,
            IDENTITY_NOTE,
            "Ghi rõ loại việc hộ tịch đã đăng ký trước đây, ví dụ: khai sinh, kết "
            "hôn, khai tử.",
        ],
    ),
]


def _font(run, size=13, bold=False, italic=False):
    run.font.name = "Times New Roman"
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    return run


def _paragraph(doc_or_cell, text="", *, align=None, size=13, bold=False, italic=False):
    paragraph = doc_or_cell.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(3)
    if align is not None:
        paragraph.alignment = align
    if text:
        _font(paragraph.add_run(text), size, bold, italic)
    return paragraph


def _borders(cell, *, visible):
    """Show or hide the four borders of a table cell."""
    properties = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single" if visible else "nil")
        if visible:
            edge.set(qn("w:sz"), "6")
            edge.set(qn("w:color"), "000000")
        borders.append(edge)
    properties.append(borders)


def _motto(container):
    _paragraph(
        container,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        bold=True,
    )
    motto = _paragraph(
        container,
        "Độc lập - Tự do - Hạnh phúc",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=14,
        bold=True,
    )
    motto.paragraph_format.space_after = Pt(0)
    _paragraph(container, "───────────────", align=WD_ALIGN_PARAGRAPH.CENTER, size=9)


def _header(doc, with_photos):
    if not with_photos:
        _motto(doc)
        return
    table = doc.add_table(rows=1, cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (Mm(30), Mm(105), Mm(30))
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = width
    left, middle, right = table.rows[0].cells
    for cell, text in ((left, "Ảnh chồng\n(1)"), (right, "Ảnh vợ\n(2)")):
        _borders(cell, visible=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for _ in range(2):
            cell.add_paragraph()
        _paragraph(cell, text, align=WD_ALIGN_PARAGRAPH.CENTER, size=11, italic=True)
    _borders(middle, visible=False)
    middle.paragraphs[0].text = ""
    _motto(middle)


def _fields(doc, labels):
    """Labels on one line, each followed by a dotted leader up to the next."""
    paragraph = _paragraph(doc)
    stops = paragraph.paragraph_format.tab_stops
    for index in range(len(labels)):
        stops.add_tab_stop(
            int(WIDTH * (index + 1) / len(labels)),
            WD_TAB_ALIGNMENT.LEFT
            if index + 1 < len(labels)
            else WD_TAB_ALIGNMENT.RIGHT,
            WD_TAB_LEADER.DOTS,
        )
    for label in labels:
        _font(paragraph.add_run(f"{label} " if label else ""))
        _font(paragraph.add_run("\t"))


def _parties_table(doc, header, rows):
    table = doc.add_table(rows=1 + len(rows), cols=3, style="Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(cell.paragraphs[0].add_run(text), bold=True)
    for row, label in zip(table.rows[1:], rows, strict=True):
        _font(row.cells[0].paragraphs[0].add_run(label))
        for cell in row.cells[1:]:
            cell.paragraphs[0].add_run("\n")
    for row in table.rows:
        for cell, width in zip(row.cells, (Mm(55), Mm(55), Mm(55)), strict=True):
            cell.width = width
    _paragraph(doc)


def _place_and_date(container):
    _paragraph(
        container,
        "Làm tại: ………………, ngày …… tháng …… năm ………",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        italic=True,
    )


def _signature(container, role):
    _paragraph(container, role, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _paragraph(
        container,
        "(Ký, ghi rõ họ, chữ đệm, tên)",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        italic=True,
    )
    for _ in range(3):
        _paragraph(container)


def _sign(doc, roles):
    """Place, date and signature on the right; for two parties, the place and
    date above two signatures side by side."""
    if len(roles) == 2:
        _place_and_date(doc)
    cells = doc.add_table(rows=1, cols=2).rows[0].cells
    if len(roles) == 1:
        _place_and_date(cells[1])
        _signature(cells[1], roles[0])
    else:
        for cell, role in zip(cells, roles, strict=True):
            _signature(cell, role)


def _copies(doc, number):
    paragraph = _paragraph(doc)
    _font(paragraph.add_run("Đề nghị cấp bản sao"))
    _font(paragraph.add_run(f"({number})")).font.superscript = True
    _font(paragraph.add_run(": Có ☐, Không ☐        Số lượng: ……… bản"))


def _notes(doc, notes):
    """The numbered notes; a note given as (label, text) covers several numbers."""
    _paragraph(doc, "Chú thích:", size=11, bold=True, italic=True)
    number = 0
    for note in notes:
        if isinstance(note, tuple):
            label, note = note
            number += label.count("(")
        else:
            number += 1
            label = f"({number})"
        paragraph = _paragraph(doc, f"{label} {note}", size=11, italic=True)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def build(title, lines, notes):
    doc = Document()
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    _header(doc, with_photos=any(line[0] == "table" for line in lines))
    heading = _paragraph(
        doc, title, align=WD_ALIGN_PARAGRAPH.CENTER, size=14, bold=True
    )
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.space_after = Pt(12)
    for kind, *parts in lines:
        if kind == "fields":
            _fields(doc, parts)
        elif kind in ("text", "bold"):
            paragraph = _paragraph(doc, parts[0], bold=kind == "bold")
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif kind == "table":
            _parties_table(doc, *parts)
        elif kind in ("sign", "sign2"):
            _sign(doc, parts)
        elif kind == "copies":
            _copies(doc, parts[0])
    _notes(doc, notes)
    properties = doc.core_properties
    properties.title = title.capitalize()
    properties.subject = SOURCE
    properties.author = "Bộ Tư pháp"
    properties.keywords = "hộ tịch; tờ khai; Thông tư 04/2020/TT-BTP"
    stamp = datetime.datetime(2020, 5, 28)
    properties.created = properties.modified = stamp
    properties.revision = 1
    return doc


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for file_name, title, lines, notes in FORMS:
        build(title, lines, notes).save(OUT / file_name)
        print(OUT / file_name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
