import re

import pytest
from django.core.cache import cache
from django.test import Client

from thachha_portal import counters, visitors
from thachha_portal.models import SiteCounter

pytestmark = pytest.mark.django_db


def footer_figures(response):
    html = response.content.decode()
    match = re.search(
        r"Tổng lượt truy cập: <strong>([\d.]+)</strong> · "
        r"Đang truy cập: <strong>(\d+)</strong>",
        html,
    )
    assert match, "visitor figures missing from the footer"
    return int(match.group(1).replace(".", "")), int(match.group(2))


def test_each_visitor_counts_once_per_visit_even_on_cached_pages(profile):
    first = Client(REMOTE_ADDR="10.0.0.1", HTTP_USER_AGENT="Mozilla/5.0 A")
    second = Client(REMOTE_ADDR="10.0.0.2", HTTP_USER_AGENT="Mozilla/5.0 B")
    assert footer_figures(first.get("/")) == (1, 1)
    assert footer_figures(first.get("/")) == (1, 1)  # same visit, cached page
    response = second.get("/")
    assert response.headers["X-Page-Cache"] == "hit"
    assert footer_figures(response) == (2, 2)


def test_search_engine_bots_are_not_counted(profile):
    Client(HTTP_USER_AGENT="Googlebot/2.1").get("/")
    assert visitors.stats()[0] == 0


def test_no_address_is_stored(profile):
    Client(REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Mozilla/5.0").get("/")
    stored = " ".join(f"{c.key}={c.value}" for c in SiteCounter.objects.all())
    assert "203.0.113.7" not in stored


def test_counts_are_written_in_batches_not_per_request(profile):
    for _hit in range(25):
        counters.increment(
            "thachha_portal.sitecounter", "visits", "value", lookup="key"
        )
    stored = SiteCounter.objects.get(key="visits").value
    assert stored < 25  # not every hit reached the database
    assert visitors.stats()[0] == 25  # but the figure shown is exact


def test_page_views_are_pushed_to_the_cache_in_batches_not_per_hit(
    profile, monkeypatch
):
    from procedures.models import Procedure
    from tests.procedures.factories import make_procedure

    monkeypatch.setattr(counters, "BUFFER_SECONDS", 3600)
    procedure = make_procedure()
    pending_key = counters.keys("procedures.procedure", procedure.pk)[0]
    client = Client()
    for _view in range(3):
        client.get(procedure.get_absolute_url())
    assert cache.get(pending_key) is None  # no cache command per view
    assert counters.pending("procedures.procedure", procedure.pk) == 3
    monkeypatch.setattr(counters, "BUFFER_SECONDS", 0)
    client.get("/")  # any request of this process pushes what is due
    # (a process that gets no request pushes by its timer: test_servers.py)
    assert cache.get(pending_key) == 3
    assert counters.pending("procedures.procedure", procedure.pk) == 3
    counters.flush("procedures.procedure", procedure.pk)
    assert Procedure.objects.get(pk=procedure.pk).view_count == 3


def test_the_stored_total_is_read_again_once_for_figures_read_once(
    profile, django_assert_num_queries
):
    """The footer's figures read once serve a worker's requests for a second
    (localpages.Watcher.visitor_stats): when the stored total is due to be read
    again, the first of them reads it, not every one."""
    SiteCounter.objects.update_or_create(key="visits", defaults={"value": 41})
    label, value, field = visitors.TOTAL
    stored_key = counters.keys(label, value, field, lookup="key")[1]
    found = {stored_key: (40, 0.0)}  # read long ago
    with django_assert_num_queries(1):
        for _request in range(5):
            assert visitors.stats(found=found)[0] == 41
