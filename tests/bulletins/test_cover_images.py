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
from PIL import Image, ImageDraw, ImageFilter

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


def fine_texture_photo(width=4000, height=3000):
    """A photo of fine texture (a crowd, foliage seen from afar: blurred
    noise) as a phone saves it, JPEG 90: about 2 MB, the heaviest kind of
    cover per pixel that docs/bulletins.md measures."""
    noise = [Image.effect_noise((width, height), 64) for _channel in "RGB"]
    image = Image.merge("RGB", noise).filter(ImageFilter.GaussianBlur(2))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def cover_markup(page):
    """The <picture> of the cover on the page."""
    return re.search(
        r'<figure class="bulletin-cover">(<picture>.*?</picture>)</figure>', page
    ).group(1)


def offered(page, tag="img"):
    """(address, width) of each picture of the cover's ``srcset``: the
    <img>'s, or the AVIF <source>'s with ``tag="source"``."""
    srcset = re.search(rf'<{tag} [^>]*srcset="([^"]+)"', cover_markup(page))
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


def test_browsers_that_read_avif_are_offered_it_first(client, editor, profile):
    """A photo uploaded through the admin gets AVIF copies beside its JPEGs:
    1,200 pixels, 800 and 672 for phones (672: what a 412-px phone at 1.75×
    or a 360-px one at 2× needs), upright, without its EXIF. The page's <picture>
    offers them first with the same ``sizes``; the <img> keeps the JPEGs for
    browsers that cannot read AVIF, its size and its description."""
    upload = SimpleUploadedFile("IMG_1.jpg", phone_photo(3000, 4000), "image/jpeg")
    bulletin, response = post_cover(client, editor, upload)
    assert response.status_code == 302
    bulletin.refresh_from_db()
    copies = {
        bulletin.cover_avif: (1200, 900),
        bulletin.cover_phone_avif: (800, 600),
        bulletin.cover_small_avif: (672, 504),
    }
    for copy, size in copies.items():
        assert copy.name.endswith(".avif")
        with copy.open("rb") as file:
            image = Image.open(file)
            image.load()
        assert (image.format, image.size) == ("AVIF", size)
        assert not image.getexif() and "xmp" not in image.info
        top = image.convert("RGB").getpixel((size[0] // 2, 5))
        assert top[0] > 200 and top[1] < 80  # the scene's top (red) on top

    bulletin.status = Bulletin.Status.PUBLISHED
    bulletin.published_at = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    bulletin.save()
    client.logout()  # a reader
    page = client.get(bulletin.get_absolute_url()).content.decode()
    sizes = (
        'sizes="(min-width: 72rem) 52.5rem, (min-width: 48rem) '
        'calc(100vw - 19.5rem), calc(100vw - 2rem)"'
    )
    avif = (
        f"{bulletin.cover_small_avif.url} 672w, {bulletin.cover_phone_avif.url} 800w,"
        f" {bulletin.cover_avif.url} 1200w"
    )
    jpeg = f"{bulletin.cover_phone.url} 800w, {bulletin.cover_image.url} 1200w"
    assert cover_markup(page) == (
        f'<picture><source type="image/avif" srcset="{avif}" {sizes}>'
        f'<img src="{bulletin.cover_image.url}" srcset="{jpeg}" {sizes}'
        ' alt="Cán bộ Một cửa" width="1200" height="900"></picture>'
    )
    for url, _width in offered(page, "source"):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/avif"

    bulletin.status = Bulletin.Status.DRAFT
    bulletin.save()
    for url, _width in offered(page, "source"):
        assert client.get(url).status_code == 404  # no longer public


@pytest.mark.clockless  # pixels and bytes only
def test_a_photo_of_fine_texture_costs_a_phone_half_the_bytes(category):
    """The copy a phone takes: the 672-pixel AVIF of the photo of fine texture
    that weighed 60 KB as the 800-pixel JPEG weighs under 32 KB, so the page
    (26 KB without it) stays within issue #11's 60 KB."""
    bulletin = make_bulletin(
        cover_image=SimpleUploadedFile("dam-dong.jpg", fine_texture_photo()),
        cover_alt="Người dân dự hội nghị",
    )
    phone_jpeg, phone_avif = bulletin.cover_phone.size, bulletin.cover_small_avif.size
    assert phone_jpeg > 50_000
    assert phone_avif < 32_000 and phone_avif < 0.55 * phone_jpeg
    assert bulletin.cover_avif.size < 0.85 * bulletin.cover_image.size


def test_the_avif_copies_go_with_the_cover(
    category, django_capture_on_commit_callbacks
):
    """A cover replaced or an item deleted leaves none of its copies on disk."""
    with django_capture_on_commit_callbacks(execute=True):
        bulletin = make_bulletin(
            cover_image=SimpleUploadedFile("anh.jpg", phone_photo(1600, 1200)),
            cover_alt="Ảnh",
        )
    storage = bulletin.cover_avif.storage
    fields = ("cover_avif", "cover_phone_avif", "cover_small_avif")
    first = [getattr(bulletin, field).name for field in fields]
    assert all(storage.exists(name) for name in first)
    with django_capture_on_commit_callbacks(execute=True):
        bulletin.cover_image = SimpleUploadedFile("moi.jpg", phone_photo(1600, 1200))
        bulletin.save()
    assert not any(storage.exists(name) for name in first)
    second = [getattr(bulletin, field).name for field in fields]
    assert all(storage.exists(name) for name in second)
    with django_capture_on_commit_callbacks(execute=True):
        bulletin.delete()
    assert not any(storage.exists(name) for name in second)


def test_a_picture_no_wider_than_a_phone_has_no_second_copy(client, profile, category):
    bulletin = make_bulletin(
        cover_image=SimpleUploadedFile("anh.jpg", phone_photo(800, 600)),
        cover_alt="Ảnh bìa",
    )
    assert not bulletin.cover_phone
    page = client.get(bulletin.get_absolute_url()).content.decode()
    assert 'alt="Ảnh bìa" width="600" height="800"' in page  # turned upright
    assert "srcset" not in re.search(r"<img [^>]*>", cover_markup(page)).group()
    assert offered(page, "source") == [(bulletin.cover_avif.url, 600)]


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
    # AVIF keeps transparency: the modern copies are made too.
    for copy, size in (
        (bulletin.cover_avif, (1200, 600)),
        (bulletin.cover_phone_avif, (800, 400)),
        (bulletin.cover_small_avif, (672, 336)),
    ):
        with copy.open("rb") as file:
            modern = Image.open(file)
            assert (modern.format, modern.mode, modern.size) == ("AVIF", "RGBA", size)
            assert modern.getpixel((0, 0))[3] == 0


def test_a_small_picture_is_not_made_larger(client, profile, category):
    small = picture("RGB", (640, 480), "WEBP")
    bulletin = make_bulletin(
        cover_image=SimpleUploadedFile("nho.webp", small), cover_alt="Ảnh nhỏ"
    )
    _data, image = stored(bulletin)
    assert image.size == (640, 480)
    assert bulletin.cover_image.name.endswith(".jpg")
    assert not bulletin.cover_small_avif  # no wider than a phone's copy
    page = client.get(bulletin.get_absolute_url()).content.decode()
    assert offered(page, "source") == [(bulletin.cover_avif.url, 640)]


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

    out = io.StringIO()
    call_command("web_pictures", "--dry-run", stdout=out)
    assert (
        "Cần tạo ảnh cho trang web cho 3 ảnh (tin bài 2, tài liệu kiểm chứng 1). "
        "Chưa ghi gì (--dry-run)."
    ) in out.getvalue()
    bulletin.refresh_from_db()
    assert bulletin.cover_width is None  # nothing written
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


def test_pictures_stored_before_the_avif_copies_get_them_from_their_web_copy(
    category, profile, client, django_capture_on_commit_callbacks
):
    """manage.py web_pictures, after this upgrade: a cover and an evidence
    photo made for the web before AVIF get their AVIF copies, made from the
    web copy, which stays the same file; the page then offers them."""
    from django.core.management import call_command

    from plans.models import Evidence
    from tests.plans.factories import make_activity

    bulletin = make_bulletin(
        cover_image=SimpleUploadedFile("anh.jpg", phone_photo(3000, 4000)),
        cover_alt="Ảnh",
    )
    evidence = Evidence.objects.create(
        activity=make_activity(datetime.date(2021, 5, 10)),
        kind="photo",
        alt_text="Áp phích",
        photo=SimpleUploadedFile("a.jpg", phone_photo(800, 600)),
    )
    before, _image = stored(bulletin)
    for record, fields in (
        (bulletin, ("cover_avif", "cover_phone_avif", "cover_small_avif")),
        (evidence, ("photo_avif", "photo_phone_avif", "photo_small_avif")),
    ):
        for field in fields:
            getattr(record, field).delete(save=False)
        type(record).objects.filter(pk=record.pk).update(**dict.fromkeys(fields, ""))
    page = client.get(bulletin.get_absolute_url()).content.decode()
    assert "<source" not in cover_markup(page)  # the JPEGs only, as before

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # the cached page too
        call_command("web_pictures", stdout=out, stderr=io.StringIO())
    assert "Đã tạo 2 ảnh cho trang web" in out.getvalue()
    after, _image = stored(bulletin)
    assert after == before
    with bulletin.cover_small_avif.open("rb") as file:
        assert Image.open(file).size == (672, 504)
    evidence.refresh_from_db()
    with evidence.photo_avif.open("rb") as file:
        assert (Image.open(file).format, Image.open(file).size) == ("AVIF", (600, 800))
    assert not evidence.photo_small_avif  # 600 pixels wide: no narrower copy
    page = client.get(bulletin.get_absolute_url()).content.decode()
    assert [width for _url, width in offered(page, "source")] == [672, 800, 1200]

    out = io.StringIO()
    call_command("web_pictures", stdout=out, stderr=io.StringIO())
    assert "Đã tạo 0 ảnh" in out.getvalue()
