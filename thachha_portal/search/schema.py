"""The database objects behind a search index, created and dropped by the apps'
migrations (``operations(...)``):

* PostgreSQL: a stored generated ``tsvector`` column over the folded columns,
  weighted A (name), B (keywords), C (vocabulary), D (other parts), with the
  'simple' configuration (the columns are already folded, and there is no
  Vietnamese dictionary to stem with), and a GIN index on it. Stored generated:
  every write of the row keeps it in step, bulk writes included.
* SQLite: an FTS5 table over the same columns (external content: the text is
  stored once, in the model's table) and three triggers that keep it in step.
  Without FTS5 in the SQLite build, nothing is created and the search scans.

The functions take plain names, not models, so that a migration keeps doing what
it did when it was written. The names come from the migrations' code, never from
input (hence the ``noqa: S608`` marks).
"""

from django.db import migrations

WEIGHTS = "ABCD"


def _vector_sql(columns):
    parts = [
        f"setweight(to_tsvector('simple', coalesce({column}, '')), '{weight}')"
        for column, weight in zip(columns, WEIGHTS, strict=False)
        if column
    ]
    return " || ".join(parts)


def create(schema_editor, *, table, columns, vector="search_vector"):
    """Create the objects for ``table``; ``columns``: the name, keywords,
    vocabulary and other-parts columns in that order (None for a part the table
    does not have)."""
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {vector} tsvector "
            f"GENERATED ALWAYS AS ({_vector_sql(columns)}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_{vector}_gin ON {table} "
            f"USING gin ({vector})"
        )
    elif connection.vendor == "sqlite" and fts5_available(connection):
        for statement in _fts5_statements(table, [c for c in columns if c]):
            schema_editor.execute(statement)


TRIGGERS = ("insert", "delete", "update")


def _fts5_statements(table, names):
    """The FTS5 table over ``names`` of ``table``, its triggers, and a rebuild
    (every statement idempotent)."""
    columns = ", ".join(names)
    new = ", ".join(f"new.{c}" for c in names)
    old = ", ".join(f"old.{c}" for c in names)
    fts = f"{table}_fts"
    insert = f"INSERT INTO {fts}(rowid, {columns}) VALUES (new.id, {new});"  # noqa: S608
    delete = (
        f"INSERT INTO {fts}({fts}, rowid, {columns}) "  # noqa: S608
        f"VALUES ('delete', old.id, {old});"
    )
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({columns}, "
        f"content='{table}', content_rowid='id', tokenize='unicode61')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} "
        f"BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} "
        f"BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF {columns} "
        f"ON {table} BEGIN {delete} {insert} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",  # noqa: S608
    ]


def repair(connection):
    """Give back its triggers to every table whose FTS5 index lost them, and
    rebuild that index; returns the tables repaired. SQLite cannot alter most
    of a column in place: a migration that changes one (Django's schema editor
    then copies the table into a new one) drops the table's triggers with the
    old table and leaves the FTS5 table, which would no longer follow writes.
    Run after every ``migrate`` (``repair_after_migrate``)."""
    if connection.vendor != "sqlite":
        return []  # PostgreSQL alters in place: the generated column stays
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT type, name, sql FROM sqlite_master "
            "WHERE type IN ('table', 'trigger')"
        )
        rows = cursor.fetchall()
    triggers = {name for kind, name, _sql in rows if kind == "trigger"}
    indexes = [
        name
        for kind, name, sql in rows
        if kind == "table" and name.endswith("_fts") and "fts5" in (sql or "").lower()
    ]
    repaired = []
    for fts in indexes:
        if all(f"{fts}_{suffix}" in triggers for suffix in TRIGGERS):
            continue
        table = fts.removesuffix("_fts")
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA table_info({fts})")
            names = [row[1] for row in cursor.fetchall()]
            for suffix in TRIGGERS:  # one may survive from an older definition
                cursor.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            for statement in _fts5_statements(table, names):
                cursor.execute(statement)
        repaired.append(table)
    return repaired


def repair_after_migrate(sender, using="default", verbosity=1, stdout=None, **kwargs):
    """post_migrate receiver (connected for the project package's app: the
    signal comes after every app's migrations have run)."""
    from django.db import connections

    for table in repair(connections[using]):
        if verbosity and stdout is not None:
            stdout.write(f"  Search index of {table} rebuilt: its triggers were gone.")


def drop(schema_editor, *, table, vector="search_vector"):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {vector}")
    elif connection.vendor == "sqlite":
        fts = f"{table}_fts"
        for suffix in TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {fts}")


def fts5_available(connection):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA compile_options")
        options = {row[0] for row in cursor.fetchall()}
    return "ENABLE_FTS5" in options


def operations(*, table, columns):
    """The migration operations that create (and on reverse drop) the objects."""

    def forwards(apps, schema_editor):
        create(schema_editor, table=table, columns=columns)

    def backwards(apps, schema_editor):
        drop(schema_editor, table=table)

    return [migrations.RunPython(forwards, backwards)]


def gin_indexes(cursor, table):
    """The names of the GIN indexes of ``table`` (PostgreSQL)."""
    cursor.execute(
        "SELECT indexname FROM pg_indexes WHERE tablename = %s "
        "AND indexdef ILIKE '%% USING gin %%' ORDER BY indexname",
        [table],
    )
    return [name for (name,) in cursor.fetchall()]


def pending_list_operations(*, table):
    """Migration operations: the GIN indexes of ``table`` (search vector,
    trigrams) written into at once, without a pending list, and the list they
    hold emptied. A row's view counter is stored by an UPDATE that gives every
    index of the row a new entry (the counter is indexed, so the update is not
    HOT); with the pending list on, those entries pile up, unsorted, up to
    4 MB per index, and every search reads all of them: at province scale the
    searches' SQL took 28.6 ms instead of 9.5 (docs/performance.md). Without
    it, an UPDATE costs about 2 ms more, once a second at most per page and
    worker. PostgreSQL only."""

    def set_fastupdate(value):
        def run(apps, schema_editor):
            if schema_editor.connection.vendor != "postgresql":
                return
            with schema_editor.connection.cursor() as cursor:
                for index in gin_indexes(cursor, table):
                    cursor.execute(f"ALTER INDEX {index} SET (fastupdate = {value})")
                    if value == "off":
                        cursor.execute(
                            "SELECT gin_clean_pending_list(%s::regclass)", [index]
                        )

        return run

    return [migrations.RunPython(set_fastupdate("off"), set_fastupdate("on"))]
