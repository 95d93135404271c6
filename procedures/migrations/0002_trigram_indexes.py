from django.db import migrations

INDEXES = [
    ("procedure_search_title_trgm", "search_title"),
    ("procedure_search_document_trgm", "search_document"),
]


def create_trigram_indexes(apps, schema_editor):
    """GIN trigram indexes for contains/similarity searches; PostgreSQL only (the
    pg_trgm extension is enabled by thachha_portal 0002). A no-op on SQLite."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON procedures_procedure "
            f"USING gin ({column} gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0001_initial"),
        ("thachha_portal", "0002_trigram_and_counter"),
    ]

    operations = [migrations.RunPython(create_trigram_indexes, drop_trigram_indexes)]
