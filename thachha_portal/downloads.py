"""Files the portal hands out (reports, exports, open data), named and typed one way."""

from pathlib import PurePath

from django.http import HttpResponse
from django.utils.http import content_disposition_header

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
