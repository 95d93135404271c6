"""The candidates queries' SQL, built by the ORM once per shape and run again
with new parameters.

A search page runs two to seven candidates queries. Building and compiling each
through the ORM cost about 0.3 ms of CPU, more than PostgreSQL took to plan and
run it. Their SQL depends only on the shape of the search — the index and the
backend, the queryset's filters (their SQL, not their values: "published before
now"), how many units and forms the match and the flags test, the order and the
limit — never on the words searched, which travel as parameters. So each worker
keeps the SQL of each shape it met, with the converters the ORM would apply to
its columns (dates on SQLite), and runs it through a cursor of the same
connection (query counts and logging see it as before).

On PostgreSQL, a shape whose best plan does not depend on the words (the
backend says which) is also prepared once per connection: PostgreSQL then
neither parses nor plans it again (``prepared_cursor()``,
thachha_portal/postgresql/base.py).

A queryset whose SQL is not told by its filters alone (annotated, distinct,
sliced, grouped, a union, ``extra()``) goes through the ORM every time; so does
a shape whose parameters the ORM did not put in the expected order.
"""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections

from .. import compiled

MAX_SHAPES = 512  # a worker meets a few dozen; the cap only bounds memory

_statements = {}  # (filters key, shape) → Statement, or False: use the ORM


@dataclass(frozen=True)
class Statement:
    sql: str
    columns: int
    converters: tuple  # (position, (converter functions, expression))
    prepared: bool = False

    @classmethod
    def compile(cls, queryset, params, *, prepared=False):
        """The Statement of ``queryset`` (a sliced ``values_list``), or False
        when its compiled parameters are not ``params``."""
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            sql, compiled = compiler.as_sql()
        except (EmptyResultSet, FullResultSet):
            return False
        if list(compiled) != params:
            return False
        fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
        if compiler.has_composite_fields(fields):
            return False
        converters = tuple(
            (position, (tuple(functions), expression))
            for position, (functions, expression) in compiler.get_converters(
                fields
            ).items()
        )
        return cls(
            sql=sql,
            columns=compiler.col_count,
            converters=converters,
            prepared=prepared,
        )

    def rows(self, connection, params):
        """The rows as ``values_list`` gives them: tuples, values converted."""
        cursor = connection.cursor
        if self.prepared:
            cursor = getattr(connection, "prepared_cursor", cursor)
        with cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        rows = compiled.converted(rows, self.converters, connection)
        return [tuple(row[: self.columns]) for row in rows]


def _filters(queryset):
    """(key, params) of the filters of ``queryset`` (compiled.filters); None
    when more than the filters makes its SQL, or it is sliced or distinct."""
    query = queryset.query
    if query.distinct or query.is_sliced:
        return None
    return compiled.filters(query.get_compiler(using=queryset.db))


def rows(queryset, build, *, shape, params, prepared=False):
    """The rows of ``build(queryset)`` (a sliced ``values_list`` of
    ``queryset`` with a condition, an annotation and an order of its own).
    ``shape``: what makes that SQL besides the queryset's filters, hashable;
    ``params``: the parameters of the annotation, of the condition and of the
    order, as the ORM would pass them; ``prepared``: the statement may be
    prepared (its plan does not depend on the parameters)."""
    select, condition, order = params
    filters = _filters(queryset)
    if filters is None:
        return list(build(queryset))
    key, where = filters
    every = [*select, *where, *condition, *order]
    statement = _statements.get((key, shape))
    if statement is None:
        if len(_statements) >= MAX_SHAPES:
            _statements.clear()
        statement = _statements[key, shape] = Statement.compile(
            build(queryset), every, prepared=prepared
        )
    if not statement:
        return list(build(queryset))
    return statement.rows(connections[queryset.db], every)
