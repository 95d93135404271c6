"""Files the portal hands out (reports, exports, open data), named and typed one way."""

import contextlib
import gzip
import hashlib
import os
import tempfile
import time
from pathlib import Path, PurePath

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import content_disposition_header, http_date

from . import release

CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def file_response(filename, content=b"", *, inline=False):
    """A response holding ``content`` (or to be written into) as the file
    ``filename``, its type from the extension. Saved by the browser, or shown
    (``inline``) where people and programs read it in place (open data)."""
    response = HttpResponse(
        content, content_type=CONTENT_TYPES[PurePath(filename).suffix]
    )
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    return response


def versioned_document(request, name, version, build, filename):
    """A document that is the same for everyone until ``version`` changes
    (open data: megabytes at province scale), served from a file written once
    per version into DOCUMENTS_DIR, with its gzip beside it: the worker hands
    the file to the socket (sendfile) instead of copying megabytes through
    the cache and Python on every request. ``build()`` gives the bytes (it may
    read a shared cache, for several servers). Conditional GET answers 304.
    Keyed on the release too (release.py): a new release writes its own."""
    raw = f"{name}|{release.stamp()}|{version}".encode()
    digest = hashlib.sha1(raw, usedforsecurity=False)
    tag = digest.hexdigest()[:20]
    folder = Path(settings.DOCUMENTS_DIR)
    path = folder / f"{name}-{tag}{PurePath(filename).suffix}"
    if not path.exists():
        _write_document(folder, name, path, build())
    modified = path.stat().st_mtime
    etag = f'W/"{tag}"'
    not_modified = get_conditional_response(
        request, etag=etag, last_modified=int(modified)
    )
    if not_modified is not None:
        return not_modified
    zipped = path.with_name(path.name + ".gz")
    use_gzip = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "") and (
        zipped.exists()
    )
    response = FileResponse(
        (zipped if use_gzip else path).open("rb"),
        content_type=CONTENT_TYPES[PurePath(filename).suffix],
    )
    response["Content-Disposition"] = content_disposition_header(False, filename)
    if use_gzip:
        response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ("Accept-Encoding",))
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = "no-cache"
    return response


def _write_document(folder, name, path, content):
    """Write ``content`` and its gzip atomically (another worker may be writing
    the same version), then remove this document's older versions (an older
    release's included) and what a write cut short left (an hour old)."""
    folder.mkdir(parents=True, exist_ok=True)
    zipped = gzip.compress(content, 6, mtime=0)
    for target, data in ((path.with_name(path.name + ".gz"), zipped), (path, content)):
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}-")
        with os.fdopen(handle, "wb") as output:
            output.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    for old in folder.glob(f"{name}-*"):
        if old.name not in (path.name, path.name + ".gz"):
            with contextlib.suppress(OSError):
                old.unlink()
    for left in folder.glob(f".{name}-*"):
        with contextlib.suppress(OSError):
            if time.time() - left.stat().st_mtime > 3600:
                left.unlink()
