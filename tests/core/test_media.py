"""Uploaded files follow their content's status, and old versions leave the disk."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from bulletins.models import Attachment, Bulletin
from tests.bulletins.factories import make_airing, make_bulletin, make_category
from tests.plans.factories import make_plan

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MP3 = b"ID3\x03\x00" + b"\0" * 64


@pytest.fixture
def category(db):
    return make_category()


def attach(bulletin, name="ke-hoach.pdf"):
    return Attachment.objects.create(
        bulletin=bulletin, file=SimpleUploadedFile(name, PDF), title="Kế hoạch"
    )


def test_a_pending_bulletins_attachment_is_not_served_to_visitors(
    client, profile, category, make_staff
):
    pending = make_bulletin(status=Bulletin.Status.SUBMITTED)
    url = attach(pending).file.url
    assert client.get(url).status_code == 404
    editor = Client()
    editor.force_login(make_staff("bientap", "editor"))
    response = editor.get(url)
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert body == PDF
    assert response["Cache-Control"] == "private, no-store"


def test_a_published_bulletins_attachment_is_served_and_stops_when_hidden(
    client, profile, category
):
    bulletin = make_bulletin()
    url = attach(bulletin).file.url
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    bulletin.status = Bulletin.Status.HIDDEN
    bulletin.hidden_reason = "Đăng nhầm"
    bulletin.save()
    assert client.get(url).status_code == 404


def test_recordings_are_for_staff_only(client, profile, category, make_staff):
    airing = make_airing(make_bulletin())
    airing.recording = SimpleUploadedFile("ban-tin.mp3", MP3)
    airing.save()
    assert client.get(airing.recording.url).status_code == 404
    announcer = Client()
    announcer.force_login(make_staff("phatthanh", "announcer"))
    assert announcer.get(airing.recording.url).status_code == 200


def test_unknown_and_traversing_paths_are_404(client, profile):
    for url in ("/media/khong-co.pdf", "/media/../settings.py", "/media/"):
        assert client.get(url).status_code == 404


@pytest.fixture
def nginx(settings):
    from django_sendfile.utils import _get_sendfile

    settings.SENDFILE_BACKEND = "django_sendfile.backends.nginx"
    settings.SENDFILE_URL = "/_protected_media"
    _get_sendfile.cache_clear()  # the library keeps the backend it loaded
    yield
    _get_sendfile.cache_clear()


def test_nginx_sends_the_file_after_the_check(client, profile, category, nginx):
    attachment = attach(make_bulletin())
    response = client.get(attachment.file.url)
    assert response["X-Accel-Redirect"] == f"/_protected_media/{attachment.file.name}"
    assert response.content == b""


def test_a_replaced_or_deleted_file_leaves_the_disk(
    profile, category, django_capture_on_commit_callbacks
):
    attachment = attach(make_bulletin())
    old = Path(settings.MEDIA_ROOT) / attachment.file.name
    assert old.exists()
    with django_capture_on_commit_callbacks(execute=True):
        attachment.file = SimpleUploadedFile("ke-hoach-moi.pdf", PDF)
        attachment.save()
    new = Path(settings.MEDIA_ROOT) / attachment.file.name
    assert new.exists() and not old.exists()
    with django_capture_on_commit_callbacks(execute=True):
        attachment.delete()
    assert not new.exists()


@pytest.mark.parametrize(("status", "served"), [("in_force", 200), ("draft", 404)])
def test_a_plans_signed_scan_is_served_once_the_plan_is_published(
    client, profile, status, served
):
    plan = make_plan(status=status, signed_scan=SimpleUploadedFile("kh.pdf", PDF))
    assert client.get(plan.signed_scan.url).status_code == served
