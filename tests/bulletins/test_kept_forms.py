"""A news item typed while the session ended, or while the author logged in
again in another tab, is not lost: the form is kept, its files too, and once
its author is logged in its address offers to send it again
(thachha_portal/kept_forms.py, kept_uploads.py)."""

import datetime
import html
import io
import pathlib
import re

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.middleware.csrf import CSRF_SECRET_LENGTH, get_random_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from bulletins.models import Bulletin
from thachha_portal.kept_forms import SESSION_KEY

from .factories import admin_bulletin_data, make_bulletin, make_category

pytestmark = pytest.mark.django_db

PASSWORD = "pw-Thach-Ha-2021"  # make_staff's
ADD = reverse("admin:bulletins_bulletin_add")
LOGIN = reverse("admin:login")
BODY = "<p>Ngày 05/01/2027, UBND xã tổ chức hội nghị triển khai kế hoạch CCHC.</p>"


def hidden_inputs(page):
    """The form's fields as the page's hidden inputs carry them, in order."""
    text = page.content.decode()
    pairs = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', text)
    return [(name, html.unescape(value)) for name, value in pairs]


def typed_by(client, url):
    """Open the form as a browser does: the author it carries."""
    return dict(hidden_inputs(client.get(url)))["_typed_by"]


def end_sessions():
    """Every session ends, as two weeks after a login."""
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))


def log_in(client, user, next_url):
    response = client.post(
        f"{LOGIN}?next={next_url}",
        {"username": user.username, "password": PASSWORD, "next": next_url},
    )
    assert response.status_code == 302 and response.url == next_url
    return response


def new_item_data(author, **changes):
    bulletin = Bulletin(
        title="Hội nghị triển khai CCHC năm 2027",
        slug="hoi-nghi-trien-khai-cchc-2027",
        category=make_category(),
        summary="Tóm tắt Lan vừa gõ.",
        body=BODY,
        author_unit="Văn phòng UBND xã",
        status=Bulletin.Status.DRAFT,
    )
    return admin_bulletin_data(bulletin, _typed_by=author, _save="Lưu", **changes)


def cover():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "JPEG")
    return SimpleUploadedFile("hoi-nghi.jpg", buffer.getvalue(), "image/jpeg")


def test_a_news_item_sent_after_the_session_ended_is_kept_and_saved(make_staff):
    lan = make_staff("lan", "editor")
    client = Client()
    client.force_login(lan)
    author = typed_by(client, ADD)
    assert author.partition(":")[0] == str(lan.pk)  # her id, signed

    end_sessions()
    sent = client.post(
        ADD, new_item_data(author, cover_image=cover(), cover_alt="Hội nghị")
    )
    assert sent.status_code == 302 and sent.url.startswith(LOGIN)
    assert not Bulletin.objects.exists()

    login_page = client.get(sent.url).content.decode()
    assert "Phiên đăng nhập đã hết hạn" in login_page
    assert "đăng nhập lại để lưu" in login_page

    log_in(client, lan, ADD)
    offered = client.get(ADD)
    text = offered.content.decode()
    assert offered.status_code == 200
    assert "Nội dung bạn đã nhập chưa được lưu" in text
    assert "Hội nghị triển khai CCHC năm 2027" in text  # the title, shown
    assert "hoi-nghi.jpg" in text  # the cover, kept too
    assert "no-store" in offered["Cache-Control"]
    assert not Bulletin.objects.exists()  # nothing saved before it is sent again

    resent = client.post(ADD, dict(hidden_inputs(offered)))
    assert resent.status_code == 302
    saved = Bulletin.objects.get()
    assert saved.title == "Hội nghị triển khai CCHC năm 2027"
    assert saved.summary == "Tóm tắt Lan vừa gõ."
    assert "hội nghị triển khai kế hoạch CCHC" in saved.body
    assert (saved.cover_width, saved.cover_height) == (40, 30)  # the cover kept

    # Offered once: the address is the ordinary form again.
    again = client.get(ADD).content.decode()
    assert "chưa được lưu" not in again and 'name="title"' in again


def test_a_kept_form_is_offered_to_its_author_only(make_staff):
    lan, hung = make_staff("lan", "editor"), make_staff("hung", "editor")
    client = Client()
    client.force_login(lan)
    author = typed_by(client, ADD)
    end_sessions()
    client.post(ADD, new_item_data(author, cover_image=cover(), cover_alt="Ảnh"))

    # Hùng logs in on the same computer: Lan's text is not his to save.
    log_in(client, hung, ADD)
    page = client.get(ADD).content.decode()
    assert "chưa được lưu" not in page
    assert "Hội nghị triển khai CCHC" not in page
    # Nor her cover: his own item is saved without it.
    his = new_item_data(str(hung.pk), title="Tin của Hùng", slug="tin-cua-hung")
    assert client.post(ADD, his).status_code == 302
    assert not Bulletin.objects.get(title="Tin của Hùng").cover_image


def test_dropping_a_kept_form_opens_the_record_as_it_is(make_staff):
    lan = make_staff("lan", "editor")
    bulletin = make_bulletin(status=Bulletin.Status.DRAFT, title="Tiêu đề đã lưu")
    url = reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])
    client = Client()
    client.force_login(lan)
    author = typed_by(client, url)
    end_sessions()
    client.post(
        url, admin_bulletin_data(bulletin, title="Tiêu đề mới", _typed_by=author)
    )
    log_in(client, lan, url)
    offered = client.get(url).content.decode()
    assert "Tiêu đề mới" in offered
    assert f'href="{url}"' in offered  # "Bỏ nội dung này"

    dropped = client.get(url).content.decode()
    assert "Tiêu đề đã lưu" in dropped and "Tiêu đề mới" not in dropped
    bulletin.refresh_from_db()
    assert bulletin.title == "Tiêu đề đã lưu"


def test_a_kept_edit_sent_again_is_still_checked_against_other_saves(make_staff):
    """Sent again after a colleague saved the record, the edit is refused as
    any late save is (editing.py), what was typed kept on the form."""
    lan, hung = make_staff("lan", "editor"), make_staff("hung", "editor")
    bulletin = make_bulletin(status=Bulletin.Status.DRAFT, title="Tiêu đề gốc")
    url = reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])
    client = Client()
    client.force_login(lan)
    opened = dict(hidden_inputs(client.get(url)))
    end_sessions()
    client.post(
        url,
        admin_bulletin_data(
            bulletin,
            summary="Tóm tắt Lan gõ trước khi hết phiên",
            _edited_at=opened["_edited_at"],
            _typed_by=opened["_typed_by"],
        ),
    )
    colleague = Client()
    colleague.force_login(hung)
    assert (
        colleague.post(url, admin_bulletin_data(bulletin, title="Của Hùng")).status_code
        == 302
    )

    log_in(client, lan, url)
    refused = client.post(url, dict(hidden_inputs(client.get(url))))
    text = refused.content.decode()
    assert refused.status_code == 200 and "vừa lưu" in text
    assert "Tóm tắt Lan gõ trước khi hết phiên" in text
    bulletin.refresh_from_db()
    assert bulletin.title == "Của Hùng"


@pytest.fixture
def guarded(make_staff):
    """Lan, logged in, with a change form open in a browser that checks CSRF
    tokens; then she logs in again in another tab: the cookie's secret changes."""
    lan = make_staff("lan", "editor")
    bulletin = make_bulletin(status=Bulletin.Status.DRAFT, title="Tiêu đề gốc")
    url = reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])
    client = Client(enforce_csrf_checks=True)
    client.force_login(lan)
    opened = dict(hidden_inputs(client.get(url)))
    client.cookies["csrftoken"] = get_random_string(CSRF_SECRET_LENGTH)
    data = admin_bulletin_data(
        bulletin,
        title="Tiêu đề Lan gõ",
        csrfmiddlewaretoken=opened["csrfmiddlewaretoken"],  # the page's, now stale
        _edited_at=opened["_edited_at"],
        _typed_by=opened["_typed_by"],
    )
    return client, bulletin, url, data


def test_a_form_refused_for_a_token_changed_meanwhile_is_kept(guarded):
    client, bulletin, url, data = guarded
    refused = client.post(url, data, HTTP_ORIGIN="http://testserver")
    assert refused.status_code == 302 and refused.url == url

    offered = client.get(url)
    text = offered.content.decode()
    assert "đăng nhập lại" in text and "Tiêu đề Lan gõ" in text
    resent = client.post(url, dict(hidden_inputs(offered)))  # its token is fresh
    assert resent.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.title == "Tiêu đề Lan gõ"


@pytest.mark.parametrize("origin", ["https://tin-gia.example", None])
def test_a_form_from_elsewhere_or_of_unknown_origin_is_refused_not_kept(
    guarded, origin
):
    client, bulletin, url, data = guarded
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    refused = client.post(url, data, **headers)
    assert refused.status_code == 403
    assert SESSION_KEY not in client.session
    assert "Tiêu đề Lan gõ" not in client.get(url).content.decode()
    bulletin.refresh_from_db()
    assert bulletin.title == "Tiêu đề gốc"


def test_a_form_with_a_password_is_never_kept(make_staff):
    lan = make_staff("lan", "editor")
    client = Client()
    client.force_login(lan)
    url = reverse("admin:password_change")
    end_sessions()
    sent = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "Mat-khau-moi-2027",
            "new_password2": "Mat-khau-moi-2027",
        },
    )
    assert sent.status_code == 302 and sent.url.startswith(LOGIN)
    assert SESSION_KEY not in client.session
    assert not any(SESSION_KEY in s.get_decoded() for s in Session.objects.all())


def test_an_action_on_a_list_is_not_kept(make_staff):
    """Only what was typed into an add or change form is kept: an action on
    the list (delete the ticked items) is not offered to be run again."""
    lan = make_staff("lan", "editor")
    bulletin = make_bulletin(status=Bulletin.Status.DRAFT)
    url = reverse("admin:bulletins_bulletin_changelist")
    client = Client()
    client.force_login(lan)
    end_sessions()
    sent = client.post(
        url, {"action": "delete_selected", "_selected_action": [bulletin.pk]}
    )
    assert sent.status_code == 302 and sent.url.startswith(LOGIN)
    assert SESSION_KEY not in client.session


def test_a_form_sent_without_proof_of_its_author_is_neither_kept_nor_offered(
    make_staff, admin_user, settings, tmp_path
):
    """Anyone can post to an admin form without a login: a user's form with
    "superuser" ticked, posted into a shared office browser, must not be
    offered to the next person who logs in there as "what you typed"; nor its
    files written to the server's disk."""
    victim = make_staff("lan", "editor")
    url = reverse("admin:auth_user_change", args=[victim.pk])
    planted = {
        "username": "lan",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "date_joined_0": "01/01/2021",
        "date_joined_1": "08:00:00",
        "cover": SimpleUploadedFile("tool.exe", b"MZ" * 1000),
    }
    forged = signing.TimestampSigner(key="not the site's key").sign(str(admin_user.pk))
    for author in ("", str(admin_user.pk), forged):
        browser = Client()
        sent = browser.post(url, {**planted, "_typed_by": author})
        assert sent.status_code == 302 and sent.url.startswith(LOGIN)
        assert SESSION_KEY not in browser.session
        assert "chưa được lưu" not in browser.get(sent.url).content.decode()
        browser.force_login(admin_user)
        page = browser.get(url).content.decode()
        assert "Nội dung bạn đã nhập chưa được lưu" not in page
    victim.refresh_from_db()
    assert not victim.is_superuser
    kept = pathlib.Path(settings.MEDIA_ROOT) / "kept-uploads"
    assert not kept.exists() or not any(kept.iterdir())


def test_a_large_admin_form_needs_a_session_the_server_knows(make_staff, settings):
    """The body limit of the public forms (64 KB) is lifted in the admin for
    staff logged in, and for a session the portal has just ended; not for any
    cookie that bears the session's name."""
    big = {"title": "x", "summary": "y" * (settings.PUBLIC_BODY_LIMIT + 1)}
    stranger = Client()
    stranger.cookies[settings.SESSION_COOKIE_NAME] = "bogus"
    assert stranger.post(ADD, big).status_code == 413
    lan = make_staff("lan", "editor")
    staff = Client()
    staff.force_login(lan)
    author = typed_by(staff, ADD)
    assert staff.post(ADD, {**big, "_typed_by": author}).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=3)):
        ended = staff.post(ADD, new_item_data(author, summary="y" * 70_000))
        assert ended.status_code == 302 and ended.url.startswith(LOGIN)
        assert staff.session[SESSION_KEY]["by"] == str(lan.pk)
