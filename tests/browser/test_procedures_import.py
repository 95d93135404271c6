"""The listing officer imports a file through the admin in a real browser,
without JavaScript: upload, preview, confirm."""

import json

import pytest

from procedures.models import Procedure

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


def test_import_preview_passes_axe_and_the_html_checker(
    site, new_page, make_staff, tmp_path
):
    make_staff("motcua", "procedures")
    good = tmp_path / "thu-tuc.json"
    good.write_text(json.dumps([RECORD], ensure_ascii=False), "utf-8")
    page = new_page(viewport=DESKTOP, bypass_csp=True)
    log_in(page, site)
    page.goto(site + "/quan-tri/procedures/procedure/nhap-tu-tep/")
    page.get_by_label("Tệp (CSV hoặc JSON)").set_input_files(str(good))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    page.wait_for_selector("#import-preview")
    html = page.content()  # before axe adds its script
    assert axe_violations(page) == []
    assert html_errors(html, "procedures-import-preview") == []
