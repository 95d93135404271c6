"""A news item's form that comes back with an error keeps the files chosen
(its cover, its attachments): sent again, they are saved without being
chosen again; a file refused for itself is not kept; another choice replaces a
kept file, and the checkbox drops them (thachha_portal/kept_uploads.py)."""

import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bulletins.models import Bulletin
from thachha_portal.kept_uploads import FOLDER, MAX_AGE

from .factories import admin_bulletin_data, make_bulletin
from .test_cover_images import phone_photo

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def draft(client, editor):
    client.force_login(editor)
    bulletin = make_bulletin(status=Bulletin.Status.DRAFT, title="Tiêu đề gốc")
    return bulletin, reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])


def with_attachment(data, title, upload):
    return data | {
        "attachments-TOTAL_FORMS": "1",
        "attachments-0-title": title,
        "attachments-0-file": upload,
        "attachments-0-order": "0",
    }


def kept_files():
    if not default_storage.exists(FOLDER):
        return []
    folders, _files = default_storage.listdir(FOLDER)
    return [
        name for f in folders for name in default_storage.listdir(f"{FOLDER}/{f}")[1]
    ]


def test_a_cover_and_an_attachment_chosen_are_kept_through_an_error(client, draft):
    bulletin, url = draft
    cover = SimpleUploadedFile("hoi-nghi.jpg", phone_photo(800, 600), "image/jpeg")
    plan = SimpleUploadedFile("ke-hoach.pdf", PDF, "application/pdf")
    # The cover's description forgotten: the form comes back.
    data = with_attachment(
        admin_bulletin_data(bulletin, title="Tiêu đề mới", cover_image=cover),
        "Kế hoạch 02/KH-UBND",
        plan,
    )
    refused = client.post(url, data)
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "hoi-nghi.jpg" in page and "ke-hoach.pdf" in page
    assert "Các tệp bạn đã chọn được giữ lại" in page
    assert sorted(kept_files()) == ["hoi-nghi.jpg", "ke-hoach.pdf"]
    bulletin.refresh_from_db()
    assert not bulletin.cover_image and not bulletin.attachments.exists()

    # Sent again with the description, no file chosen again: both are saved.
    data = with_attachment(
        admin_bulletin_data(bulletin, title="Tiêu đề mới", cover_alt="Hội nghị"),
        "Kế hoạch 02/KH-UBND",
        "",
    )
    saved = client.post(url, data)
    assert saved.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.cover_image.name.endswith(".jpg")
    assert (bulletin.cover_width, bulletin.cover_height) == (
        600,
        800,
    )  # made for the web
    attachment = bulletin.attachments.get()
    with attachment.file.open("rb") as file:
        assert file.read() == PDF
    assert kept_files() == []  # used, then removed

    # Kept files are staff's: not served to the public.
    assert client.get("/media/" + FOLDER + "/x/hoi-nghi.jpg").status_code == 404


def test_a_file_refused_for_itself_is_not_kept(client, draft):
    bulletin, url = draft
    damaged = SimpleUploadedFile("hong.jpg", phone_photo(800, 600)[:3000], "image/jpeg")
    refused = client.post(
        url, admin_bulletin_data(bulletin, cover_image=damaged, cover_alt="Ảnh")
    )
    assert refused.status_code == 200
    assert "Không đọc được “hong.jpg”" in refused.content.decode()
    assert kept_files() == []
    assert "Các tệp bạn đã chọn" not in refused.content.decode()


def test_another_choice_replaces_a_kept_file_and_the_checkbox_drops_them(client, draft):
    bulletin, url = draft
    first = SimpleUploadedFile("truoc.jpg", phone_photo(800, 600), "image/jpeg")
    client.post(url, admin_bulletin_data(bulletin, cover_image=first))
    second = SimpleUploadedFile("sau.jpg", phone_photo(600, 800), "image/jpeg")
    client.post(url, admin_bulletin_data(bulletin, cover_image=second))
    assert kept_files() == ["sau.jpg"]  # the first, replaced, is removed

    dropped = client.post(
        url,
        admin_bulletin_data(bulletin, cover_alt="Ảnh", _drop_kept_uploads="1"),
    )
    assert dropped.status_code == 302
    bulletin.refresh_from_db()
    assert not bulletin.cover_image
    assert kept_files() == []


def test_files_kept_for_a_form_left_a_day_are_removed(client, draft):
    """A form left with its errors does not keep its files for ever: files
    kept more than a day ago go when files are kept again."""
    bulletin, url = draft
    old = default_storage.save(
        f"{FOLDER}/{int(time.time()) - MAX_AGE - 60}-left/bo-quen.jpg",
        ContentFile(b"x"),
    )
    recent = default_storage.save(
        f"{FOLDER}/{int(time.time()) - 60}-other/dang-sua.jpg", ContentFile(b"x")
    )
    cover = SimpleUploadedFile("moi.jpg", phone_photo(800, 600), "image/jpeg")
    client.post(url, admin_bulletin_data(bulletin, cover_image=cover))
    assert not default_storage.exists(old)
    assert default_storage.exists(recent)  # another form's, still being fixed
    assert sorted(kept_files()) == ["dang-sua.jpg", "moi.jpg"]


def test_opening_the_form_again_forgets_the_kept_files(client, draft):
    """Kept files are for the form as it came back: opened afresh, it is
    empty, and a later save does not bring them back."""
    bulletin, url = draft
    cover = SimpleUploadedFile("bo-di.jpg", phone_photo(800, 600), "image/jpeg")
    client.post(url, admin_bulletin_data(bulletin, cover_image=cover))
    assert kept_files() == ["bo-di.jpg"]
    assert "bo-di.jpg" not in client.get(url).content.decode()
    assert kept_files() == []
    saved = client.post(url, admin_bulletin_data(bulletin, title="Chỉ sửa tiêu đề"))
    assert saved.status_code == 302
    bulletin.refresh_from_db()
    assert not bulletin.cover_image
