"""An airing is recorded only for a published bulletin, neither before its
publication nor in the future, at most three hours long, and once for an item,
time and station; airings of hidden bulletins do not count as evidence."""

import contextlib
import datetime
import importlib
import unicodedata

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from bulletins import services
from bulletins.models import AT_LEAST_A_MINUTE, Airing, Bulletin

from .factories import admin_bulletin_data, make_airing, make_bulletin

pytestmark = pytest.mark.django_db


def _record(bulletin, **overrides):
    fields = {
        "bulletin": bulletin,
        "aired_at": timezone.now(),  # the item was published minutes ago
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
    now = timezone.localtime()
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


def _written(moment):
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def _admin_add(client, bulletin, aired_at, **changes):
    aired_at = timezone.localtime(aired_at)
    data = {
        "bulletin": bulletin.pk,
        "aired_at_0": aired_at.strftime("%d/%m/%Y"),
        "aired_at_1": aired_at.strftime("%H:%M"),
        "station": "Đài truyền thanh xã",
        "duration_minutes": "6",
        "read_by": "Lê Văn Bình",
        "note": "Phát lại buổi sáng",
        **changes,
    }
    return client.post(reverse("admin:bulletins_airing_add"), data)


def _yesterday_at(hour, minute):
    day = timezone.localtime() - datetime.timedelta(days=1)
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0)


VN = timezone.get_fixed_timezone(7 * 60)


@pytest.mark.parametrize(
    "earlier",
    [
        lambda published: published.replace(hour=7, minute=30, second=0),
        lambda published: datetime.datetime(2021, 4, 10, 8, tzinfo=VN),
    ],
    ids=["the-morning-of-an-evening-publication", "years-before"],
)
def test_no_airing_dated_before_the_item_was_published(client, announcer, earlier):
    """An airing dated before the item's publication would count for a month
    when the item did not exist (the dashboard's April 2021 cell turned to
    met): refused, naming the publication's date and time, what was typed kept."""
    published_at = _yesterday_at(22, 47) + datetime.timedelta(seconds=31)
    aired_at = earlier(published_at)
    bulletin = make_bulletin(published_at=published_at)
    client.force_login(announcer)
    response = _admin_add(client, bulletin, aired_at)
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        f"Tin này được đăng lúc {_written(published_at)}: lượt phát không thể "
        "sớm hơn thời điểm đăng tin." in html
    )
    typed = timezone.localtime(aired_at)
    assert f'value="{typed:%d/%m/%Y}"' in html and f'value="{typed:%H:%M}"' in html
    assert "Phát lại buổi sáng" in html
    assert not Airing.objects.exists()
    with pytest.raises(ValidationError) as error:
        _record(bulletin, aired_at=aired_at)
    assert _written(published_at) in str(error.value.message_dict["aired_at"])


def test_an_airing_in_the_minute_of_publication_is_recorded():
    published_at = _yesterday_at(22, 47) + datetime.timedelta(seconds=31)
    bulletin = make_bulletin(published_at=published_at)
    assert _record(bulletin, aired_at=_yesterday_at(22, 47)).pk


def test_an_airing_lasts_at_most_three_hours(client, announcer):
    bulletin = make_bulletin()
    client.force_login(announcer)
    aired_at = timezone.now()
    response = _admin_add(client, bulletin, aired_at, duration_minutes="100000")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Một lượt phát dài nhiều nhất 180 phút (3 giờ)" in html
    assert 'value="100000"' in html  # kept, to correct
    assert not Airing.objects.exists()
    assert _record(bulletin, duration_minutes=180).duration_minutes == 180


def test_the_same_airing_is_recorded_once(client, announcer):
    bulletin = make_bulletin(published_at=timezone.now() - datetime.timedelta(hours=3))
    aired_at = (timezone.localtime() - datetime.timedelta(hours=2)).replace(
        second=0, microsecond=0
    )
    client.force_login(announcer)
    assert _admin_add(client, bulletin, aired_at).status_code == 302
    again = _admin_add(client, bulletin, aired_at)
    assert again.status_code == 200
    assert "Lượt phát này đã được ghi nhận" in again.content.decode()
    assert Airing.objects.count() == 1
    with pytest.raises(ValidationError, match="Lượt phát này đã được ghi nhận"):
        _record(bulletin, aired_at=aired_at)
    # Another station, or another time, is another airing.
    _record(bulletin, aired_at=aired_at, station="Cụm loa tổ dân phố 4")
    _record(bulletin, aired_at=aired_at + datetime.timedelta(minutes=1))
    assert Airing.objects.count() == 3


@contextlib.contextmanager
def _constraint_made_after():
    """The airings' constraint dropped, for rows saved before it, and made
    again after the block (a migration's merge) as the migration makes it."""
    (constraint,) = Airing._meta.constraints
    with connection.schema_editor() as editor:
        editor.remove_constraint(Airing, constraint)
    yield
    with connection.cursor() as cursor:  # the rows' deferred checks, before DDL
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor() as editor:
        editor.add_constraint(Airing, constraint)


def test_the_migration_merges_airings_recorded_twice_before():
    """Rows saved twice before the rule would stop its constraint from being
    made: the migration keeps the first of each, with the recording and note
    of another when it has none, and leaves other airings alone."""
    if connection.vendor != "postgresql":
        pytest.skip("drops and makes a constraint inside the test's transaction")
    migration = importlib.import_module(
        "bulletins.migrations.0012_airing_bounds_and_once"
    )
    with _constraint_made_after():
        bulletin = make_bulletin(
            published_at=timezone.now() - datetime.timedelta(days=2)
        )
        aired_at = timezone.now() - datetime.timedelta(days=1)
        first = make_airing(bulletin, aired_at=aired_at, read_by="Lan")
        make_airing(bulletin, aired_at=aired_at, note="Phát lại", recording="a/b.mp3")
        make_airing(bulletin, aired_at=aired_at)
        other = make_airing(bulletin, aired_at=aired_at, station="Cụm loa tổ dân phố 4")
        migration.merge_duplicate_airings(django_apps, None)

    kept = Airing.objects.exclude(pk=other.pk).get()
    assert (kept.pk, kept.read_by, kept.note) == (first.pk, "Lan", "Phát lại")
    assert kept.recording.name == "a/b.mp3"
    assert Airing.objects.count() == 2


def _admin_publication(client, bulletin, published_at, **changes):
    moment = timezone.localtime(published_at)
    data = admin_bulletin_data(
        bulletin,
        published_at_0=f"{moment:%d/%m/%Y}",
        published_at_1=f"{moment:%H:%M}",
        **changes,
    )
    url = reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])
    return client.post(url, data)


def test_a_publication_time_cannot_move_after_the_items_airings(client, approver):
    published_at = timezone.now() - datetime.timedelta(days=3)
    bulletin = make_bulletin(published_at=published_at)
    airing = make_airing(bulletin, aired_at=published_at + datetime.timedelta(days=1))
    client.force_login(approver)
    later = airing.aired_at + datetime.timedelta(hours=2)
    response = _admin_publication(client, bulletin, later)
    assert response.status_code == 200
    assert (
        f"Tin này đã được phát trên loa lúc {_written(airing.aired_at)}: thời gian "
        "đăng không thể muộn hơn thời điểm đó." in response.content.decode()
    )
    bulletin.refresh_from_db()
    assert bulletin.published_at == published_at
    # Kept, it saves (moved earlier it would be dated before it was
    # published: tests/bulletins/test_publication_time.py).
    assert _admin_publication(client, bulletin, published_at).status_code == 302


def test_an_airing_dated_before_by_mistake_does_not_stop_other_corrections(
    client, approver
):
    published_at = timezone.now() - datetime.timedelta(days=3)
    bulletin = make_bulletin(published_at=published_at)
    make_airing(bulletin, aired_at=published_at - datetime.timedelta(days=400))
    client.force_login(approver)
    response = _admin_publication(client, bulletin, published_at, title="Tên đã sửa")
    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.title == "Tên đã sửa"


@pytest.mark.parametrize(
    "again",
    [
        "cụm loa thôn bắc sơn ",  # the tester's: lower case, a trailing space
        "CỤM LOA  THÔN BẮC SƠN",
        unicodedata.normalize("NFD", "Cụm loa thôn Bắc Sơn"),  # pasted decomposed
    ],
    ids=["lower-case-trailing-space", "capitals-two-spaces", "decomposed"],
)
def test_the_same_station_typed_otherwise_is_the_same_airing(client, announcer, again):
    """The same item and time on “Cụm loa thôn Bắc Sơn” and on “cụm loa thôn
    bắc sơn ” were two airings, and the KPI counted 2."""
    bulletin = make_bulletin(published_at=timezone.now() - datetime.timedelta(hours=3))
    aired_at = (timezone.localtime() - datetime.timedelta(hours=2)).replace(
        second=0, microsecond=0
    )
    client.force_login(announcer)
    first = _admin_add(client, bulletin, aired_at, station=" Cụm loa thôn Bắc Sơn ")
    assert first.status_code == 302
    assert Airing.objects.get().station == "Cụm loa thôn Bắc Sơn"  # as typed, trimmed
    response = _admin_add(client, bulletin, aired_at, station=again)
    assert response.status_code == 200
    assert "Lượt phát này đã được ghi nhận" in response.content.decode()
    assert Airing.objects.counted().count() == 1
    with pytest.raises(ValidationError, match="Lượt phát này đã được ghi nhận"):
        _record(bulletin, aired_at=aired_at, station=again)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_airing(bulletin, aired_at=aired_at, station=again)  # the database too
    _record(bulletin, aired_at=aired_at, station="Cụm loa thôn Nam Sơn")
    assert Airing.objects.count() == 2


def test_the_migration_merges_airings_recorded_with_the_station_typed_otherwise():
    """Rows saved before the key, the same station in another case or
    spacing, would stop the new constraint: the migration keeps the first of
    each, with its station as typed and the note of another when it has none."""
    if connection.vendor != "postgresql":
        pytest.skip("drops and makes a constraint inside the test's transaction")
    migration = importlib.import_module("bulletins.migrations.0014_airing_station_key")
    with _constraint_made_after():
        bulletin = make_bulletin(
            published_at=timezone.now() - datetime.timedelta(days=2)
        )
        aired_at = timezone.now() - datetime.timedelta(days=1)
        first = make_airing(bulletin, aired_at=aired_at, station="Cụm loa thôn Bắc Sơn")
        make_airing(
            bulletin, aired_at=aired_at, station="cụm loa thôn bắc sơn", note="Lại"
        )
        make_airing(bulletin, aired_at=aired_at, station="CỤM LOA THÔN  BẮC SƠN")
        other = make_airing(bulletin, aired_at=aired_at, station="Cụm loa thôn Nam Sơn")
        Airing.objects.update(station_key="")  # as the column is added
        migration.key_and_merge(django_apps, None)

    kept = Airing.objects.exclude(pk=other.pk).get()
    assert (kept.pk, kept.station, kept.note) == (first.pk, first.station, "Lại")
    assert kept.station_key == "cụm loa thôn bắc sơn"
    assert Airing.objects.get(pk=other.pk).station_key == "cụm loa thôn nam sơn"


@pytest.mark.parametrize("typed", ["0", "-3", "abc", "1,5"])
def test_a_duration_out_of_bounds_says_its_unit_and_limits(client, announcer, typed):
    """Thời lượng = 0 read “Đảm bảo giá trị này lớn hơn hoặc bằng với 1 .”:
    no unit, no limits, a stray space."""
    bulletin = make_bulletin()
    client.force_login(announcer)
    response = _admin_add(client, bulletin, timezone.now(), duration_minutes=typed)
    html = response.content.decode()
    assert response.status_code == 200
    assert str(AT_LEAST_A_MINUTE) in html
    assert "Đảm bảo giá trị" not in html and "Nhập một số tổng thể" not in html
    assert f'value="{typed}"' in html
    assert not Airing.objects.exists()
    with pytest.raises(ValidationError) as error:
        _record(bulletin, duration_minutes=0)
    assert error.value.message_dict["duration_minutes"] == [str(AT_LEAST_A_MINUTE)]
