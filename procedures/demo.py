"""Demo content of the procedure listing: 16 real commune-level procedures in 8
fields, every part filled in (``demo_data/procedures.json``, in the open-data
format), with the civil-status declaration forms they ask for
(``demo_data/forms/``, written by ``scripts/make_demo_forms.py``).

Loaded through the same import as an open-data file, so the demo also checks the
format; the form files pass the same upload check as a file staff attach.
Each procedure also gets its listing history (``LISTING_HISTORY``), the one
record of when it was listed on the website and posted at the one-stop desk: the
plans' listing KPI reads it for a past period, and its last state is the
procedure's own (``posted_at_desk`` in the data file), what the procedure page and
the field listing show today.

Idempotent: codes that already exist are left alone (staff may have edited them).
"""

import datetime
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone

from . import importing, services
from .models import DossierItem, Field, ListingChange, Procedure

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

# When each procedure was listed on the website and posted at the one-stop desk
# (code → [(from, listed, posted)]): those the town handled in 2021 listed from
# 04/01/2021, eight posted at once and four more on 12/04/2021; those that came to
# the commune with the 2025 rearrangement listed and posted from 01/07/2025. All
# sixteen are posted today: the last state of each is the procedure's
# ``posted_at_desk`` in the data file (``load`` refuses a mismatch).
_EARLY = [
    "1.001193",
    "1.000894",
    "1.000656",
    "1.004884",
    "1.004873",
    "2.000635",
    "2.000815",
    "2.000884",
]
_APRIL = ["2.001035", "1.001699", "1.010803", "1.003622"]
_FROM_2025 = ["1.012812", "1.013978", "1.013225", "1.001612"]
D = datetime.date
LISTING_HISTORY = {
    **{code: [(D(2021, 1, 4), True, True)] for code in _EARLY},
    **{
        code: [(D(2021, 1, 4), True, False), (D(2021, 4, 12), True, True)]
        for code in _APRIL
    },
    **{code: [(D(2025, 7, 1), True, True)] for code in _FROM_2025},
}


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
    _check_history(records())
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
    _listing_history(report.created)
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


def _check_history(rows):
    """Each procedure's history ends in the state the data file gives it."""
    for row in rows:
        code, record = row.record["code"], row.record
        *_, (_day, listed, posted) = LISTING_HISTORY[code]
        now_listed = record.get("status", "active") == "active"
        if (listed, posted) != (now_listed, bool(record.get("posted_at_desk"))):
            raise ValueError(f"{code}: lịch sử niêm yết không khớp với dữ liệu")


def _listing_history(codes):
    """The dated listing states of the procedures just created, before the state
    their creation wrote (today's, with the date the desk was last checked)."""
    zone = timezone.get_current_timezone()
    for procedure in Procedure.objects.filter(code__in=codes):
        for day, listed, posted in LISTING_HISTORY[procedure.code]:
            ListingChange.objects.get_or_create(
                procedure=procedure,
                changed_at=datetime.datetime.combine(day, datetime.time(7), zone),
                defaults={"listed": listed, "posted_at_desk": posted},
            )
