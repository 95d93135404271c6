"""The benchmark hook: its pages answer, and ``grow`` adds activities of every
type over the plan's period with the search columns ``save()`` would write."""

import pytest

from bulletins import demo as bulletins_demo
from plans import bench, demo
from plans.models import Activity, Plan
from plans.periods import local_today

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(profile):
    bulletins_demo.load()
    return demo.load()


def test_every_bench_page_answers(client, plan):
    bench.grow(1)
    names = [name for name, _path in bench.pages()]
    assert names == [
        "dashboard",
        "drill-down, a month",
        "drill-down, every month",
        "drill-down, activities",
        "plan document",
    ]
    for name, path in bench.pages():
        assert client.get(path).status_code == 200, name


def test_grow_adds_two_hundred_activities_per_scale_in_the_plan_period(plan):
    plan = Plan.objects.published().current(local_today())  # this year's
    before = Activity.objects.count()
    bench.grow(2)
    grown = Activity.objects.order_by("pk")[before:]
    assert Activity.objects.count() == before + 400
    assert {a.kind for a in grown} == set(Activity.Kind.values)
    assert all(plan.starts_on <= a.held_on <= plan.ends_on for a in grown)
    assert len({a.held_on.month for a in grown}) == 12
    for activity in grown[:30]:
        stored = (activity.search_title, activity.search_document)
        activity.save()  # what the model itself writes
        activity.refresh_from_db()
        assert stored == (activity.search_title, activity.search_document)
