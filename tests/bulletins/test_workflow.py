"""Editors write and submit; only approvers publish, unpublish or hide; every
step is recorded; nobody but superusers deletes."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from bulletins import services
from bulletins.models import Bulletin, StatusChange
from tests.clock import earlier_this_month, start_of_this_month

from .factories import admin_bulletin_data, make_airing, make_bulletin

pytestmark = pytest.mark.django_db
S = Bulletin.Status


def test_editor_can_submit_but_not_publish(editor):
    bulletin = make_bulletin(status=S.DRAFT)
    services.bulletin_submit(bulletin=bulletin, user=editor)
    assert bulletin.status == S.SUBMITTED
    with pytest.raises(PermissionDenied):
        services.bulletin_publish(bulletin=bulletin, user=editor)
    bulletin.refresh_from_db()
    assert bulletin.status == S.SUBMITTED


def test_approver_publishes_and_the_step_is_recorded(approver):
    bulletin = make_bulletin(status=S.SUBMITTED)
    services.bulletin_publish(bulletin=bulletin, user=approver)
    bulletin.refresh_from_db()
    assert bulletin.is_public
    change = StatusChange.objects.get(bulletin=bulletin)
    assert (change.from_status, change.to_status) == (S.SUBMITTED, S.PUBLISHED)
    assert change.changed_by == approver


def test_hiding_needs_a_reason_and_keeps_the_item(approver):
    bulletin = make_bulletin()
    with pytest.raises(ValidationError):
        services.bulletin_transition(
            bulletin=bulletin, to_status=S.HIDDEN, user=approver, reason=" "
        )
    services.bulletin_transition(
        bulletin=bulletin, to_status=S.HIDDEN, user=approver, reason="Sai số liệu"
    )
    bulletin.refresh_from_db()
    assert bulletin.status == S.HIDDEN
    assert bulletin.hidden_reason == "Sai số liệu"
    assert bulletin not in Bulletin.objects.published()
    assert StatusChange.objects.get(bulletin=bulletin).reason == "Sai số liệu"


def test_editor_cannot_hide_or_unpublish(editor):
    bulletin = make_bulletin()
    with pytest.raises(PermissionDenied):
        services.bulletin_transition(
            bulletin=bulletin, to_status=S.HIDDEN, user=editor, reason="x"
        )
    with pytest.raises(PermissionDenied):
        services.bulletin_unpublish(bulletin=bulletin, user=editor)


def test_publishing_keeps_a_future_time_as_a_schedule(approver):
    from django.utils import timezone

    later = timezone.now() + datetime.timedelta(days=1)
    bulletin = make_bulletin(status=S.SUBMITTED, published_at=later)
    services.bulletin_publish(bulletin=bulletin, user=approver)
    assert bulletin.is_scheduled
    assert bulletin not in Bulletin.objects.published()


def test_editor_cannot_publish_through_the_admin(client, editor):
    bulletin = make_bulletin(status=S.SUBMITTED)
    client.force_login(editor)
    url = reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])
    page = client.get(url).content.decode()
    assert 'value="published"' not in page  # not even offered
    response = client.post(url, admin_bulletin_data(bulletin, new_status="published"))
    assert response.status_code == 200  # form shown again with an error
    bulletin.refresh_from_db()
    assert bulletin.status == S.SUBMITTED


def test_approver_publishes_through_the_admin(client, approver):
    bulletin = make_bulletin(status=S.SUBMITTED)
    client.force_login(approver)
    url = reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])
    response = client.post(url, admin_bulletin_data(bulletin, new_status="published"))
    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.is_public
    assert bulletin.status_changes.get().changed_by == approver


def test_hiding_in_the_admin_without_reason_is_refused(client, approver):
    bulletin = make_bulletin()
    client.force_login(approver)
    url = reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])
    response = client.post(url, admin_bulletin_data(bulletin, new_status="hidden"))
    assert response.status_code == 200
    assert "lý do" in response.content.decode()
    bulletin.refresh_from_db()
    assert bulletin.status == S.PUBLISHED


def test_publish_action_only_for_approvers(client, editor, approver):
    bulletin = make_bulletin(status=S.SUBMITTED)
    changelist = reverse("admin:bulletins_bulletin_changelist")
    client.force_login(editor)
    assert 'value="publish_selected"' not in client.get(changelist).content.decode()
    client.post(
        changelist, {"action": "publish_selected", "_selected_action": [bulletin.pk]}
    )
    bulletin.refresh_from_db()
    assert bulletin.status == S.SUBMITTED
    client.force_login(approver)
    client.post(
        changelist, {"action": "publish_selected", "_selected_action": [bulletin.pk]}
    )
    bulletin.refresh_from_db()
    assert bulletin.is_public


def test_editor_sees_a_published_item_read_only(client, editor):
    bulletin = make_bulletin()
    client.force_login(editor)
    url = reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="title"' not in response.content.decode()


def test_only_superusers_delete_bulletins(client, approver, make_staff):
    bulletin = make_bulletin()
    url = reverse("admin:bulletins_bulletin_delete", args=[bulletin.pk])
    client.force_login(approver)
    assert client.get(url).status_code == 403
    client.force_login(make_staff("root", superuser=True))
    assert client.get(url).status_code == 200


def test_admin_pages_follow_roles(client, make_staff):
    url = reverse("admin:bulletins_bulletin_changelist")
    assert client.get(url).status_code == 302
    client.force_login(make_staff("motcua", "procedures"))
    assert client.get(url).status_code == 403
    client.force_login(make_staff("bt", "editor"))
    assert client.get(url).status_code == 200


def test_changelist_shows_this_months_status(client, approver):
    bulletin = make_bulletin(published_at=earlier_this_month(0.25))
    make_airing(bulletin, aired_at=earlier_this_month(0.5))
    make_bulletin(published_at=start_of_this_month() - datetime.timedelta(seconds=1))
    client.force_login(approver)
    html = client.get(reverse("admin:bulletins_bulletin_changelist")).content.decode()
    assert "Trang web: 1 tin đã đăng" in html
    assert "Loa: 1 tin đã phát" in html


def test_a_new_item_is_signed_with_the_name_in_force_from_the_profile(
    client, editor, profile
):
    profile.short_name = "UBND phường Thạch Hà"
    profile.save()
    assert Bulletin().author_unit == "UBND phường Thạch Hà"
    client.force_login(editor)
    response = client.get(reverse("admin:bulletins_bulletin_add"))
    assert 'value="UBND phường Thạch Hà"' in response.content.decode()


def test_view_on_site_is_offered_only_once_the_public_sees_the_item(client, approver):
    from django.utils import timezone

    scheduled = make_bulletin(published_at=timezone.now() + datetime.timedelta(days=2))
    draft = make_bulletin(status=S.DRAFT, slug="ban-nhap")
    public = make_bulletin(slug="da-dang")
    client.force_login(approver)
    for bulletin in (scheduled, draft):
        url = reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])
        page = client.get(url).content.decode()
        assert "Xem trên trang web" not in page  # it would be a 404
        assert reverse("bulletins:preview", args=[bulletin.pk]) in page
    url = reverse("admin:bulletins_bulletin_change", args=[public.pk])
    assert "Xem trên trang web" in client.get(url).content.decode()


def test_admin_words_match_the_staff_guide(client, approver):
    """docs/huong-dan-can-bo.md speaks of the “Lịch sử” button and of “thao
    tác”; Django's own Vietnamese says “Bản ghi nhớ” and “Hoạt động:”."""
    bulletin = make_bulletin()
    client.force_login(approver)
    change = reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])
    page = client.get(change).content.decode()
    assert "Lịch sử" in page and "Bản ghi nhớ" not in page
    listing = client.get(reverse("admin:bulletins_bulletin_changelist"))
    html = listing.content.decode()
    assert "Thao tác:" in html and "Hoạt động:" not in html
    assert "Thực hiện" in html and "Đi đến" not in html
    assert "Theo trạng thái" in html and "Bởi " not in html
    assert "Đã chọn 0/1" in html and "0 của" not in html
    script = client.get(reverse("admin:jsi18n")).content.decode()
    counter = json.dumps("Đã chọn %(sel)s/%(cnt)s")  # as the boxes are ticked
    assert counter in script


def _unpublish_from_the_list(client, bulletins, **confirmation):
    data = {
        "action": "unpublish_selected",
        "_selected_action": [b.pk for b in bulletins],
    }
    data.update(confirmation)
    return client.post(reverse("admin:bulletins_bulletin_changelist"), data)


def test_unpublishing_from_the_list_asks_for_the_reason_first(client, approver):
    """“Gỡ xuống” took items off the website at once, with no reason: it now
    shows them on a page of its own asking why, as Django asks before
    deleting, and does it only with the reason, which the history keeps."""
    first, second = make_bulletin(), make_bulletin()
    client.force_login(approver)
    response = _unpublish_from_the_list(client, [first, second])
    html = response.content.decode()
    assert response.status_code == 200
    assert first.title in html and second.title in html
    assert 'name="reason"' in html and 'name="post" value="yes"' in html
    assert Bulletin.objects.published().count() == 2  # nothing done yet

    refused = _unpublish_from_the_list(client, [first, second], post="yes", reason=" ")
    assert refused.status_code == 400
    assert gettext("Give the reason for unpublishing the item.") in (
        refused.content.decode()
    )
    assert Bulletin.objects.published().count() == 2

    done = _unpublish_from_the_list(
        client, [first, second], post="yes", reason="Số liệu chưa được kiểm tra"
    )
    assert done.status_code == 302
    assert not Bulletin.objects.published().exists()
    for bulletin in (first, second):
        change = bulletin.status_changes.get()
        assert (change.from_status, change.to_status) == (S.PUBLISHED, S.DRAFT)
        assert change.reason == "Số liệu chưa được kiểm tra"
        assert change.changed_by == approver
    listing = client.get(done.url).content.decode()
    assert gettext("%(n)d item(s) unpublished.") % {"n": 2} in listing


def test_a_reason_too_long_is_kept_to_be_shortened(client, approver):
    bulletin = make_bulletin()
    client.force_login(approver)
    reason = "Gỡ để sửa số liệu " * 20  # 360 characters
    response = _unpublish_from_the_list(client, [bulletin], post="yes", reason=reason)
    assert response.status_code == 400
    assert f'value="{reason.strip()}' in response.content.decode()
    assert bulletin.is_public


def test_unpublishing_in_the_change_form_needs_a_reason(client, approver):
    bulletin = make_bulletin()
    client.force_login(approver)
    url = reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])
    published_at = timezone.localtime(bulletin.published_at)
    typed = {
        "published_at_0": f"{published_at:%d/%m/%Y}",
        "published_at_1": f"{published_at:%H:%M:%S}",
        "title": "Tiêu đề đang sửa",
    }
    response = client.post(
        url, admin_bulletin_data(bulletin, new_status="draft", **typed)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert gettext("Give the reason for unpublishing the item.") in html
    assert 'value="Tiêu đề đang sửa"' in html  # what was typed is kept
    bulletin.refresh_from_db()
    assert bulletin.status == S.PUBLISHED
    response = client.post(
        url,
        admin_bulletin_data(
            bulletin, new_status="draft", transition_reason="Sai ngày họp", **typed
        ),
    )
    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.status == S.DRAFT
    assert bulletin.status_changes.get().reason == "Sai ngày họp"
    with pytest.raises(ValidationError):
        services.bulletin_unpublish(bulletin=make_bulletin(), user=approver)
