"""The rows related to one object, read by SQL that the ORM compiles once per
process, for detail pages.

A detail page reads a few small lists besides its object (a procedure's steps,
a news item's attachments). Through ``prefetch_related`` each costs the ORM
about 0.7 ms of CPU on the benchmark machine, mostly building and compiling the
query, while the database runs it in under 0.1 ms. ``Related`` compiles its
queryset once, for a marker key, and then runs that SQL for any object, making
the model instances from the rows as the ORM does (its converters, then
``from_db``), without Django's raw-query machinery, which works out again for
each query how the columns map to the model (a quarter of the cost).

``keep`` stores the rows where ``prefetch_related`` would, so that templates
and code that call ``obj.things.all()`` read them without a query.
"""

from functools import cached_property

from .compiled import Statement, together

# A key no row has, found again among the compiled query's parameters.
_MARK = -2_000_000_011


class Related:
    """``build(pk)`` is the queryset of the rows related to the object ``pk``
    (a filter on its key, any other filters and an order; no select_related:
    the rows fill only the model's own fields)."""

    def __init__(self, build):
        self.build = build

    @cached_property
    def _statement(self):
        queryset = self.build(_MARK)
        if queryset.query.select_related:
            raise ValueError("Related reads the model's own columns only.")
        statement = Statement.of(queryset)
        if list(statement.params).count(_MARK) != 1:
            raise ValueError("Related needs the object's key once in the query.")
        return statement

    def rows(self, pk):
        """The model instances of the rows related to ``pk``, as the ORM makes
        them (compiled.Statement)."""
        statement, params = self.run(pk)
        return statement.objects(params)

    def run(self, pk):
        """(statement, params) reading the rows related to ``pk``."""
        statement = self._statement
        return statement, [pk if p == _MARK else p for p in statement.params]


def rows_together(pk, *related):
    """``rows(pk)`` of each of ``related``, in one round trip where the database
    allows it (compiled.together)."""
    return together(*(r.run(pk) for r in related))


def keep(obj, name, rows):
    """Keep ``rows`` as ``obj.<name>.all()`` (a reverse foreign key or a
    many-to-many relation), as ``prefetch_related`` does; each row of a reverse
    foreign key knows ``obj`` without a query."""
    manager = getattr(obj, name)
    field = getattr(manager, "field", None)  # the rows' foreign key, if any
    if field is not None:
        key = field.remote_field.cache_name
        for row in rows:
            field.set_cached_value(row, obj)
    else:  # many-to-many
        key = manager.prefetch_cache_name
    queryset = manager.get_queryset()
    queryset._result_cache, queryset._prefetch_done = rows, True
    obj.__dict__.setdefault("_prefetched_objects_cache", {})[key] = queryset
    return rows
