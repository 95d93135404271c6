"""Period reports of a plan: the same figures as the dashboard, as a Word document
in the NĐ 30/2020 layout, an Excel workbook and CSV."""

import io
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from thachha_portal import spreadsheets

from . import periods as P
from .models import Activity
from .selectors import evaluate, summary


@dataclass
class Report:
    plan: object
    window: P.Period
    kind: str
    cutoff: bool
    rows: list
    activities: list
    today: object

    @property
    def summary(self):
        return summary(self.rows)

    @property
    def title(self):
        return _(
            "Report on the communication plan for administrative reform, %(p)s"
        ) % {"p": self.period_text}

    @property
    def period_text(self):
        return self.window.label

    @property
    def basis_text(self):
        how = _("cut-off 15th to 14th") if self.cutoff else _("calendar period")
        return _("Data from %(range)s (%(how)s).") % {
            "range": self.window.range_text,
            "how": how,
        }

    @property
    def filename(self):
        return f"bao-cao-ke-hoach-{self.plan.pk}-{self.window.key}"


def build(plan, kind, year, number=1, *, cutoff=False, now=None):
    now = now or timezone.now()
    window = P.report_period(kind, year, number, cutoff=cutoff)
    rows = evaluate(plan, window, cutoff=cutoff, now=now)
    activities = list(
        Activity.objects.between(window.start, window.end)
        .with_evidence()
        .order_by("held_on", "pk")
    )
    return Report(plan, window, kind, cutoff, rows, activities, P.local_today(now))


def figure_text(row):
    """The figure of a KPI as one short text (the same on every format)."""
    unit = row.indicator.unit_label
    if row.periodic:
        return _("%(met)s/%(count)s periods met; total %(total)s %(unit)s") % {
            "met": row.met_count,
            "count": len(row.cells),
            "total": row.total,
            "unit": unit,
        }
    if row.snapshot:
        return f"{row.total}/{row.indicator.target} {unit}"
    text = f"{row.total} {unit}"
    if row.cumulative:
        text += " · " + _("cumulative %(v)s/%(t)s") % {
            "v": row.cumulative.value,
            "t": row.indicator.target,
        }
    return text


def evidence_rows(report):
    """(KPI, period, kind, date, title, link) for every record behind the figures."""
    rows = []
    for row in report.rows:
        for cell in row.cells:
            for record in cell.result.records:
                rows.append(
                    (
                        row.indicator.short_name,
                        cell.period.label or cell.period.range_text,
                        str(record.kind),
                        record.date_text,
                        record.title,
                        settings.SITE_URL + record.url if record.url else "",
                    )
                )
    return rows


def _figure_rows(report):
    for index, row in enumerate(report.rows, start=1):
        yield (
            index,
            row.indicator.short_name,
            row.indicator.target,
            row.indicator.unit_label,
            str(row.indicator.get_period_display()),
            row.total,
            figure_text(row),
            str(row.status_label),
        )


FIGURE_HEADERS = (
    "STT",
    "Chỉ tiêu",
    "Chỉ tiêu giao",
    "Đơn vị",
    "Kỳ",
    "Kết quả",
    "Diễn giải",
    "Đánh giá",
)


# --- Word -------------------------------------------------------------------------


def to_docx(report):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = Mm(30)
    section.right_margin = Mm(15)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    style.paragraph_format.space_after = Pt(6)

    def para(text="", *, bold=False, italic=False, size=None, align=None):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if align is not None:
            paragraph.alignment = align
        return paragraph

    plan = report.plan
    header = document.add_table(rows=2, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left = [plan.issuer_parent.upper(), plan.issuer.upper()]
    cells = header.rows[0].cells
    _cell(cells[0], [(left[0], False), (left[1], True)], Pt, WD_ALIGN_PARAGRAPH)
    _cell(
        cells[1],
        [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
            ("Độc lập - Tự do - Hạnh phúc", True),
        ],
        Pt,
        WD_ALIGN_PARAGRAPH,
    )
    number_cell, date_cell = header.rows[1].cells
    _cell(number_cell, [("Số: …/BC-UBND", False)], Pt, WD_ALIGN_PARAGRAPH)
    _cell(
        date_cell,
        [(f"{plan.place}, ngày … tháng … năm {report.today.year}", False)],
        Pt,
        WD_ALIGN_PARAGRAPH,
        italic=True,
    )

    para()
    para("BÁO CÁO", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    issued = f" ngày {plan.issued_on:%d/%m/%Y}" if plan.issued_on else ""
    para(
        f"Kết quả thực hiện Kế hoạch số {plan.number}{issued} của {plan.issuer}, "
        f"{report.period_text}",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    para(report.basis_text, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=13)

    counts = report.summary
    para("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", bold=True)
    para(
        f"Tổng số {counts['total']} chỉ tiêu: đạt {counts['met']}; đang thực hiện "
        f"{counts['progress']}; không đạt {counts['missed']}; chưa đến hạn "
        f"{counts['notdue']}."
    )
    for index, row in enumerate(report.rows, start=1):
        para(
            f"{index}. {row.indicator.short_name}: {figure_text(row)} "
            f"(chỉ tiêu: {row.indicator.target} {row.indicator.unit_label}/"
            f"{row.indicator.get_period_display()}) — {row.status_label}.",
            size=13,
        )
    table = document.add_table(rows=1, cols=len(FIGURE_HEADERS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, FIGURE_HEADERS, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for values in _figure_rows(report):
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = str(value)
    _font(table, Pt(11))

    para()
    para("II. HOẠT ĐỘNG TUYÊN TRUYỀN TRONG KỲ", bold=True)
    if report.activities:
        for activity in report.activities:
            extras = _activity_figures(activity)
            para(
                f"- {activity.held_on:%d/%m/%Y}: {activity.title} "
                f"({activity.get_kind_display()}){extras}.",
                size=13,
            )
    else:
        para("Không có hoạt động nào được ghi nhận trong kỳ.", size=13)

    para("III. TÀI LIỆU KIỂM CHỨNG", bold=True)
    evidence = evidence_rows(report)
    headers = ("Chỉ tiêu", "Kỳ", "Loại", "Ngày", "Nội dung", "Đường dẫn")
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for values in evidence:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = str(value)
    _font(table, Pt(10))

    para()
    footer = document.add_table(rows=1, cols=2)
    recipients = ["Nơi nhận:"] + [f"- {r};" for r in plan.recipient_lines or []]
    recipients.append("- Lưu: VT.")
    left_cell, right_cell = footer.rows[0].cells
    left_cell.text = ""
    for i, line in enumerate(recipients):
        paragraph = left_cell.paragraphs[0] if i == 0 else left_cell.add_paragraph()
        run = paragraph.add_run(line)
        run.font.size = Pt(12 if i == 0 else 11)
        run.bold = i == 0
        run.italic = i == 0
    right_cell.text = ""
    signature = [
        ("TM. ỦY BAN NHÂN DÂN", True),
        (plan.signer_title.upper(), True),
        ("", False),
        ("", False),
        (plan.signer_name, True),
    ]
    _cell(right_cell, signature, Pt, WD_ALIGN_PARAGRAPH)

    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _cell(cell, lines, Pt, align, italic=False):
    cell.text = ""
    for index, (text, bold) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = align.CENTER
        run = paragraph.add_run(text)
        run.bold = bold
        run.italic = italic
        run.font.size = Pt(13)


def _font(table, size):
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = size


def _activity_figures(activity):
    parts = []
    if activity.place_list:
        parts.append("tại " + ", ".join(activity.place_list))
    if activity.participants:
        parts.append(f"{activity.participants} người tham dự")
    if activity.quantity:
        parts.append(f"số lượng {activity.quantity}")
    if activity.reach:
        parts.append(f"{activity.reach} lượt tiếp cận")
    return (", " + "; ".join(parts)) if parts else ""


# --- Excel ------------------------------------------------------------------------


def to_xlsx(report):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tổng hợp"
    sheet.append([report.plan.issuer.upper()])
    sheet.append([f"Báo cáo kết quả thực hiện {report.plan.number}"])
    sheet.append([report.period_text, report.basis_text])
    sheet.append([])
    sheet.append(list(FIGURE_HEADERS))
    for cell in sheet[5]:
        cell.font = Font(bold=True)
    for values in _figure_rows(report):
        sheet.append(list(values))
    sheet.column_dimensions["B"].width = 48
    sheet.column_dimensions["G"].width = 40
    for row in sheet.iter_rows(min_row=6):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")

    for index, row in enumerate(report.rows, start=1):
        name = f"CT{index}"
        kpi = workbook.create_sheet(name)
        kpi.append([row.indicator.short_name])
        kpi.append([row.indicator.text])
        kpi.append(["Chỉ tiêu giao", row.indicator.target, row.indicator.unit_label])
        kpi.append(["Kết quả", row.total, figure_text(row)])
        kpi.append([])
        kpi.append(["Kỳ", "Từ ngày", "Đến ngày", "Giá trị", "Đánh giá"])
        for cell in row.cells:
            kpi.append(
                [
                    cell.period.label or cell.period.range_text,
                    cell.period.start.strftime("%d/%m/%Y"),
                    cell.period.last_day.strftime("%d/%m/%Y"),
                    cell.value,
                    str(cell.status_label),
                ]
            )
        kpi.append([])
        kpi.append(["Kỳ", "Loại", "Ngày", "Nội dung", "Chi tiết", "Đường dẫn"])
        for cell in row.cells:
            for record in cell.result.records:
                kpi.append(
                    [
                        cell.period.label or cell.period.range_text,
                        str(record.kind),
                        record.date_text,
                        record.title,
                        record.detail,
                        settings.SITE_URL + record.url if record.url else "",
                    ]
                )
        kpi.column_dimensions["D"].width = 48

    activities = workbook.create_sheet("Hoạt động")
    activities.append(
        [
            "Ngày",
            "Loại",
            "Tên hoạt động",
            "Địa điểm",
            "Người tham dự",
            "Số lượng",
            "Lượt tiếp cận",
            "Phụ trách",
            "Tài liệu kiểm chứng",
        ]
    )
    for activity in report.activities:
        activities.append(
            [
                activity.held_on.strftime("%d/%m/%Y"),
                activity.get_kind_display(),
                activity.title,
                "; ".join(activity.place_list),
                activity.participants,
                activity.quantity,
                activity.reach,
                activity.responsible,
                "; ".join(str(e) for e in activity.evidence.all()),
            ]
        )
    activities.column_dimensions["C"].width = 48
    return spreadsheets.xlsx_bytes(workbook)


# --- CSV --------------------------------------------------------------------------


def to_csv(report):
    output = io.StringIO()
    writer = spreadsheets.csv_writer(output)
    writer.writerow([report.plan.number, report.period_text, report.basis_text])
    writer.writerow(FIGURE_HEADERS)
    for values in _figure_rows(report):
        writer.writerow(values)
    writer.writerow([])
    writer.writerow(("Chỉ tiêu", "Kỳ", "Loại", "Ngày", "Nội dung", "Đường dẫn"))
    writer.writerows(evidence_rows(report))
    return output.getvalue()
