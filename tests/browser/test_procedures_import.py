"""The listing officer imports a file through the admin in a real browser,
without JavaScript: upload, preview, confirm."""

import json

import pytest

from procedures.models import Procedure

from ..procedures.factories import make_procedure
from ..procedures.test_import_export import RECORD
from .conftest import DESKTOP, axe_violations, html_errors

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, site):
    page.goto(site + "/quan-tri/login/")
    page.fill("#id_username", "motcua")
    page.fill("#id_password", "pw-Thach-Ha-2021")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/quan-tri/")


def test_officer_uploads_previews_and_confirms_without_javascript(
    site, new_page, make_staff, tmp_path
):
    make_staff("motcua", "procedures")
    good = tmp_path / "thu-tuc.json"
    good.write_text(json.dumps({"procedures": [RECORD]}, ensure_ascii=False), "utf-8")
    bad = tmp_path / "loi.json"
    bad.write_text(json.dumps({"procedures": [{**RECORD, "code": "1.00119"}]}), "utf-8")
    page = new_page(viewport=DESKTOP, javascript=False)
    log_in(page, site)
    page.goto(site + "/quan-tri/procedures/procedure/")
    page.get_by_role("link", name="Nhập từ tệp CSV/JSON").click()
    page.wait_for_url("**/nhap-tu-tep/")

    page.get_by_label("Tệp (CSV hoặc JSON)").set_input_files(str(bad))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    assert "Bản ghi 1" in page.locator("#import-preview").inner_text()
    assert page.get_by_role("button", name="Xác nhận nhập").count() == 0

    page.get_by_label("Tệp (CSV hoặc JSON)").set_input_files(str(good))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    assert "Mới" in page.locator("#import-preview").inner_text()
    assert not Procedure.objects.exists()
    page.get_by_role("button", name="Xác nhận nhập").click()
    page.wait_for_url("**/quan-tri/procedures/procedure/")
    assert "1 thủ tục mới" in page.locator(".messagelist").inner_text()
    assert Procedure.objects.get().steps.count() == 2


def test_officer_accepts_what_a_file_clears_before_it_is_imported(
    site, new_page, make_staff, tmp_path
):
    make_staff("motcua", "procedures")
    make_procedure(code=RECORD["code"], status=Procedure.Status.WITHDRAWN)
    partial = tmp_path / "sua-ten.csv"
    partial.write_text(
        "code;name;field;implementing_agency;applicants;result\r\n"
        f"{RECORD['code']};Tên mới;Hộ tịch;UBND xã;Công dân;Giấy khai sinh\r\n",
        "utf-8",
    )
    page = new_page(viewport=DESKTOP, javascript=False)
    log_in(page, site)
    page.goto(site + "/quan-tri/procedures/procedure/nhap-tu-tep/")
    page.get_by_label("Tệp (CSV hoặc JSON)").set_input_files(str(partial))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    row = page.locator("#import-preview tbody tr").inner_text()
    assert "sẽ công khai lại thủ tục" in row and "Xóa: số quyết định công bố" in row
    # The browser will not send the confirmation before the box is ticked.
    page.get_by_role("button", name="Xác nhận nhập").click()
    assert page.locator("#accept-losses:invalid").count() == 1
    assert Procedure.objects.get().status == Procedure.Status.WITHDRAWN
    page.get_by_label("Tôi đã đọc từng dòng").check()
    page.get_by_role("button", name="Xác nhận nhập").click()
    page.wait_for_url("**/quan-tri/procedures/procedure/")
    procedure = Procedure.objects.get()
    assert procedure.name == "Tên mới" and procedure.status == "active"


def test_import_preview_passes_axe_and_the_html_checker(
    site, new_page, make_staff, tmp_path
):
    make_staff("motcua", "procedures")
    # a changed procedure that loses parts: the warning and the box are checked too
    make_procedure(code="1.000894")
    good = tmp_path / "thu-tuc.json"
    changed = {**RECORD, "code": "1.000894"}
    good.write_text(json.dumps([RECORD, changed], ensure_ascii=False), "utf-8")
    page = new_page(viewport=DESKTOP, bypass_csp=True)
    log_in(page, site)
    page.goto(site + "/quan-tri/procedures/procedure/nhap-tu-tep/")
    page.get_by_label("Tệp (CSV hoặc JSON)").set_input_files(str(good))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    page.wait_for_selector("#import-preview")
    assert page.locator("#import-losses").count() == 1
    html = page.content()  # before axe adds its script
    assert axe_violations(page) == []
    assert html_errors(html, "procedures-import-preview") == []
