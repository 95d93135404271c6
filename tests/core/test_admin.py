import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from thachha_portal.roles import ROLE_NAMES

pytestmark = pytest.mark.django_db

LOGIN = "/quan-tri/login/"


def test_every_role_exists_as_a_group_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLE_NAMES.values())


def test_login_is_rate_limited_and_keeps_the_username(client, make_staff, settings):
    settings.LOGIN_RATE = "3/d"  # a day-long window: no reset mid-test
    make_staff("bientap", "editor")
    for _attempt in range(3):
        response = client.post(LOGIN, {"username": "bientap", "password": "sai"})
        assert response.status_code == 200  # wrong password, form shown again
    response = client.post(
        LOGIN, {"username": "bientap", "password": "pw-Thach-Ha-2021"}
    )
    html = response.content.decode()
    assert response.status_code == 429
    assert (
        0 < int(response["Retry-After"]) <= 24 * 3600 * 61 / 60
    )  # and a slice of the day
    assert "Đăng nhập sai quá nhiều lần" in html
    assert 'value="bientap"' in html


def test_correct_logins_from_one_office_address_do_not_lock_it(
    client, make_staff, settings
):
    """A commune office's staff share one public address: their correct logins
    at the start of the day are not “failed attempts”."""
    settings.LOGIN_RATE = "3/d"
    make_staff("bientap", "editor")
    for _login in range(5):
        response = client.post(
            LOGIN, {"username": "bientap", "password": "pw-Thach-Ha-2021"}
        )
        assert response.status_code == 302
        client.logout()
    for _attempt in range(3):
        wrong = client.post(LOGIN, {"username": "bientap", "password": "sai"})
        assert wrong.status_code == 200
    refused = client.post(LOGIN, {"username": "bientap", "password": "sai"})
    assert refused.status_code == 429


def test_one_persons_typos_do_not_lock_a_colleague_out_of_the_office_address(
    make_staff, settings, time_machine
):
    """An office behind one public address: one person mistyping their password
    pauses their own account from there (the 6th failure is refused), not the
    colleague at the next desk."""
    time_machine.move_to(timezone.now(), tick=False)  # no window turns meanwhile
    make_staff("vanphong", "site")
    make_staff("bientap", "editor")
    office = {"REMOTE_ADDR": "203.0.113.20"}
    typos = [
        Client(**office).post(LOGIN, {"username": name, "password": "sai"})
        for name in ("vanphong", "VanPhong", "vanphong", "ｖａｎｐｈｏｎｇ", "vanphong")
    ]
    assert [response.status_code for response in typos] == [200] * 5
    colleague = Client(**office).post(
        LOGIN, {"username": "bientap", "password": "pw-Thach-Ha-2021"}
    )
    assert colleague.status_code == 302
    sixth = Client(**office).post(LOGIN, {"username": "vanphong", "password": "sai"})
    assert sixth.status_code == 429
    assert 0 < int(sixth["Retry-After"]) <= 61  # a minute, and its counts' slice
    assert "Đăng nhập sai quá nhiều lần" in sixth.content.decode()
    # Even the right password waits: checking it first would let a guesser on.
    right = Client(**office).post(
        LOGIN, {"username": "vanphong", "password": "pw-Thach-Ha-2021"}
    )
    assert right.status_code == 429
    # From home the same person is not paused by the office's count.
    home = Client(REMOTE_ADDR="198.51.100.7").post(
        LOGIN, {"username": "vanphong", "password": "pw-Thach-Ha-2021"}
    )
    assert home.status_code == 302


def test_guesses_sprayed_over_many_accounts_stop_at_the_address_ceiling(
    settings, time_machine
):
    """A guesser trying one password on each of many accounts from one address
    stops at LOGIN_ADDRESS_RATE (30 failures in 10 minutes): each account and
    each pair stays far below its own limit."""
    time_machine.move_to(timezone.now(), tick=False)
    guesser = Client(REMOTE_ADDR="203.0.113.66")
    statuses = [
        guesser.post(LOGIN, {"username": f"canbo{n}", "password": "123456"})
        for n in range(32)
    ]
    assert [response.status_code for response in statuses] == [200] * 30 + [429] * 2
    assert statuses[-1].context["rate_limited"] == "address"
    assert 0 < int(statuses[-1]["Retry-After"]) <= 10 * 61
    # Another address is not affected.
    other = Client(REMOTE_ADDR="203.0.113.67").post(
        LOGIN, {"username": "canbo99", "password": "123456"}
    )
    assert other.status_code == 200


@pytest.mark.parametrize(
    ("first", "second", "shared"),
    [
        # A dual-stack server sees IPv4 clients as IPv4-mapped IPv6 addresses:
        # two of them are two clients, not one /64.
        ("::ffff:203.0.113.66", "::ffff:203.0.113.67", False),
        ("203.0.113.66", "::ffff:203.0.113.66", True),
        # One subscriber holds a whole /64 and picks its addresses at will.
        ("2001:db8:1:2::5", "2001:db8:1:2:abcd::9", True),
        ("2001:db8:1:2::5", "2001:db8:1:3::5", False),
        # What a misconfigured proxy passes on is still counted, not a 500.
        ("unknown", "unknown", True),
        ("", "203.0.113.66", False),
    ],
)
def test_the_address_ceiling_counts_each_client_network(
    settings, time_machine, first, second, shared
):
    settings.LOGIN_ADDRESS_RATE = "3/10m"
    time_machine.move_to(timezone.now(), tick=False)
    guesses = [
        Client(REMOTE_ADDR=first).post(
            LOGIN, {"username": f"canbo{n}", "password": "123456"}
        )
        for n in range(3)
    ]
    assert [response.status_code for response in guesses] == [200] * 3
    after = Client(REMOTE_ADDR=second).post(
        LOGIN, {"username": "canbo9", "password": "123456"}
    )
    assert after.status_code == (429 if shared else 200)


def test_five_failed_logins_a_minute_hold_over_any_minute(make_staff, time_machine):
    """8 failed logins within 2 s, wherever they fall in the minute: the 6th
    and later are refused. Fixed one-minute windows let all 8 through when
    the burst straddled a window's edge (4 before it, 4 after)."""
    from django.core.cache import cache

    make_staff("vanphong", "site")
    start = timezone.now().replace(second=0, microsecond=0)
    for offset in range(0, 60, 2):  # a window's edge falls in one of these
        cache.clear()
        time_machine.move_to(start + datetime.timedelta(seconds=offset), tick=False)
        statuses = []
        for attempt in range(8):
            if attempt == 4:
                time_machine.shift(2)
            office = Client(REMOTE_ADDR="203.0.113.30")
            answer = office.post(LOGIN, {"username": "vanphong", "password": "sai"})
            statuses.append(answer.status_code)
        assert statuses == [200] * 5 + [429] * 3, f"{offset} s into the minute"
    # Once the failures are over a minute old, the next attempt is let through.
    time_machine.shift(66)
    again = Client(REMOTE_ADDR="203.0.113.30").post(
        LOGIN, {"username": "vanphong", "password": "pw-Thach-Ha-2021"}
    )
    assert again.status_code == 302


def test_correct_login_works_below_the_limit(client, make_staff):
    make_staff("bientap", "editor")
    response = client.post(
        LOGIN, {"username": "bientap", "password": "pw-Thach-Ha-2021"}
    )
    assert response.status_code == 302


def test_commune_profile_admin_follows_roles(client, profile, make_staff):
    url = reverse("admin:thachha_portal_communeprofile_change", args=[profile.pk])
    assert client.get(url).status_code == 302  # anonymous → login
    client.force_login(make_staff("bientap", "editor"))
    assert client.get(url).status_code == 403
    client.force_login(make_staff("vanphong", "site"))
    assert client.get(url).status_code == 200


def test_profile_cannot_be_deleted_from_the_admin(client, profile, make_staff):
    client.force_login(make_staff("root", superuser=True))
    url = reverse("admin:thachha_portal_communeprofile_delete", args=[profile.pk])
    assert client.get(url).status_code == 403


def test_admin_pages_have_no_english_left_from_djangos_catalogue(
    client, profile, make_staff
):
    """Django 5's own Vietnamese catalogue lacks “Show counts”, the sidebar's
    headings and the plural “Please correct the error below.”: our catalogue
    carries them (thachha_portal/django_texts.py)."""
    client.force_login(make_staff("vanphong", "planner", "activities", "site"))
    listing = client.get(reverse("admin:plans_activity_changelist")).content.decode()
    assert "Hiện số lượng" in listing
    assert "Loại dữ liệu" in listing  # the sidebar table's heading, read aloud
    for english in ("Show counts", "Model name", "Change or view list link"):
        assert english not in listing
    url = reverse("admin:thachha_portal_communeprofile_change", args=[profile.pk])
    refused = client.post(url, {"name": "", "address": "xã Thạch Hà"})
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "Hãy sửa các lỗi được nêu dưới đây." in html
    assert "Please correct" not in html


def test_recent_actions_on_the_admin_home_are_in_vietnamese(
    client, profile, make_staff
):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    user = make_staff("vanphong", "site")
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(profile),
        object_id=str(profile.pk),
        object_repr=str(profile),
        action_flag=CHANGE,
        change_message="[]",
    )
    client.force_login(user)
    home = client.get(reverse("admin:index")).content.decode()
    assert "Thao tác của tôi" in home and "Đã sửa:" in home
    assert "Changed:" not in home and "My actions" not in home
