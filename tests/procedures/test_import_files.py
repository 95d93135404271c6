"""Files nobody here wrote (tests/data/, made by tests/data/import_files.py):
national-database records as Excel saves them, and the ways such files go wrong.
Each is imported cleanly or refused with a Vietnamese message naming the row as
Excel numbers it and the column — by the command and the admin page alike — and
a refused file writes nothing."""

import io
import json
import unicodedata
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from procedures import importing, services
from procedures.models import Field, Procedure
from tests.data import import_files
from thachha_portal import spreadsheets

pytestmark = pytest.mark.django_db

DATA = Path(import_files.__file__).parent
IMPORT = reverse("admin:procedures_procedure_import")
HOW = "Lưu thành (Save As) → chọn kiểu “CSV UTF-8 (Comma delimited) (*.csv)”"

# file → what the message says (whole-file problems: nothing is read at all)
REFUSED = {
    "thu-tuc-windows-1258.csv": ["không phải văn bản UTF-8 (byte 0xD2", HOW],
    "thu-tuc-cp1252.csv": ["không phải văn bản UTF-8 (byte 0x96 ở dòng 2", HOW],
    "thu-tuc-unicode-text.csv": ["được lưu theo mã UTF-16", HOW],
    "thu-tuc-mojibake.csv": [
        "có chữ tiếng Việt bị hỏng do sai bảng mã (dòng 2 của tệp: “Thá»§ tá»¥c "
        "Ä‘Äƒng” thay cho “Thủ tục đăng”)",
        "Từ văn bản/CSV (From Text/CSV)",
        HOW,
    ],
    # the same text in JSON escapes: found once read, naming the record and field
    "thu-tuc-mojibake-escape.json": [
        "có chữ tiếng Việt bị hỏng do sai bảng mã (Bản ghi 1, “name” (tên thủ tục): "
        "“Thá»§ tá»¥c Ä‘Äƒng” thay cho “Thủ tục đăng”)",
        HOW,
    ],
    "thu-tuc-xlsx-doi-ten.csv": ["là sổ tính Excel (.xlsx) bị đổi tên", HOW],
    "thu-tuc-chi-tieu-de.csv": ["Tệp không có thủ tục nào (chỉ có dòng tiêu đề"],
    "thu-tuc-ngoac-long.json": ["các dấu ngoặc lồng nhau quá sâu"],
}
# file → the rows reported (Excel's numbering: a blank row and a cell with line
# breaks above do not shift it) with what each says
ROW_ERRORS = {
    "thu-tuc-nul.csv": [
        (
            "Dòng 4",
            "cột F “implementing_agency” (cơ quan thực hiện): chứa ký tự điều khiển "
            "không nhìn thấy (U+0000)",
        )
    ],
    "thu-tuc-o-200kb.csv": [
        (
            "Dòng 2",
            "cột N “description” (mô tả): tối đa 20.000 ký tự; nội dung này có "
            "210.000 ký tự",
        )
    ],
    "thu-tuc-json-xau.json": [
        ("Bản ghi 1", "“keywords” (từ khóa, từ đồng nghĩa): phải là danh sách"),
        ("Bản ghi 2", "không phải true"),
        ("Bản ghi 3", "mục 1 “originals”: phải là số nguyên từ 0 đến 32.767"),
        ("Bản ghi 4", "“/etc/passwd” không phải tệp mẫu đơn của trang này"),
        ("Bản ghi 5", "“name” (tên thủ tục): chứa ký tự điều khiển"),
    ],
}


def run(name, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_procedures", str(DATA / name), *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def assert_nothing_written():
    assert not Procedure.objects.exists()
    assert not Field.objects.exists()
    assert not LogEntry.objects.exists()


def test_the_files_are_those_the_script_makes():
    for name, content in import_files.files().items():
        if name.endswith("xlsx-doi-ten.csv"):  # a workbook holds its save time
            assert (DATA / name).read_bytes()[:4] == content[:4] == b"PK\x03\x04"
        else:
            assert (DATA / name).read_bytes() == content, name


@pytest.mark.parametrize("name", REFUSED)
def test_unreadable_files_are_refused_by_the_command_saying_what_to_do(name):
    with pytest.raises(CommandError) as error:
        run(name)
    for fragment in REFUSED[name]:
        assert fragment in str(error.value)
    assert_nothing_written()


@pytest.mark.parametrize("name", ROW_ERRORS)
def test_bad_rows_are_named_as_excel_counts_them_and_nothing_is_written(name):
    err = io.StringIO()
    with pytest.raises(CommandError, match="có lỗi; chưa ghi gì"):
        call_command(
            "import_procedures", str(DATA / name), stdout=io.StringIO(), stderr=err
        )
    lines = err.getvalue().splitlines()
    assert len(lines) == len(ROW_ERRORS[name])
    for line, (label, fragment) in zip(lines, ROW_ERRORS[name], strict=True):
        assert line.startswith(f"{label}: ") and fragment in line
    assert_nothing_written()


@pytest.fixture
def officer(client, make_staff):
    client.force_login(make_staff("motcua", "procedures"))
    return client


def upload(client, name, as_name=None):
    content = (DATA / name).read_bytes()
    return client.post(IMPORT, {"file": SimpleUploadedFile(as_name or name, content)})


@pytest.mark.parametrize("name", [*REFUSED, *ROW_ERRORS])
def test_the_admin_page_says_the_same_and_offers_nothing_to_confirm(officer, name):
    response = upload(officer, name)
    html = response.content.decode()
    expected = REFUSED.get(name) or [f for _label, f in ROW_ERRORS[name]]
    text = (
        " ".join(response.context["form"].errors.get("file", []))
        if name in REFUSED
        else " ".join(r.message for r in response.context["report"].rows)
    )
    for fragment in expected:
        assert fragment in text
    assert response.status_code == (400 if name in REFUSED else 200)
    assert 'name="token"' not in html
    assert_nothing_written()


MEANT = "Thủ tục đăng ký khai tử; Hộ tịch; Ủy ban nhân dân xã Thạch Hà; Ơ Ư Ă Ĩ Ũ"


@pytest.mark.parametrize("code_page", ["cp1252", "cp1258"])
def test_text_misread_in_a_windows_code_page_is_found(code_page):
    """Misread as either code page (a byte it leaves undefined replaced by “�”,
    as some editors do), Vietnamese is found damaged, with what it meant."""
    damaged = MEANT.encode("utf-8").decode(code_page, "replace")
    line, found, meant = importing.misread(f"code;name\r\n1.000656;{damaged}\r\n")
    assert (line, found, meant) == (2, "Thá»§ tá»¥c Ä‘Äƒng", "Thủ tục đăng")


def test_misread_text_in_json_escapes_is_found_in_any_record_and_cell():
    """Escaped (``"\\u00e1\\u00bb\\u00a7"``), the file's text is plain ASCII
    and holds no misread letter: the texts are looked at once read, in a JSON
    file's records and in a CSV row's JSON cells, and the file is refused
    naming where (record or row, column)."""
    damaged = MEANT.encode("utf-8").decode("cp1252")
    record = {**import_files.RECORDS[1], "dossier": [{"name": "x"}, {"note": damaged}]}
    text = json.dumps({"procedures": [import_files.RECORDS[0], record]})
    assert text.isascii()
    with pytest.raises(importing.FileError) as error:
        importing.read_text(text, "thu-tuc.json")
    assert (
        "(Bản ghi 2, “dossier” (thành phần hồ sơ): “Thá»§ tá»¥c Ä‘Äƒng” thay cho "
        "“Thủ tục đăng”)" in str(error.value)
    )
    cell = json.dumps([{"name": damaged}]).replace('"', '""')
    with pytest.raises(importing.FileError) as error:
        importing.read_text(f'code;dossier\r\n1.001193;"{cell}"\r\n', "thu-tuc.csv")
    assert "(Dòng 2, cột B “dossier” (thành phần hồ sơ): “Thá»§ tá»¥c" in str(
        error.value
    )


def test_vietnamese_text_is_never_taken_for_misread_text():
    """“Ã” is a letter of its own: not even before a quote or a no-break space."""
    text = "“UBND XÃ” “XÃ’ XÃ\u00a0THẠCH HÀ – «Đá» Ä Æ Å"
    assert importing.misread(f"{MEANT}\n{text}\n{MEANT.upper()}") is None


def test_an_excel_file_from_a_vietnamese_locale_imports_cleanly():
    output = run("thu-tuc-excel-vn.csv")
    assert "3 thủ tục mới" in output
    birth = Procedure.objects.get(code="1.001193")
    # one cell of “Bước 1: … Bước 2: …” became three steps, numbered by the page
    assert [s.text for s in birth.steps.all()] == [
        "Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa.",
        "Công chức tiếp nhận kiểm tra hồ sơ; hồ sơ đầy đủ thì viết giấy tiếp nhận.",
        "Chủ tịch UBND xã ký cấp bản chính Giấy khai sinh.",
    ]
    assert birth.conditions.count("\n") == 1  # the cell's line break is kept
    assert str(birth.decision_date) == "2025-07-01"  # written 01/07/2025 by Excel
    assert birth.posted_at_desk is True  # TRUE, as Excel writes it
    recognition = Procedure.objects.get(code="1.001022")
    assert recognition.keyword_list == ["đăng ký nhận cha, mẹ, con", "nhận con"]
    assert [s.text[:8] for s in recognition.steps.all()] == [
        "Nộp tờ k",
        "Công chứ",
        "Ghi vào ",
    ]
    assert Procedure.objects.get(code="2.000815").channels.get().fee_amount == 2000


def test_commas_and_semicolons_give_the_same_procedures():
    run("thu-tuc-excel-vn.csv")
    first = {p.code: p.keyword_list for p in Procedure.objects.all()}
    assert "0 thủ tục mới, 0 cập nhật, 3 không đổi" in run("thu-tuc-dau-phay.csv")
    assert {p.code: p.keyword_list for p in Procedure.objects.all()} == first


def test_the_detail_page_does_not_number_steps_twice(client, profile):
    run("thu-tuc-excel-vn.csv")
    html = client.get(reverse("procedures:detail", args=["1.001022"])).content
    assert "Bước 1" not in html.decode()


def test_formula_cells_are_stored_as_text_and_neutralised_in_the_open_data(client):
    run("thu-tuc-cong-thuc.csv")
    procedure = Procedure.objects.get(code="1.001193")
    for key, text in import_files.FORMULAS.items():
        assert getattr(procedure, key) == text
    content = client.get(reverse("procedures:open-data-csv")).getvalue().decode()
    assert "'" + import_files.FORMULAS["name"].replace('"', '""') in content
    # … and the open data imports back to the same text
    [row] = importing.read_csv(content)
    assert row.record["name"] == import_files.FORMULAS["name"]
    assert importing.check([row]).unchanged == ["1.001193"]


def test_a_keyword_with_commas_survives_the_csv_round_trip(client):
    run("thu-tuc-excel-vn.csv")
    content = client.get(reverse("procedures:open-data-csv")).getvalue().decode()
    Procedure.objects.all().delete()
    services.procedures_import(rows=importing.read_text(content, "thu-tuc.csv"))
    assert Procedure.objects.get(code="1.001022").keyword_list == [
        "đăng ký nhận cha, mẹ, con",
        "nhận con",
    ]


# --- the rules behind the messages ------------------------------------------------


def problems(rows):
    return importing.check(rows).errors


def test_brackets_nested_deeply_in_a_cell_are_a_row_error():
    text = "code;name;steps\r\n1.001193;Tên;" + "[" * 50_000 + "]" * 50_000
    [(label, message)] = problems(importing.read_text(text, "x.csv"))
    assert label == "Dòng 2"
    assert (
        "cột C “steps” (trình tự thực hiện): không phải danh sách JSON hợp lệ (các "
        "dấu ngoặc lồng nhau quá sâu). Ghi mỗi bước trên một dòng"
    ) in message


@pytest.mark.parametrize("depth", [800, 980])
def test_nesting_that_json_reads_is_answered_with_escapes_too(depth):
    """Nested as deep as Python's JSON reader goes, with a ``\\u`` escape (its
    texts are then composed again): a row error, not a server error."""
    cell = "[" * depth + '"Nu\\u0301p h\\u1ed3 s\\u01a1"' + "]" * depth
    [(label, message)] = problems(
        importing.read_text(f"code;name;steps\r\n1.001193;Tên;{cell}", "x.csv")
    )
    assert label == "Dòng 2"
    assert "cột C “steps” (trình tự thực hiện)" in message
    # Read whole 600 deep, its texts and keys composed at every level.
    data = "[" * 600 + '{"t\\u00ean": ["Nu\\u0301p"]}' + "]" * 600
    read = importing._loads(data)
    for _level in range(600):
        [read] = read
    assert read == {"tên": ["Núp"]}


@pytest.mark.parametrize(
    ("cell", "steps"),
    [
        (
            "Bước 1: Nộp hồ sơ tại Bộ phận Một cửa.\r\nBước 2: Nhận kết quả.",
            ["Nộp hồ sơ tại Bộ phận Một cửa.", "Nhận kết quả."],
        ),
        (
            "Nộp hồ sơ tại Bộ phận Một cửa.\n\n  Nhận kết quả.  \n",
            ["Nộp hồ sơ tại Bộ phận Một cửa.", "Nhận kết quả."],
        ),
        (
            "Bước 1: Nộp hồ sơ gồm:\n- Tờ khai;\n- Giấy chứng sinh.\nBước 2: Nhận.",
            ["Nộp hồ sơ gồm:\n- Tờ khai;\n- Giấy chứng sinh.", "Nhận."],
        ),
        ("Nộp hồ sơ, nhận kết quả ngay.", ["Nộp hồ sơ, nhận kết quả ngay."]),
    ],
    ids=["bước-n", "one-a-line", "bước-n-with-lines", "one-step"],
)
def test_a_steps_cell_of_plain_text_is_one_step_a_line_or_a_bước(cell, steps):
    """What staff type in Excel, as the guide tells them: the steps without
    “Bước 1:”, one a line — or copied from the national database, “Bước N:”."""
    text = spreadsheets.csv_text(
        [
            ["code", "name", "field", "implementing_agency", "applicants", "steps"],
            ["1.001193", "Đăng ký khai sinh", "Hộ tịch", "UBND xã", "Công dân", cell],
        ]
    )
    report = services.procedures_import(rows=importing.read_text(text, "x.csv"))
    assert report.errors == []
    procedure = Procedure.objects.get(code="1.001193")
    assert [s.text for s in procedure.steps.all()] == steps


DECOMPOSED = {
    "code": "1.000894",
    "name": "Thủ tục đăng ký kết hôn",
    "field": "Hộ tịch",
    "implementing_agency": "Ủy ban nhân dân xã",
    "applicants": "Công dân Việt Nam",
    "posted_at_desk": "có",
    "steps": "Bước 1: Nộp hồ sơ.\nBước 2: Kiểm tra:\n- Tờ khai;\nBước 3: Trả kết quả.",
    "keywords": "làm giấy khai tử",
}


@pytest.mark.parametrize("kind", ["csv", "json-escaped"])
def test_decomposed_vietnamese_reads_as_the_composed_text_in_every_check(kind):
    """Text written decomposed (NFD, as some Mac and web tools write it), in a
    CSV cell or escaped in JSON (\\u0301), reads as the composed text it looks
    like: “có” is yes, “Bước” starts a step, a keyword is not stored twice."""
    record = {k: unicodedata.normalize("NFD", v) for k, v in DECOMPOSED.items()}
    record["keywords"] += "|" + DECOMPOSED["keywords"]  # once each way
    if kind == "csv":
        text = spreadsheets.csv_text([list(record), list(record.values())])
        rows = importing.read_text(text, "nfd.csv")
    else:
        record["keywords"] = record["keywords"].split("|")
        record["steps"] = [record["steps"]]
        rows = importing.read_text(json.dumps([record]), "nfd.json")
    report = services.procedures_import(rows=rows)
    assert report.errors == []
    procedure = Procedure.objects.get(code="1.000894")
    assert procedure.posted_at_desk is True
    assert [s.text for s in procedure.steps.all()] == [
        "Nộp hồ sơ.",
        "Kiểm tra:\n- Tờ khai;",
        "Trả kết quả.",
    ]
    assert procedure.keyword_list == ["làm giấy khai tử"]


@pytest.mark.parametrize(
    ("column", "cell", "expected"),
    [
        (
            "steps",
            '["Nộp hồ sơ.", "Nhận kết quả."',
            "cột B “steps” (trình tự thực hiện): không phải danh sách JSON hợp lệ "
            "(ký tự thứ 31: thiếu dấu “,” giữa hai giá trị, hoặc thiếu dấu đóng "
            "“]” hay “}”",
        ),
        (
            "channels",
            "Trực tiếp tại UBND xã",
            "cột B “channels” (cách thức thực hiện (thời hạn và phí)): không phải "
            "JSON hợp lệ (ký tự thứ 1: thiếu một giá trị, hoặc có chữ không phải "
            'JSON (văn bản phải đặt trong dấu ngoặc kép: "…")). Ghi như trong tệp '
            'dữ liệu mở, ví dụ: [{"kind": "direct", "processing_time": ',
        ),
        (
            "dossier",
            "[{'name': 'Tờ khai'}]",
            "cột B “dossier” (thành phần hồ sơ): không phải JSON hợp lệ (ký tự thứ "
            '3: tên khóa phải đặt trong dấu ngoặc kép ("name")',
        ),
        (
            "legal_bases",
            '[{"number": "60/2014/QH13",\n"summary": "Luật "Hộ tịch""}]',
            "cột B “legal_bases” (căn cứ pháp lý): không phải JSON hợp lệ (dòng 2, "
            "ký tự thứ 19: thiếu dấu “,”",
        ),
    ],
)
def test_a_list_cell_that_is_not_json_says_in_vietnamese_what_to_write(
    column, cell, expected
):
    text = spreadsheets.csv_text([["code", column], ["1.001193", cell]])
    [(label, message)] = problems(importing.read_text(text, "thu-tuc.csv"))
    assert label == "Dòng 2"
    assert expected in message
    assert "Expecting" not in message


def test_a_workbook_given_to_the_command_is_refused_saying_how_to_save_it(tmp_path):
    path = tmp_path / "thu-tuc.xlsx"
    path.write_bytes((DATA / "thu-tuc-xlsx-doi-ten.csv").read_bytes())
    with pytest.raises(CommandError) as error:
        call_command("import_procedures", str(path), stdout=io.StringIO())
    message = str(error.value)
    assert (
        message.startswith("“")
        and "thu-tuc.xlsx” là sổ tính (bảng tính Excel)" in message
    )
    assert "bị đổi tên" not in message and HOW in message
    assert_nothing_written()


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"keywords": ["a|b"]}, "chứa dấu xuống dòng hoặc “|”"),
        ({"posted_at_desk": "có lẽ"}, "ghi true hoặc false"),
        ({"level": "huyện"}, "không phải một trong các giá trị: commune"),
        ({"decision_date": "31/02/2025"}, "không phải ngày"),
        ({"decision_date": "2025-02-29"}, "tháng 2/2025 không có ngày 29"),
        ({"decision_date": "2025-13-01"}, "không có tháng 13"),
        ({"decision_date": "0000-01-01"}, "không có năm 0"),
        ({"decision_date": "2025-02-28T10:00"}, "không phải ngày: ghi theo dạng"),
        (
            {
                "legal_bases": [
                    {"number": "1", "summary": "x", "issued_on": "2020-2-30"}
                ]
            },
            "mục 1 “issued_on”: “2020-2-30” không phải ngày có thật",
        ),
        ({"name": 12}, "phải là văn bản, không phải 12"),
        ({"code": "1.00119"}, "Excel đã đổi mã thành số"),
        ({"channels": [{"kind": "direct", "fee_amount": -5}]}, "từ 0 đến 2.147"),
        ({"channels": [{"kind": "direct", "fee_amount": True}]}, "không phải true"),
        ({"dossier": [{"name": "x", "copies": "hai"}]}, "không phải hai"),
        ({"dossier": ["Tờ khai"]}, "mục 1: phải là một đối tượng"),
        ({"steps": "Bước 1"}, "phải là một danh sách"),
        ({"legal_bases": [{"number": "1", "summary": "x" * 10_001}]}, "10.000 ký tự"),
        ({"extra": 1}, "cột không hợp lệ “extra”"),
    ],
)
def test_each_bad_value_gets_a_vietnamese_message(change, fragment):
    report = importing.check(importing.records([{**import_files.RECORDS[0], **change}]))
    [(_label, message)] = report.errors
    assert fragment in message
    assert not report.planned


def test_form_files_are_limited_to_the_forms_the_site_stores(settings):
    form = default_storage.save(
        "procedures/forms/to-khai.pdf", ContentFile(b"%PDF-1.4")
    )
    other = default_storage.save("bulletins/covers/anh.pdf", ContentFile(b"%PDF-1.4"))

    def verdict(name):
        record = {
            **import_files.RECORDS[2],
            "dossier": [{"name": "x", "form_file": name}],
        }
        return problems(importing.records([record]))

    assert verdict(form) == []
    for name in (other, "/etc/passwd", "procedures/forms/../../settings.py"):
        [(_label, message)] = verdict(name)
        assert "không phải tệp mẫu đơn của trang này" in message
    [(_label, message)] = verdict("procedures/forms/khong-co.pdf")
    assert "không có trên trang này" in message


def test_every_problem_of_a_row_is_listed_not_only_the_first():
    record = {**import_files.RECORDS[0], "level": "x", "decision_date": "hôm qua"}
    [(_label, message)] = problems(importing.records([record]))
    assert "“level”" in message and "“decision_date”" in message


def test_a_wrong_type_or_format_does_not_hide_the_rows_other_problems():
    """Every problem at once, as the QA file missing.json showed: the missing
    required columns and a bad address too, not only the first error found,
    and a wrong value said once (not again as “empty”)."""
    record = {
        "code": "1.999999",
        "name": 5,
        "decision_date": "2025-02-29",
        "online_url": "not a url",
        "keywords": "khai sinh",
        "dossier": [{"originals": "một"}, {"name": "Tờ khai", "copies": -1}],
    }
    [(label, message)] = problems(importing.records([{"code": "1.001193"}]))
    assert message == (
        "“field” (lĩnh vực): thiếu lĩnh vực; “name” (tên thủ tục): Trường này "
        "không được để trắng; “implementing_agency” (cơ quan thực hiện): Trường "
        "này không được để trắng; “applicants” (đối tượng thực hiện): Trường này "
        "không được để trắng"
    )
    [(label, message)] = problems(importing.records([record]))
    found = message.split("; ")
    assert found == [
        "“name” (tên thủ tục): phải là văn bản, không phải 5",
        "“decision_date” (ngày quyết định công bố): “2025-02-29” không phải ngày "
        "có thật: tháng 2/2025 không có ngày 29 (tháng này có 28 ngày)",
        "“keywords” (từ khóa, từ đồng nghĩa): phải là danh sách các từ khóa, không "
        "phải khai sinh",
        "“field” (lĩnh vực): thiếu lĩnh vực",
        "“dossier” (thành phần hồ sơ): mục 1 “originals”: phải là số nguyên từ 0 "
        "đến 32.767, không phải một",
        "“dossier” (thành phần hồ sơ): mục 2 “copies”: phải là số nguyên từ 0 đến "
        "32.767, không phải -1",
        "“implementing_agency” (cơ quan thực hiện): Trường này không được để trắng",
        "“applicants” (đối tượng thực hiện): Trường này không được để trắng",
        "“online_url” (địa chỉ nộp hồ sơ trực tuyến): Nhập một URL hợp lệ",
        "“dossier” (thành phần hồ sơ): mục 1 “name”: Trường này không được để trắng",
    ]


def test_empty_header_cells_after_the_last_column_are_excels_and_ignored():
    """Excel writes “…;legal_bases;;” when its used range is wider than the
    table: the empty names at the end are no columns; a value under them is
    still reported, and an empty name between two columns says which one."""
    header = ";".join(import_files.COLUMNS) + ";;"
    good = import_files.excel_csv(import_files.RECORDS).replace(
        ";".join(import_files.COLUMNS), header, 1
    )
    rows = importing.read_text(good, "thu-tuc.csv")
    assert problems(rows) == [] and len(rows) == 3
    extra = spreadsheets.BOM + "code;name;;\r\n1.001193;Tên;;thừa\r\n"
    [row] = importing.read_text(extra, "x.csv")
    assert (
        "có giá trị ở cột D, cột không có tên trong dòng tiêu đề"
        in (problems([row])[0][1])
    )
    with pytest.raises(importing.FileError) as error:
        importing.read_text(
            "code;;name; ;field;\r\n1.001193;;Tên;;Hộ tịch\r\n", "x.csv"
        )
    assert str(error.value).startswith(
        "Cột B, D chưa có tên ở dòng tiêu đề (dòng 1): ghi vào đó tên"
    )


def test_a_csv_file_that_kept_a_workbooks_name_is_read_as_csv(tmp_path, officer):
    """Saved as CSV UTF-8 in Excel with the name left .xlsx: the content is
    CSV, read as such by the command and the admin page alike."""
    path = tmp_path / "thu-tuc.xlsx"
    path.write_bytes((DATA / "thu-tuc-excel-vn.csv").read_bytes())
    output = io.StringIO()
    call_command("import_procedures", str(path), "--dry-run", stdout=output)
    assert "3 thủ tục mới" in output.getvalue()
    response = upload(officer, "thu-tuc-excel-vn.csv", as_name="thu-tuc.xlsx")
    assert response.status_code == 200
    assert len(response.context["report"].created) == 3


@pytest.mark.parametrize(
    ("code", "hint"),
    [
        ("1001193", "Có thể Excel đã đổi mã thành số (1001193 thay cho 1.001193)"),
        ("1,001193", "Có thể Excel đã đổi mã thành số (1,001193 thay cho 1.001193)"),
        ("1.001.193", "(1.001.193 thay cho 1.001193)"),
        ("1.00119", "Có thể Excel đã đổi mã thành số và bỏ các chữ số 0 ở cuối"),
        ("1,00119", "bỏ các chữ số 0 ở cuối"),
    ],
)
def test_a_code_excel_made_a_number_of_gets_a_hint(code, hint):
    [(_label, message)] = problems(importing.records([{"code": code}]))
    assert "“code” (mã thủ tục): Nhập mã thủ tục đúng như trên Cổng" in message
    assert hint in message
    assert "định dạng cột là Văn bản (Text) trước khi gõ hoặc dán" in message


def test_a_value_in_a_column_without_header_is_reported():
    text = spreadsheets.BOM + "code;name\r\n1.001193;Tên;thừa\r\n"
    [row] = importing.read_text(text, "x.csv")
    assert "có giá trị ở cột C" in problems([row])[0][1]


def test_items_of_a_list_are_numbered_as_staff_count_them_past_a_skipped_one():
    """“mục N” is the item's place in its cell or list: a blank line of a steps
    cell, and an item refused as a whole (not an object), still count, so the
    items after them are not named one too low (staff looked at the line above
    the wrong one)."""
    long_step = "Nhận kết quả " + "x" * 10_000
    steps = f"Nộp hồ sơ tại Bộ phận Một cửa.\n\n{long_step}"
    text = "code;name;steps\r\n1.001193;Tên;" + f'"{steps}"' + "\r\n"
    [(label, message)] = problems(importing.read_text(text, "thu-tuc.csv"))
    assert label == "Dòng 2"
    assert "cột C “steps” (trình tự thực hiện): mục 3: tối đa 10.000 ký tự" in message
    record = {
        **import_files.RECORDS[0],
        "dossier": ["Tờ khai", {"name": "Giấy chứng sinh", "copies": "hai"}, {}],
        "legal_bases": [
            {"number": "1", "summary": "x", "unknown": 1},
            {"number": "2", "summary": "y", "issued_on": "2020-02-30"},
        ],
    }
    [(label, message)] = problems(importing.records([record]))
    assert message.split("; ") == [
        "“dossier” (thành phần hồ sơ): mục 1: phải là một đối tượng {…}",
        "“dossier” (thành phần hồ sơ): mục 2 “copies”: phải là số nguyên từ 0 đến "
        "32.767, không phải hai",
        "“legal_bases” (căn cứ pháp lý): mục 1: khóa không hợp lệ: unknown",
        "“legal_bases” (căn cứ pháp lý): mục 2 “issued_on”: “2020-02-30” không "
        "phải ngày có thật: tháng 2/2020 không có ngày 30 (tháng này có 29 ngày)",
        "“dossier” (thành phần hồ sơ): mục 3 “name”: Trường này không được để trắng",
    ]


def _fee_amount(value):
    record = {
        **import_files.RECORDS[0],
        "channels": [
            {
                "kind": "direct",
                "processing_time": "03 ngày làm việc",
                "fee": "Lệ phí",
                "fee_amount": value,
            }
        ],
    }
    return importing.check(importing.records([record]))


@pytest.mark.parametrize(
    "written",
    [
        "1.000.000",
        "1,000,000",
        "1 000 000",
        "1\u00a0000\u00a0000",
        "1.000.000 đồng",
        "1.000.000đ",
        "1,000,000 VNĐ",
        "1000000 vnd",
        " 1000000 ",
    ],
)
def test_a_fee_amount_grouped_in_thousands_as_excel_writes_it_is_read(written):
    report = _fee_amount(written)
    assert report.errors == []
    [planned] = report.planned
    assert planned.channels[0].fee_amount == 1_000_000


@pytest.mark.parametrize("written", ["1.000,5", "1.5", "10.00", "1.000,000", "1.0000"])
def test_a_fee_amount_that_is_not_grouped_in_thousands_is_refused_with_the_way(
    written,
):
    """A decimal part or groups not of three may mean another number: refused,
    naming the limit and how to write it (the message itself groups by dots)."""
    [(_label, message)] = _fee_amount(written).errors
    assert f"từ 0 đến 2.147.483.647, không phải {written} (" in message


def test_a_fee_amount_above_the_limit_grouped_is_refused_without_the_way():
    [(_label, message)] = _fee_amount("3.000.000.000").errors
    assert message.endswith("không phải 3.000.000.000")


@pytest.mark.parametrize("written", ["45839", 45839])
def test_an_excel_serial_date_is_refused_saying_which_date_it_would_be(written):
    """Excel writes 45839 for 01/07/2025 when the column is not formatted as a
    date: refused (it is not certain), saying what it looks like and which
    date it would be."""
    record = {**import_files.RECORDS[0], "decision_date": written}
    [(_label, message)] = problems(importing.records([record]))
    assert "“decision_date”" in message and "“45839”" in message
    assert "01/07/2025" in message and "2025-07-01" in message


def test_a_five_digit_date_is_not_read_as_a_date():
    record = {**import_files.RECORDS[0], "decision_date": "45839"}
    report = importing.check(importing.records([record]))
    assert not report.planned


def test_a_full_width_code_is_the_same_code():
    """１.００１６１２ (typed with an East Asian input method) got the hint
    "１.００１６１２ thay cho １.００１６１２": it is the code 1.001612."""
    record = {**import_files.RECORDS[0], "code": "１.００１６１２"}
    report = importing.check(importing.records([record]))
    assert report.errors == []
    assert report.planned[0].procedure.code == "1.001612"


def test_a_code_excel_made_a_number_of_is_hinted_with_what_was_meant():
    record = {**import_files.RECORDS[0], "code": "1001612"}
    [(_label, message)] = problems(importing.records([record]))
    assert "(1001612 thay cho 1.001612)" in message


@pytest.mark.parametrize(
    ("column", "value", "named", "where"),
    [
        ("code", "1.000656\u200b", "U+200B ZERO WIDTH SPACE", "“1.000656”"),
        (
            "name",
            "Thủ tục \u202eRTL\u202c",
            "U+202E RIGHT-TO-LEFT OVERRIDE",
            "“Thủ tục ",
        ),
        ("name", "Đăng\u2060ký", "U+2060 WORD JOINER", "“Đăng”"),
        ("applicants", "Công\ufeffdân", "U+FEFF ZERO WIDTH NO-BREAK SPACE", "“Công”"),
        ("implementing_agency", "UBND\u200dxã", "U+200D ZERO WIDTH JOINER", "“UBND”"),
    ],
)
def test_invisible_format_characters_are_refused_naming_the_character_and_where(
    column, value, named, where
):
    """A name with U+202E read reversed in the page's heading, title and share
    preview; a zero-width space made a code differ from the one it looks like
    with only the generic message. Refused as control characters are."""
    record = {**import_files.RECORDS[0], column: value}
    [(_label, message)] = problems(importing.records([record]))
    assert f"“{column}”" in message and named in message and where in message
    assert "Excel" not in message  # not the code's hint: what is really wrong
