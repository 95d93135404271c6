"""The dashboard's figures as a worker keeps them (plans/selectors.py): the
cache's own, and the same after every page that reads them has been drawn
from them."""

import copy
import pickle
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from plans import selectors
from plans.models import Plan

from .factories import add_items, make_kpi, make_plan
from .test_queries import add_activities

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(profile, settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_SECONDS = 0  # every page drawn again
    plan = make_plan(period_basis=Plan.PeriodBasis.CALENDAR)
    make_kpi(plan, metric="bulletins", params={}, period="month")
    make_kpi(plan, metric="airings", params={}, period="quarter")
    make_kpi(plan, metric="activities", params={"kinds": ["poster"]}, target=50)
    with django_capture_on_commit_callbacks(execute=True):
        add_items(0, 40)
        add_activities(0, 30)
    return plan


def test_no_page_changes_the_figures_it_is_drawn_from(client, plan):
    dashboard = client.get(reverse("plans:dashboard"), {"ke-hoach": plan.pk})
    assert dashboard.status_code == 200
    kept = selectors.figures(plan)
    current = selectors.current_plan()
    before = pickle.dumps((kept, current))
    drilled = set(
        re.findall(r'href="(/ke-hoach/van-ban/\d+/chi-tieu/[^"]+)"', dashboard.text)
    )
    assert len(drilled) >= 3 + 12 + 4  # each KPI's year, months, quarters
    urls = [reverse("home"), reverse("plans:plan", args=[plan.pk]), *drilled]
    for url in urls:
        assert client.get(url).status_code == 200, url
    again = client.get(reverse("plans:dashboard"), {"ke-hoach": plan.pk})
    assert again.text == dashboard.text
    assert selectors.figures(plan) is kept  # the worker's copy served them
    assert selectors.current_plan() is current
    assert pickle.dumps((kept, current)) == before


def test_a_kept_copy_gives_way_to_the_figures_in_the_cache(plan):
    kept = selectors.figures(plan)
    assert selectors.figures(plan) is kept
    # Computed again elsewhere (another worker, after an eviction): a new stamp.
    elsewhere = copy.deepcopy(kept)
    elsewhere["brief"]["stamp"] = "another worker"
    elsewhere["rows"] = elsewhere["rows"][:1]
    key = selectors._figures_key(plan, timezone.now())
    cache.set(key, elsewhere)
    cache.set(key + ":brief", elsewhere["brief"])
    found = selectors.figures(plan)
    assert found["brief"]["stamp"] == "another worker"
    assert len(found["rows"]) == 1
    # Gone from the cache (evicted, Redis started afresh): computed again.
    cache.clear()
    assert selectors.figures(plan)["brief"]["stamp"] not in (
        "another worker",
        kept["brief"]["stamp"],
    )
