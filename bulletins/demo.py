"""Demo content of the CCHC news: the 2021 items of the plan's year, written as
the town's news of that year (signed "UBND thị trấn Thạch Hà", aired by the
"Đài truyền thanh thị trấn": the names in force then) (``demo_data/bulletins.json``).
The current year's items (one a month, one waiting for approval, one scheduled)
are placed by the plans demo relative to the day it runs (``add``). Each item is
marked as sample content in its source note, which is shown under the item and
never read on air.

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


def _create(record, categories, source_note, status, published_at=None):
    when = record.get("published_at")
    if published_at is None and when:
        published_at = _local(when)
    bulletin = Bulletin.objects.create(
        slug=record["slug"],
        title=record["title"],
        summary=record["summary"],
        body="".join(f"<p>{p}</p>" for p in record["paragraphs"]),
        category=categories[record["category"]],
        author_unit=record["author_unit"],
        source_note=source_note,
        status=status,
        published_at=published_at,
    )
    for airing in record.get("airings", []):
        add_airing(bulletin, airing)
    codes = record.get("related_procedures", [])
    if codes:  # procedures the demo did not load are skipped
        bulletin.related_procedures.add(*Procedure.objects.filter(code__in=codes))
    return bulletin


def add_airing(bulletin, airing):
    """Air ``bulletin`` as ``airing`` says ({"after_days", "station", "minutes",
    "read_by"}), in the morning programme ``after_days`` after its publication."""
    return Airing.objects.create(
        bulletin=bulletin,
        aired_at=bulletin.published_at
        + datetime.timedelta(days=airing["after_days"], hours=AIRING_HOUR),
        station=airing["station"],
        duration_minutes=airing["minutes"],
        read_by=airing["read_by"],
    )


def add(record, *, published_at=None, status=Bulletin.Status.PUBLISHED):
    """One demo item from ``record`` (the shape of ``demo_data/bulletins.json``),
    published at ``published_at`` (a future moment: scheduled) or left in the
    workflow (``status``). The plans demo places the current year's items with it."""
    data = content()
    categories = _categories(data)
    return _create(record, categories, data["source_note"], status, published_at)


def _categories(data):
    categories = {}
    for category in data["categories"]:
        categories[category["slug"]], _created = Category.objects.get_or_create(
            slug=category["slug"],
            defaults={"name": category["name"], "order": category["order"]},
        )
    return categories


def load(stdout=None):
    data = content()
    categories = _categories(data)
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
