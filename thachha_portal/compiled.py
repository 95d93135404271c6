"""Querysets whose SQL the ORM builds once per shape, for the queries every
public page runs.

Building a query's SQL costs the ORM more CPU than PostgreSQL takes to run it:
about 0.4 ms for the home page's list of procedures (resolving the columns of
``only()`` and ``select_related()``, the joins, the order), against 0.1 ms in
the database. Yet for a given page the SQL is always the same; only the values
change ("published before now", the slug asked for), and those travel as
parameters.

``compiled(queryset)`` marks a queryset so that its SQL is built once per
worker for each *shape* — everything that makes the SQL besides the values:
the model, the joins, the filters' SQL, the columns, the order, the slice —
and then run again with the new values of its filters. The shape is read off
the query itself, so a queryset changed after it was marked (filtered again,
ordered otherwise, sliced) simply has another shape. What the ORM fills in
while building the SQL (the columns read, how rows become objects) is kept with
it, so rows become model instances exactly as the ORM makes them.

A query whose SQL is made of more than its filters and columns (annotations,
aggregates, ``values()``, ``distinct(fields)``, ``extra()``, a union, a
subquery, ``select_for_update()``) is built by the ORM as usual, and so is a
shape whose parameters are not exactly its filters' (checked the first time).
``search/statements.py`` does the same for the search's candidate rows.
"""

import functools
from dataclasses import dataclass

import psycopg
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections
from django.db.models.sql import Query

MAX_SHAPES = 512  # a worker meets a few dozen; the cap only bounds memory

_shapes = {}  # shape → _Built, or False: this shape goes through the ORM


@dataclass(frozen=True)
class _Built:
    """The SQL of a shape and what the compiler learnt building it."""

    sql: str
    select: list
    klass_info: dict
    annotation_col_map: dict
    col_count: int
    has_extra_select: bool

    def restore(self, compiler):
        compiler.select = self.select
        compiler.klass_info = self.klass_info
        compiler.annotation_col_map = self.annotation_col_map
        compiler.col_count = self.col_count
        compiler.has_extra_select = self.has_extra_select


def filters(compiler):
    """(key, params) of the filters of the compiler's query: the key holds
    their SQL and joins, the params their values; None when more than the
    filters and the columns makes its SQL (annotations, ``extra()``, a union,
    grouping, a join with a condition of its own…)."""
    query = compiler.query
    if (
        query.combinator
        or query.annotations
        or query.extra
        or query.extra_tables
        or query.group_by is not None
        or query.select_for_update
        or any(getattr(j, "filtered_relation", None) for j in query.alias_map.values())
    ):
        return None
    try:
        where, params = compiler.compile(query.where)
    except FullResultSet:
        where, params = "", []
    except EmptyResultSet:
        return None
    joins = tuple(
        (alias, join.table_name, getattr(join, "join_type", None))
        for alias, join in query.alias_map.items()
    )
    return (compiler.using, query.model, joins, where), list(params)


def _shape(compiler):
    """(shape, the filters' parameters) of the compiler's query, or None when
    more than its filters and columns makes its SQL."""
    query = compiler.query
    if (
        query.subquery
        or query.extra_order_by
        or query.values_select
        or query.distinct_fields
        or query.select
    ):
        return None
    found = filters(compiler)
    if found is None:
        return None
    key, params = found
    deferred, defer = query.deferred_loading
    shape = (
        *key,
        query.low_mark,
        query.high_mark,
        query.distinct,
        repr(query.order_by),
        query.default_ordering,
        query.standard_ordering,
        repr(query.select_related),
        tuple(sorted(deferred)),
        defer,
        query.default_cols,
    )
    return shape, list(params)


class _CompiledOnce:
    """Mixed into the backend's SQLCompiler for marked queries."""

    def as_sql(self, with_limits=True, with_col_aliases=False):
        found = _shape(self) if with_limits and not with_col_aliases else None
        if found is None:
            return super().as_sql(with_limits, with_col_aliases)
        shape, params = found
        built = _shapes.get(shape)
        if built is None:
            sql, compiled = super().as_sql(with_limits, with_col_aliases)
            if len(_shapes) >= MAX_SHAPES:
                _shapes.clear()
            _shapes[shape] = (
                _Built(
                    sql,
                    self.select,
                    self.klass_info,
                    self.annotation_col_map,
                    self.col_count,
                    self.has_extra_select,
                )
                if list(compiled) == params
                else False
            )
            return sql, compiled
        if not built:
            return super().as_sql(with_limits, with_col_aliases)
        built.restore(self)
        return built.sql, tuple(params)


@functools.cache
def _compiler_class(base):
    return type(f"CompiledOnce{base.__name__}", (_CompiledOnce, base), {})


class CompiledQuery(Query):
    """A query whose SELECT is built once per shape (clones stay so)."""

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        if using is None and connection is None:
            raise ValueError("Need either using or connection")
        if using:
            connection = connections[using]
        base = connection.ops.compiler(self.compiler)
        return _compiler_class(base)(self, connection, using, elide_empty)


def compiled(queryset):
    """``queryset``, its SQL built once per shape from now on."""
    queryset = queryset._chain()
    queryset.query = queryset.query.chain(CompiledQuery)
    return queryset


def forget():
    """Build every shape again (tests)."""
    _shapes.clear()


def converted(rows, converters, connection):
    """``rows`` with the ORM's converters of their columns applied (dates and
    times on SQLite): ``converters`` as ``compiler.get_converters()`` gives
    them, (position, (functions, expression)) pairs."""
    if not converters:
        return rows
    done = []
    for row in rows:
        row = list(row)
        for position, (functions, expression) in converters:
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        done.append(row)
    return done


@dataclass(frozen=True)
class Statement:
    """A model queryset's SQL, compiled once, run again with parameters of the
    same kinds; its rows made into instances as the ORM makes them (converters,
    ``from_db``, annotations as attributes), without Django's raw-query
    machinery, which works out again for each query how the columns map to the
    model. Only the model's own columns and its annotations: no
    ``select_related``."""

    model: type
    db: str
    sql: str
    params: tuple
    names: list  # the model fields' attnames, in the order of their columns
    fields: slice  # where those columns stand in a row
    annotations: list  # (name, position)
    converters: list

    @classmethod
    def of(cls, queryset):
        if queryset.query.select_related:
            raise ValueError("A compiled statement reads one model's columns.")
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        select = compiler.select
        positions = compiler.klass_info["select_fields"]
        return cls(
            model=queryset.model,
            db=queryset.db,
            sql=sql,
            params=tuple(params),
            names=[select[i][0].target.attname for i in positions],
            fields=slice(positions[0], positions[-1] + 1),
            annotations=list(compiler.annotation_col_map.items()),
            converters=list(
                compiler.get_converters(
                    [s[0] for s in select[: compiler.col_count]]
                ).items()
            ),
        )

    def objects(self, params=None):
        """The instances of the rows for ``params`` (the compiled ones by
        default)."""
        return together((self, params))[0]

    def instances(self, rows):
        """Model instances of ``rows`` (as the cursor returned them)."""
        rows = converted(rows, self.converters, connections[self.db])
        make, db, names, fields = self.model.from_db, self.db, self.names, self.fields
        found = []
        for row in rows:
            obj = make(db, names, row[fields])
            for name, position in self.annotations:
                setattr(obj, name, row[position])
            found.append(obj)
        return found


def together(*runs):
    """``Statement.objects`` of each ``(statement, params)`` of ``runs`` (params
    None: the compiled ones), in one round trip where the database takes
    several statements in one query: PostgreSQL through psycopg's client-side
    cursor, which Django's backend uses unless ``server_side_binding`` is set.
    Four small reads of a detail page cost half the CPU of four round trips
    (docs/performance.md). Elsewhere, one query after another."""
    runs = [(s, s.params if p is None else p) for s, p in runs]
    if len({statement.db for statement, _params in runs}) != 1:
        raise ValueError("Statements read together come from one database.")
    found = []
    with connections[runs[0][0].db].cursor() as cursor:
        if len(runs) > 1 and _several_at_once(cursor):
            cursor.execute(
                ";\n".join(statement.sql for statement, _params in runs),
                [value for _statement, params in runs for value in params],
            )
            for _run in runs:
                found.append(cursor.fetchall())
                cursor.nextset()
        else:
            for statement, params in runs:
                cursor.execute(statement.sql, params)
                found.append(cursor.fetchall())
    return [s.instances(rows) for (s, _params), rows in zip(runs, found, strict=True)]


def _several_at_once(cursor):
    return cursor.db.vendor == "postgresql" and isinstance(
        cursor.cursor, psycopg.ClientCursor
    )
