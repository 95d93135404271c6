"""The form files staff attached to dossier components survive an import that
does not speak of them (the national database's records carry no ``form_file``),
and one that clears them says so and asks first (docs/open-data.md). With real
files on disk: the import's writes are committed, so django-cleanup runs."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from procedures import demo, opendata
from procedures.models import DossierItem, Procedure

from .factories import make_procedure

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:procedures_procedure_import")
NATIONAL = Path(settings.BASE_DIR) / "tests/data/procedures_national.json"
BIRTH_FORM = "procedures/forms/to-khai-dang-ky-khai-sinh.docx"


@pytest.fixture
def loaded(db):
    demo.load(io.StringIO())


def on_disk(name):
    return (Path(settings.MEDIA_ROOT) / name).is_file()


def exported(code):
    return opendata.serialize(Procedure.objects.with_parts().get(code=code))


def write_json(tmp_path, records):
    path = tmp_path / "thu-tuc.json"
    path.write_text(json.dumps(records, ensure_ascii=False), "utf-8")
    return str(path)


def run(*args):
    out = io.StringIO()
    call_command("import_procedures", *args, stdout=out, stderr=out)
    return out.getvalue()


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_a_file_without_form_files_keeps_each_stored_one_on_disk_and_on_the_page(
    loaded, client, profile, tmp_path, django_capture_on_commit_callbacks
):
    record = exported("1.001193")
    assert record["dossier"][0]["form_file"] == BIRTH_FORM
    # As the national database writes it: no form_file, its own order.
    dossier = [
        {k: v for k, v in item.items() if k != "form_file"}
        for item in reversed(record["dossier"])
    ]
    path = write_json(tmp_path, [{**record, "name": "Tên mới", "dossier": dossier}])
    out = run(path, "--dry-run")
    assert "Bản ghi 1 (1.001193): Sửa: tên thủ tục, thành phần hồ sơ" in out
    assert "Xóa" not in out and "tệp mẫu đơn" not in out
    with django_capture_on_commit_callbacks(execute=True):
        run(path)
    procedure = Procedure.objects.get(code="1.001193")
    assert procedure.name == "Tên mới"
    item = procedure.dossier_items.get(form_file=BIRTH_FORM)
    assert item.name == record["dossier"][0]["name"]
    assert on_disk(BIRTH_FORM)
    page = client.get(procedure.get_absolute_url()).content.decode()
    assert f'href="{item.form_file.url}"' in page
    response = client.get(item.form_file.url)
    assert response.status_code == 200
    assert body(response) == (Path(settings.MEDIA_ROOT) / BIRTH_FORM).read_bytes()
    # The site's earlier export still imports back: nothing it names is gone.
    out = run(write_json(tmp_path, [record]), "--dry-run")
    assert "Bản ghi 1 (1.001193): Sửa: tên thủ tục, thành phần hồ sơ" in out
    assert "0 thủ tục mới, 1 cập nhật" in out


def test_a_component_is_recognised_by_its_case_and_name_or_its_form_name(tmp_path):
    procedure = make_procedure(code="1.001193", parts=False)
    files = [
        demo.store_form("forms/to-khai-dang-ky-khai-sinh.docx"),
        demo.store_form("forms/to-khai-dang-ky-ket-hon.docx"),
        demo.store_form("forms/to-khai-dang-ky-khai-tu.docx"),
    ]
    for order, (name, form_name, form_file) in enumerate(
        [
            ("Tờ khai đăng ký khai sinh theo mẫu.", "", files[0]),
            ("Tờ khai kết hôn", "Tờ khai đăng ký kết hôn", files[1]),
            ("Tờ khai khai tử", "", files[2]),
        ],
        start=1,
    ):
        DossierItem.objects.create(
            procedure=procedure,
            order=order,
            case="Trường hợp thường",
            name=name,
            form_name=form_name,
            form_file=form_file,
        )
    record = exported("1.001193")
    record["dossier"] = [
        # letter case, spacing and the final full stop aside: the same name
        {"case": "trường hợp  thường", "name": "TỜ KHAI đăng ký khai sinh theo mẫu"},
        # renamed, but the same form
        {
            "case": "Trường hợp thường",
            "name": "Tờ khai đăng ký kết hôn theo mẫu",
            "form_name": "Tờ khai đăng ký kết hôn",
        },
        # renamed: nothing says it is the same component
        {"case": "Trường hợp thường", "name": "Tờ khai đăng ký khai tử theo mẫu"},
    ]
    out = run(write_json(tmp_path, [record]), "--dry-run")
    assert "Xóa: tệp mẫu đơn to-khai-dang-ky-khai-tu.docx" in out
    assert "to-khai-dang-ky-khai-sinh.docx" not in out
    assert "to-khai-dang-ky-ket-hon.docx" not in out
    run(write_json(tmp_path, [record]))
    assert list(
        procedure.dossier_items.order_by("order").values_list("form_file", flat=True)
    ) == [files[0], files[1], ""]


@pytest.fixture
def officer(client, make_staff):
    client.force_login(make_staff("motcua", "procedures"))
    return client


def test_a_file_that_clears_a_form_file_names_it_and_asks_before_removing_it(
    loaded, officer, tmp_path, django_capture_on_commit_callbacks
):
    record = exported("1.001193")
    record["dossier"] = [{**item, "form_file": ""} for item in record["dossier"]]
    upload = io.BytesIO(json.dumps([record], ensure_ascii=False).encode())
    upload.name = "noform.json"
    response = officer.post(IMPORT, {"file": upload})
    report = response.context["report"]
    [row] = report.rows
    assert [s.text for s in row.changes.sentences()] == [
        "Xóa: tệp mẫu đơn to-khai-dang-ky-khai-sinh.docx",
        "Sửa: thành phần hồ sơ",
    ]
    assert report.losses == [row]
    html = response.content.decode()
    assert "<strong>Xóa: tệp mẫu đơn to-khai-dang-ky-khai-sinh.docx</strong>" in html
    assert 'name="accept_losses"' in html
    token = response.context["token"]
    with django_capture_on_commit_callbacks(execute=True):
        assert officer.post(IMPORT, {"token": token}).status_code == 400
    assert on_disk(BIRTH_FORM)
    assert DossierItem.objects.filter(form_file=BIRTH_FORM).exists()
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(IMPORT, {"token": token, "accept_losses": report.losses_key})
    assert not DossierItem.objects.filter(form_file=BIRTH_FORM).exists()
    assert not on_disk(BIRTH_FORM)


def test_the_national_records_name_each_form_file_they_clear(loaded):
    out = run(str(NATIONAL), "--dry-run")
    forms = {
        item.procedure.code: Path(item.form_file.name).name
        for item in DossierItem.objects.exclude(form_file="")
    }
    assert len(forms) == 6
    for code, name in forms.items():
        [line] = [line for line in out.splitlines() if f"({code}): " in line]
        assert f"tệp mẫu đơn {name}" in line
        assert "Xóa: " in line
