"""Demo content of the procedure listing: 16 real commune-level procedures in 8
fields, every part filled in (``demo_data/procedures.json``, in the open-data
format), with the civil-status declaration forms they ask for
(``demo_data/forms/``, written by ``scripts/make_demo_forms.py``).

Loaded through the same import as an open-data file, so the demo also checks the
format; the form files pass the same upload check as a file staff attach.
Idempotent: codes that already exist are left alone (staff may have edited them).
"""

import datetime
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone

from . import importing, services
from .models import DossierItem, Field, Procedure

DATA = Path(__file__).resolve().parent / "demo_data"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The fields in the order the catalogue lists them.
FIELDS = [
    "Hộ tịch",
    "Chứng thực",
    "Đất đai",
    "Xây dựng",
    "Thành lập và hoạt động của hộ kinh doanh",
    "Bảo trợ xã hội",
    "Người có công",
    "Văn hóa",
]
# Most viewed on the home page in a fresh demo.
VIEWS = {"1.001193": 420, "2.000815": 310, "1.013978": 260, "1.000894": 180}


def records():
    """The demo records, as the open-data reader returns them: [Row]."""
    return importing.read_file(DATA / "procedures.json")


def store_form(path):
    """Store a form shipped in ``demo_data`` through the upload check of the form
    field; the stored name. A stored file with the same content is reused."""
    field = DossierItem._meta.get_field("form_file")
    content = (DATA / path).read_bytes()
    upload = SimpleUploadedFile(Path(path).name, content, content_type=DOCX)
    field.run_validators(upload)  # a refused file is a bug in the demo data
    target = field.generate_filename(None, upload.name)
    if default_storage.exists(target):
        with default_storage.open(target, "rb") as stored:
            if stored.read() == content:
                return target
    return default_storage.save(target, upload)


def _with_stored_forms(record):
    dossier = []
    for item in record.get("dossier", []):
        if item.get("form_file"):
            item = {**item, "form_file": store_form(item["form_file"])}
        dossier.append(item)
    return {**record, "dossier": dossier}


def load(stdout=None):
    for order, name in enumerate(FIELDS, start=1):
        Field.objects.get_or_create(name=name, defaults={"order": order})
    existing = set(Procedure.objects.values_list("code", flat=True))
    checked = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    rows = []
    for row in records():
        if row.record["code"] in existing:
            continue
        row.record = _with_stored_forms(row.record)
        if row.record.get("posted_at_desk"):
            row.record["desk_checked_on"] = checked
        rows.append(row)
    report = services.procedures_import(
        rows=rows, user=None, file_name="procedures/demo_data/procedures.json"
    )
    if not report.ok:  # the demo data itself is wrong: say where
        raise ValueError("; ".join(f"{label}: {msg}" for label, msg in report.errors))
    for code, views in VIEWS.items():
        if code in report.created:
            Procedure.objects.filter(code=code).update(
                view_count=F("view_count") + views
            )
    if stdout:
        stdout.write(
            f"Thủ tục hành chính: {len(report.created)} tạo mới, "
            f"{len(existing & {row.record['code'] for row in records()})} đã có"
        )
