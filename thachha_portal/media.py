"""Uploaded files follow the status of what they belong to.

Every file under ``/media/`` is served by ``serve`` after a check: the file must
belong to content the public sees (``PUBLIC_FILES``, which reuses each model's own
``published()`` rule), or the visitor must be staff allowed to view
its owner. Anything else is a 404, whatever its name. The bytes are sent by
django-sendfile2: by Django itself on a small server, or by nginx
(``X-Accel-Redirect``) or Apache (``X-Sendfile``) after the check
(``MEDIA_SENDFILE``; docs/deploy.md has the nginx location).

A file replaced or deleted in the admin is removed from disk after the commit by
django-cleanup, so no old version stays reachable.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.models import FileField
from django.http import Http404
from django_sendfile import sendfile


def _published_of(label, through):
    def public(model):
        owner = apps.get_model(label).objects.published()
        return model.objects.filter(**{f"{through}__in": owner})

    return public


# upload folder → (model, file field, the model's rows whose files are public)
PUBLIC_FILES = {
    "bulletins/covers/": (
        "bulletins.Bulletin",
        "cover_image",
        lambda model: model.objects.published(),
    ),
    "bulletins/attachments/": (
        "bulletins.Attachment",
        "file",
        _published_of("bulletins.Bulletin", "bulletin"),
    ),
    "procedures/forms/": (
        "procedures.DossierItem",
        "form_file",
        _published_of("procedures.Procedure", "procedure"),
    ),
    "plans/scans/": (
        "plans.Plan",
        "signed_scan",
        lambda model: model.objects.published(),
    ),
    # Activity pages are public, with their evidence.
    "plans/evidence/": ("plans.Evidence", "file", lambda model: model.objects.all()),
    "plans/photos/": ("plans.Evidence", "photo", lambda model: model.objects.all()),
}
# Loudspeaker recordings (bulletins/airings/) are for staff only: not listed.


def is_public(name):
    for folder, (label, field, public) in PUBLIC_FILES.items():
        if name.startswith(folder):
            model = apps.get_model(label)
            return public(model).filter(**{field: name}).exists()
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
