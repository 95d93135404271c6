"""Attachments are checked by name, size and content; a refused file gets a
clear Vietnamese message naming the reason and the limit, and the rest of the
form is kept."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bulletins.models import Attachment, Bulletin
from thachha_portal.uploads import DOCUMENTS, MB, UploadValidator

from .factories import admin_bulletin_data, make_bulletin

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64
HTML = b"<!doctype html><html><script>alert(1)</script></html>"


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def check(name, content):
    UploadValidator(DOCUMENTS)(SimpleUploadedFile(name, content))


def message(error):
    return " ".join(error.value.messages)


@pytest.mark.parametrize(
    ("name", "content"),
    [("ke-hoach.pdf", PDF), ("anh.png", PNG), ("bao-cao.docx", docx_bytes())],
)
def test_real_files_are_accepted(name, content):
    check(name, content)


def test_executable_renamed_pdf_is_refused():
    with pytest.raises(ValidationError) as error:
        check("ke-hoach.pdf", ELF)
    assert "không phải tệp PDF" in message(error)


def test_web_page_renamed_pdf_is_refused():
    with pytest.raises(ValidationError) as error:
        check("ke-hoach.pdf", HTML)
    assert "ke-hoach.pdf" in message(error)


def test_zip_renamed_docx_without_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(ValidationError):
        check("bao-cao.docx", buffer.getvalue())


def test_unknown_extension_is_refused_with_the_accepted_list():
    with pytest.raises(ValidationError) as error:
        check("cai-dat.exe", ELF)
    text = message(error)
    assert "không thuộc loại được chấp nhận" in text
    assert "PDF (.pdf)" in text and "Word (.doc, .docx)" in text


def test_oversized_image_is_refused_naming_the_limit():
    with pytest.raises(ValidationError) as error:
        check("anh.png", PNG + b"\x00" * (5 * MB))
    text = message(error).replace("\xa0", " ")
    assert "giới hạn 5,0 MB" in text
    assert "PNG" in text


def test_refused_attachment_in_the_admin_keeps_the_rest_of_the_form(client, editor):
    bulletin = make_bulletin(status=Bulletin.Status.DRAFT)
    client.force_login(editor)
    url = reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])
    data = admin_bulletin_data(
        bulletin,
        title="Tiêu đề đã sửa, chưa lưu",
        summary="Tóm tắt mới đã gõ",
        **{
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title": "Kế hoạch",
            "attachments-0-order": "0",
            "attachments-0-file": SimpleUploadedFile("ke-hoach.pdf", ELF),
        },
    )
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "không phải tệp PDF" in html
    assert 'value="Tiêu đề đã sửa, chưa lưu"' in html
    assert "Tóm tắt mới đã gõ" in html
    assert not Attachment.objects.exists()


def test_downloads_show_name_type_and_size(client, profile, category):
    bulletin = make_bulletin()
    Attachment.objects.create(
        bulletin=bulletin,
        title="Kế hoạch 02/KH-UBND",
        file=SimpleUploadedFile("ke-hoach.pdf", PDF),
    )
    html = client.get(bulletin.get_absolute_url()).content.decode()
    assert "Kế hoạch 02/KH-UBND" in html
    assert "(PDF, " in html and "byte" in html


def test_airing_recording_must_be_a_real_mp3():
    from thachha_portal.uploads import AUDIO

    UploadValidator(AUDIO)(
        SimpleUploadedFile("ban-tin.mp3", b"ID3\x03\x00" + b"\0" * 64)
    )
    with pytest.raises(ValidationError) as error:
        UploadValidator(AUDIO)(SimpleUploadedFile("ban-tin.mp3", PDF))
    assert "không phải tệp MP3" in message(error)


def test_admin_editor_uses_the_bundled_rich_text_editor(client, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:bulletins_bulletin_add")).content.decode()
    assert "Bản nháp (giữ nguyên)" in html
    assert "/static/django_prose_editor/" in html
    # No asset from a CDN (looked for in addresses only: the page's random
    # CSRF token once held the letters "cdn").
    addresses = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert not [a for a in addresses if "cdn" in a.lower()]
    assert 'name="published_at_0"' not in html  # only approvers set the time
