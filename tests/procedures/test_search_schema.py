"""The text index keeps following the procedures after a migration rebuilds
their table (SQLite copies a table into a new one to alter most columns, which
drops its triggers: ``migrate`` gives them back)."""

import pytest
from django.core.management import call_command
from django.db import connection

from procedures.models import Procedure
from procedures.selectors import catalogue

from .factories import make_procedure

TRIGGERS = {
    f"procedures_procedure_fts_{suffix}" for suffix in ("insert", "delete", "update")
}


def _triggers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0] for row in cursor.fetchall()} & TRIGGERS


def _alter_name_length(max_length):
    """What a migration altering the name column does to the table."""
    old = Procedure._meta.get_field("name")
    new = old.clone()
    new.set_attributes_from_name("name")
    new.model = Procedure
    new.max_length = max_length
    with connection.schema_editor() as editor:
        editor.alter_field(Procedure, old, new)
    return old, new


@pytest.mark.django_db(transaction=True)
def test_the_index_follows_writes_again_after_a_migration_rebuilds_the_table():
    make_procedure("Thủ tục đăng ký khai sinh", code="1.001193")
    if connection.vendor == "sqlite":
        assert _triggers() == TRIGGERS
    old, new = _alter_name_length(600)
    try:
        if connection.vendor == "sqlite":
            assert _triggers() == set()  # what the rebuild did
        call_command("migrate", verbosity=0)
        if connection.vendor == "sqlite":
            assert _triggers() == TRIGGERS
        make_procedure("Thủ tục đăng ký kết hôn", code="1.000894")
        assert [p.code for p in catalogue(query="dang ky ket hon")] == ["1.000894"]
        Procedure.objects.get(code="1.001193").delete()
        assert [p.code for p in catalogue(query="dang ky khai sinh")] == []
    finally:
        with connection.schema_editor() as editor:
            editor.alter_field(Procedure, new, old)
        call_command("migrate", verbosity=0)
