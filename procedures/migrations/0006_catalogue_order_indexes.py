from django.db import migrations

# (name, columns): the orders the catalogue pages and the home page's most-viewed
# list read, so that a page of 20 (or 6) is read through an index instead of
# sorting every published procedure by name (Vietnamese ICU collation) per request.
INDEXES = [
    ("procedure_field_name", "field_id, {name}"),
    ("procedure_views_name", "view_count DESC, {name}"),
]


def create_order_indexes(apps, schema_editor):
    """PostgreSQL only: partial indexes (published procedures) whose name column
    uses the collation procedures.selectors.by_name sorts with. A no-op on
    SQLite, whose catalogue is a developer's demo."""
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = 'vi-x-icu'")
        name = 'name COLLATE "vi-x-icu"' if cursor.fetchone() else "name"
    for index, columns in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index} ON procedures_procedure "
            f"({columns.format(name=name)}) WHERE status = 'active'"
        )


def drop_order_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index, _columns in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):
    dependencies = [("procedures", "0005_slug_from_name")]

    operations = [migrations.RunPython(create_order_indexes, drop_order_indexes)]
