import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from procedures import completeness, demo
from procedures.models import DossierItem, Field, Procedure
from procedures.selectors import catalogue

pytestmark = pytest.mark.django_db

# The civil-status declarations of TT 04/2020/TT-BTP shipped with the demo: code →
# the form's title as printed on it.
DECLARATIONS = {
    "1.001193": "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "1.000894": "TỜ KHAI ĐĂNG KÝ KẾT HÔN",
    "1.000656": "TỜ KHAI ĐĂNG KÝ KHAI TỬ",
    "1.004884": "TỜ KHAI ĐĂNG KÝ LẠI KHAI SINH",
    "1.004873": "TỜ KHAI CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
    "2.000635": "TỜ KHAI CẤP BẢN SAO TRÍCH LỤC HỘ TỊCH",
}


@pytest.fixture
def loaded(db):
    demo.load(io.StringIO())


def test_demo_has_real_procedures_in_many_fields_and_loads_once(loaded):
    assert Procedure.objects.published().count() >= 15
    assert Field.objects.filter(procedures__isnull=False).distinct().count() >= 6
    demo.load(io.StringIO())
    assert Procedure.objects.count() == len(demo.records())
    assert DossierItem.objects.exclude(form_file="").count() == len(DECLARATIONS)


def test_every_demo_procedure_has_every_part_of_a_listing(loaded):
    report = {
        p.code: [f"{part.label}: {part.problem}" for part in completeness.missing(p)]
        for p in Procedure.objects.with_parts()
    }
    assert report == {code: [] for code in report}
    assert len(report) == 16


def test_demo_steps_are_each_procedures_own(loaded):
    steps = [
        tuple(s.text for s in p.steps.all()) for p in Procedure.objects.with_parts()
    ]
    assert all(len(s) >= 3 for s in steps)
    assert len(set(steps)) == len(steps)


def test_declaration_forms_are_the_published_forms_and_pass_the_upload_check(
    loaded,
):
    for code, title in DECLARATIONS.items():
        item = DossierItem.objects.get(procedure__code=code, form_file__gt="")
        with item.form_file.open("rb") as handle:
            content = handle.read()
        document = Document(io.BytesIO(content))
        texts = [p.text for p in document.paragraphs]
        texts += [c.text for t in document.tables for row in t.rows for c in row.cells]
        words = "\n".join(texts)
        assert title in texts, code
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in words
        assert "Kính gửi:" in words and "Chú thích:" in words
        assert "(Ký, ghi rõ họ, chữ đệm, tên)" in words
        assert "04/2020/TT-BTP" in document.core_properties.subject
        upload = SimpleUploadedFile(
            item.form_file.name.rsplit("/", 1)[-1], content, content_type="x"
        )
        DossierItem._meta.get_field("form_file").run_validators(upload)


def test_form_is_offered_right_after_its_dossier_component(client, profile, loaded):
    html = client.get("/thu-tuc/1.001193/").content.decode()
    component = html.index("Tờ khai đăng ký khai sinh theo mẫu")
    form_link = html.index("/media/procedures/forms/to-khai-dang-ky-khai-sinh")
    next_component = html.index("Bản chính Giấy chứng sinh")
    assert component < form_link < next_component
    assert "(Word, " in html


def test_papers_to_show_are_listed_apart_without_quantities(client, profile, loaded):
    html = client.get("/thu-tuc/1.000894/").content.decode()
    shown = html.index("Giấy tờ phải xuất trình (không nộp)")
    assert html.index("của cả hai bên", shown) > shown
    assert "Bản chính: 0 – Bản sao: 0" not in html
    assert "Bản chính: 1 – Bản sao: 0" in html  # the filed declaration


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("dang ky khai sinh", "1.001193"),
        ("làm giấy khai sinh", "1.001193"),
        ("sổ đỏ", "1.013978"),
        ("sao y", "2.000815"),
        ("công chứng", "2.000815"),
        ("giấy độc thân", "1.004873"),
        ("báo tử", "1.000656"),
        ("GPXD", "1.013225"),
        ("giay phep xay dung", "1.013225"),
    ],
)
def test_everyday_searches_find_the_demo_procedure_first(loaded, query, code):
    assert catalogue(query=query).first().code == code


def test_demo_marks_what_is_unverified_and_what_is_posted(loaded):
    assert Procedure.objects.filter(source_note__icontains="chưa kiểm chứng").exists()
    posted = Procedure.objects.filter(posted_at_desk=True)
    assert posted.exists()
    assert not posted.filter(desk_checked_on__isnull=True).exists()


def test_each_listing_history_ends_in_the_procedures_own_state(loaded):
    from procedures.demo import LISTING_HISTORY
    from procedures.models import ListingChange

    for procedure in Procedure.objects.all():
        rows = ListingChange.objects.filter(procedure=procedure).order_by(
            "changed_at", "pk"
        )
        dated = [(r.changed_at.date(), r.listed, r.posted_at_desk) for r in rows]
        assert dated[:-1] == LISTING_HISTORY[procedure.code]
        last = rows.last()
        assert (last.listed, last.posted_at_desk, last.desk_checked_on) == (
            procedure.listing_state
        )
        assert procedure.posted_at_desk  # all sixteen posted today


def test_demo_refuses_a_history_that_contradicts_the_data(monkeypatch):
    from procedures import demo

    monkeypatch.setitem(
        demo.LISTING_HISTORY, "1.001193", [(datetime.date(2021, 1, 4), True, False)]
    )
    with pytest.raises(ValueError, match="1.001193"):
        demo.load()
    assert not Procedure.objects.exists()


def test_demo_round_trips_through_the_open_data_format(loaded):
    from procedures import importing, opendata, services

    procedures = Procedure.objects.with_parts().order_by("code")
    for extension, write in (("json", opendata.to_json), ("csv", opendata.to_csv)):
        rows = importing.read_text(write(procedures), f"thu-tuc.{extension}")
        report = services.procedures_import(
            rows=rows, user=None, file_name=f"thu-tuc.{extension}", dry_run=True
        )
        assert report.ok and len(report.unchanged) == 16, report.errors
        shown = [d for r in rows for d in r.record["dossier"] if d["presented"]]
        assert len(shown) >= 8


def test_an_import_that_changes_a_procedure_keeps_its_form_files(
    client, profile, loaded, django_capture_on_commit_callbacks
):
    """An export changed in one name and imported again replaces the
    procedure's dossier rows with new ones naming the same form file: the
    file stays on disk (it was removed after the commit, the new row naming a
    missing file) and citizens still download it; importing the export again
    still works."""
    from procedures import importing, opendata, services

    khai_sinh = Procedure.objects.with_parts().filter(code="1.001193")
    text = opendata.to_json(khai_sinh).replace(
        "Thủ tục đăng ký khai sinh", "Thủ tục đăng ký khai sinh (sửa tên)", 1
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = services.procedures_import(
            rows=importing.read_text(text, "thu-tuc.json"), file_name="thu-tuc.json"
        )
    assert report.ok and len(report.updated) == 1 and callbacks
    item = DossierItem.objects.get(procedure__code="1.001193", form_file__gt="")
    assert item.form_file.storage.exists(item.form_file.name)
    response = client.get(item.form_file.url)
    assert response.status_code == 200
    assert response.content.startswith(b"PK")  # the .docx itself
    again = services.procedures_import(
        rows=importing.read_text(opendata.to_json(khai_sinh), "thu-tuc.json"),
        dry_run=True,
    )
    assert again.ok, again.errors


def test_a_form_file_no_row_names_any_more_is_removed(
    loaded, django_capture_on_commit_callbacks
):
    item = DossierItem.objects.filter(form_file__gt="").first()
    name, storage = item.form_file.name, item.form_file.storage
    with django_capture_on_commit_callbacks(execute=True):
        item.delete()
    assert not storage.exists(name)
