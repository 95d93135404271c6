import re

import pytest
from django.test import Client

from thachha_portal.models import CommuneProfile

pytestmark = pytest.mark.django_db


def test_anonymous_page_is_served_from_cache_the_second_time(client, profile):
    assert client.get("/gioi-thieu/").headers["X-Page-Cache"] == "miss"
    assert client.get("/gioi-thieu/").headers["X-Page-Cache"] == "hit"


def test_saving_public_content_invalidates_cached_pages(client, profile):
    client.get("/gioi-thieu/")
    profile.about = "Đoạn giới thiệu mới về xã."
    profile.save()
    response = client.get("/gioi-thieu/")
    assert response.headers["X-Page-Cache"] == "miss"
    assert "Đoạn giới thiệu mới về xã." in response.content.decode()


def test_logged_in_staff_never_get_cached_pages(client, profile, make_staff):
    client.get("/gioi-thieu/")
    client.force_login(make_staff("bientap", "editor"))
    assert "X-Page-Cache" not in client.get("/gioi-thieu/").headers


def test_cached_page_carries_a_fresh_working_csrf_token(profile):
    first = Client(enforce_csrf_checks=True)
    first.get("/")  # fills the cache
    second = Client(enforce_csrf_checks=True)
    response = second.get("/")
    assert response.headers["X-Page-Cache"] == "hit"
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()
    )
    assert token and "placeholder" not in token.group(1)
    posted = second.post(
        "/ngon-ngu/",
        {"language": "en", "next": "/", "csrfmiddlewaretoken": token.group(1)},
    )
    assert posted.status_code == 302


def test_page_cache_can_be_turned_off(client, profile, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert "X-Page-Cache" not in client.get("/").headers


def test_profile_placeholder_before_setup(db):
    assert CommuneProfile.current().short_name == "UBND xã Thạch Hà"


def test_cached_page_needs_no_database_query(
    client, profile, django_assert_num_queries
):
    client.get("/gioi-thieu/")  # renders, stores, and caches the visitor total
    with django_assert_num_queries(0):
        response = client.get("/gioi-thieu/")
    assert response.headers["X-Page-Cache"] == "hit"
