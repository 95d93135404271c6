"""Period reports of a plan: the dashboard's figures for a period, as a Word
document in the NĐ 30/2020 layout (Phụ lục I), an Excel workbook and CSV.

A report is built from a ``PeriodReport`` (saved by staff, or unsaved with the
defaults for a quick look): its number, date, addressees, narrative sections and
signer; the issuer's names are those in force on the date of issue (today for a
draft), from the commune profile's history. Its figures and annex are those
kept when it was issued (``PeriodReport.figures_as_issued``), or, for a draft,
computed when it is made (``report_figures``): every format is drawn from the
same ``report_figures`` lines.
"""

import copy
import datetime
import io
import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from thachha_portal import spreadsheets
from thachha_portal.addresses import site_address
from thachha_portal.dates import date_writer, format_date
from thachha_portal.models import CommuneProfile
from thachha_portal.text import document_date, lower_first, slug_from

from . import periods as P
from . import report_figures
from .models import PeriodReport
from .selectors import summary


@dataclass
class Report:
    draft: PeriodReport
    window: P.Period
    rows: list  # report_figures.Line, one a KPI
    activities: list  # report_figures.ActivityLine
    names: object  # thachha_portal.models.UnitNames on the date of issue
    today: object
    now: object = None  # the moment it was made (aware)

    @property
    def plan(self):
        return self.draft.plan

    @property
    def summary(self):
        return summary(self.rows)

    @property
    def period_text(self):
        return self.window.label

    @property
    def subject(self):
        return self.draft.subject or _(
            "Results of the communication work on administrative reform, %(p)s"
        ) % {"p": self.period_text}

    @property
    def basis_text(self):
        return _("Figures from %(start)s to %(end)s (%(how)s).") % {
            "start": format_date(self.window.start),
            "end": format_date(self.window.last_day),
            "how": P.basis_text(self.window.cutoff),
        }

    @property
    def number_text(self):
        return self.draft.document_number or "      /BC-UBND"

    @property
    def date_line(self):
        if self.draft.issued_on:
            when = document_date(self.draft.issued_on)
        else:
            when = f"ngày      tháng      năm {self.today.year}"
        return f"{self.names.place_name}, {when}"

    @property
    def title(self):
        """The file's title: “Báo cáo kết quả thực hiện công tác … năm 2026”."""
        return f"Báo cáo {lower_first(self.subject)}"

    @property
    def filename(self):
        parts = ["bao-cao"]
        if self.draft.document_number:
            parts.append("so-" + slug_from(self.draft.document_number))
        parts.append(slug_from(self.period_text))
        parts.append("ky-15-den-14" if self.window.cutoff else "thang-duong-lich")
        return "-".join(parts)


def build(draft, *, now=None):
    """The Report of ``draft`` (a PeriodReport, saved or not): an issued
    report's figures and annex as kept when it was issued, a draft's computed
    now, with the records behind them."""
    now = now or timezone.now()
    today = P.local_today(now)
    names = CommuneProfile.current().names_on(draft.issued_on or today)
    figures = draft.figures_as_issued
    if figures is None:
        figures = report_figures.compute(draft, now=now, names=names)
    window, rows, activities = report_figures.read(figures)
    return Report(draft, window, rows, activities, names, today, now)


def new_report_url(plan, kind, year, number):
    """The admin's form for a new report of the period, filled in."""
    return (
        reverse("admin:plans_periodreport_add")
        + f"?plan={plan.pk}&period={P.choice_of(kind, number)}&year={year}"
    )


def draft_for(plan, kind, year, number=1):
    """An unsaved report with the defaults: addressed to the superior body in
    force today, signed on behalf of the committee by its Chairman."""
    today = P.local_today()
    names = CommuneProfile.current().names_on(today)
    return PeriodReport(
        plan=plan,
        kind=kind,
        year=year,
        number=number,
        addressees=names.parent_full_name,
        signing=PeriodReport.Signing.CHAIR,
    )


# --- the figures as rows, the same in every format --------------------------------

FIGURE_HEADERS = (
    "STT",
    "Chỉ tiêu",
    "Mức chỉ tiêu",
    "Nguồn của mức chỉ tiêu",
    "Kết quả",
    "Diễn giải",
    "Đánh giá",
)
EVIDENCE_HEADERS = (
    "Chỉ tiêu",
    "Kỳ",
    "Loại",
    "Ngày",
    "Nội dung",
    "Chi tiết",
    "Tài liệu kiểm chứng",
    "Đường dẫn",
)
ACTIVITY_HEADERS = (
    "Ngày",
    "Loại",
    "Tên hoạt động",
    "Địa điểm",
    "Người tham dự",
    "Số lượng",
    "Lượt tiếp cận",
    "Phụ trách",
    "Tài liệu kiểm chứng",
)


def figure_rows(report):
    """(STT, KPI, target, its source, figure, the figure in words, assessment);
    a share's figure written “67%” (the workbook then writes the number,
    shown as a percentage)."""
    for index, row in enumerate(report.rows, start=1):
        yield (
            index,
            row.name,
            row.target,
            row.source,
            row.figure,
            row.text,
            str(row.status_label),
        )


def as_text(rows):
    """``rows`` with their dates and moments written as people read them
    (15/10/2026, 20/10/2026 08:00 in Vietnam time): Word and CSV show text; the
    workbook keeps them dates (``spreadsheets.write_cell``)."""
    written = date_writer()
    for values in rows:
        yield [
            written(value) if isinstance(value, datetime.date) else value
            for value in values
        ]


def _link(url):
    return site_address(url) if url else ""


def record_row(cell, record):
    """(period, kind, date, what, details, evidence, link) of one record; the
    date a date or an aware moment (``as_text`` writes it for Word and CSV)."""
    return (
        cell.period.title,
        str(record.kind),
        record.date,
        record.title,
        record.detail,
        record.evidence,
        _link(record.url),
    )


def evidence_rows(report):
    """A row for every record behind the figures, its KPI first."""
    for row in report.rows:
        for cell in row.cells:
            for record in cell.records:
                yield (row.name, *record_row(cell, record))


def activity_rows(report):
    for activity in report.activities:
        yield (
            activity.held_on,
            activity.kind,
            activity.title,
            "; ".join(activity.places),
            activity.participants,
            activity.quantity,
            activity.reach,
            activity.responsible,
            activity.evidence,
        )


# --- Word: NĐ 30/2020 Phụ lục I ---------------------------------------------------

TEXT_WIDTH_MM = 165  # A4 less 30 mm left and 20 mm … 15 mm right margins
ISSUER_WIDTH_MM = 65
MOTTO_WIDTH_MM = TEXT_WIDTH_MM - ISSUER_WIDTH_MM
BODY_SIZE = Pt(14)
INDENT = Cm(1.27)
# Columns of the KPI table (STT, KPI, target, source, figure, in words,
# assessment) and of the annex (STT, KPI, period, kind, date, content, details,
# evidence): the text width together.
FIGURE_WIDTHS_MM = (12, 40, 26, 22, 15, 30, 20)
EVIDENCE_WIDTHS_MM = (12, 29, 17, 20, 18, 31, 22, 16)


def to_docx(report):
    document = Document()
    _page_setup(document.sections[0])
    _page_numbers(document.sections[0])
    _base_style(document)
    _header_block(document, report)
    _title_block(document, report)
    _addressees(document, report)
    _body(document, report)
    _signature_block(document, report)
    _annex(document, report)
    _properties(document.core_properties, report)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _properties(properties, report):
    """The file's own properties (File → Info in Word) are the report's, not
    python-docx's template's (author “python-docx”, made on 23/12/2013): the
    issuing committee by its name on the date of issue, the title and subject,
    made and saved now."""
    made = (report.now or timezone.now()).astimezone(datetime.UTC)
    properties.author = properties.last_modified_by = report.names.name
    properties.title = report.title
    properties.subject = report.subject
    properties.identifier = report.draft.document_number
    properties.comments = ""
    properties.keywords = "cải cách hành chính; tuyên truyền; báo cáo"
    properties.language = "vi-VN"
    properties.created = properties.modified = made.replace(tzinfo=None)
    properties.revision = 1


def _page_setup(section):
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = Mm(30)
    section.right_margin = Mm(15)
    section.header_distance = Mm(10)


def _page_numbers(section, *, restart=False):
    """Arabic page numbers centred in the top margin, none on the first page."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.size = Pt(14)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None)):
        if kind:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)
        else:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
    paragraph.add_run("2").font.size = Pt(14)
    end = paragraph.add_run()
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), "end")
    end._r.append(mark)
    section.first_page_header.is_linked_to_previous = False
    if restart:
        numbering = OxmlElement("w:pgNumType")
        numbering.set(qn("w:start"), "1")
        section._sectPr.append(numbering)


def _base_style(document):
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = BODY_SIZE
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(6)
    style.paragraph_format.line_spacing = 1.15


def _line(container, text, *, bold=False, italic=False, size=13, align="center"):
    """A single-spaced line (header blocks, signature, tables)."""
    paragraph = container.add_paragraph()
    paragraph.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    return paragraph


def _rule(container, length_mm, width_mm, *, space_before=1):
    """A short solid rule of ``length_mm`` centred in a box ``width_mm`` wide: an
    empty paragraph with a top border, indented on both sides."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(space_before), Pt(0)
    fmt.line_spacing = 1.0
    margin = Mm(max(0, (width_mm - length_mm) / 2))
    fmt.left_indent = fmt.right_indent = margin
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1")):
        top.set(qn(f"w:{name}"), value)
    top.set(qn("w:color"), "000000")
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)
    paragraph.add_run().font.size = Pt(2)
    return paragraph


def _borderless_table(document, widths_mm, rows=1):
    """A table without borders whose cells are empty (``_line`` fills them)."""
    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fixed_widths(table, widths_mm)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return table


# The order of a table's properties in the schema (w:tblPr): a child goes before
# those that follow it.
TABLE_PROPERTIES = (
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)


def _fixed_widths(table, widths_mm, *, padding=False):
    """The columns' widths in the table grid and the table's width too, and no
    cell padding at the sides unless ``padding`` (the layout is fixed: ``autofit
    = False``): LibreOffice, and Word when it recomputes, lays a table out from
    its grid, not from the cells' widths."""
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    properties = table._tbl.tblPr
    later = TABLE_PROPERTIES
    for old in properties.findall(qn("w:tblW")) + properties.findall(
        qn("w:tblCellMar")
    ):
        properties.remove(old)
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(int(Mm(sum(widths_mm)).twips)))
    total.set(qn("w:type"), "dxa")
    properties.insert_element_before(total, *later[later.index("w:tblW") + 1 :])
    if padding:
        return
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.insert_element_before(margins, *later[later.index("w:tblCellMar") + 1 :])


def _header_block(document, report):
    """Ô 1–4: the issuer (its superior body may be abbreviated, the issuer never
    is) with a rule, the national name and motto with a rule as long as the
    motto, the number, and the place and date."""
    table = _borderless_table(document, (ISSUER_WIDTH_MM, MOTTO_WIDTH_MM), rows=2)
    issuer, motto = table.rows[0].cells
    if report.names.parent_name:
        _line(issuer, report.names.parent_name.upper())
    for text in report.names.issuer_lines:
        _line(issuer, text, bold=True)
    _rule(issuer, 22, ISSUER_WIDTH_MM, space_before=2)
    _line(motto, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)
    _line(motto, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13)
    _rule(motto, 60, MOTTO_WIDTH_MM, space_before=2)
    number, dateline = table.rows[1].cells
    _line(number, f"Số: {report.number_text}")
    _line(dateline, report.date_line, italic=True, size=14)


def _title_block(document, report):
    """Ô 5a: the kind of document and the subject, bold; a long subject on two
    balanced lines; below it, a little apart, a short centred rule 2/5 as long as
    its longest line (NĐ 30/2020: a third to a half)."""
    document.add_paragraph().paragraph_format.space_after = Pt(0)
    _line(document, "BÁO CÁO", bold=True, size=14)
    lines = subject_lines(report.subject, keep=report.period_text)
    title = _line(document, lines[0], bold=True, size=14)
    for line in lines[1:]:
        run = title.add_run()
        run.add_break(WD_BREAK.LINE)
        run.add_text(line)
        run.bold, run.font.size = True, Pt(14)
    longest = max(_width_mm(line, 14) for line in lines)
    _rule(document, max(30, 0.4 * longest), TEXT_WIDTH_MM, space_before=6)


# Words of two syllables a subject line never breaks inside, and the width of a
# character of Times New Roman bold, in mm per point of size (measured: 2.15 mm
# at 14 pt over the report subjects).
SUBJECT_WORDS = (
    "Kết quả",
    "thực hiện",
    "công tác",
    "tuyên truyền",
    "cải cách",
    "hành chính",
    "Ủy ban",
    "nhân dân",
)
CHAR_MM_PER_PT = 0.154
NBSP = "\u00a0"
WORD_JOINT = "\x00"  # only while choosing a break


def _width_mm(text, size):
    return len(text) * CHAR_MM_PER_PT * size


def subject_lines(text, *, keep="", width_mm=TEXT_WIDTH_MM, size=14):
    """The subject as it is set: one line if it fits, else two lines of about the
    same length, broken between words — never inside ``keep`` (the period, “năm
    2026”), a word of ``SUBJECT_WORDS`` or a year and the word before it — so no
    line is left with the year alone. Spaces that must not break are
    non-breaking."""
    glued = text.replace(keep, keep.replace(" ", NBSP)) if keep else text
    glued = re.sub(r" (\d{4})\b", NBSP + r"\1", glued)
    if _width_mm(text, size) <= 0.92 * width_mm:
        return [glued]
    for word in SUBJECT_WORDS:  # kept whole while choosing where to break
        glued = glued.replace(word, word.replace(" ", WORD_JOINT))
    words = glued.split(" ")
    best = None
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        widths = (_width_mm(first, size), _width_mm(second, size))
        if max(widths) > width_mm:
            continue
        if best is None or abs(widths[0] - widths[1]) < best[0]:
            best = (abs(widths[0] - widths[1]), [first, second])
    lines = best[1] if best else [glued]  # longer than two lines: Word wraps it
    return [line.replace(WORD_JOINT, " ") for line in lines]


def _addressees(document, report):
    """Ô 9a: “Kính gửi: X.” on one line; several on their own lines, each with a
    dash, aligned under the colon."""
    lines = report.draft.addressee_lines
    if not lines:
        return
    document.add_paragraph().paragraph_format.space_after = Pt(0)
    if len(lines) == 1:
        _line(document, f"Kính gửi: {lines[0]}.", size=14)
        return
    table = _borderless_table(document, (55, TEXT_WIDTH_MM - 55))
    label, names = table.rows[0].cells
    _line(label, "Kính gửi:", size=14, align="right")
    for index, line in enumerate(lines):
        end = "." if index == len(lines) - 1 else ";"
        paragraph = _line(names, f"- {line}{end}", size=14, align="left")
        paragraph.paragraph_format.left_indent = Mm(2)  # a space after the colon


def _paragraph(document, text, *, bold=False, italic=False):
    """Body text (ô 6): justified, first line indented 1.27 cm, 6 pt apart."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = INDENT
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    return paragraph


def _text_block(document, text, placeholder="…"):
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    for paragraph in paragraphs or [placeholder]:
        _paragraph(document, " ".join(paragraph.split("\n")))


def _intro(report):
    plan = report.plan
    issued = f" ngày {format_date(plan.issued_on)}" if plan.issued_on else ""
    about = plan.title[:1].lower() + plan.title[1:]
    return (
        f"Thực hiện Kế hoạch số {plan.number}{issued} của {plan.issuer} về {about}, "
        f"{report.names.name} báo cáo kết quả thực hiện {report.period_text} như "
        f"sau (số liệu từ ngày {format_date(report.window.start)} đến ngày "
        f"{format_date(report.window.last_day)}, {P.basis_text(report.window.cutoff)}):"
    )


def _body(document, report):
    document.add_paragraph().paragraph_format.space_after = Pt(0)
    _paragraph(document, _intro(report))
    _paragraph(document, "I. KẾT QUẢ THỰC HIỆN", bold=True)
    _paragraph(document, "1. Đánh giá chung", bold=True)
    _text_block(document, report.draft.overview)
    _paragraph(document, "2. Kết quả thực hiện các chỉ tiêu", bold=True)
    _kpi_results(document, report)
    _paragraph(document, "3. Các hoạt động tuyên truyền trong kỳ", bold=True)
    _activity_list(document, report)
    _paragraph(document, "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", bold=True)
    _paragraph(document, "1. Tồn tại, hạn chế", bold=True)
    missed = [r.name for r in report.rows if r.status == "missed"]
    if missed and not report.draft.shortcomings.strip():
        _paragraph(document, "Chỉ tiêu không đạt trong kỳ: " + "; ".join(missed) + ".")
    _text_block(document, report.draft.shortcomings)
    _paragraph(document, "2. Nguyên nhân", bold=True)
    _text_block(document, report.draft.causes)
    _paragraph(document, "III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI", bold=True)
    _text_block(document, report.draft.next_tasks)
    _paragraph(document, "IV. ĐỀ XUẤT, KIẾN NGHỊ", bold=True)
    _text_block(document, report.draft.proposals)
    closing = _paragraph(
        document,
        "Trên đây là báo cáo kết quả thực hiện công tác tuyên truyền cải cách hành "
        f"chính {report.period_text} của {report.names.name}./.",
    )
    _keep_with_next(closing)  # the signature never stands alone on a page


def _kpi_results(document, report):
    counts = report.summary
    _paragraph(
        document,
        f"Kế hoạch có {counts['total']} chỉ tiêu; trong kỳ: đạt {counts['met']}, "
        f"đang thực hiện {counts['progress']}, không đạt {counts['missed']}, chưa "
        f"đến hạn {counts['notdue']} (chi tiết tại bảng dưới đây; tài liệu kiểm "
        "chứng tại Phụ lục kèm theo).",
    )
    for index, row in enumerate(report.rows, start=1):
        _paragraph(
            document,
            f"{index}) {row.name}: {row.text}; mức chỉ tiêu: "
            f"{row.target} ({lower_first(row.source)}); "
            f"đánh giá: {str(row.status_label).lower()}.",
        )
    _grid(
        document,
        FIGURE_HEADERS,
        list(figure_rows(report)),
        size=11,
        widths_mm=FIGURE_WIDTHS_MM,
    )
    document.add_paragraph().paragraph_format.space_after = Pt(0)


def _activity_list(document, report):
    if not report.activities:
        _paragraph(document, "Trong kỳ chưa ghi nhận hoạt động tuyên truyền nào.")
    for activity in report.activities:
        text = f"- Ngày {format_date(activity.held_on)}: {activity.title}"
        text += f" ({activity.kind}){_activity_figures(activity)}"
        if activity.evidence:
            text += f"; tài liệu kiểm chứng: {activity.evidence}"
        _paragraph(document, text + ".")


def _activity_figures(activity):
    parts = []
    if activity.places:
        parts.append("tại " + ", ".join(activity.places))
    if activity.participants:
        parts.append(f"{activity.participants} người tham dự")
    if activity.quantity:
        parts.append(f"số lượng {activity.quantity}")
    if activity.reach:
        parts.append(f"{activity.reach} lượt tiếp cận")
    return (", " + ", ".join(parts)) if parts else ""


def _grid(document, headers, rows, *, size, widths_mm):
    """A table with borders, its columns ``widths_mm`` wide (together the text
    width), the header row bold, centred and repeated on every page.

    The first body row is made through python-docx; every other one is a copy
    of it with its own texts. Made cell by cell, the evidence annex of a year
    at province scale (6,500 rows) took 13.5 s, most of it python-docx looking
    up where each new element goes; copied, the same XML in 0.5 s."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fixed_widths(table, widths_mm, padding=True)
    header = table.rows[0]
    _unsplit(header)
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, text in zip(header.cells, headers, strict=True):
        _cell_text(cell, text, size=size, bold=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _sized(header, widths_mm)
    texts = (
        ["" if value is None else str(value) for value in row] for row in as_text(rows)
    )
    first = next(texts, None)
    if first is None:
        return table
    model = table.add_row()
    _unsplit(model)  # and so every row, copied from it
    for cell, text in zip(model.cells, first, strict=True):
        _cell_text(cell, text, size=size)
    _sized(model, widths_mm)
    blank = copy.deepcopy(model._tr)
    for run in blank.iter(qn("w:r")):  # one a cell (_cell_text): its format kept
        run.clear_content()
    for values in texts:
        row = copy.deepcopy(blank)
        for run, text in zip(row.iter(qn("w:r")), values, strict=True):
            if _PLAIN.fullmatch(text):
                run.add_t(text)  # what Run.text makes of it, without its parser
            else:
                run.text = text  # tabs and line breaks as Word's own elements
        table._tbl.append(row)
    return table


_PLAIN = re.compile(r"[^\t\r\n]+")

# The order of a table row's properties in the schema (w:trPr).
ROW_PROPERTIES_AFTER_CANT_SPLIT = (
    "w:trHeight",
    "w:tblHeader",
    "w:tblCellSpacing",
    "w:jc",
    "w:hidden",
    "w:ins",
    "w:del",
    "w:trPrChange",
)


def _unsplit(row):
    """The row is never broken across pages (w:cantSplit): it moves whole to
    the next page, as a word processor's “allow row to break across pages”
    unticked. A KPI's row read half on one page, half on the next."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn("w:cantSplit")) is None:
        properties.insert_element_before(
            OxmlElement("w:cantSplit"), *ROW_PROPERTIES_AFTER_CANT_SPLIT
        )


def _keep_with_next(paragraph):
    """``paragraph`` whole on one page, and on the same page as the next one."""
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.keep_together = True
    return paragraph


def _sized(row, widths_mm):
    for cell, width in zip(row.cells, widths_mm, strict=True):
        cell.width = Mm(width)


def _cell_text(cell, text, *, size, bold=False):
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def signature_lines(report):
    """Ô 7a–7b: “TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH”, or for a Vice-Chairman
    “TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH”."""
    lines = []
    if report.names.collective_body:
        lines.append(f"TM. {report.names.collective_body}")
    if report.draft.signing == PeriodReport.Signing.VICE_CHAIR:
        lines += ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    else:
        lines.append("CHỦ TỊCH")
    return lines


def _signature_block(document, report):
    """Ô 7 and 9b side by side, one block (NĐ 30/2020 Phụ lục I, II: the
    authority, the title, the space to sign and the name together, on the page
    where the text ends): a row that never breaks across pages, its lines kept
    together, and the text's closing paragraph kept with it (``_body``), so
    that when it does not fit it moves to the next page with the end of the
    text, never leaving the name alone on a page."""
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_after = Pt(0)
    _keep_with_next(spacer)
    table = _borderless_table(document, (80, TEXT_WIDTH_MM - 80))
    _unsplit(table.rows[0])
    recipients, signature = table.rows[0].cells
    _line(recipients, "Nơi nhận:", bold=True, italic=True, size=12, align="left")
    lines = ["Như trên"] if report.draft.addressee_lines else []
    lines += report.draft.recipient_lines
    for line in lines:
        _line(recipients, f"- {line};", size=11, align="left")
    _line(recipients, "- Lưu: VT.", size=11, align="left")
    for line in signature_lines(report):
        _line(signature, line, bold=True, size=14)
    for _blank in range(4):
        _line(signature, "", size=14)
    _line(signature, report.draft.signer_name, bold=True, size=14)
    for cell in (recipients, signature):
        for paragraph in cell.paragraphs[:-1]:
            _keep_with_next(paragraph)


def _annex(document, report):
    """The evidence as an annex on its own pages, numbered on its own (NĐ 30/2020
    Phụ lục I, III.1)."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page_numbers(section, restart=True)
    _line(document, "Phụ lục", bold=True, size=14)
    _line(document, "TÀI LIỆU KIỂM CHỨNG", bold=True, size=14)
    issued = (
        f" ngày {format_date(report.draft.issued_on)}" if report.draft.issued_on else ""
    )
    _line(
        document,
        f"(Kèm theo Báo cáo số {report.number_text}{issued} của {report.names.name})",
        italic=True,
        size=14,
    )
    _rule(document, 40, TEXT_WIDTH_MM)
    rows = [(i, *row) for i, row in enumerate(evidence_rows(report), start=1)]
    headers = ("STT", *EVIDENCE_HEADERS[:-1])
    _grid(
        document,
        headers,
        [row[:-1] for row in rows],
        size=10,
        widths_mm=EVIDENCE_WIDTHS_MM,
    )
    if not rows:
        _paragraph(document, "Không có tài liệu kiểm chứng trong kỳ.")
    paragraph = document.add_paragraph()
    paragraph.add_run().add_break(WD_BREAK.LINE)


# --- Excel ------------------------------------------------------------------------

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
FIGURES_FIRST_ROW = 6


def to_xlsx(report):
    workbook = Workbook()
    # its properties the report's, not openpyxl's (creator “openpyxl”)
    workbook.properties.creator = report.names.name
    workbook.properties.lastModifiedBy = report.names.name
    workbook.properties.title = report.title
    workbook.properties.subject = report.subject
    _summary_sheet(workbook.active, report)
    for index, row in enumerate(report.rows, start=1):
        _kpi_sheet(workbook.create_sheet(f"CT{index}"), row)
    _table_sheet(
        workbook.create_sheet("Hoạt động"),
        ACTIVITY_HEADERS,
        activity_rows(report),
        {"A": 12, "C": 48, "I": 48},
    )
    _table_sheet(
        workbook.create_sheet("Tài liệu kiểm chứng"),
        EVIDENCE_HEADERS,
        evidence_rows(report),
        {"D": 17, "E": 48, "G": 40},
    )
    return spreadsheets.xlsx_bytes(workbook)


def _summary_sheet(sheet, report):
    sheet.title = "Tổng hợp"
    sheet.append([report.names.name.upper()])
    sheet.append([f"BÁO CÁO {report.subject.upper()}"])
    sheet.append([report.period_text, report.basis_text])
    sheet.append([f"Số: {report.number_text.strip()}", report.date_line])
    sheet.append([])
    sheet.append(list(FIGURE_HEADERS))
    for cell in sheet[FIGURES_FIRST_ROW]:
        cell.font = BOLD
    for values, row in zip(figure_rows(report), report.rows, strict=True):
        sheet.append(list(values))
        if row.in_percent:
            spreadsheets.write_percent(sheet.cell(sheet.max_row, 5), row.value)
    sheet.freeze_panes = f"A{FIGURES_FIRST_ROW + 1}"
    for column, width in {"B": 44, "C": 30, "D": 28, "F": 44, "G": 16}.items():
        sheet.column_dimensions[column].width = width
    for cells in sheet.iter_rows(min_row=FIGURES_FIRST_ROW + 1):
        for cell in cells:
            cell.alignment = WRAP


def _kpi_sheet(sheet, row):
    sheet.append([row.name])
    sheet["A1"].font = BOLD
    sheet.append([row.wording])
    sheet.append(["Mức chỉ tiêu", row.target, row.source, row.target_note])
    sheet.append(["Kết quả", row.value, row.text, str(row.status_label)])
    if row.in_percent:
        spreadsheets.write_percent(sheet["B4"], row.value)
    sheet.append([])
    sheet.append(["Kỳ", "Từ ngày", "Đến ngày", "Giá trị", "Ghi chú", "Đánh giá"])
    cells = [*row.cells, *([row.cumulative] if row.cumulative else [])]
    for cell in cells:
        sheet.append(
            [
                cell.period.title,
                cell.period.start,
                cell.period.last_day,
                cell.value,
                cell.note,
                str(cell.status_label),
            ]
        )
        if row.percent:
            spreadsheets.write_percent(sheet.cell(sheet.max_row, 4), cell.value)
    sheet.append([])
    sheet.append(list(EVIDENCE_HEADERS[1:]))
    for cell in row.cells:
        for record in cell.records:
            sheet.append(list(record_row(cell, record)))
    for column, width in {"A": 24, "B": 16, "C": 16, "D": 48}.items():
        sheet.column_dimensions[column].width = width


def _table_sheet(sheet, headers, rows, widths):
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = BOLD
    for values in rows:
        sheet.append(list(values))
    sheet.freeze_panes = "A2"
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width


# --- CSV --------------------------------------------------------------------------


def to_csv(report):
    output = io.StringIO()
    writer = spreadsheets.csv_writer(output)
    writer.writerow([report.names.name, report.period_text, report.basis_text])
    writer.writerow(FIGURE_HEADERS)
    writer.writerows(figure_rows(report))
    writer.writerow([])
    writer.writerow(EVIDENCE_HEADERS)
    writer.writerows(as_text(evidence_rows(report)))
    writer.writerow([])
    writer.writerow(ACTIVITY_HEADERS)
    writer.writerows(as_text(activity_rows(report)))
    return output.getvalue()
