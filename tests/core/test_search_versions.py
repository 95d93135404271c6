"""The search's version stamps are read once per request (one cache round trip
for every stamp the request needs), and a change made elsewhere shows on the
next request."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.test import Client

from thachha_portal.search import versions

pytestmark = pytest.mark.django_db


def test_a_site_search_reads_the_stamps_in_one_round_trip(profile, monkeypatch):
    client = Client()
    client.get("/tim-kiem/?q=khai+sinh")  # this process learns which stamps exist
    reads = []
    real = cache.get_many

    def counting(keys, *args, **kwargs):
        keys = list(keys)
        if any(key.startswith("search:version:") for key in keys):
            reads.append(keys)
        return real(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counting)
    assert client.get("/tim-kiem/?q=khai+sinh").status_code == 200
    assert len(reads) == 1  # was one per section and per analysis (10)


def test_a_stamp_changed_elsewhere_shows_on_the_next_request():
    request_started.send(sender=None)
    before = versions.current("test-stamp")
    cache.set("search:version:test-stamp", before + 1, None)  # another worker
    assert versions.current("test-stamp") == before  # one request, one snapshot
    versions.bump("test-stamp")  # this request's own change it sees at once
    bumped = versions.current("test-stamp")
    assert bumped > before + 1
    request_finished.send(sender=None)
    cache.set("search:version:test-stamp", bumped + 1, None)
    assert versions.current("test-stamp") == bumped + 1  # outside a request
    request_started.send(sender=None)
    assert versions.current("test-stamp") == bumped + 1
    request_finished.send(sender=None)
