"""Upload checks: by content (magic numbers), by name and by size, each with a
message that tells staff what to do."""

from pathlib import Path

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_SCAN_BYTES = 20 * 1024 * 1024
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
MAX_PHOTO_BYTES = 8 * 1024 * 1024

DOCUMENT_TYPES = {
    ".pdf": {"application/pdf"},
    ".docx": {
        "application/zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    },
    ".xlsx": {
        "application/zip",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    },
    ".doc": {"application/x-ole-storage", "application/msword"},
    ".xls": {"application/x-ole-storage", "application/vnd.ms-excel"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
    ".png": {"image/png"},
    ".mp3": {"audio/mpeg"},
}
PHOTO_TYPES = {
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
    ".png": {"image/png"},
    ".webp": {"image/webp"},
}


def _check(upload, allowed, max_bytes, kind_label):
    if upload is None:
        return
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in allowed:
        raise ValidationError(
            _("“%(name)s” is not accepted: %(kind)s must be one of %(types)s.")
            % {
                "name": Path(upload.name or "").name,
                "kind": kind_label,
                "types": ", ".join(sorted(allowed)),
            },
            code="file_type",
        )
    if upload.size > max_bytes:
        raise ValidationError(
            _(
                "“%(name)s” is %(size)s; the limit is %(limit)s. Scan at a lower "
                "resolution or split the file."
            )
            % {
                "name": Path(upload.name).name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(max_bytes),
            },
            code="file_size",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(8192)
    finally:
        upload.seek(position)
    guessed = filetype.guess(head)
    mime = guessed.mime if guessed else ""
    if mime not in allowed[suffix]:
        raise ValidationError(
            _(
                "“%(name)s” is named %(suffix)s but its content is not a %(suffix)s "
                "file. Save it again in that format and upload it again."
            )
            % {"name": Path(upload.name).name, "suffix": suffix},
            code="file_content",
        )


def validate_signed_scan(upload):
    """The signed plan: a PDF of at most 20 MB, checked by content."""
    _check(upload, {".pdf": {"application/pdf"}}, MAX_SCAN_BYTES, _("the signed scan"))


def validate_evidence_file(upload):
    _check(upload, DOCUMENT_TYPES, MAX_EVIDENCE_BYTES, _("an evidence file"))


def validate_photo(upload):
    _check(upload, PHOTO_TYPES, MAX_PHOTO_BYTES, _("a photo"))
