"""An item is never dated before it was published: publishing takes now or a
later time (a schedule), with a few minutes' grace for the form being open;
an item already on the website keeps its time, and comes back with it after
being taken down. A past date would count the item for a month it was not on
the website, and turn a missed month of the plan's KPI to met."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from bulletins import services
from bulletins.models import Bulletin, StatusChange
from thachha_portal.dates import format_date

from .factories import admin_bulletin_data, make_bulletin

pytestmark = pytest.mark.django_db
S = Bulletin.Status


def _post(client, bulletin, published_at, **changes):
    if published_at is None:
        typed = {"published_at_0": "", "published_at_1": ""}
    else:
        moment = timezone.localtime(published_at)
        typed = {
            "published_at_0": f"{moment:%d/%m/%Y}",
            "published_at_1": f"{moment:%H:%M}",
        }
    data = admin_bulletin_data(bulletin, **typed, **changes)
    url = reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])
    return client.post(url, data)


def _weeks_ago(weeks):
    moment = timezone.localtime() - datetime.timedelta(weeks=weeks)
    return moment.replace(hour=8, minute=0, second=0, microsecond=0)


def _refusal(moment):
    return services.past_publication_message(moment)


def test_a_leader_cannot_publish_an_item_with_a_past_date(client, approver):
    """The tester's case: an item submitted today, published "01/03 08:00"
    weeks later, was saved and counted in March."""
    bulletin = make_bulletin(status=S.SUBMITTED)
    past = _weeks_ago(6)
    client.force_login(approver)
    response = _post(client, bulletin, past, new_status="published")
    html = response.content.decode()
    assert response.status_code == 200
    assert _refusal(past) in html
    assert f"{format_date(past)} " in _refusal(past)  # names the time typed
    assert f'value="{timezone.localtime(past):%d/%m/%Y}"' in html  # kept
    bulletin.refresh_from_db()
    assert (bulletin.status, bulletin.published_at) == (S.SUBMITTED, None)
    assert not Bulletin.objects.published().in_month(past.year, past.month).exists()
    assert not StatusChange.objects.exists()


def test_the_services_refuse_a_past_publication_time(approver):
    bulletin = make_bulletin(status=S.SUBMITTED)
    with pytest.raises(ValidationError, match="không thể ghi lùi|cannot be dated"):
        services.bulletin_publish(
            bulletin=bulletin, user=approver, published_at=_weeks_ago(6)
        )
    bulletin.refresh_from_db()
    assert bulletin.status == S.SUBMITTED


def test_the_bulk_action_refuses_an_item_holding_a_past_time(client, approver):
    """A time typed on a submitted item before this rule: publishing it from
    the list would date it then."""
    past = _weeks_ago(6)
    bulletin = make_bulletin(status=S.SUBMITTED, published_at=past)
    client.force_login(approver)
    response = client.post(
        reverse("admin:bulletins_bulletin_changelist"),
        {"action": "publish_selected", "_selected_action": [bulletin.pk]},
        follow=True,
    )
    assert f"{bulletin.title}: {_refusal(past)}" in response.content.decode()
    bulletin.refresh_from_db()
    assert bulletin.status == S.SUBMITTED


@pytest.mark.parametrize(
    "when",
    [
        None,  # both boxes left empty: now
        lambda: timezone.now() - datetime.timedelta(minutes=4),  # “Bây giờ”
        lambda: timezone.now() + datetime.timedelta(days=2),  # a schedule
    ],
    ids=["empty", "now-clicked-minutes-ago", "scheduled"],
)
def test_publishing_now_or_later_still_works(client, approver, when):
    bulletin = make_bulletin(status=S.SUBMITTED)
    client.force_login(approver)
    moment = when() if when else None
    response = _post(client, bulletin, moment, new_status="published")
    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.status == S.PUBLISHED
    if moment and moment > timezone.now():
        assert bulletin.is_scheduled
    else:
        assert bulletin.is_public


def test_an_item_on_the_website_keeps_its_time_when_edited(client, approver):
    published_at = _weeks_ago(6) + datetime.timedelta(seconds=31)
    bulletin = make_bulletin(published_at=published_at)
    client.force_login(approver)
    response = _post(client, bulletin, published_at, title="Tiêu đề đã sửa")
    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.title == "Tiêu đề đã sửa"
    assert bulletin.published_at.replace(second=0) == published_at.replace(second=0)


@pytest.mark.parametrize("days", [-10, 10], ids=["earlier", "later-yet-passed"])
def test_the_time_of_an_item_on_the_website_cannot_be_moved_into_the_past(
    client, approver, days
):
    published_at = _weeks_ago(6)
    bulletin = make_bulletin(published_at=published_at)
    client.force_login(approver)
    moved = published_at + datetime.timedelta(days=days)
    response = _post(client, bulletin, moved)
    assert response.status_code == 200
    expected = gettext(
        "The item has been on the website since %(published)s: its "
        "publication time cannot be changed to %(time)s, a time already "
        "passed. Keep it, or choose a later time to schedule the item "
        "again."
    ) % {"published": format_date(published_at), "time": format_date(moved)}
    assert expected in response.content.decode()
    bulletin.refresh_from_db()
    assert bulletin.published_at == published_at


def test_a_draft_cannot_be_given_a_past_time_to_publish_later(client, approver):
    bulletin = make_bulletin(status=S.DRAFT)
    past = _weeks_ago(6)
    client.force_login(approver)
    response = _post(client, bulletin, past)
    assert response.status_code == 200
    assert _refusal(past) in response.content.decode()
    bulletin.refresh_from_db()
    assert bulletin.published_at is None


@pytest.mark.parametrize("away", [S.DRAFT, S.HIDDEN])
def test_an_item_taken_down_comes_back_with_its_own_time(client, approver, away):
    published_at = _weeks_ago(6)
    bulletin = make_bulletin(published_at=published_at)
    services.bulletin_transition(
        bulletin=bulletin, to_status=away, user=approver, reason="Sửa số liệu"
    )
    client.force_login(approver)
    response = _post(client, bulletin, published_at, new_status="published")
    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.is_public and bulletin.published_at == published_at
    # … but not with another past time.
    services.bulletin_transition(
        bulletin=bulletin, to_status=away, user=approver, reason="Sửa số liệu"
    )
    earlier = published_at - datetime.timedelta(days=20)
    response = _post(client, bulletin, earlier, new_status="published")
    assert response.status_code == 200
    assert _refusal(earlier) in response.content.decode()
    with pytest.raises(ValidationError):
        services.bulletin_publish(
            bulletin=bulletin, user=approver, published_at=earlier
        )


def test_an_item_never_on_the_website_cannot_come_with_a_time_it_held(approver):
    """A scheduled item taken down before its time came was never public:
    its time, since passed, does not come back with it."""
    scheduled_for = _weeks_ago(6)
    bulletin = make_bulletin(status=S.HIDDEN, published_at=scheduled_for)
    StatusChange.objects.create(
        bulletin=bulletin,
        from_status=S.PUBLISHED,
        to_status=S.HIDDEN,
        changed_at=scheduled_for - datetime.timedelta(days=2),
        reason="Trùng tin",
    )
    with pytest.raises(ValidationError):
        services.bulletin_transition(
            bulletin=bulletin, to_status=S.PUBLISHED, user=approver
        )
    bulletin.refresh_from_db()
    assert bulletin.status == S.HIDDEN
