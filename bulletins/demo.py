"""Demo content of the CCHC news: the 2021 items of the plan's year, written as
the town's news of that year (signed "UBND thị trấn Thạch Hà", aired by the
"Đài truyền thanh thị trấn": the names in force then), a few items of the
commune since 01/07/2025, and two items in the approval workflow
(``demo_data/bulletins.json``). Each item is marked as sample content in its
source note, which is shown under the item and never read on air.

Gaps are deliberate, so that the KPI dashboard has something to show: no
website item in June 2021, and no airing in April, August and November 2021.
The figures in the items match the 2021 activities of the plans demo.
Idempotent by slug.
"""

import datetime
import json
from pathlib import Path

from django.utils import timezone

from procedures.models import Procedure

from .models import Airing, Bulletin, Category

DATA = Path(__file__).resolve().parent / "demo_data" / "bulletins.json"
AIRING_HOUR = 9  # hours after publication: the morning programme


def content():
    """The demo data: categories, published items, items in the workflow."""
    return json.loads(DATA.read_text(encoding="utf-8"))


def _local(text):
    return timezone.make_aware(datetime.datetime.fromisoformat(text))


def _create(record, categories, source_note, status):
    when = record.get("published_at")
    bulletin = Bulletin.objects.create(
        slug=record["slug"],
        title=record["title"],
        summary=record["summary"],
        body="".join(f"<p>{p}</p>" for p in record["paragraphs"]),
        category=categories[record["category"]],
        author_unit=record["author_unit"],
        source_note=source_note,
        status=status,
        published_at=_local(when) if when else None,
    )
    for airing in record.get("airings", []):
        Airing.objects.create(
            bulletin=bulletin,
            aired_at=bulletin.published_at
            + datetime.timedelta(days=airing["after_days"], hours=AIRING_HOUR),
            station=airing["station"],
            duration_minutes=airing["minutes"],
            read_by=airing["read_by"],
        )
    codes = record.get("related_procedures", [])
    if codes:  # procedures the demo did not load are skipped
        bulletin.related_procedures.add(*Procedure.objects.filter(code__in=codes))
    return bulletin


def load(stdout=None):
    data = content()
    categories = {}
    for category in data["categories"]:
        categories[category["slug"]], _created = Category.objects.get_or_create(
            slug=category["slug"],
            defaults={"name": category["name"], "order": category["order"]},
        )
    existing = set(Bulletin.objects.values_list("slug", flat=True))
    created = 0
    for record in data["published"]:
        if record["slug"] not in existing:
            _create(record, categories, data["source_note"], Bulletin.Status.PUBLISHED)
            created += 1
    for record in data["pending"]:
        if record["slug"] not in existing:
            _create(record, categories, data["source_note"], record["status"])
    if stdout:
        stdout.write(
            f"Tin CCHC: {created} tin mới, {len(data['published']) - created} đã có"
        )
