"""The import page of the admin: upload, preview, confirm, all or nothing.
(Anonymous visitors are sent to the login: test_admin.py.)"""

import json
import re
import struct
import zlib

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procedures import opendata
from procedures.models import Procedure

from .factories import make_procedure
from .test_import_export import RECORD

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:procedures_procedure_import")
CHANGELIST = reverse("admin:procedures_procedure_changelist")


def json_file(records, name="thu-tuc.json"):
    content = json.dumps({"procedures": records}, ensure_ascii=False)
    return SimpleUploadedFile(name, content.encode("utf-8"), "application/json")


def csv_file(records, name="thu-tuc.csv"):
    """A CSV as Excel saves it (UTF-8 with BOM), written by the export code."""
    rows = [
        opendata.csv_row({**dict.fromkeys(opendata.FIELDNAMES), **r}) for r in records
    ]
    import csv
    import io

    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=opendata.FIELDNAMES)
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), "text/csv")


def png_bytes():
    """A real 1×1 PNG image."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def officer(client, make_staff):
    user = make_staff("motcua", "procedures")
    client.force_login(user)
    return user


def preview(client, upload):
    return client.post(IMPORT, {"file": upload})


def token_of(response):
    return response.context["token"]


def test_wrong_role_is_forbidden(client, make_staff):
    client.force_login(make_staff("bientap", "editor"))
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {"file": json_file([RECORD])}).status_code == 403
    assert not Procedure.objects.exists()


def test_procedures_role_sees_the_page_and_the_button_on_the_list(client, officer):
    response = client.get(IMPORT)
    assert response.status_code == 200
    assert "Nhập thủ tục từ tệp CSV/JSON" in response.content.decode()
    changelist = client.get(CHANGELIST).content.decode()
    assert "Nhập từ tệp CSV/JSON" in changelist and IMPORT in changelist


def test_good_file_is_previewed_row_by_row_and_nothing_is_written(client, officer):
    make_procedure("Tên cũ", code="1.000894")
    same = make_procedure("Chứng thực bản sao", code="2.000815")
    unchanged = opendata.serialize(Procedure.objects.with_parts().get(pk=same.pk))
    changed = {**RECORD, "code": "1.000894", "name": "Thủ tục đăng ký kết hôn"}
    response = preview(client, csv_file([RECORD, changed, unchanged]))
    assert response.status_code == 200
    html = response.content.decode()
    rows = response.context["report"].rows
    assert [(r.label, r.code, r.outcome) for r in rows] == [
        ("Dòng 2", "1.001193", "new"),
        ("Dòng 3", "1.000894", "changed"),
        ("Dòng 4", "2.000815", "unchanged"),
    ]
    assert "Mới" in html and "Thay đổi" in html and "Không đổi" in html
    assert "Xác nhận nhập" in html
    assert not Procedure.objects.filter(code="1.001193").exists()
    assert Procedure.objects.get(code="1.000894").name == "Tên cũ"


def test_bad_rows_are_listed_with_line_and_reason_and_cannot_be_confirmed(
    client, officer
):
    bad_code = {**RECORD, "code": "1.00119"}
    bad_date = {**RECORD, "code": "2.000815", "desk_checked_on": "31/02/2026"}
    response = preview(client, csv_file([RECORD, bad_code, bad_date]))
    html = response.content.decode()
    assert "2 dòng có lỗi" in html and "bản ghi có lỗi" not in html
    assert '<th scope="col">Dòng</th>' in html
    errors = [r for r in response.context["report"].rows if r.outcome == "error"]
    assert [r.label for r in errors] == ["Dòng 3", "Dòng 4"]
    assert "Nhập mã thủ tục đúng như trên Cổng Dịch vụ công quốc gia" in html
    assert "“31/02/2026” không phải ngày có thật: tháng 2/2026 không có ngày 31" in html
    assert "token" not in response.context and 'name="token"' not in html


@pytest.mark.parametrize(
    ("change", "column", "reason"),
    [
        ({"decision_date": "2025-02-29"}, "decision_date", "tháng 2/2025 không có"),
        ({"decision_date": "2026-02-30"}, "decision_date", "(tháng này có 28 ngày)"),
        ({"desk_checked_on": "2025-13-01"}, "desk_checked_on", "không có tháng 13"),
        (
            {
                "legal_bases": [
                    {"number": "1", "summary": "x", "issued_on": "2020-02-30"}
                ]
            },
            "legal_bases",
            "mục 1 “issued_on”: “2020-02-30” không phải ngày có thật",
        ),
    ],
)
def test_a_date_that_is_not_in_the_calendar_is_a_row_error_not_a_crash(
    client, officer, change, column, reason
):
    response = preview(client, csv_file([{**RECORD, **change}]))
    assert response.status_code == 200
    [row] = response.context["report"].rows
    assert row.label == "Dòng 2" and row.outcome == "error"
    assert f"“{column}”" in row.message and reason in row.message
    assert 'name="token"' not in response.content.decode()
    assert not Procedure.objects.exists()


def test_bad_json_records_are_counted_as_records_not_rows(client, officer):
    bad_code = {**RECORD, "code": "1.00119"}
    response = preview(client, json_file([RECORD, bad_code]))
    html = response.content.decode()
    assert "1 bản ghi có lỗi: chưa nhập gì" in html
    assert "dòng có lỗi" not in html
    assert '<th scope="col">Bản ghi</th>' in html
    errors = [r for r in response.context["report"].rows if r.outcome == "error"]
    assert [r.label for r in errors] == ["Bản ghi 2"]
    assert not Procedure.objects.exists()


def test_confirm_imports_every_row_logs_history_and_says_how_many(client, officer):
    make_procedure("Tên cũ", code="1.000894")
    changed = {**RECORD, "code": "1.000894", "name": "Thủ tục đăng ký kết hôn"}
    third = {**RECORD, "code": "2.000815", "name": "Chứng thực bản sao từ bản chính"}
    checked = preview(client, json_file([RECORD, changed, third]))
    # (RECORD has no decision: the change clears the stored one, to be accepted)
    accepted = checked.context["report"].losses_key
    response = client.post(
        IMPORT, {"token": token_of(checked), "accept_losses": accepted}, follow=True
    )
    assert response.redirect_chain[-1][0] == CHANGELIST
    html = response.content.decode()
    assert "Đã nhập từ “thu-tuc.json”: 2 thủ tục mới, 1 cập nhật, 0 không đổi" in html
    assert Procedure.objects.count() == 3
    created = Procedure.objects.get(code="1.001193")
    assert created.steps.count() == 2 and created.channels.count() == 1
    assert "lam giay khai sinh" in created.search_document
    updated = Procedure.objects.get(code="1.000894")
    assert updated.name == "Thủ tục đăng ký kết hôn"
    entries = LogEntry.objects.filter(user=officer)
    assert entries.count() == 3
    entry = entries.get(object_id=str(updated.pk))
    assert entry.action_flag == CHANGE
    assert "thu-tuc.json" in entry.get_change_message()
    assert entries.get(object_id=str(created.pk)).action_flag == ADDITION
    change = reverse("admin:procedures_procedure_change", args=[updated.pk])
    assert "thu-tuc.json" in client.get(change).content.decode()


def test_a_file_already_imported_has_nothing_to_confirm(client, officer):
    token = token_of(preview(client, json_file([RECORD])))
    client.post(IMPORT, {"token": token})
    response = preview(client, json_file([RECORD]))
    assert "token" not in response.context
    assert "không có gì để nhập" in response.content.decode()


def test_tampered_token_is_refused_and_nothing_is_written(client, officer):
    token = token_of(preview(client, json_file([RECORD])))
    name, text = "thu-tuc.json", json.dumps({"procedures": [RECORD]})
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.post(IMPORT, {"token": forged})
    assert response.status_code == 400
    assert "đã bị sửa" in response.content.decode()
    assert not Procedure.objects.exists()
    # Someone else's token, or one signed without the secret, is refused too.
    from django.core import signing

    unsigned = signing.dumps({"name": name, "text": text}, salt="other", compress=True)
    assert client.post(IMPORT, {"token": unsigned}).status_code == 400
    assert not Procedure.objects.exists()


def test_token_of_another_staff_member_is_refused(client, officer, make_staff):
    token = token_of(preview(client, json_file([RECORD])))
    client.force_login(make_staff("khac", "procedures"))
    assert client.post(IMPORT, {"token": token}).status_code == 400
    assert not Procedure.objects.exists()


def test_confirm_rechecks_rows_against_the_current_procedures(client, officer):
    token = token_of(preview(client, json_file([RECORD])))
    make_procedure("Đã có người nhập", code="1.001193", parts=False)
    response = client.post(IMPORT, {"token": token}, follow=True)
    # The row became a change of an existing code: imported as such, not twice.
    assert "0 thủ tục mới, 1 cập nhật" in response.content.decode()
    assert Procedure.objects.get(code="1.001193").name == RECORD["name"]


def test_a_new_row_that_became_a_loss_since_the_preview_waits_for_acceptance(
    client, officer
):
    token = token_of(preview(client, json_file([RECORD])))
    make_procedure("Đã có người nhập", code="1.001193")  # with a decision number
    response = client.post(IMPORT, {"token": token})
    assert response.status_code == 400
    [row] = response.context["report"].rows
    assert "số quyết định công bố" in row.changes.sentences()[0].text
    assert "accept-losses-error" in response.content.decode()
    assert Procedure.objects.get(code="1.001193").name == "Đã có người nhập"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("anh.csv", png_bytes(), "text/csv"),
            "không phải tệp văn bản",
        ),
        (
            SimpleUploadedFile("thu-tuc.docx", b"PK\x03\x04", "application/zip"),
            "Chọn tệp .csv hoặc .json",
        ),
        (
            SimpleUploadedFile("Thu tuc.XLSX", b"PK\x03\x04", "application/zip"),
            "“Thu tuc.XLSX” là sổ tính (bảng tính Excel); chức năng nhập chỉ đọc "
            "tệp CSV hoặc JSON. Trong Excel: Tệp (File) → Lưu thành (Save As) → "
            "chọn kiểu “CSV UTF-8 (Comma delimited) (*.csv)”",
        ),
        (
            SimpleUploadedFile(
                "thu-tuc.csv", "code,name\n1.001193,Tên".encode("cp1258")
            ),
            "không phải văn bản UTF-8",
        ),
        (
            SimpleUploadedFile("thu-tuc.json", b"{not json", "application/json"),
            "Tệp JSON không hợp lệ: dòng 1, ký tự thứ 2: tên khóa phải đặt trong "
            "dấu ngoặc kép (&quot;name&quot;)",
        ),
        (
            SimpleUploadedFile("thu-tuc.csv", b"ma,ten\n1,2\n", "text/csv"),
            "cột “code”",
        ),
    ],
    ids=[
        "png-renamed-csv",
        "wrong-name",
        "workbook",
        "not-utf8",
        "broken-json",
        "no-code-column",
    ],
)
def test_wrong_files_are_refused_in_vietnamese(client, officer, upload, message):
    response = preview(client, upload)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Expecting" not in html  # the json module's own English
    assert not Procedure.objects.exists()


def test_too_large_file_is_refused(client, officer):
    padding = {**RECORD, "description": "x" * (6 * 1024 * 1024)}
    response = preview(client, json_file([padding]))
    assert response.status_code == 400
    html = response.content.decode().replace("\xa0", " ")
    assert "Tệp có dung lượng 6,0 MB; chỉ nhận tối đa 5,0 MB" in html
    assert not Procedure.objects.exists()


def test_preview_queries_do_not_grow_with_rows(client, officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(12):
        make_procedure(code=f"1.{n + 1:06d}")
    records = [
        {**opendata.serialize(p), "name": p.name + " (sửa)"}
        for p in Procedure.objects.with_parts().order_by("code")
    ]
    records.append({**RECORD, "code": "2.000815"})  # and a new one
    preview(client, json_file(records[:1]))  # caches filled once per process
    counts = []
    for rows in (records[:3] + records[-1:], records):
        with CaptureQueriesContext(connection) as captured:
            response = preview(client, json_file(rows))
        assert response.context["report"].changes == len(rows)
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 15


# --- What a changed procedure loses, said before the confirmation -------------------

PARTIAL_HEADER = "code;name;field;implementing_agency;applicants;result"


def partial_csv(*procedures):
    """A file of six columns, as someone writes one to correct a few names: the
    other columns are left out, so they are empty."""
    lines = [PARTIAL_HEADER] + [
        f"{p.code};{p.name} (sửa);Hộ tịch;Ủy ban nhân dân xã;Công dân Việt Nam;"
        "Giấy khai sinh"
        for p in procedures
    ]
    content = "\ufeff" + "\r\n".join(lines) + "\r\n"
    return SimpleUploadedFile("sua-ten.csv", content.encode("utf-8"), "text/csv")


@pytest.fixture
def withdrawn_and_complete():
    withdrawn = make_procedure(
        "Thủ tục đã bãi bỏ", code="9.000002", status=Procedure.Status.WITHDRAWN
    )
    complete = make_procedure(
        code="1.001193", keywords="giấy khai sinh", online_level="full"
    )
    return withdrawn, complete


def test_preview_says_what_each_procedure_loses_and_a_withdrawn_one_made_public(
    client, officer, withdrawn_and_complete
):
    withdrawn, complete = withdrawn_and_complete
    response = preview(client, partial_csv(withdrawn, complete))
    assert response.status_code == 200
    report = response.context["report"]
    assert [r.outcome for r in report.rows] == ["changed", "changed"]
    html = response.content.decode()
    rows = {r.code: [s.text for s in r.changes.sentences()] for r in report.rows}
    assert rows["9.000002"][0] == (
        "Thủ tục đang bãi bỏ, thu hồi: nhập tệp này sẽ công khai lại thủ tục."
    )
    cleared = rows["1.001193"][0]
    assert cleared.startswith(
        "Xóa: số quyết định công bố, ngày quyết định công bố, từ khóa, từ đồng "
        "nghĩa, 2 bước, 1 cách thức thực hiện, 1 thành phần hồ sơ, số lượng hồ sơ, "
        "1 căn cứ pháp lý"
    )
    changed = rows["1.001193"][1]
    assert changed.startswith("Sửa: tên thủ tục, ")
    assert (
        "mức độ dịch vụ công trực tuyến (Dịch vụ công trực tuyến toàn trình → "
        "Chưa có dịch vụ công trực tuyến)"
    ) in changed
    assert f"<strong>{cleared}</strong>" in html  # a loss stands out
    # Above the table: how many lose something, and the columns the file lacks.
    assert (
        "Đọc kỹ trước khi xác nhận: nhập tệp này sẽ xóa nội dung hoặc đổi trạng thái "
        "công khai của 2 thủ tục"
    ) in html
    assert "Tệp không có các cột “level” (cấp thực hiện)" in html
    assert "“steps” (trình tự thực hiện)" in html
    # The confirmation asks to accept those losses; nothing is written yet.
    assert 'name="accept_losses"' in html and " required" in html
    assert Procedure.objects.get(code="9.000002").status == "withdrawn"


def test_confirming_without_accepting_the_losses_writes_nothing(
    client, officer, withdrawn_and_complete
):
    response = preview(client, partial_csv(*withdrawn_and_complete))
    token = token_of(response)
    response = client.post(IMPORT, {"token": token})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Chưa nhập gì: hãy đánh dấu ô đồng ý" in html
    assert 'name="token"' in html and 'aria-describedby="accept-losses-error"' in html
    complete = Procedure.objects.get(code="1.001193")
    assert complete.steps.count() == 2 and complete.decision_number
    assert Procedure.objects.get(code="9.000002").status == "withdrawn"
    assert not LogEntry.objects.exists()


def test_confirming_with_the_losses_accepted_imports_them(
    client, officer, withdrawn_and_complete
):
    response = preview(client, partial_csv(*withdrawn_and_complete))
    key = response.context["report"].losses_key
    response = client.post(
        IMPORT, {"token": token_of(response), "accept_losses": key}, follow=True
    )
    assert response.redirect_chain[-1][0] == CHANGELIST
    assert "0 thủ tục mới, 2 cập nhật" in response.content.decode()
    complete = Procedure.objects.get(code="1.001193")
    assert complete.name.endswith("(sửa)") and not complete.steps.exists()
    assert Procedure.objects.get(code="9.000002").status == "active"


def test_losses_changed_since_the_preview_must_be_accepted_again(
    client, officer, withdrawn_and_complete
):
    withdrawn, complete = withdrawn_and_complete
    response = preview(client, partial_csv(withdrawn, complete))
    key = response.context["report"].losses_key
    complete.steps.create(order=3, text="Bước thêm sau khi xem trước.")
    response = client.post(IMPORT, {"token": token_of(response), "accept_losses": key})
    assert response.status_code == 400
    html = response.content.decode()
    assert "không còn giống như bạn đã đồng ý" in html
    assert "Xóa: số quyết định công bố" in html and "3 bước" in html
    assert complete.steps.count() == 3
    # accepted again, as now shown
    new_key = response.context["report"].losses_key
    assert new_key != key
    client.post(IMPORT, {"token": token_of(response), "accept_losses": new_key})
    assert not complete.steps.exists()


def test_a_change_that_takes_nothing_away_asks_no_acceptance(client, officer):
    make_procedure("Tên cũ", code="1.001193")
    record = opendata.serialize(Procedure.objects.with_parts().get())
    response = preview(client, json_file([{**record, "name": "Tên mới"}]))
    [row] = response.context["report"].rows
    assert [s.text for s in row.changes.sentences()] == ["Sửa: tên thủ tục"]
    html = response.content.decode()
    assert "accept_losses" not in html and "Đọc kỹ trước khi xác nhận" not in html
    client.post(IMPORT, {"token": token_of(response)})
    assert Procedure.objects.get().name == "Tên mới"


def test_bad_rows_are_listed_first_with_their_line_and_reason(client, officer):
    """Row 1537 of 2,000 was bad: the summary said "1 dòng có lỗi" and the
    reason sat far down the table in file order. The bad rows are listed at
    the top, each with its line and reason and a link to its row, and come
    first in the table."""
    records = [
        {**RECORD, "code": f"1.{n:06d}", "name": f"Thủ tục số {n}"}
        for n in range(1, 31)
    ]
    records[24]["code"] = "1.00119"  # line 26 of the file, after the header
    html = preview(client, csv_file(records)).content.decode()
    top = html[html.index('id="import-errors"') : html.index('id="import-preview"')]
    assert "1 dòng có lỗi" in html[: html.index('id="import-errors"')]
    assert '<a href="#import-row-26">Dòng 26</a> (1.00119): cột' in top
    assert "Nhập mã thủ tục đúng như trên Cổng Dịch vụ công quốc gia" in top
    table = html[html.index("<tbody>") :]
    rows = re.findall(r'<tr class="import-(\w+)" id="import-row-(\d+)"', table)
    assert rows[0] == ("error", "26")
    assert [int(n) for _, n in rows[1:]] == [*range(2, 26), *range(27, 32)]
