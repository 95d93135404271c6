"""Pictures made fit for the public pages, read on cheap phones.

A news item's cover is what staff take with a phone: 4,000 × 3,000 pixels,
3–5 MB, and in its EXIF where and when it was taken. Stored as uploaded, every
reader of the item downloaded those megabytes, and the place of the photo with
them. ``web_images`` stores it as a JPEG (or a PNG when it has transparent
parts: a drawing, a logo) at most ``MAX_SIDE`` pixels on its longer side,
turned as the phone held it, with its colour profile and without any other
metadata; and, for a wider one, a second copy ``PHONE_WIDTH`` pixels wide,
which the page offers (``srcset``) to a phone's screen: about half the bytes.

``PictureValidator`` (a field's validator) refuses, with the reason, a file that no
image library can read as a picture (cut short, damaged) and one whose pixels
would fill the server's memory once decoded: a "decompression bomb", a small
PNG that claims 30,000 × 30,000 pixels.
"""

import io
from pathlib import PurePath

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


def web_images(upload):
    """(``upload`` as the public pages show it, its phone's copy or None when
    that copy is no wider than PHONE_WIDTH), from one decoding (see the
    module's docstring): ContentFiles named after it, marked ``web`` so that
    they are not made again, with their ``dimensions``."""
    image = _decoded(upload)
    profile = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    transparent = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    stem = PurePath(upload.name or "anh").stem or "anh"
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    web = _encoded(image, stem, transparent, profile)
    if image.width <= PHONE_WIDTH:
        return web, None
    image.thumbnail((PHONE_WIDTH, image.height), Image.Resampling.LANCZOS)
    return web, _encoded(image, f"{stem}-{PHONE_WIDTH}", transparent, profile)


def _encoded(image, stem, transparent, profile):
    buffer = io.BytesIO()
    options = {"icc_profile": profile} if profile else {}
    if transparent:
        image.save(buffer, "PNG", optimize=True, **options)
        suffix = ".png"
    else:
        image.convert("RGB").save(
            buffer,
            "JPEG",
            quality=JPEG_QUALITY,
            optimize=True,
            progressive=True,
            **options,
        )
        suffix = ".jpg"
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
    copy (empty for a picture no wider than it), offered by ``web_srcset``.
    The model's ``prepare()`` calls ``make_web_picture()``."""

    picture_field = web_field = phone_field = ""
    web_size_fields = ("", "")

    def make_web_picture(self):
        """The copies of a picture just uploaded, once; none without a picture."""
        picture = getattr(self, self.picture_field)
        if not picture:
            self._keep_web(None, None)
        elif uploaded(picture) and not _made_here(getattr(self, self.web_field)):
            self._keep_web(*web_images(picture))

    def _keep_web(self, made, phone):
        if made is not None or self.web_field != self.picture_field:
            setattr(self, self.web_field, "" if made is None else made)
        if self.phone_field:
            setattr(self, self.phone_field, "" if phone is None else phone)
        width, height = made.dimensions if made is not None else (None, None)
        setattr(self, self.web_size_fields[0], width)
        setattr(self, self.web_size_fields[1], height)

    @property
    def web_picture(self):
        """The picture as the public pages show it: its copy, or as uploaded
        for one stored before the copies existed."""
        return getattr(self, self.web_field) or getattr(self, self.picture_field)

    @property
    def web_srcset(self):
        """The <img>'s ``srcset``: the phone's copy and the web copy by their
        widths; "" when there is no phone's copy (a small picture, or one
        stored before they were made)."""
        phone = getattr(self, self.phone_field) if self.phone_field else None
        width = getattr(self, self.web_size_fields[0])
        if not phone or not width:
            return ""
        return f"{phone.url} {PHONE_WIDTH}w, {self.web_picture.url} {width}w"

    @classmethod
    def web_copies_missing(cls):
        """The pictures stored before their copies existed (manage.py
        web_pictures): without a web copy or its size, or wider than
        PHONE_WIDTH without a phone's copy."""
        width = cls.web_size_fields[0]
        missing = Q(**{cls.web_field: ""}) | Q(**{f"{width}__isnull": True})
        if cls.phone_field:
            wider = Q(**{f"{width}__gt": PHONE_WIDTH})
            missing |= Q(**{cls.phone_field: ""}) & wider
        return cls._default_manager.exclude(**{cls.picture_field: ""}).filter(missing)

    def make_web_copy(self):
        """Make the copies of a picture stored before they were made, and store
        them. A web copy already made is the source of the phone's, and stays."""
        web = getattr(self, self.web_field)
        if web and getattr(self, self.web_size_fields[0]):  # the phone's is missing
            with web.open("rb") as stored:
                setattr(self, self.phone_field, web_images(stored)[1] or "")
            self.save(update_fields=[self.phone_field])
            return
        with getattr(self, self.picture_field).open("rb") as stored:
            self._keep_web(*web_images(stored))
        phone = [self.phone_field] if self.phone_field else []
        self.save(update_fields=[self.web_field, *self.web_size_fields, *phone])
