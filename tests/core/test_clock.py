"""One clock: the application's (Python's ``timezone.now()``), never the
database's. PostgreSQL's now() and SQLite's CURRENT_TIMESTAMP are not moved by a
travelled test clock (make test-calendar), may differ from the application server's
by a few seconds on another machine, and now() stands still for a whole
transaction; a publication time compared with one clock and stamped with the other
would be public a moment too early or too late."""

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.conf import settings

from bulletins.models import Bulletin

from ..bulletins.factories import make_bulletin, make_category

ROOT = Path(settings.BASE_DIR)
DATABASE_CLOCK = re.compile(
    r"(?-i:\bNow\(\))|CURRENT_TIMESTAMP|CURRENT_DATE|LOCALTIMESTAMP|statement_timestamp"
    r"|clock_timestamp|transaction_timestamp|['\"][^'\"\n]*\bnow\(\)",
    re.IGNORECASE,
)


def _product_files():
    for app in ("thachha_portal", "bulletins", "plans", "procedures"):
        yield from (ROOT / app).rglob("*.py")


def test_no_code_reads_the_database_clock():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _product_files()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if DATABASE_CLOCK.search(line.replace("timezone.now()", ""))
    ]
    assert not found, "use timezone.now(), not the database's clock:\n" + "\n".join(
        found
    )


@pytest.mark.django_db
def test_saved_times_come_from_the_application_clock():
    far = datetime.datetime(2031, 7, 1, 9, tzinfo=datetime.UTC)  # not the DB's year
    with time_machine.travel(far, tick=False):
        bulletin = make_bulletin(category=make_category())
    bulletin = Bulletin.objects.get(pk=bulletin.pk)
    assert bulletin.created_at == bulletin.updated_at == far
    assert bulletin in Bulletin.objects.published(now=far)
