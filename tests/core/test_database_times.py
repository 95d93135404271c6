"""Times read from PostgreSQL by the project's backend (psycopg's own loader,
thachha_portal/postgresql/base.py): the values Django's loader gives."""

import datetime

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import register_tzloader

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
VIETNAM = datetime.timezone(datetime.timedelta(hours=7))
WRITTEN = [
    "2026-12-07 07:39:55.463679+00",
    "2026-12-31 17:00:00+00",  # 01/01/2027 00:00 in Vietnam
    "2021-01-06 08:00:00+07",
    "0001-01-01 00:00:00+00",
    "9999-12-31 23:59:59.999999+00",
    "1900-03-01 12:00:00.5+00",
]
QUERY = "SELECT " + ", ".join(f"'{w}'::timestamptz" for w in WRITTEN)


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's client")


def test_times_read_are_those_djangos_loader_reads_in_utc(postgresql):
    with connection.cursor() as cursor:
        cursor.execute(QUERY)
        read = cursor.fetchone()
    with connection.cursor() as cursor:
        register_tzloader(UTC, cursor.cursor)  # Django's own, for this cursor
        cursor.execute(QUERY)
        djangos = cursor.fetchone()
    assert read == djangos
    assert [t.tzinfo for t in read] == [UTC] * len(WRITTEN)
    assert read[1].astimezone(VIETNAM) == datetime.datetime(2027, 1, 1, tzinfo=VIETNAM)
    assert read[2] == datetime.datetime(2021, 1, 6, 1, 0, tzinfo=UTC)


def test_a_connection_set_to_another_zone_still_reads_the_right_instant(postgresql):
    """Django's loader relabels the wall time as UTC (seven hours off here);
    psycopg's reads the offset the server wrote."""
    with connection.cursor() as cursor:
        cursor.execute("SET TIME ZONE 'Asia/Ho_Chi_Minh'")
        try:
            cursor.execute("SELECT '2021-01-06 01:00:00+00'::timestamptz")
            (read,) = cursor.fetchone()
        finally:
            cursor.execute("SET TIME ZONE 'UTC'")
    assert read == datetime.datetime(2021, 1, 6, 1, 0, tzinfo=UTC)
