"""A news item's cover, uploaded as a phone takes it, is stored for cheap
phones: at most 1,200 pixels on its longer side, upright, without the place
and time in its EXIF; a damaged file or a decompression bomb is refused with
the reason, the rest of the form kept (thachha_portal/images.py)."""

import datetime
import io
import re
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageDraw

from bulletins.models import Bulletin

from .factories import admin_bulletin_data, make_bulletin

pytestmark = pytest.mark.django_db

ORIENTATION, GPS = 0x0112, 0x8825


def phone_photo(width=4000, height=3000):
    """A JPEG as a phone stores a photo taken holding it upright: the pixels
    lying on their side (EXIF orientation 6: turn 90° clockwise to show), the
    place it was taken in its GPS tags. The top of the scene is red."""
    image = Image.new("RGB", (width, height), "white")
    # The scene's top is the sensor's left side when the phone is upright.
    ImageDraw.Draw(image).rectangle((0, 0, width // 10, height), fill="red")
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif.get_ifd(GPS).update(
        {1: "N", 2: (18.0, 20.0, 0.0), 3: "E", 4: (105.0, 54.0, 0.0)}
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, exif=exif.tobytes())
    return buffer.getvalue()


def picture(mode="RGBA", size=(2400, 1200), kind="PNG"):
    buffer = io.BytesIO()
    color = (0, 128, 0, 0) if mode == "RGBA" else "green"
    Image.new(mode, size, color).save(buffer, kind)
    return buffer.getvalue()


def png_claiming(width, height):
    """A small PNG whose header claims ``width`` × ``height`` pixels."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 1000)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows)


def stored(bulletin):
    bulletin.refresh_from_db()
    with bulletin.cover_image.open("rb") as file:
        data = file.read()
    return data, Image.open(io.BytesIO(data))


def post_cover(client, editor, upload, **changes):
    bulletin = make_bulletin(status=Bulletin.Status.DRAFT)
    client.force_login(editor)
    url = reverse("admin:bulletins_bulletin_change", args=[bulletin.pk])
    data = admin_bulletin_data(
        bulletin, cover_image=upload, cover_alt="Cán bộ Một cửa", **changes
    )
    return bulletin, client.post(url, data)


def test_a_phone_photo_is_stored_small_upright_and_without_its_place(client, editor):
    photo = phone_photo()
    assert len(photo) > 100_000
    upload = SimpleUploadedFile("IMG_20261201.jpg", photo, "image/jpeg")
    bulletin, response = post_cover(client, editor, upload)
    assert response.status_code == 302
    data, image = stored(bulletin)
    assert image.format == "JPEG"
    assert image.size == (900, 1200)  # turned upright, then made smaller
    assert image.getpixel((450, 20))[0] > 200  # the scene's top (red) on top
    assert image.getpixel((450, 20))[1] < 80
    assert not image.getexif()  # neither the turn nor the place
    assert len(data) < len(photo) and len(data) < 150_000
    assert bulletin.cover_image.name.endswith(".jpg")


def offered(page):
    """(address, width) of each picture of the cover's ``srcset``."""
    srcset = re.search(
        r'<figure class="bulletin-cover"><img [^>]*srcset="([^"]+)"', page
    )
    pairs = [c.strip().rsplit(" ", 1) for c in srcset.group(1).split(",")]
    return [(url, int(width.removesuffix("w"))) for url, width in pairs]


def test_a_phone_is_offered_a_copy_800_pixels_wide(client, profile, category):
    """The page offers the phone's copy and the web copy by their widths: a
    2× phone takes the smaller, with about half the bytes; both are public
    while the item is, and the widths said are the files' own."""
    bulletin = make_bulletin(  # taken holding the phone sideways: 4,000 × 3,000
        cover_image=SimpleUploadedFile("anh.jpg", phone_photo(3000, 4000)),
        cover_alt="Ảnh bìa",
    )
    web, _image = stored(bulletin)
    page = client.get(bulletin.get_absolute_url()).content.decode()
    candidates = offered(page)
    assert [width for _url, width in candidates] == [800, 1200]
    sizes = []
    for url, width in candidates:
        response = client.get(url)
        assert response.status_code == 200
        data = response.getvalue()
        image = Image.open(io.BytesIO(data))
        assert image.width == width and not image.getexif()
        sizes.append(len(data))
    assert sizes[1] == len(web) and sizes[0] < 0.6 * sizes[1]
    assert 'sizes="(min-width: 72rem) 52.5rem' in page

    bulletin.status = Bulletin.Status.DRAFT
    bulletin.save()
    assert client.get(candidates[0][0]).status_code == 404  # no longer public


def test_a_picture_no_wider_than_a_phone_has_no_second_copy(client, profile, category):
    bulletin = make_bulletin(
        cover_image=SimpleUploadedFile("anh.jpg", phone_photo(800, 600)),
        cover_alt="Ảnh bìa",
    )
    assert not bulletin.cover_phone
    page = client.get(bulletin.get_absolute_url()).content.decode()
    assert 'alt="Ảnh bìa" width="600" height="800"' in page  # turned upright
    assert "srcset" not in page


def test_a_picture_with_transparent_parts_stays_a_png(category):
    bulletin = make_bulletin(
        cover_image=SimpleUploadedFile("so-do.png", picture()), cover_alt="Sơ đồ"
    )
    _data, image = stored(bulletin)
    assert image.format == "PNG" and image.mode == "RGBA"
    assert image.size == (1200, 600)
    assert image.getpixel((0, 0))[3] == 0
    with bulletin.cover_phone.open("rb") as file:
        phone = Image.open(file)
        assert (phone.format, phone.mode, phone.size) == ("PNG", "RGBA", (800, 400))


def test_a_small_picture_is_not_made_larger(category):
    small = picture("RGB", (640, 480), "WEBP")
    bulletin = make_bulletin(
        cover_image=SimpleUploadedFile("nho.webp", small), cover_alt="Ảnh nhỏ"
    )
    _data, image = stored(bulletin)
    assert image.size == (640, 480)
    assert bulletin.cover_image.name.endswith(".jpg")


def test_a_stored_cover_is_not_made_again_at_each_save(category):
    bulletin = make_bulletin(
        cover_image=SimpleUploadedFile("anh.jpg", phone_photo(800, 600)),
        cover_alt="Ảnh",
    )
    first, _image = stored(bulletin)
    bulletin.title = "Tiêu đề mới"
    bulletin.save()
    again, _image = stored(bulletin)
    assert again == first


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        (
            "bom.png",
            png_claiming(30_000, 30_000),
            "Ảnh “bom.png” có hơn 50 triệu điểm ảnh",
        ),
        (
            "lon.png",
            png_claiming(8_000, 7_000),
            "Ảnh “lon.png” có hơn 50 triệu điểm ảnh",
        ),
        ("hong.jpg", phone_photo(800, 600)[:3000], "Không đọc được “hong.jpg”"),
    ],
)
def test_a_bomb_or_a_damaged_picture_is_refused_and_the_form_kept(
    client, editor, name, content, reason
):
    upload = SimpleUploadedFile(name, content, "image/png")
    bulletin, response = post_cover(
        client, editor, upload, title="Tiêu đề đã gõ, chưa lưu"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert reason in html
    assert 'value="Tiêu đề đã gõ, chưa lưu"' in html
    bulletin.refresh_from_db()
    assert not bulletin.cover_image


def test_the_page_keeps_the_covers_place_before_it_arrives(client, profile, category):
    """The stored size is on the page's <img>: the text below does not jump
    when the picture arrives on a slow connection."""
    bulletin = make_bulletin(
        cover_image=SimpleUploadedFile("anh.jpg", phone_photo()), cover_alt="Ảnh bìa"
    )
    page = client.get(bulletin.get_absolute_url()).content.decode()
    assert 'alt="Ảnh bìa" width="900" height="1200"' in page
    bulletin.cover_image = None
    bulletin.save()
    assert (bulletin.cover_width, bulletin.cover_height) == (None, None)


def test_pictures_stored_before_are_made_for_the_web_once(category, profile):
    """manage.py web_pictures, after an upgrade: a cover stored as uploaded is
    replaced by its copy; an evidence photo gets one beside it; a missing file
    is named, not a crash; a second run does nothing."""
    from django.core.management import call_command

    from plans.models import Evidence
    from tests.plans.factories import make_activity

    bulletin = make_bulletin(
        cover_image=SimpleUploadedFile("anh.jpg", phone_photo(800, 600)),
        cover_alt="Ảnh",
    )
    with bulletin.cover_image.storage.open(bulletin.cover_image.name, "wb") as file:
        file.write(phone_photo())  # as uploaded before this existed
    Bulletin.objects.filter(pk=bulletin.pk).update(cover_width=None, cover_height=None)
    lost = make_bulletin(
        cover_image=SimpleUploadedFile("mat.jpg", phone_photo(80, 60)), cover_alt="Ảnh"
    )
    lost.cover_image.storage.delete(lost.cover_image.name)
    Bulletin.objects.filter(pk=lost.pk).update(cover_width=None)
    evidence = Evidence.objects.create(
        activity=make_activity(datetime.date(2021, 5, 10)),
        kind="photo",
        alt_text="Áp phích",
        photo=SimpleUploadedFile("a.jpg", phone_photo(2400, 1800)),
    )
    Evidence.objects.filter(pk=evidence.pk).update(photo_web="")

    out, err = io.StringIO(), io.StringIO()
    call_command("web_pictures", stdout=out, stderr=err)
    assert "Đã tạo 2 ảnh cho trang web; bỏ qua 1" in out.getvalue()
    assert f"tin bài {lost.pk}" in err.getvalue()
    _data, cover = stored(bulletin)
    assert cover.size == (900, 1200) and not cover.getexif()
    assert (bulletin.cover_width, bulletin.cover_height) == (900, 1200)
    evidence.refresh_from_db()
    with evidence.photo_web.open("rb") as shown:
        assert Image.open(shown).size == (900, 1200)
    with evidence.photo.open("rb") as original:  # kept as uploaded, as evidence
        kept = Image.open(original)
        assert kept.size == (2400, 1800) and GPS in kept.getexif()

    out = io.StringIO()
    call_command("web_pictures", stdout=out, stderr=io.StringIO())
    assert "Đã tạo 0 ảnh" in out.getvalue()


def test_covers_stored_before_the_phones_copies_get_one_and_stay_as_they_are(
    category,
):
    """manage.py web_pictures, after this upgrade: a cover already made for the
    web gets its phone's copy, made from it; the cover itself is not made again
    (no second loss of quality, the same file)."""
    from django.core.management import call_command

    bulletin = make_bulletin(
        cover_image=SimpleUploadedFile("anh.jpg", phone_photo(3000, 4000)),
        cover_alt="Ảnh",
    )
    before, _image = stored(bulletin)
    name = bulletin.cover_image.name
    bulletin.cover_phone.delete(save=False)
    Bulletin.objects.filter(pk=bulletin.pk).update(cover_phone="")

    out = io.StringIO()
    call_command("web_pictures", stdout=out, stderr=io.StringIO())
    assert "Đã tạo 1 ảnh cho trang web" in out.getvalue()
    after, _image = stored(bulletin)
    assert bulletin.cover_image.name == name and after == before
    with bulletin.cover_phone.open("rb") as file:
        assert Image.open(file).size == (800, 600)

    out = io.StringIO()
    call_command("web_pictures", stdout=out, stderr=io.StringIO())
    assert "Đã tạo 0 ảnh" in out.getvalue()
