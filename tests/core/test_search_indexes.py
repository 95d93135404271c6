"""The search indexes of the rows whose view counters are stored often
(procedures, news items) keep no pending list: a search never reads through
entries left by counter updates (thachha_portal/search/schema.py)."""

import pytest
from django.db import connection
from django.db.models import F

from bulletins.models import Bulletin
from procedures.models import Procedure
from tests.bulletins.factories import make_bulletin
from tests.procedures.factories import make_procedure
from thachha_portal.search import schema

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="GIN indexes are PostgreSQL's"
    ),
]

TABLES = {"procedures_procedure": 3, "bulletins_bulletin": 1}  # GIN indexes of each


def gin_indexes(table):
    with connection.cursor() as cursor:
        return schema.gin_indexes(cursor, table)


def pending_pages(index):
    """Moves what the index holds pending into it; how many pages that was."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        return cursor.fetchone()[0]


def test_counter_updates_leave_the_search_indexes_nothing_pending():
    procedures = [make_procedure(code=f"1.{n:06}") for n in range(1, 41)]
    bulletins = [make_bulletin() for _ in range(40)]
    for table, count in TABLES.items():
        assert len(gin_indexes(table)) == count
        for index in gin_indexes(table):
            pending_pages(index)  # what the rows' creation left, if anything
    for _round in range(5):  # as counters.flush stores views
        for model, rows in ((Procedure, procedures), (Bulletin, bulletins)):
            for row in rows:
                model.objects.filter(pk=row.pk).update(view_count=F("view_count") + 1)
    for table in TABLES:
        for index in gin_indexes(table):
            assert pending_pages(index) == 0, index
