"""A staff session ends two hours after its last request and twelve hours
after its login; the login page says which, and a form sent after the end is
kept (thachha_portal/staff_sessions.py, kept_forms.py)."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bulletins.models import Bulletin
from thachha_portal import staff_sessions
from thachha_portal.kept_forms import author_token

from ..bulletins.factories import admin_bulletin_data, make_category

pytestmark = pytest.mark.django_db

PASSWORD = "pw-Thach-Ha-2021"  # make_staff's
INDEX = reverse("admin:index")
LOGIN = reverse("admin:login")
IDLE_NOTICE = "Bạn đã được đăng xuất sau 120 phút không thao tác"
DAY_NOTICE = "Mỗi lần đăng nhập dùng được tối đa 12 giờ"


@pytest.fixture
def editor(make_staff):
    return make_staff("bientap", "editor")


def log_in(client, user):
    response = client.post(
        f"{LOGIN}?next={INDEX}",
        {"username": user.username, "password": PASSWORD, "next": INDEX},
    )
    assert response.status_code == 302 and response.url == INDEX


def later(minutes):
    """The clock travelled ``minutes`` on from now, still ticking."""
    return time_machine.travel(
        timezone.now() + datetime.timedelta(minutes=minutes), tick=True
    )


def sent_to_login(response):
    return response.status_code == 302 and response.url.startswith(LOGIN)


def test_a_login_that_names_no_page_goes_to_the_admins_home(client, editor):
    response = client.post(LOGIN, {"username": editor.username, "password": PASSWORD})
    assert response.status_code == 302 and response.url == INDEX


def test_a_session_unused_for_two_hours_ends_and_the_login_page_says_why(
    client, editor
):
    log_in(client, editor)
    assert client.get(INDEX).status_code == 200
    with later(119):
        assert client.get(INDEX).status_code == 200
    with later(119 + 121):
        response = client.get(INDEX)
        assert sent_to_login(response)
        page = client.get(response.url)
        assert page.status_code == 200
        assert IDLE_NOTICE in page.content.decode()
        # Said once: the next visit of the login page is a plain one.
        assert IDLE_NOTICE not in client.get(LOGIN).content.decode()
        log_in(client, editor)
        assert client.get(INDEX).status_code == 200


def test_working_keeps_the_session_but_a_login_lasts_twelve_hours_at_most(
    client, editor
):
    log_in(client, editor)
    for hours in range(1, 12):
        with later(hours * 60):
            assert client.get(INDEX).status_code == 200, f"after {hours} h"
    with later(12 * 60 + 1):
        response = client.get(INDEX)
        assert sent_to_login(response)
        notice = client.get(response.url).content.decode()
        assert DAY_NOTICE in notice and IDLE_NOTICE not in notice


def test_the_last_request_is_written_at_most_once_a_minute(client, editor):
    log_in(client, editor)
    client.get(INDEX)

    def session_writes():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INDEX).status_code == 200
        return [
            q["sql"]
            for q in queries
            if "django_session" in q["sql"] and q["sql"].startswith("UPDATE")
        ]

    assert session_writes() == []
    with later(2):
        assert len(session_writes()) == 1
        assert session_writes() == []


def test_a_session_from_before_the_limits_gets_them_at_its_next_request(client, editor):
    client.force_login(editor)
    session = client.session
    for key in (staff_sessions.LOGIN_AT, staff_sessions.SEEN_AT):
        session.pop(key, None)
    session.save()
    assert client.get(INDEX).status_code == 200
    stored = Session.objects.get(pk=client.session.session_key).get_decoded()
    assert stored[staff_sessions.LOGIN_AT] > 0
    with later(121):
        assert sent_to_login(client.get(INDEX))


def test_a_news_item_sent_after_two_idle_hours_is_kept_for_its_author(client, editor):
    category = make_category()
    log_in(client, editor)
    add = reverse("admin:bulletins_bulletin_add")
    assert client.get(add).status_code == 200
    bulletin = Bulletin(
        title="Tin gõ trong hơn hai giờ",
        category=category,
        summary="Tóm tắt.",
        body="<p>Nội dung gõ chậm.</p>",
        author_unit="Văn phòng UBND xã",
    )
    data = admin_bulletin_data(bulletin, _typed_by=author_token(editor))
    with later(150):
        response = client.post(add, data)
        assert sent_to_login(response)
        notice = client.get(response.url).content.decode()
        assert "chưa được lưu" in notice
        log_in(client, editor)
        offered = client.get(add).content.decode()
        assert "Tin gõ trong hơn hai giờ" in offered
    assert not Bulletin.objects.filter(title="Tin gõ trong hơn hai giờ").exists()


def test_a_visitor_without_a_session_costs_no_session_query(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LOGIN).status_code == 200
    assert not [q for q in queries if "django_session" in q["sql"]]
