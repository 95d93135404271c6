import re

import pytest
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
