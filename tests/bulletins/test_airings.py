"""An airing is recorded only for a published bulletin and not in the future;
airings of hidden bulletins do not count as evidence."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bulletins import services
from bulletins.models import Airing, Bulletin

from .factories import make_airing, make_bulletin

pytestmark = pytest.mark.django_db


def _record(bulletin, **overrides):
    fields = {
        "bulletin": bulletin,
        "aired_at": timezone.now() - datetime.timedelta(hours=1),
        "station": "Đài truyền thanh xã",
        "duration_minutes": 5,
        "read_by": "Nguyễn Thị Lan",
    }
    fields.update(overrides)
    return services.airing_record(**fields)


def test_airing_of_a_published_bulletin_is_recorded(announcer):
    airing = _record(make_bulletin(), user=announcer)
    assert airing.recorded_by == announcer
    assert Airing.objects.counted().count() == 1


@pytest.mark.parametrize(
    "status", [Bulletin.Status.DRAFT, Bulletin.Status.SUBMITTED, "scheduled"]
)
def test_no_airing_for_an_unpublished_bulletin(status):
    if status == "scheduled":
        bulletin = make_bulletin(
            published_at=timezone.now() + datetime.timedelta(days=1)
        )
    else:
        bulletin = make_bulletin(status=status)
    with pytest.raises(ValidationError) as error:
        _record(bulletin)
    assert "Chỉ tin đã đăng" in str(error.value.message_dict["bulletin"])


def test_no_airing_in_the_future():
    with pytest.raises(ValidationError) as error:
        _record(make_bulletin(), aired_at=timezone.now() + datetime.timedelta(hours=2))
    assert "tương lai" in str(error.value.message_dict["aired_at"])


def test_airings_of_hidden_bulletins_do_not_count():
    bulletin = make_bulletin()
    make_airing(bulletin)
    Bulletin.objects.filter(pk=bulletin.pk).update(status=Bulletin.Status.HIDDEN)
    assert not Airing.objects.counted().exists()


def test_announcer_records_an_airing_in_the_admin(client, announcer):
    bulletin = make_bulletin()
    client.force_login(announcer)
    now = timezone.localtime() - datetime.timedelta(hours=1)
    response = client.post(
        reverse("admin:bulletins_airing_add"),
        {
            "bulletin": bulletin.pk,
            "aired_at_0": now.strftime("%d/%m/%Y"),
            "aired_at_1": now.strftime("%H:%M"),
            "station": "Cụm loa tổ dân phố 4",
            "duration_minutes": "6",
            "read_by": "Lê Văn Bình",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    airing = Airing.objects.get()
    assert airing.recorded_by == announcer
    assert airing.station == "Cụm loa tổ dân phố 4"


def test_admin_offers_only_published_bulletins_to_air(client, announcer):
    public = make_bulletin(title="Tin đã đăng để phát")
    draft = make_bulletin(title="Tin nháp không phát", status=Bulletin.Status.DRAFT)
    client.force_login(announcer)
    html = client.get(reverse("admin:bulletins_airing_add")).content.decode()
    assert public.title in html
    assert draft.title not in html
