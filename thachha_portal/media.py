"""Uploaded files follow the status of what they belong to.

Every file under ``/media/`` is served by ``serve`` after a check: the file must
belong to content the public sees (the ``PublicFiles`` each app names in its row
of ``wiring.APPS``, which reuse each model's own ``published()`` rule), or the
visitor must be staff allowed to view its owner. Anything else is a 404, whatever
its name. The bytes are sent by django-sendfile2: by Django itself on a small
server, or by nginx (``X-Accel-Redirect``) or Apache (``X-Sendfile``) after the
check (``MEDIA_SENDFILE``; docs/deploy.md has the nginx location).

A file replaced or deleted in the admin is removed from disk after the commit by
django-cleanup, so no old version stays reachable; but not while a row of the
same field still names it (``_keep_files_still_named``): an import replaces a
procedure's dossier with new rows that name the same form files.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.models import FileField
from django.dispatch import receiver
from django.http import Http404
from django_cleanup.signals import cleanup_pre_delete
from django_sendfile import sendfile


@dataclass(frozen=True)
class PublicFiles:
    """The files of one model's file field that anyone may fetch: those of the
    rows ``rows(model)`` returns. By default the model's own ``published()``;
    with ``through``, the rows whose owner (that foreign key) is published.
    Each app names its own in its row of ``wiring.APPS``; the upload folder is
    the field's ``upload_to``, so no second list of folders can drift from it."""

    model: type
    field: str
    through: str | None = None
    rows: Callable | None = None

    @property
    def folder(self):
        upload_to = self.model._meta.get_field(self.field).upload_to
        return upload_to.split("%", 1)[0]

    def public(self):
        if self.rows is not None:
            return self.rows(self.model)
        if self.through is None:
            return self.model.objects.published()
        owner = self.model._meta.get_field(self.through).related_model
        return self.model.objects.filter(
            **{f"{self.through}__in": owner.objects.published()}
        )


# upload folder → its PublicFiles; filled at start-up from wiring.APPS. A folder
# nobody registered (loudspeaker recordings) is for staff only.
_public_files = {}


def register(declaration):
    """Make the files ``declaration`` names public (called by ``wiring.connect``)."""
    _public_files[declaration.folder] = declaration
    return declaration


def is_public(name):
    for folder, declaration in _public_files.items():
        if name.startswith(folder):
            return declaration.public().filter(**{declaration.field: name}).exists()
    return False


def owners(name):
    """The models (of the portal's apps) with a row whose file is ``name``."""
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                isinstance(field, FileField)
                and model.objects.filter(**{field.name: name}).exists()
            ):
                found.append(model)
    return found


def staff_may_view(user, name):
    if not (user.is_authenticated and user.is_staff):
        return False
    return any(
        user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
        for model in owners(name)
    )


def serve(request, path):
    path = path.lstrip("/")
    if not path or ".." in path.split("/") or "\\" in path:
        raise Http404
    public = is_public(path)
    if not public and not staff_may_view(request.user, path):
        raise Http404
    file_path = Path(settings.MEDIA_ROOT) / path
    if not file_path.is_file():
        raise Http404
    response = sendfile(request, file_path)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Checked again on every use: a file that stops being public stops at once.
    response["Cache-Control"] = "no-cache" if public else "private, no-store"
    return response


@receiver(cleanup_pre_delete, dispatch_uid="keep-files-still-named")
def _keep_files_still_named(sender, file, file_name, field_name, **kwargs):
    """django-cleanup is about to remove ``file_name`` because the row that
    named it was deleted or given another file (after the commit). Another row
    of the same field may name it still: the import deletes a procedure's
    dossier rows and inserts new ones naming the same form files. Then the
    file stays: with no name, the ``FieldFile.delete()`` that follows does
    nothing."""
    if sender._default_manager.filter(**{field_name: file_name}).exists():
        file.name = None
