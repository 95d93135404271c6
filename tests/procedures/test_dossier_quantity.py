"""“Số lượng hồ sơ”: how many sets of the dossier to file (NĐ 63/2010 Art.
8(2)(d) as amended, “thành phần, số lượng hồ sơ”; TT 02/2017 writes “Số lượng hồ
sơ: 01 bộ” under the components), end to end: the procedure's field, the admin,
open data and import, the page and the print sheet, completeness, the demo."""

import csv
import io
import json

import pytest
from django.urls import reverse

from procedures import completeness, demo, importing, opendata, services
from procedures.models import DossierItem, Procedure

from .factories import make_procedure
from .test_admin import admin_form_data

pytestmark = pytest.mark.django_db

SETS = '<p class="dossier-quantity"><strong>Số lượng hồ sơ:</strong> {}</p>'


def with_a_paper_to_show(**values):
    procedure = make_procedure(code="1.001193", **values)
    DossierItem.objects.create(
        procedure=procedure, order=2, name="Căn cước", presented=True, originals=0
    )
    return procedure


@pytest.mark.parametrize("page", ["procedures:detail", "procedures:print"])
def test_page_and_sheet_say_how_many_sets_under_the_components(client, profile, page):
    with_a_paper_to_show(dossier_quantity="01 bộ")
    html = client.get(reverse(page, args=["1.001193"])).content.decode()
    part = html.index("Thành phần, số lượng hồ sơ</h2>")
    component = html.index("Tờ khai theo mẫu", part)
    form = html.index("Mẫu tờ khai", component)
    sets = html.index(SETS.format("01 bộ"))
    shown = html.index("Giấy tờ phải xuất trình (không nộp)")
    assert part < component < form < sets < shown


@pytest.mark.parametrize("page", ["procedures:detail", "procedures:print"])
def test_a_number_of_sets_not_recorded_is_said_to_be_updated(client, profile, page):
    make_procedure(code="1.001193", dossier_quantity="")
    html = client.get(reverse(page, args=["1.001193"])).content.decode()
    assert SETS.format("Đang cập nhật.") in html


def test_a_number_of_sets_as_the_decision_writes_it_is_shown_verbatim(client, profile):
    make_procedure(code="2.000815", dossier_quantity="Không quy định")
    html = client.get(reverse("procedures:print", args=["2.000815"])).content.decode()
    assert SETS.format("Không quy định") in html


def test_staff_record_the_number_of_sets_in_the_admin(client, make_staff):
    procedure = make_procedure(dossier_quantity="")
    client.force_login(make_staff("motcua", "procedures"))
    change = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    html = client.get(change).content.decode()
    assert 'name="dossier_quantity"' in html
    assert "Số lượng hồ sơ" in html
    data = admin_form_data(procedure, dossier_quantity="  01 bộ ")
    assert client.post(change, data).status_code == 302
    procedure.refresh_from_db()
    assert procedure.dossier_quantity == "01 bộ"


def test_a_listing_without_the_number_of_sets_is_incomplete():
    procedure = make_procedure(dossier_quantity="")
    procedure = Procedure.objects.with_parts().get(pk=procedure.pk)
    problems = {part.key: part.problem for part in completeness.missing(procedure)}
    assert problems == {"dossier": "chưa ghi số lượng hồ sơ (ví dụ “01 bộ”)"}


def test_open_data_has_the_number_of_sets_in_csv_and_json(client, profile):
    make_procedure(code="1.001193", dossier_quantity="01 bộ")
    data = json.loads(client.get(reverse("procedures:open-data-json")).getvalue())
    assert data["procedures"][0]["dossier_quantity"] == "01 bộ"
    text = client.get(reverse("procedures:open-data-csv")).getvalue().decode()
    row = next(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert row["dossier_quantity"] == "01 bộ"
    page = client.get(reverse("procedures:open-data")).content.decode()
    assert "<code>dossier_quantity</code>" in page


@pytest.mark.parametrize("write", [opendata.to_csv, opendata.to_json])
def test_the_number_of_sets_round_trips_and_an_import_changes_it(write):
    make_procedure(code="1.001193", dossier_quantity="01 bộ")
    make_procedure(code="2.000815", dossier_quantity="")
    name = "thu-tuc.csv" if write is opendata.to_csv else "thu-tuc.json"
    text = write(Procedure.objects.with_parts().order_by("code"))
    report = services.procedures_import(rows=importing.read_text(text, name))
    assert report.ok and len(report.unchanged) == 2, report.errors

    changed = text.replace("01 bộ", "02 bộ")
    report = services.procedures_import(
        rows=importing.read_text(changed, name), dry_run=True
    )
    assert report.updated == ["1.001193"]
    assert "Sửa: số lượng hồ sơ (01 bộ → 02 bộ)" in str(report.rows[0].changes)
    services.procedures_import(rows=importing.read_text(changed, name))
    assert Procedure.objects.get(code="1.001193").dossier_quantity == "02 bộ"
    assert Procedure.objects.get(code="2.000815").dossier_quantity == ""


def test_a_file_without_the_column_says_it_clears_the_number_of_sets():
    make_procedure(code="1.001193", dossier_quantity="01 bộ")
    record = opendata.serialize(Procedure.objects.with_parts().get())
    del record["dossier_quantity"]
    report = services.procedures_import(rows=importing.records([record]), dry_run=True)
    assert report.missing_columns == ["dossier_quantity"]
    assert str(report.rows[0].changes) == "Xóa: số lượng hồ sơ"


def test_demo_procedures_say_how_many_sets_as_their_decisions_do(client, profile):
    demo.load(io.StringIO())
    quantities = dict(Procedure.objects.values_list("code", "dossier_quantity"))
    assert all(quantities.values()), quantities
    for code in ("1.001193", "1.000894", "1.000656", "1.004884", "1.004873"):
        assert quantities[code] == "01 bộ", code
    html = client.get(reverse("procedures:print", args=["1.001193"])).content.decode()
    assert SETS.format("01 bộ") in html
