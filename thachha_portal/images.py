"""Pictures made fit for the public pages, read on cheap phones.

A news item's cover is what staff take with a phone: 4,000 × 3,000 pixels,
3–5 MB, and in its EXIF where and when it was taken. Stored as uploaded, every
reader of the item downloaded those megabytes, and the place of the photo with
them. ``web_images`` stores it as a JPEG (or a PNG when it has transparent
parts: a drawing, a logo) at most ``MAX_SIDE`` pixels on its longer side,
turned as the phone held it, with its colour profile and without any other
metadata; and, for a wider one, a second copy ``PHONE_WIDTH`` pixels wide,
which the page offers (``srcset``) to a phone's screen: about half the bytes.
Beside those JPEGs, the same two as AVIF, a format of a quarter to a half
fewer bytes at the same look, and a third AVIF ``SMALL_PHONE_WIDTH`` wide: the
page offers them first (``<picture>``); the JPEGs stay for browsers that cannot
read AVIF (scripts/picture_formats.py measured the choice; docs/bulletins.md,
*Cover images*, has the figures).

``PictureValidator`` (a field's validator) refuses, with the reason, a file that no
image library can read as a picture (cut short, damaged) and one whose pixels
would fill the server's memory once decoded: a "decompression bomb", a small
PNG that claims 30,000 × 30,000 pixels.
"""

import io
from pathlib import PurePath
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models import Q
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .uploads import IMAGES, UploadValidator, uploaded

MAX_SIDE = 1200  # the longer side stored: a full-width picture on a 3× phone
# The phone's copy, by its width as ``srcset`` counts: a full-width picture on
# the 360–412 px screens of 2× phones (Lighthouse's mobile profile: 412 px at
# 1.75×).
PHONE_WIDTH = 800
# The modern copies: AVIF, which keeps transparency. Chromium takes the first
# picture of a srcset at least as wide as the article's width times the
# screen's density, so the AVIF copies come in three widths: the small one as
# wide as the article on Lighthouse's phone (412 − 32 CSS px at 1.75×: 665
# pixels) and on a 2× phone of 360 px (656), where the photo of fine texture
# that weighed 60 KB as the 800-pixel JPEG weighs 28 KB at quality 60, made in
# 22 ms of CPU; 800 for 2× phones of 375–414 px; 1,200 for 3× ones.
SMALL_PHONE_WIDTH = 672
AVIF_QUALITY = 60
AVIF_SPEED = 8  # of 0 (slowest) to 10: 6 made the same bytes in 8× the time
MAX_PIXELS = 50_000_000  # refused before decoding: a 50-megapixel camera's
JPEG_QUALITY = 80
# What a damaged or hostile file makes Pillow raise while opening or decoding.
UNREADABLE = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)


def _decoded(upload):
    """The picture of ``upload``, decoded (a JPEG at the scale nearest
    MAX_SIDE), or ValidationError with the reason. Read from a copy of its
    bytes: Pillow closes the file it decodes when it fails."""
    name = PurePath(upload.name or "").name
    upload.seek(0)
    data = io.BytesIO(upload.read())
    upload.seek(0)
    try:
        image = Image.open(data)
        width, height = image.size
    except Image.DecompressionBombError:  # past Pillow's own limit, far past ours
        raise _too_large(name) from None
    except UNREADABLE:
        raise _unreadable(name) from None
    if width * height > MAX_PIXELS:
        raise _too_large(name)
    try:
        image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # JPEG: decoded smaller, faster
        image.load()
    except UNREADABLE:
        raise _unreadable(name) from None
    return image


def _too_large(name):
    return ValidationError(
        _(
            "“%(name)s” has more than %(limit)s million pixels, more than a "
            "picture may have here. Save it smaller (for instance 2,000 pixels "
            "wide) and upload it again."
        ),
        code="image_pixels",
        params={"name": name, "limit": MAX_PIXELS // 1_000_000},
    )


def _unreadable(name):
    return ValidationError(
        _(
            "“%(name)s” cannot be read as a picture: the file is damaged or cut "
            "short. Open it on your computer or phone, save it again as JPEG or "
            "PNG and upload it again."
        ),
        code="image_unreadable",
        params={"name": name},
    )


@deconstructible
class PictureValidator(UploadValidator):
    """A field's validator: ``UploadValidator(IMAGES)`` (name, size, content),
    then the picture decoded, at most MAX_PIXELS."""

    def __init__(self):
        super().__init__(IMAGES)

    def __eq__(self, other):
        return type(other) is type(self)

    def __call__(self, upload):
        super().__call__(upload)
        if uploaded(upload):
            _decoded(upload)


class WebCopies(NamedTuple):
    """The copies ``web_images`` makes; a narrower copy is None when the
    picture is no wider than it."""

    web: ContentFile
    phone: ContentFile | None
    modern: ContentFile
    modern_phone: ContentFile | None
    modern_small: ContentFile | None


def web_images(upload):
    """The ``WebCopies`` of ``upload``, from one decoding (see the module's
    docstring): ``upload`` as the public pages show it (JPEG, or PNG with
    transparent parts) and its phone's copy, the same two as AVIF and an AVIF
    ``SMALL_PHONE_WIDTH`` wide; ContentFiles named after it, marked ``web`` so
    that they are not made again, with their ``dimensions``."""
    image = _decoded(upload)
    profile = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    transparent = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    stem = PurePath(upload.name or "anh").stem or "anh"
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    modern = image.convert("RGBA" if transparent else "RGB")
    if not transparent:
        image = modern  # a JPEG has no other mode
    kind = "PNG" if transparent else "JPEG"
    return WebCopies(
        web=_encoded(image, stem, kind, profile),
        phone=_narrowed(image, PHONE_WIDTH, stem, kind, profile),
        modern=_encoded(modern, stem, "AVIF", profile),
        modern_phone=_narrowed(modern, PHONE_WIDTH, stem, "AVIF", profile),
        modern_small=_narrowed(modern, SMALL_PHONE_WIDTH, stem, "AVIF", profile),
    )


def _narrowed(image, width, stem, kind, profile):
    """``image`` ``width`` pixels wide, encoded; None if it is no wider."""
    if image.width <= width:
        return None
    narrow = image.copy()
    narrow.thumbnail((width, image.height), Image.Resampling.LANCZOS)
    return _encoded(narrow, f"{stem}-{width}", kind, profile)


SAVE_OPTIONS = {
    "PNG": ({"optimize": True}, ".png"),
    "JPEG": (
        {"quality": JPEG_QUALITY, "optimize": True, "progressive": True},
        ".jpg",
    ),
    "AVIF": ({"quality": AVIF_QUALITY, "speed": AVIF_SPEED}, ".avif"),
}


def _encoded(image, stem, kind, profile):
    """``image`` as a file of ``kind``, with no metadata but the colour
    profile."""
    buffer = io.BytesIO()
    options, suffix = SAVE_OPTIONS[kind]
    if profile:
        options = {**options, "icc_profile": profile}
    image.save(buffer, kind, **options)
    made = ContentFile(buffer.getvalue(), name=f"{stem}{suffix}")
    made.web = True
    made.dimensions = image.size  # (width, height): the page reserves its place
    return made


def copy_field(verbose_name, upload_to):
    """The file field of a copy ``WebPicture`` makes (not in any form)."""
    return models.FileField(
        verbose_name, upload_to=upload_to, blank=True, editable=False
    )


def size_fields():
    """The width and height fields of a web copy (``web_size_fields``)."""
    return tuple(
        models.PositiveIntegerField(null=True, blank=True, editable=False)
        for _side in ("width", "height")
    )


def _made_here(file):
    """``file`` is a copy ``web_images`` made in this process, not yet stored."""
    return uploaded(file) and getattr(file.file, "web", False)


class WebPicture:
    """For a model whose uploaded picture (the file field named by
    ``picture_field``) the public pages show through its copy for the web
    (``web_images``): ``web_field`` names the field holding the copy (the
    picture's own when the copy replaces the upload, as a news cover's does;
    another when the upload is kept, as an activity's evidence photo is),
    ``web_size_fields`` the two integer fields of the copy's width and height,
    written on the page's <img>, and ``phone_field`` the field of the phone's
    copy (empty for a picture no wider than it), offered by ``web_srcset``;
    ``modern_field``, ``modern_phone_field`` and ``modern_small_field`` those
    of the same two as AVIF and of the narrower AVIF, offered first by
    ``modern_srcset`` (templates/includes/picture.jinja).
    The model's ``prepare()`` calls ``make_web_picture()``."""

    picture_field = web_field = phone_field = ""
    modern_field = modern_phone_field = modern_small_field = ""
    web_size_fields = ("", "")

    def make_web_picture(self):
        """The copies of a picture just uploaded, once; none without a picture."""
        picture = getattr(self, self.picture_field)
        if not picture:
            self._keep_web(None)
        elif uploaded(picture) and not _made_here(getattr(self, self.web_field)):
            self._keep_web(web_images(picture))

    def _copy_fields(self):
        """{role in ``WebCopies``: field} of the copies beside the web one."""
        fields = {
            "phone": self.phone_field,
            "modern": self.modern_field,
            "modern_phone": self.modern_phone_field,
            "modern_small": self.modern_small_field,
        }
        return {role: field for role, field in fields.items() if field}

    def _keep_web(self, copies):
        made = copies.web if copies is not None else None
        if made is not None or self.web_field != self.picture_field:
            setattr(self, self.web_field, "" if made is None else made)
        for role, field in self._copy_fields().items():
            setattr(self, field, (copies and getattr(copies, role)) or "")
        width, height = made.dimensions if made is not None else (None, None)
        setattr(self, self.web_size_fields[0], width)
        setattr(self, self.web_size_fields[1], height)

    @property
    def web_picture(self):
        """The picture as the public pages show it: its copy, or as uploaded
        for one stored before the copies existed."""
        return getattr(self, self.web_field) or getattr(self, self.picture_field)

    @property
    def web_size(self):
        """(width, height) of the web copy, (None, None) before it was made."""
        return tuple(getattr(self, field) for field in self.web_size_fields)

    def _srcset(self, *offered):
        """``srcset`` of the copies in the fields of ``offered`` ((field,
        width) pairs, narrowest first) that were made; "" without the web
        copy's width (a picture stored before the copies existed)."""
        if not self.web_size[0]:
            return ""
        files = ((getattr(self, f) if f else None, width) for f, width in offered)
        return ", ".join(f"{file.url} {width}w" for file, width in files if file)

    @property
    def web_srcset(self):
        """The <img>'s ``srcset``: the phone's copy and the web copy by their
        widths; "" when there is no phone's copy (a small picture, or one
        stored before they were made)."""
        if not self.phone_field or not getattr(self, self.phone_field):
            return ""
        return f"{getattr(self, self.phone_field).url} {PHONE_WIDTH}w, " + (
            f"{self.web_picture.url} {self.web_size[0]}w"
        )

    @property
    def modern_srcset(self):
        """The ``srcset`` of the <picture>'s AVIF <source>: its copies by their
        widths, those narrower than the picture; "" without them (a picture
        stored before they were made)."""
        if not self.modern_field or not getattr(self, self.modern_field):
            return ""
        return self._srcset(
            (self.modern_small_field, SMALL_PHONE_WIDTH),
            (self.modern_phone_field, PHONE_WIDTH),
            (self.modern_field, self.web_size[0]),
        )

    @classmethod
    def web_copies_missing(cls):
        """The pictures stored before their copies existed (manage.py
        web_pictures): without a web copy or its size, without the AVIF copy,
        or wider than a phone's copy without it."""
        width = cls.web_size_fields[0]
        missing = Q(**{cls.web_field: ""}) | Q(**{f"{width}__isnull": True})
        if cls.modern_field:
            missing |= Q(**{cls.modern_field: ""})
        for field, narrower in (
            (cls.phone_field, PHONE_WIDTH),
            (cls.modern_phone_field, PHONE_WIDTH),
            (cls.modern_small_field, SMALL_PHONE_WIDTH),
        ):
            if field:
                missing |= Q(**{field: ""}) & Q(**{f"{width}__gt": narrower})
        return cls._default_manager.exclude(**{cls.picture_field: ""}).filter(missing)

    def make_web_copy(self):
        """Make the copies of a picture stored before they were made, and store
        them. A web copy already made is the source of the copies missing
        beside it (the phone's, the AVIF ones), and stays: no second loss of
        quality for those who see it."""
        web = getattr(self, self.web_field)
        if web and self.web_size[0]:
            missing = {
                role: field
                for role, field in self._copy_fields().items()
                if not getattr(self, field)
            }
            with web.open("rb") as stored:
                copies = web_images(stored)
            for role, field in missing.items():
                setattr(self, field, getattr(copies, role) or "")
            self.save(update_fields=list(missing.values()))
            return
        with getattr(self, self.picture_field).open("rb") as stored:
            self._keep_web(web_images(stored))
        self.save(
            update_fields=[
                self.web_field,
                *self.web_size_fields,
                *self._copy_fields().values(),
            ]
        )
