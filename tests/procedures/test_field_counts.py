"""The fields' counts of published procedures (home page, catalogue, every
search), kept by each worker until the procedures change
(``pagecache.Kept``)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from procedures.models import Procedure
from procedures.selectors import by_name, fields_with_counts

from .factories import make_field, make_procedure

pytestmark = pytest.mark.django_db


def counted():
    return [(field.name, field.count) for field in fields_with_counts()]


def test_the_counts_are_read_once_until_a_procedure_changes(
    profile, django_assert_num_queries, django_capture_on_commit_callbacks
):
    by_name()  # (the database's collations, read once per process)
    civil = make_field("Hộ tịch", slug="ho-tich")
    with django_capture_on_commit_callbacks(execute=True):
        make_procedure("Thủ tục đăng ký khai sinh", field=civil)
        second = make_procedure("Thủ tục đăng ký kết hôn", field=civil)
    with django_assert_num_queries(1):
        assert counted() == [("Hộ tịch", 2)]
    with django_assert_num_queries(0):
        assert counted() == [("Hộ tịch", 2)]
    with django_capture_on_commit_callbacks(execute=True):
        second.status = Procedure.Status.WITHDRAWN
        second.save()
    assert counted() == [("Hộ tịch", 1)]


def test_a_page_shows_the_new_count_at_once(
    client, profile, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0
    civil = make_field("Hộ tịch", slug="ho-tich")
    with django_capture_on_commit_callbacks(execute=True):
        make_procedure("Thủ tục đăng ký khai sinh", field=civil)
    url = reverse("procedures:list") + "?linh_vuc=ho-tich"
    assert '<span class="count">(1)</span>' in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        make_procedure("Thủ tục đăng ký kết hôn", field=civil)
    assert '<span class="count">(2)</span>' in client.get(url).text


def test_while_the_cache_does_not_answer_the_counts_are_read_every_time(
    profile, monkeypatch, django_assert_num_queries
):
    make_procedure("Thủ tục đăng ký khai sinh")
    counted()
    monkeypatch.setattr(cache, "available", False, raising=False)
    for _n in range(2):
        with django_assert_num_queries(1):
            assert [count for _name, count in counted()] == [1]


def test_with_a_cache_that_keeps_nothing_an_edit_shows_at_once(
    profile, settings, django_capture_on_commit_callbacks
):
    """Django's dummy cache (a developer may set CACHE_URL=dummycache://; it is
    refused in production): every generation reads as the same stand-in, so
    a worker that kept the counts by it would never count again."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    civil = make_field("Hộ tịch", slug="ho-tich")
    with django_capture_on_commit_callbacks(execute=True):
        make_procedure("Thủ tục đăng ký khai sinh", field=civil)
    assert counted() == [("Hộ tịch", 1)]
    with django_capture_on_commit_callbacks(execute=True):
        make_procedure("Thủ tục đăng ký kết hôn", field=civil)
    assert counted() == [("Hộ tịch", 2)]
