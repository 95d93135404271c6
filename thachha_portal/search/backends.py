"""Finding the candidate records of a query with the database's own text search,
through an index, so that the work does not grow with the number of records:

* PostgreSQL: full-text search over the folded columns ('simple' configuration,
  no stemming: the columns are already in search form), a stored ``tsvector``
  with the parts weighted A/B/C/D and a GIN index (see schema.py); candidates
  are ranked by ``ts_rank`` with those weights.
* SQLite: an FTS5 table over the same columns, kept in step by triggers;
  candidates ranked by ``bm25`` with weights in the same proportion.
* SQLite without FTS5 (or an index declared without one): whole-syllable LIKE
  over the columns. Slower, but the same candidates.

Every backend finds the same records for the same units (whole syllables,
phrases as adjacent syllables); only the rough order in which a large set of
candidates is cut differs. The final order is computed once, in ranking.py,
over the candidates' columns: the same on every database.

The SQL written here holds only the quoted table and column names of the
declared indexes and fixed numbers; everything that comes from a query (the
tsquery, the MATCH expression, LIKE patterns) travels as a parameter, hence the
``noqa: S608/S611`` marks.
"""

import functools
import itertools

from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    F,
    FloatField,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from . import statements

# ts_rank's weights, in the order {D, C, B, A}; bm25's in column order.
PG_WEIGHTS = "{0.35,0.7,0.8,1.0}"


def _combinations(units, need):
    """Index tuples of the units that must all be found: every unit, or
    ``need`` of them in any combination."""
    return list(itertools.combinations(range(len(units)), need))


class Backend:
    name = "scan"

    def __init__(self, index):
        self.index = index

    # -- the pieces every backend shares ---------------------------------------

    def _column(self, name):
        return (
            f"{connection.ops.quote_name(self.index.table)}."
            f"{connection.ops.quote_name(name)}"
        )

    def _other_flags(self, units):
        """(SQL, params) of one text with a character per unit: "1" when one of
        its forms is in the "other parts" column, else "0" (one expression for
        all the units)."""
        column = self._column(self.index.other_column)
        cases, params = [], []
        for unit in units:
            tests = " OR ".join(
                f"(' ' || {column} || ' ') LIKE %s" for _form in unit.forms
            )
            cases.append(f"(CASE WHEN {tests} THEN '1' ELSE '0' END)")
            params += [f"% {form} %" for form in unit.forms]
        return " || ".join(cases) or "''", params

    def _values(self, queryset, units, limit, condition, order, *, prepared=False):
        """The rows of ``queryset`` that meet ``condition`` ((SQL, params)), in
        ``order`` ((a name for it, ORM order expressions, their params)), at
        most ``limit``. The ORM builds the SQL once per shape, and PostgreSQL
        prepares it when ``prepared`` (statements.py)."""
        index = self.index
        columns = ["pk", index.name_column]
        columns += [c for c in (index.keywords_column, index.vocabulary_column) if c]
        if index.newest_column:
            columns.append(index.newest_column)
        flags = self._other_flags(units)
        order_name, order_by, order_params = order

        def build(queryset):
            if condition[0]:
                queryset = queryset.filter(
                    RawSQL(*condition, output_field=BooleanField())  # noqa: S611
                )
            rows = (
                queryset.annotate(
                    _other=RawSQL(*flags, output_field=CharField())  # noqa: S611
                )
                .order_by(*order_by)
                .values_list(*columns, "_other", *index.shown_columns)
            )
            return rows[:limit]

        return statements.rows(
            queryset,
            build,
            shape=(self.name, index.key, flags[0], condition[0], order_name, limit),
            params=(flags[1], condition[1], order_params),
            prepared=prepared,
        )

    # -- what each backend does its own way --------------------------------------

    def candidates(self, queryset, units, *, need, name_only, limit):
        """Rows (pk, name, [keywords], [vocabulary], [newest], flag per unit,
        [shown columns]) of the records of ``queryset`` holding ``need`` of
        ``units`` (in the name only when ``name_only``), at most ``limit``: the
        newest first for news; else, in the name, the shortest names first, and
        anywhere, the roughly best first."""
        padded = [
            f"(' ' || COALESCE({self._column(c)}, '') || ' ')"
            for c in self._scan_columns(name_only)
        ]
        found = [self._unit_sql(unit, padded) for unit in units]
        combos = _combinations(units, need)
        sql = " OR ".join(
            "(" + " AND ".join(found[i][0] for i in combo) + ")" for combo in combos
        )
        params = [p for combo in combos for i in combo for p in found[i][1]]
        # One condition written out rather than Q objects over padded
        # aliases: the same test (whole syllables, any column).
        return self._values(
            queryset, units, limit, (sql, params), self._order(name_only)
        )

    @staticmethod
    def _unit_sql(unit, padded):
        """(SQL, params): one of the unit's forms stands, as whole syllables, in
        one of the ``padded`` columns (what ``__contains`` would test)."""
        tests, params = [], []
        for form in unit.forms:
            pattern = f"%{connection.ops.prep_for_like_query(f' {form} ')}%"
            for column in padded:
                tests.append(f"{column} LIKE %s ESCAPE '\\'")
                params.append(pattern)
        return "(" + " OR ".join(tests) + ")", params

    def _scan_columns(self, name_only):
        index = self.index
        if name_only:
            return [index.name_column]
        return [
            c
            for c in (
                index.name_column,
                index.keywords_column,
                index.vocabulary_column,
                index.other_column,
            )
            if c
        ]

    def _order(self, name_only=False):
        """(name, ORM order expressions, params) of the candidates' order."""
        # Newest first by the date alone, so that an index on it (bulletins:
        # status, published_at) is walked backwards and the walk stops at the
        # limit: no tie-breaker, no NULLS LAST (what is public has a date).
        # Among names that hold the query, the shortest (the closest) first.
        index = self.index
        if index.newest_column:
            return "newest", [F(index.newest_column).desc()], []
        if name_only:
            return "shortest", [Length(index.name_column), "pk"], []
        return "pk", ["pk"], []


class PostgresBackend(Backend):
    name = "postgresql"

    def _tsquery(self, units, need, name_only):
        weight = ":A" if name_only else ""

        def unit(u):
            forms = [
                " <-> ".join(f"{word}{weight}" for word in form.split())
                for form in u.forms
            ]
            return "(" + " | ".join(f"({f})" for f in forms) + ")"

        return " | ".join(
            "(" + " & ".join(unit(units[i]) for i in combo) + ")"
            for combo in _combinations(units, need)
        )

    def candidates(self, queryset, units, *, need, name_only, limit):
        vector = self._column(self.index.vector_column)
        tsquery = self._tsquery(units, need, name_only)
        if self.index.newest_column:
            # Newest first, the plan depends on the words: for common ones
            # PostgreSQL walks the date index back, for rare ones it reads the
            # text index. It plans each search, from the words' statistics.
            condition = (f"{vector} @@ to_tsquery('simple', %s)", [tsquery])
            return self._values(queryset, units, limit, condition, self._order())
        # Otherwise the text index is read whatever the words: the statement
        # is prepared, planned once per connection (docs/performance.md,
        # *Seventeenth pass*). Its tsquery is a subquery, worked out once per
        # run: a plan made for any words would work out to_tsquery() of a
        # parameter again for every row.
        parsed = "(SELECT to_tsquery('simple', %s))"
        condition = (f"{vector} @@ {parsed}", [tsquery])
        if name_only:
            order = self._order(name_only)
        else:
            rank = RawSQL(  # noqa: S611 - see the module docstring
                f"ts_rank('{PG_WEIGHTS}'::float4[], {vector}, {parsed}, 1)",
                [tsquery],
                output_field=FloatField(),
            )
            order = ("rank", [rank.desc(), "pk"], [tsquery])
        return self._values(queryset, units, limit, condition, order, prepared=True)


class Fts5Backend(Backend):
    name = "sqlite-fts5"

    def _match(self, units, need, name_only):
        def unit(u):
            return "(" + " OR ".join(f'"{form}"' for form in u.forms) + ")"

        expression = " OR ".join(
            "(" + " AND ".join(unit(units[i]) for i in combo) + ")"
            for combo in _combinations(units, need)
        )
        if name_only:
            return f"{self.index.name_column} : ({expression})"
        return expression

    def candidates(self, queryset, units, *, need, name_only, limit):
        fts = connection.ops.quote_name(self.index.fts_table)
        match = self._match(units, need, name_only)
        pk = self._column(self.index.model._meta.pk.column)
        condition = (
            f"{pk} IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)",  # noqa: S608
            [match],
        )
        if self.index.newest_column or name_only:
            return self._values(
                queryset, units, limit, condition, self._order(name_only)
            )
        # The best-ranked matches first (bm25 runs inside FTS5, over its own
        # index), then their rows, filtered like the rest of the queryset.
        weights = ", ".join(str(w) for w in self.index.fts_weights)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s "  # noqa: S608
                f"ORDER BY bm25({fts}, {weights}), rowid LIMIT %s",
                [match, max(limit * 5, 500)],
            )
            ranked = [row[0] for row in cursor.fetchall()]
        position = {pk: n for n, pk in enumerate(ranked)}
        rows = self._values(
            queryset.filter(pk__in=ranked), units, None, ("", []), self._order()
        )
        rows.sort(key=lambda row: position[row[0]])
        return rows[:limit]


@functools.cache
def _fts5_tables():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return frozenset(row[0] for row in cursor.fetchall())


def for_index(index):
    """The backend that serves ``index`` on this database."""
    if index.engine and connection.vendor == "postgresql":
        return PostgresBackend(index)
    if (
        index.engine
        and connection.vendor == "sqlite"
        and index.fts_table in _fts5_tables()
    ):
        return Fts5Backend(index)
    return Backend(index)


def forget_tables():
    """Look again for FTS5 tables (after migrations, in tests)."""
    _fts5_tables.cache_clear()
