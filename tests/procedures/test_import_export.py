import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from procedures import importing, opendata, services
from procedures.models import Channel, Field, Procedure
from thachha_portal import spreadsheets
from thachha_portal.dates import format_date

from .factories import make_procedure

pytestmark = pytest.mark.django_db

RECORD = {
    "code": "1.001193",
    "name": "Thủ tục đăng ký khai sinh",
    "field": "Hộ tịch",
    "implementing_agency": "Ủy ban nhân dân xã",
    "applicants": "Công dân Việt Nam",
    "online_level": "full",
    "keywords": ["làm giấy khai sinh", "giấy khai sinh"],
    "posted_at_desk": True,
    "desk_checked_on": "2026-11-02",
    "steps": ["Nộp hồ sơ.", "Nhận kết quả."],
    "channels": [
        {
            "kind": "direct",
            "processing_time": "Ngay trong ngày",
            "fee": "Miễn lệ phí",
            "fee_amount": 0,
            "description": "",
        }
    ],
    "dossier": [{"name": "Tờ khai", "originals": 1, "copies": 0}],
    "legal_bases": [
        {"number": "60/2014/QH13", "summary": "Luật Hộ tịch", "issued_on": "2014-11-20"}
    ],
}


def write_json(tmp_path, records, name="thu-tuc.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"procedures": records}, ensure_ascii=False), "utf-8")
    return str(path)


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_procedures", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_good_json_file_creates_procedures_with_every_part(tmp_path):
    out, _err = run(write_json(tmp_path, [RECORD]))
    procedure = Procedure.objects.get(code="1.001193")
    assert "1 thủ tục mới" in out
    assert procedure.field.name == "Hộ tịch"
    assert [s.text for s in procedure.steps.all()] == ["Nộp hồ sơ.", "Nhận kết quả."]
    assert procedure.channels.get().kind == Channel.Kind.DIRECT
    assert procedure.dossier_items.get().originals == 1
    assert procedure.legal_bases.get().issued_on.isoformat() == "2014-11-20"
    assert procedure.posted_at_desk and procedure.desk_checked_on.day == 2
    assert "lam giay khai sinh" in procedure.search_document


def test_bad_rows_are_each_reported_with_number_and_reason_and_nothing_is_written(
    tmp_path,
):
    bad_code = {**RECORD, "code": "1.00119"}
    bad_date = {**RECORD, "code": "2.000815", "desk_checked_on": "31/02/2026"}
    bad_kind = {
        **RECORD,
        "code": "2.000884",
        "channels": [{"kind": "fax", "processing_time": "1 ngày"}],
    }
    path = write_json(tmp_path, [RECORD, bad_code, bad_date, bad_kind])
    with pytest.raises(CommandError, match="3/4 bản ghi có lỗi; chưa ghi gì") as caught:
        run(path)
    assert "dòng" not in str(caught.value)  # a JSON file has records, not rows
    assert not Procedure.objects.exists()
    assert not Field.objects.exists()


def test_bad_csv_rows_are_counted_as_rows(tmp_path):
    import csv

    path = tmp_path / "thu-tuc.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=opendata.FIELDNAMES)
        writer.writeheader()
        for record in (RECORD, {**RECORD, "code": "1.00119"}):
            writer.writerow(
                opendata.csv_row({**dict.fromkeys(opendata.FIELDNAMES), **record})
            )
    err = io.StringIO()
    with pytest.raises(CommandError, match="^1/2 dòng có lỗi; chưa ghi gì"):
        call_command("import_procedures", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().startswith("Dòng 3: ")
    assert not Procedure.objects.exists()


def test_bad_rows_messages_name_the_record_and_the_reason(tmp_path, capsys):
    bad_code = {**RECORD, "code": "1.00119"}
    missing = {**RECORD, "code": "2.000815", "name": ""}
    path = write_json(tmp_path, [bad_code, missing])
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_procedures", path, stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("Bản ghi 1: ") and "Nhập mã thủ tục" in lines[0]
    assert lines[1].startswith("Bản ghi 2: ") and "name" in lines[1]


def test_csv_errors_give_the_row_as_excel_counts_it_after_a_multiline_cell(tmp_path):
    good = {**RECORD, "conditions": "Điều kiện có\nhai dòng."}
    rows = [opendata.csv_row({**dict.fromkeys(opendata.FIELDNAMES), **good})]
    rows.append(
        opendata.csv_row(
            {
                **dict.fromkeys(opendata.FIELDNAMES),
                **RECORD,
                "code": "x.1",
                "keywords": [],
            }
        )
    )
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=opendata.FIELDNAMES)
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "thu-tuc.csv"
    path.write_text(buffer.getvalue(), "utf-8")
    report = services.procedures_import(rows=importing.read_file(str(path)))
    assert [label for label, _message in report.errors] == ["Dòng 3"]
    assert not Procedure.objects.exists()


def test_dry_run_of_a_file_with_an_impossible_date_reports_the_record(tmp_path):
    leap = {**RECORD, "decision_date": "2025-02-29"}
    basis = {**RECORD["legal_bases"][0], "issued_on": "2020-02-30"}
    wrong = {**RECORD, "code": "2.000815", "legal_bases": [basis]}
    err = io.StringIO()
    with pytest.raises(CommandError, match="2/2 bản ghi có lỗi; chưa ghi gì"):
        call_command(
            "import_procedures",
            write_json(tmp_path, [leap, wrong]),
            "--dry-run",
            stdout=io.StringIO(),
            stderr=err,
        )
    first, second = err.getvalue().splitlines()
    assert first.startswith("Bản ghi 1: “decision_date”")
    assert (
        "“2025-02-29” không phải ngày có thật: tháng 2/2025 không có ngày 29" in first
    )
    assert second.startswith("Bản ghi 2: “legal_bases”")
    assert "mục 1 “issued_on”: “2020-02-30” không phải ngày có thật" in second
    assert not Procedure.objects.exists()


def test_repeated_code_in_one_file_is_an_error(tmp_path):
    with pytest.raises(CommandError):
        run(write_json(tmp_path, [RECORD, RECORD]))
    assert not Procedure.objects.exists()


def test_dry_run_writes_nothing_and_says_what_would_change(tmp_path):
    out, _err = run(write_json(tmp_path, [RECORD]), "--dry-run")
    assert "Chạy thử, không ghi gì: 1 thủ tục mới" in out
    assert not Procedure.objects.exists()


def test_import_updates_existing_codes_and_is_idempotent(tmp_path):
    make_procedure("Tên cũ", code="1.001193")
    path = write_json(tmp_path, [RECORD])
    out, _err = run(path)
    assert "1 cập nhật" in out
    procedure = Procedure.objects.get(code="1.001193")
    assert procedure.name == "Thủ tục đăng ký khai sinh"
    assert procedure.steps.count() == 2  # replaced, not added to
    updated_at = procedure.updated_at
    out, _err = run(path)
    assert "0 cập nhật, 1 không đổi" in out
    assert Procedure.objects.get(code="1.001193").updated_at == updated_at
    assert Procedure.objects.count() == 1


@pytest.mark.parametrize("extension", ["json", "csv"])
def test_export_then_import_round_trips(tmp_path, extension):
    first = make_procedure(code="1.001193", keywords="sổ đỏ\nbìa đỏ")
    make_procedure("Chứng thực bản sao", code="2.000815", status="withdrawn")
    path = str(tmp_path / f"thu-tuc.{extension}")
    call_command("export_procedures", path, stderr=None)
    before = {p.code: opendata.serialize(p) for p in Procedure.objects.with_parts()}
    Procedure.objects.all().delete()
    out, _err = run(path)
    assert "2 thủ tục mới" in out
    after = {p.code: opendata.serialize(p) for p in Procedure.objects.with_parts()}
    for record in (*before.values(), *after.values()):
        record.pop("updated_at")
    assert after == before
    assert after[first.code]["keywords"] == ["sổ đỏ", "bìa đỏ"]
    assert after["2.000815"]["status"] == "withdrawn"
    out, _err = run(path)
    assert "2 không đổi" in out


def test_export_published_leaves_out_withdrawn(tmp_path):
    make_procedure(code="1.001193")
    make_procedure(code="2.000815", status="withdrawn")
    path = tmp_path / "p.json"
    call_command("export_procedures", str(path), "--published", stderr=None)
    data = json.loads(path.read_text("utf-8"))
    assert [r["code"] for r in data["procedures"]] == ["1.001193"]


def test_unreadable_file_is_refused_in_vietnamese(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{not json", "utf-8")
    with pytest.raises(CommandError, match="Tệp JSON không hợp lệ"):
        run(str(path))
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        run(str(tmp_path / "missing.csv"))


def test_misspelt_keys_and_columns_are_errors_not_silently_dropped(tmp_path):
    with pytest.raises(CommandError):
        run(write_json(tmp_path, [{**RECORD, "nmae": "Sai chính tả"}]))
    assert not Procedure.objects.exists()
    path = tmp_path / "x.csv"
    path.write_text("code,nmae\n1.001193,Tên\n", "utf-8")
    with pytest.raises(CommandError, match="nmae"):
        run(str(path))


def test_a_key_given_twice_in_a_json_record_is_an_error_not_the_last_value(tmp_path):
    """JSON allows a key twice in an object and reads the last; a record (or a
    dossier item, in a file or in a CSV cell) that repeats one is refused, as a
    CSV column named twice is."""
    record = json.dumps(RECORD, ensure_ascii=False)
    twice = record[:-1] + ', "name": "Tên bị ghi đè"}'
    item = '{"name": "Tờ khai", "copies": 0, "copies": 2}'
    in_item = record.replace(
        json.dumps(RECORD["dossier"], ensure_ascii=False), f"[{item}]"
    )
    path = tmp_path / "dupkey.json"
    path.write_text(f"[{twice}, {in_item.replace('1.001193', '2.000815')}]", "utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="2/2 bản ghi có lỗi"):
        call_command("import_procedures", str(path), stdout=io.StringIO(), stderr=err)
    first, second = err.getvalue().splitlines()
    assert first == (
        "Bản ghi 1: khóa “name” được ghi 2 lần: chỉ giữ một, xóa các lần còn lại "
        "(nếu không, chỉ lần cuối được dùng)"
    )
    assert second == (
        "Bản ghi 2: “dossier” (thành phần hồ sơ): mục 1: khóa “copies” được ghi 2 "
        "lần: chỉ giữ một, xóa các lần còn lại (nếu không, chỉ lần cuối được dùng)"
    )
    cell = spreadsheets.csv_text([["code", "dossier"], ["1.001193", f"[{item}]"]])
    [(label, message)] = importing.check(importing.read_text(cell, "x.csv")).errors
    assert label == "Dòng 2"
    assert (
        "cột B “dossier” (thành phần hồ sơ): mục 1: khóa “copies” được ghi 2 lần"
    ) in message
    assert not Procedure.objects.exists()


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (
            "1.001193",
            'ghi trong dấu ngoặc kép (ví dụ "1.001193"), không ghi thành số 1.001193',
        ),
        (
            "1001193",
            'ghi trong dấu ngoặc kép (ví dụ "1.001193"), không ghi thành số 1001193',
        ),
    ],
)
def test_a_code_given_as_a_json_number_gets_one_message(tmp_path, code, said):
    path = tmp_path / "codenum.json"
    path.write_text(f'[{{"code": {code}, "name": "Tên", "field": "Hộ tịch"}}]', "utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_procedures", str(path), stdout=io.StringIO(), stderr=err)
    [line] = err.getvalue().splitlines()
    code_problems = [p for p in line.split("; ") if "“code”" in p]
    assert code_problems == [
        f"Bản ghi 1: “code” (mã thủ tục): mã thủ tục là văn bản: {said}"
    ]


def test_a_way_to_file_twice_is_an_import_error(tmp_path):
    channel = RECORD["channels"][0]
    with pytest.raises(CommandError):
        run(write_json(tmp_path, [{**RECORD, "channels": [channel, channel]}]))
    assert not Procedure.objects.exists()


def test_command_records_history_under_the_system_account(tmp_path):
    from django.contrib.admin.models import ADDITION, CHANGE, LogEntry

    make_procedure("Tên cũ", code="1.000894")
    changed = {**RECORD, "code": "1.000894", "name": "Thủ tục đăng ký kết hôn"}
    run(write_json(tmp_path, [RECORD, changed]))
    entries = LogEntry.objects.select_related("user").order_by("action_flag")
    assert [(e.object_repr[:8], e.action_flag) for e in entries] == [
        ("1.001193", ADDITION),
        ("1.000894", CHANGE),
    ]
    system = entries[0].user
    assert system.username == "he-thong" and system.get_full_name() == "Hệ thống"
    assert not system.is_active and not system.has_usable_password()
    assert "thu-tuc.json" in entries[1].get_change_message()
    run(write_json(tmp_path, [RECORD]))  # unchanged: no new entry
    assert LogEntry.objects.count() == 2


def test_command_records_history_under_the_given_user(tmp_path, make_staff):
    from django.contrib.admin.models import LogEntry

    officer = make_staff("motcua", "procedures")
    run(write_json(tmp_path, [RECORD]), "--user", "motcua")
    assert LogEntry.objects.get().user == officer
    with pytest.raises(CommandError, match="Không có người dùng tên “ai-do”"):
        run(write_json(tmp_path, [RECORD]), "--user", "ai-do")


def test_dry_run_and_bad_files_record_no_history(tmp_path):
    from django.contrib.admin.models import LogEntry

    run(write_json(tmp_path, [RECORD]), "--dry-run")
    with pytest.raises(CommandError):
        run(write_json(tmp_path, [RECORD, {**RECORD, "code": "x"}]))
    assert not LogEntry.objects.exists()
    assert not get_user_model().objects.filter(username="he-thong").exists()


def test_import_errors_name_the_field_in_vietnamese_and_its_column(tmp_path, db):
    from django.core.management import CommandError, call_command

    path = tmp_path / "thieu.csv"
    path.write_text(
        "\ufeffcode,name,field\n1.004746,Thủ tục đăng ký lại kết hôn,Hộ tịch\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_procedures", str(path), stdout=out, stderr=out)
    expected = (
        "“implementing_agency” (cơ quan thực hiện): Trường này không được để trắng"
    )
    assert f"Dòng 2: {expected}" in out.getvalue()


def numbered(count, start=0):
    """``count`` records like RECORD, each with its own code and name."""
    return [
        {**RECORD, "code": f"9.{start + n:06d}", "name": f"Thủ tục số {start + n}"}
        for n in range(count)
    ]


def test_an_import_writes_in_bulk_however_many_procedures(tmp_path):
    """2,000 new procedures took 26 s written row by row (13 statements each),
    near gunicorn's timeout for the admin's import page; in bulk, 5 s."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    # (the first import also creates the field)
    for start, count in ((0, 1), (10, 2), (100, 20)):
        with CaptureQueriesContext(connection) as queries:
            services.procedures_import(
                rows=importing.read_file(write_json(tmp_path, numbered(count, start))),
                history=False,
            )
        counts.append(len(queries))
    assert counts[1] == counts[2]  # the same statements for 2 rows and for 20
    # Updated, each is saved (its listing state checked) and its parts replaced
    # in bulk: two statements more a procedure, not thirteen.
    updates = []
    for start, count in ((10, 2), (100, 20)):
        renamed = [{**r, "name": r["name"] + " (mới)"} for r in numbered(count, start)]
        with CaptureQueriesContext(connection) as queries:
            services.procedures_import(
                rows=importing.read_file(write_json(tmp_path, renamed)), history=False
            )
        updates.append(len(queries))
    assert updates[1] - updates[0] == 2 * (20 - 2)


def test_imported_procedures_are_stored_as_the_admin_would_store_them(tmp_path):
    """What the bulk write stores is what a procedure saved and refreshed one
    by one stores: its search columns, its parts in order, its listing state."""
    record = {**RECORD, "name": "  Thủ tục  đăng ký khai sinh (cho trẻ em) "}
    run(write_json(tmp_path, [record, *numbered(3)]))
    run(write_json(tmp_path, [{**record, "posted_at_desk": False}]))  # an update
    for procedure in Procedure.objects.all():
        stored = {c: getattr(procedure, c) for c in services.SEARCH_COLUMNS}
        services.procedure_refresh_search(procedure=procedure)
        procedure.refresh_from_db()
        assert stored == {c: getattr(procedure, c) for c in services.SEARCH_COLUMNS}
        assert [s.order for s in procedure.steps.all()] == [1, 2]
    birth = Procedure.objects.get(code=RECORD["code"])
    assert birth.name == "Thủ tục  đăng ký khai sinh (cho trẻ em)"
    assert list(birth.listing_changes.values_list("posted_at_desk", flat=True)) == [
        True,
        False,
    ]
    assert Procedure.objects.get(code="9.000001").listing_changes.count() == 1


def test_dry_run_lists_what_each_changed_procedure_loses(tmp_path):
    make_procedure(code="1.001193")
    make_procedure("Đã bãi bỏ", code="9.000002", status="withdrawn")
    path = tmp_path / "sua-ten.csv"
    path.write_text(
        "code;name;field;implementing_agency;applicants;result\r\n"
        "1.001193;Tên mới;Hộ tịch;UBND xã;Công dân;Giấy khai sinh\r\n"
        "9.000002;Đã bãi bỏ;Hộ tịch;UBND xã;Công dân;Giấy khai sinh\r\n",
        "utf-8",
    )
    out, _err = run(str(path), "--dry-run")
    lines = out.splitlines()
    first = next(line for line in lines if line.startswith("Dòng 2 (1.001193): "))
    assert "Xóa: số quyết định công bố, ngày quyết định công bố, 2 bước" in first
    second = next(line for line in lines if line.startswith("Dòng 3 (9.000002): "))
    assert "nhập tệp này sẽ công khai lại thủ tục" in second
    assert "Chú ý: 2 thủ tục bị xóa bớt nội dung hoặc đổi trạng thái công khai" in out
    assert Procedure.objects.get(code="9.000002").status == "withdrawn"


def test_dates_that_have_not_come_are_reported_with_the_record(tmp_path):
    """A decision, a board check or a legal basis dated after today is a slip of
    the year: the record is reported, nothing written."""
    today = format_date(timezone.localdate())
    later = {**RECORD, "decision_date": "2062-05-01", "desk_checked_on": "02/05/2062"}
    basis = {**RECORD["legal_bases"][0], "issued_on": "2099-01-01"}
    wrong = {**RECORD, "code": "2.000815", "legal_bases": [basis]}
    err = io.StringIO()
    with pytest.raises(CommandError, match="2/2 bản ghi có lỗi; chưa ghi gì"):
        call_command(
            "import_procedures",
            write_json(tmp_path, [later, wrong]),
            stdout=io.StringIO(),
            stderr=err,
        )
    first, second = err.getvalue().splitlines()
    assert first.startswith("Bản ghi 1:")
    assert (
        f"“decision_date” (ngày quyết định công bố): 01/05/2062 chưa đến (hôm nay "
        f"là {today}): hãy kiểm tra lại năm" in first
    )
    assert "“desk_checked_on” (ngày kiểm tra niêm yết gần nhất): 02/05/2062" in first
    assert second.startswith("Bản ghi 2: “legal_bases”")
    assert "mục 1 “issued_on”: 01/01/2099 chưa đến" in second
    assert not Procedure.objects.exists()


def test_the_communes_own_export_with_a_future_date_stored_before_the_rule_reimports(
    tmp_path,
):
    """A decision and a legal basis dated after today, saved by an older
    release: the export re-imports unchanged; a new date after today is
    still refused."""
    later = timezone.localdate() + datetime.timedelta(days=400)
    procedure = make_procedure(code="1.001193")
    make_procedure(code="1.001194")
    Procedure.objects.filter(pk=procedure.pk).update(decision_date=later)
    procedure.legal_bases.update(issued_on=later)
    exported = tmp_path / "x.json"
    call_command("export_procedures", str(exported), stdout=io.StringIO())
    out, _err = run(str(exported))
    assert "2 không đổi" in out, out
    records = json.loads(exported.read_text())["procedures"]
    records[1]["decision_date"] = (later + datetime.timedelta(days=1)).isoformat()
    with pytest.raises(CommandError, match="1/2 bản ghi có lỗi; chưa ghi gì"):
        run(write_json(tmp_path, records, name="y.json"))
