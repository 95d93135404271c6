"""thachha_portal/related.py: one object's related rows by SQL compiled once."""

import pytest
from django.db import connection

from bulletins.models import Bulletin
from procedures.models import Procedure, Step
from tests.bulletins.factories import make_bulletin
from tests.procedures.factories import make_procedure
from thachha_portal.related import Related, keep, rows_together

pytestmark = pytest.mark.django_db

STEPS = Related(lambda pk: Step.objects.filter(procedure_id=pk).order_by("-order"))
PROCEDURES = Related(lambda pk: Procedure.objects.filter(bulletins=pk).order_by("name"))


def test_the_same_sql_serves_every_object_and_keeps_its_order():
    first, second = make_procedure(), make_procedure("Thủ tục đăng ký kết hôn")
    Step.objects.create(procedure=second, order=5, text="Bước riêng.")
    for procedure in (first, second, first):
        expected = list(procedure.steps.order_by("-order"))
        assert STEPS.rows(procedure.pk) == expected
    assert STEPS.rows(-1) == []


def test_kept_rows_are_read_without_a_query(profile, django_assert_num_queries):
    procedure = make_procedure()
    bulletin = make_bulletin()
    bulletin.related_procedures.add(procedure, make_procedure("Thủ tục B"))
    procedure = Procedure.objects.get(pk=procedure.pk)
    bulletin = Bulletin.objects.get(pk=bulletin.pk)
    keep(procedure, "steps", STEPS.rows(procedure.pk))
    keep(bulletin, "related_procedures", PROCEDURES.rows(bulletin.pk))
    with django_assert_num_queries(0):
        steps = list(procedure.steps.all())
        assert [step.order for step in steps] == [2, 1]
        assert all(step.procedure is procedure for step in steps)
        assert [p.name for p in bulletin.related_procedures.all()] == [
            "Thủ tục B",
            "Thủ tục đăng ký khai sinh",
        ]
    # anything else asked of the relation is still asked of the database
    with django_assert_num_queries(1):
        assert procedure.steps.filter(order=1).count() == 1


@pytest.mark.parametrize(
    "build",
    [
        lambda pk: Step.objects.select_related("procedure").filter(procedure_id=pk),
        lambda pk: Step.objects.all(),
    ],
    ids=["joined columns", "no key"],
)
def test_a_query_it_cannot_run_for_any_object_is_refused(build):
    with pytest.raises(ValueError, match="Related"):
        Related(build).rows(1)


def test_the_rows_are_the_objects_the_orm_makes_value_for_value():
    """Dates, times, booleans and numbers come out as the ORM gives them on
    either database (SQLite hands back text that the ORM's converters turn
    into dates), and the objects are known to be saved rows."""
    first = make_bulletin(title="Tin một")
    make_bulletin(title="Tin hai", category=first.category)
    in_category = Related(
        lambda pk: Bulletin.objects.filter(category_id=pk).order_by("pk")
    )
    found = in_category.rows(first.category_id)
    expected = list(Bulletin.objects.filter(category=first.category).order_by("pk"))
    fields = [f.attname for f in Bulletin._meta.concrete_fields]

    def values(bulletins):
        return [[getattr(b, name) for name in fields] for b in bulletins]

    assert values(found) == values(expected)
    assert found[0].published_at.tzinfo is not None
    assert not found[0]._state.adding and found[0]._state.db == "default"


def test_several_lists_are_read_in_one_round_trip_on_postgresql(
    django_assert_num_queries,
):
    """The same objects as one read each; one query on PostgreSQL, where
    several statements travel together (compiled.together), one each
    elsewhere. Values holding SQL's own punctuation travel as data."""
    first = make_bulletin(title="Tin một; DROP TABLE x; --")
    make_bulletin(title="Tin 100% hai", category=first.category)
    lists = [
        Related(
            lambda pk: Bulletin.objects.filter(
                category_id=pk, title__contains="; DROP"
            ).order_by("pk")
        ),
        Related(lambda pk: Bulletin.objects.filter(category_id=pk).order_by("-pk")),
        Related(lambda pk: Bulletin.objects.filter(category_id=pk, title="%s")),
    ]
    expected = [related.rows(first.category_id) for related in lists]
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 3):
        found = rows_together(first.category_id, *lists)
    assert found == expected
    assert [[b.title for b in rows] for rows in found] == [
        ["Tin một; DROP TABLE x; --"],
        ["Tin 100% hai", "Tin một; DROP TABLE x; --"],
        [],
    ]
