"""Readers rate (one vote per visitor) and comment (held for moderation), with
accessible spam defences; errors keep what was typed."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from bulletins import services
from bulletins.models import Comment, Rating
from tests.html_forms import form_data

from .factories import comment_data, make_bulletin, rating_data, timestamp

pytestmark = pytest.mark.django_db


@pytest.fixture
def bulletin(profile, category):
    return make_bulletin(title="Tin để đánh giá")


def rate(client, bulletin, stars=5, **extra):
    fields = {key: extra.pop(key) for key in list(extra) if key.startswith("rating-")}
    return client.post(
        reverse("bulletins:rate", args=[bulletin.slug]),
        rating_data(stars, **fields),
        **extra,
    )


def comment(client, bulletin, **overrides):
    return client.post(
        reverse("bulletins:comment", args=[bulletin.slug]), comment_data(**overrides)
    )


def test_rating_is_counted_and_averaged(client, bulletin):
    assert rate(client, bulletin, 5).status_code == 302
    assert rate(client, bulletin, 2, REMOTE_ADDR="203.0.113.7").status_code == 302
    html = client.get(bulletin.get_absolute_url()).content.decode()
    assert "3,5/5" in html and "2 lượt đánh giá" in html


def test_one_vote_per_visitor(client, bulletin):
    rate(client, bulletin, 5)
    response = rate(client, bulletin, 1)
    assert response.status_code == 400
    assert "Bạn đã đánh giá tin này" in response.content.decode()
    assert list(Rating.objects.values_list("stars", flat=True)) == [5]


def test_a_new_browser_name_does_not_give_another_vote(client, bulletin):
    rate(client, bulletin, 5, HTTP_USER_AGENT="Firefox")
    for agent in ("Chrome", "Safari", "curl/8", ""):
        assert rate(client, bulletin, 1, HTTP_USER_AGENT=agent).status_code == 400
    assert Rating.objects.count() == 1


def test_one_ipv6_device_cannot_vote_again_from_a_new_address_in_its_64(
    client, bulletin
):
    rate(client, bulletin, 5, REMOTE_ADDR="2001:db8:1:2::10")
    assert (
        rate(client, bulletin, 1, REMOTE_ADDR="2001:db8:1:2:abcd::1").status_code == 400
    )
    assert rate(client, bulletin, 4, REMOTE_ADDR="2001:db8:1:3::10").status_code == 302
    assert Rating.objects.count() == 2


def test_the_same_reader_may_rate_each_bulletin_once(client, bulletin):
    other = make_bulletin(title="Tin khác")
    assert rate(client, bulletin, 5).status_code == 302
    assert rate(client, other, 4).status_code == 302
    voters = set(Rating.objects.values_list("voter", flat=True))
    assert len(voters) == 2  # not linkable from one bulletin to the next


def test_the_page_says_who_counts_as_one_reader(client, bulletin):
    html = client.get(bulletin.get_absolute_url()).content.decode()
    assert "Mỗi kết nối Internet được đánh giá một lần cho mỗi tin" in html


def test_rating_stores_no_address(client, bulletin):
    rate(client, bulletin, 4, REMOTE_ADDR="203.0.113.9")
    assert "203.0.113.9" not in Rating.objects.get().voter


def test_rating_works_as_a_plain_form(client, bulletin):
    html = client.get(bulletin.get_absolute_url()).content.decode()
    assert "<fieldset" in html and "<legend>" in html
    assert html.count('type="radio"') == 5
    assert 'type="submit"' in html


def test_missing_stars_is_explained(client, bulletin):
    response = client.post(
        reverse("bulletins:rate", args=[bulletin.slug]),
        rating_data(**{"rating-stars": ""}),
    )
    assert response.status_code == 400
    assert "Hãy chọn từ 1 đến 5 sao" in response.content.decode()


def test_comment_is_held_until_approved_then_shown(client, bulletin, moderator):
    response = comment(client, bulletin)
    assert response.status_code == 302
    stored = Comment.objects.get()
    assert stored.status == Comment.Status.PENDING
    assert stored.consent_at is not None
    assert (
        "Bài viết rất hữu ích"
        not in client.get(bulletin.get_absolute_url()).content.decode()
    )
    services.comment_moderate(comment=stored, status="approved", user=moderator)
    html = client.get(bulletin.get_absolute_url()).content.decode()
    assert "Bài viết rất hữu ích" in html
    assert "an@example.vn" not in html  # the email is never shown
    stored.refresh_from_db()
    assert stored.moderated_by == moderator and stored.moderated_at


def test_hiding_a_comment_needs_a_reason_and_keeps_it(bulletin, moderator):
    stored = services.comment_submit(
        bulletin=bulletin, name="A", body="Nội dung", voter="v"
    )
    with pytest.raises(Exception):  # noqa: B017 - ValidationError from full_clean
        services.comment_moderate(comment=stored, status="hidden", user=moderator)
    services.comment_moderate(
        comment=stored, status="hidden", user=moderator, reason="Quảng cáo"
    )
    stored.refresh_from_db()
    assert stored.status == Comment.Status.HIDDEN
    assert stored.hidden_reason == "Quảng cáo"


def test_only_moderators_moderate(bulletin, editor):
    from django.core.exceptions import PermissionDenied

    stored = services.comment_submit(bulletin=bulletin, name="A", body="B", voter="v")
    with pytest.raises(PermissionDenied):
        services.comment_moderate(comment=stored, status="approved", user=editor)


def test_moderator_approves_in_the_admin_and_cannot_delete(client, bulletin, moderator):
    stored = services.comment_submit(bulletin=bulletin, name="A", body="B", voter="v")
    client.force_login(moderator)
    url = reverse("admin:bulletins_comment_change", args=[stored.pk])
    response = client.post(url, {"status": "approved", "hidden_reason": ""})
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.status == Comment.Status.APPROVED
    assert stored.moderated_by == moderator
    delete = reverse("admin:bulletins_comment_delete", args=[stored.pk])
    assert client.get(delete).status_code == 403


def test_comment_errors_keep_what_was_typed(client, bulletin):
    response = comment(client, bulletin, **{"comment-consent": "", "comment-name": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Hãy nhập họ tên" in html
    assert "Hãy đánh dấu đồng ý" in html
    assert "Bài viết rất hữu ích, cảm ơn UBND xã." in html
    assert 'value="an@example.vn"' in html
    assert not Comment.objects.exists()


def test_consent_notice_is_shown(client, bulletin):
    html = client.get(bulletin.get_absolute_url()).content.decode()
    assert "91/2025/QH15" in html and "356/2025/NĐ-CP" in html
    assert 'type="checkbox"' in html


def test_honeypot_refuses_robots(client, bulletin):
    response = comment(client, bulletin, **{"comment-website": "http://spam"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Không gửi được biểu mẫu. Vui lòng thử lại." in html
    assert "Bài viết rất hữu ích, cảm ơn UBND xã." in html  # kept
    assert not Comment.objects.exists()


def send_again(client, response, action, seconds_later=10):
    """The form of the page ``response`` shows, sent again as it is shown, as a
    person does ``seconds_later`` (the forms refuse a send within seconds)."""
    data = form_data(response.content.decode(), action)
    later = timezone.now() + datetime.timedelta(seconds=seconds_later)
    with time_machine.travel(later, tick=False):
        return client.post(action, data), data


def test_a_comment_refused_for_an_autofilled_honeypot_goes_through_sent_again(
    client, bulletin
):
    """A browser's autofill fills the hidden box too: the form comes back with
    the text kept and the box empty, so sending it again is accepted."""
    action = reverse("bulletins:comment", args=[bulletin.slug])
    refused = comment(client, bulletin, **{"comment-website": "https://an.example.vn"})
    assert refused.status_code == 400
    assert "https://an.example.vn" not in refused.content.decode()
    response, data = send_again(client, refused, action)
    assert data["comment-website"] == ""
    assert data["comment-body"] == "Bài viết rất hữu ích, cảm ơn UBND xã."
    assert response.status_code == 302
    assert Comment.objects.get().body == "Bài viết rất hữu ích, cảm ơn UBND xã."


def test_a_rating_refused_for_an_autofilled_honeypot_goes_through_sent_again(
    client, bulletin
):
    action = reverse("bulletins:rate", args=[bulletin.slug])
    refused = rate(client, bulletin, 4, **{"rating-website": "https://an.example.vn"})
    assert refused.status_code == 400
    response, data = send_again(client, refused, action)
    assert data["rating-website"] == "" and data["rating-stars"] == "4"
    assert response.status_code == 302
    assert list(Rating.objects.values_list("stars", flat=True)) == [4]


@pytest.mark.parametrize("form", ["comment", "rate"])
def test_the_address_of_a_form_sent_with_an_error_leads_back_to_the_item(
    client, bulletin, form
):
    """After a 400 the address bar shows the form's address: reloaded or
    bookmarked, it leads to the item's feedback, not to a blank 405."""
    url = reverse(f"bulletins:{form}", args=[bulletin.slug])
    for method in (client.get, client.head):
        response = method(url)
        assert response.status_code == 302
        assert response["Location"] == bulletin.get_absolute_url() + "#phan-hoi"
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert bulletin.title in response.content.decode()


def test_switching_language_after_a_comment_error_lands_on_the_item(client, bulletin):
    refused = comment(client, bulletin, **{"comment-body": ""})
    assert refused.status_code == 400
    switch = form_data(refused.content.decode(), reverse("set-language"))
    assert switch["next"] == reverse("bulletins:comment", args=[bulletin.slug])
    response = client.post(
        reverse("set-language"), {**switch, "language": "en"}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1] == (
        bulletin.get_absolute_url() + "#phan-hoi",
        302,
    )
    assert 'lang="en"' in response.content.decode()


def test_too_fast_submission_is_refused_with_a_message(client, bulletin):
    response = comment(client, bulletin, **{"comment-ts": timestamp(seconds_ago=0)})
    assert response.status_code == 400
    assert "quá nhanh" in response.content.decode()
    assert not Comment.objects.exists()


def test_stale_or_forged_timestamp_is_refused(client, bulletin):
    old = comment(client, bulletin, **{"comment-ts": timestamp(seconds_ago=7 * 3600)})
    assert "hết hạn" in old.content.decode()
    forged = comment(client, bulletin, **{"comment-ts": "123"})
    assert forged.status_code == 400
    assert not Comment.objects.exists()


def test_rate_limit_per_visitor(client, bulletin, settings):
    settings.PUBLIC_FORM_RATE = "2/d"
    assert comment(client, bulletin).status_code == 302
    assert comment(client, bulletin).status_code == 302
    response = comment(client, bulletin, **{"comment-body": "Lần thứ ba"})
    assert response.status_code == 429
    assert (
        0 < int(response["Retry-After"]) <= 24 * 3600 * 61 / 60
    )  # a day, and a 60th: its counts' slice
    html = response.content.decode()
    assert "quá nhiều" in html
    assert "Lần thứ ba" in html
    assert Comment.objects.count() == 2


def test_no_feedback_on_unpublished_items(client, category):
    draft = make_bulletin(status="draft")
    assert comment(client, draft).status_code == 404
    assert rate(client, draft).status_code == 404


def test_the_forms_as_first_shown_are_kept_and_forms_sent_back_never(
    client, bulletin, profile, settings, django_capture_on_commit_callbacks
):
    """Each worker keeps the fields of the empty rating and comment forms it drew
    (the "fragments" cache, per language and profile): a form sent back with its
    errors is drawn with them, the next page gets the empty forms again, and a
    new commune name shows in the consent notice at once."""
    settings.PAGE_CACHE_SECONDS = 0  # the forms themselves, not the page cache
    other = make_bulletin(title="Tin khác để đánh giá")

    def clean(page, name=None):
        html = client.get(page.get_absolute_url()).content.decode()
        assert html.count('type="radio"') == 5 and 'class="errorlist"' not in html
        assert "Trần Văn An" not in html and "an@example.vn" not in html
        notice = html.split('class="notice consent-notice">')[1].split("</div>")[0]
        assert (name or "Ủy ban nhân dân xã Thạch Hà") in notice
        return html

    for page in (bulletin, other, bulletin):
        clean(page)
    sent = comment(client, bulletin, **{"comment-consent": ""})
    assert sent.status_code == 400
    assert 'value="Trần Văn An"' in sent.content.decode()
    assert "Hãy đánh dấu đồng ý" in sent.content.decode()
    stars = client.post(
        reverse("bulletins:rate", args=[other.slug]),
        rating_data(**{"rating-stars": ""}),
    )
    assert "Hãy chọn từ 1 đến 5 sao" in stars.content.decode()
    for page in (bulletin, other):
        clean(page)
    client.cookies["django_language"] = "en"
    assert "Rate this item" in clean(other)
    client.cookies["django_language"] = "vi"
    with django_capture_on_commit_callbacks(execute=True):
        profile.name = "Ủy ban nhân dân phường Thạch Hà"
        profile.save()
    clean(bulletin, "Ủy ban nhân dân phường Thạch Hà")
