"""Upload checks: by name (extension), by size (a limit per kind) and by content
(magic numbers through ``filetype``), so a program or a web page renamed
``.pdf`` is refused. Messages name the reason and the limit, in Vietnamese.
"""

import zipfile
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

MB = 1024 * 1024
OLE = ("application/msword", "application/vnd.ms-excel", "application/x-ole-storage")


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    extensions: tuple
    mimes: tuple
    max_bytes: int
    zip_member: str = ""  # Office Open XML: a part only this kind of file has


KINDS = {
    k.key: k
    for k in (
        Kind("pdf", "PDF", (".pdf",), ("application/pdf",), 20 * MB),
        Kind("doc", "Word", (".doc",), OLE, 20 * MB),
        Kind(
            "docx",
            "Word",
            (".docx",),
            (
                "application/vnd.openxmlformats-officedocument"
                ".wordprocessingml.document",
                "application/zip",
            ),
            20 * MB,
            "word/document.xml",
        ),
        Kind("xls", "Excel", (".xls",), OLE, 20 * MB),
        Kind(
            "xlsx",
            "Excel",
            (".xlsx",),
            (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "application/zip",
            ),
            20 * MB,
            "xl/workbook.xml",
        ),
        Kind("jpeg", "JPEG", (".jpg", ".jpeg"), ("image/jpeg",), 5 * MB),
        Kind("png", "PNG", (".png",), ("image/png",), 5 * MB),
        Kind("webp", "WebP", (".webp",), ("image/webp",), 5 * MB),
        Kind("mp3", "MP3", (".mp3",), ("audio/mpeg",), 30 * MB),
    )
}
DOCUMENTS = ("pdf", "doc", "docx", "xls", "xlsx", "jpeg", "png", "webp")
IMAGES = ("jpeg", "png", "webp")
AUDIO = ("mp3",)


def kind_of_name(name, allowed):
    lower = (name or "").lower()
    for key in allowed:
        if lower.endswith(KINDS[key].extensions):
            return KINDS[key]
    return None


def _head(upload, size=8192):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _content_matches(upload, kind):
    guess = filetype.guess(_head(upload))
    if guess is None or guess.mime not in kind.mimes:
        return False
    if kind.zip_member:
        try:
            upload.seek(0)
            with zipfile.ZipFile(upload) as archive:
                return kind.zip_member in archive.namelist()
        except zipfile.BadZipFile:
            return False
        finally:
            upload.seek(0)
    return True


def uploaded(file):
    """True for a file just uploaded (not yet stored): what the checks apply
    to. Files already stored are not read again on every later save."""
    return not getattr(file, "_committed", True) or hasattr(file, "content_type")


def accepted_list(allowed):
    """ "PDF (.pdf), Word (.doc, .docx), …": extensions grouped by label."""
    groups = {}
    for key in allowed:
        groups.setdefault(KINDS[key].label, []).extend(KINDS[key].extensions)
    return ", ".join(f"{label} ({', '.join(exts)})" for label, exts in groups.items())


@deconstructible
class UploadValidator:
    """Validator for a FileField: ``UploadValidator(DOCUMENTS)``."""

    def __init__(self, allowed):
        self.allowed = tuple(allowed)

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and self.allowed == other.allowed

    def __call__(self, upload):
        if not uploaded(upload):
            return
        name = upload.name.rsplit("/", 1)[-1]
        kind = kind_of_name(name, self.allowed)
        if kind is None:
            raise ValidationError(
                _("“%(name)s” is not an accepted file type. Accepted: %(accepted)s."),
                code="file_type",
                params={"name": name, "accepted": accepted_list(self.allowed)},
            )
        if upload.size > kind.max_bytes:
            raise ValidationError(
                _(
                    "“%(name)s” is %(size)s, larger than the %(limit)s limit for "
                    "%(kind)s files. Reduce it (e.g. save it again with smaller "
                    "images) and upload it again."
                ),
                code="file_size",
                params={
                    "name": name,
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(kind.max_bytes),
                    "kind": kind.label,
                },
            )
        if not _content_matches(upload, kind):
            raise ValidationError(
                _(
                    "The content of “%(name)s” is not a %(kind)s file, whatever its "
                    "name says. Open it and save it again as %(kind)s, then upload "
                    "it again."
                ),
                code="file_content",
                params={"name": name, "kind": kind.label},
            )


def describe(name):
    """(label, extension) of a stored file, for download lists."""
    kind = kind_of_name(name, KINDS)
    extension = name.rsplit(".", 1)[-1].upper() if "." in name else ""
    return (kind.label if kind else extension), extension
