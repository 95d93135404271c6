"""Files chosen in an admin form that comes back with an error are kept.

A browser empties a form's file inputs when the page comes back: a member of
staff who chose a news item's cover and forgot its description got the form
back with the description asked for, and the photo to choose again (and again
after each other mistake); so with the attachments of a news item and an
activity's evidence. Here every file whose own field has no error is kept on
the server for the form's address, under ``FOLDER`` of the default storage,
which no page serves (media.py serves only the files of published content).
The form says which files are kept; sent again without a new choice for that
field, the kept file is given to the form as if it had been chosen again.
Choosing another file replaces it; a checkbox drops them all; opening the
form's address again forgets them. A kept file is removed once it has been
used or forgotten, and any older than ``MAX_AGE`` whenever files are kept.

A form sent once its author's session had ended (kept_forms.py) keeps all its
files the same way (``keep_all``), for its author: sent again from the page
that offers it, it takes them back.
"""

import time
import uuid
from pathlib import PurePath

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

SESSION_KEY = "kept_uploads"
FOLDER = "kept-uploads"
DROP = "_drop_kept_uploads"  # the checkbox of templates/admin/change_form.html
MAX_AGE = 24 * 3600


def take_for_author(request, key):
    """What is kept under ``key`` in the session for this address and this
    user ("by": the pk of its author as text), taken out of it; or None. What
    someone else's form left stays for them."""
    kept = request.session.get(key)
    if not kept or kept["path"] != request.get_full_path():
        return None
    if kept["by"] != str(request.user.pk):
        return None
    del request.session[key]
    return kept


def restore(request):
    """Before the admin's view takes a form: the files kept for its address
    that were not chosen again are given to it; those replaced or dropped are
    removed. The kept files used are removed by ``keep`` once the view is done."""
    kept = take_for_author(request, SESSION_KEY)
    if kept is None:
        return
    files = request.FILES.copy()
    used = []
    for name, (stored, original, content_type) in kept["files"].items():
        if (
            request.POST.get(DROP)
            or files.get(name)
            or not default_storage.exists(stored)
        ):
            _remove([stored])
            continue
        with default_storage.open(stored, "rb") as file:
            files[name] = SimpleUploadedFile(original, file.read(), content_type)
        used.append(stored)
    request._files = files
    request.kept_uploads_used = used


def keep(request, response):
    """After the admin's view: a form that came back with errors keeps the
    files chosen for fields without an error of their own, and says which."""
    _remove(getattr(request, "kept_uploads_used", []))
    context = getattr(response, "context_data", None)
    if response.status_code != 200 or not request.FILES or not context:
        return
    keys, shown = [], []
    for form, label in _forms(context):
        for name, field in form.fields.items():
            key = form.add_prefix(name)
            upload = request.FILES.get(key)
            if upload is not None and name not in form.errors:
                keys.append(key)
                shown.append((f"{label}{field.label}", upload.name))
    if keys:
        _keep(request, keys, str(request.user.pk))
        context["kept_uploads"] = shown


def keep_all(request, author):
    """Keep every file of a form sent by ``author`` (the pk of the user who
    typed it, as text, proved by the form: kept_forms.author_of) whose session
    had ended."""
    if request.FILES:
        _keep(request, list(request.FILES), author)


def names(request):
    """The names of the files kept for this address, as they were chosen."""
    kept = request.session.get(SESSION_KEY)
    if not kept or kept["path"] != request.get_full_path():
        return []
    return [original for _stored, original, _type in kept["files"].values()]


def forget(request):
    """The form's address opened again: the files kept for it go."""
    kept = take_for_author(request, SESSION_KEY)
    if kept is not None:
        _remove([stored for stored, _original, _type in kept["files"].values()])


def _keep(request, keys, author):
    _remove_old()
    files = {}
    for key in keys:
        upload = request.FILES[key]
        files[key] = (_store(upload), upload.name, upload.content_type)
    request.session[SESSION_KEY] = {
        "path": request.get_full_path(),
        "files": files,
        "by": author,
    }


def _forms(context):
    """(form, what names it before a field's label) of a change form's page."""
    adminform = context.get("adminform")
    if adminform is not None:
        yield adminform.form, ""
    for inline in context.get("inline_admin_formsets", []):
        name = inline.opts.verbose_name
        for number, form in enumerate(inline.formset.forms, 1):
            yield form, f"{name} {number}: "


def _store(upload):
    """Keep ``upload`` in a folder of its own, named after the time it was
    kept (the portal's clock, not the storage's: ``_remove_old``)."""
    name = PurePath(upload.name).name or "tep"
    folder = f"{int(time.time())}-{uuid.uuid4().hex}"
    upload.seek(0)
    return default_storage.save(f"{FOLDER}/{folder}/{name}", upload)


def _remove(names):
    """Remove kept files, and the folder each was kept in."""
    for name in names:
        default_storage.delete(name)
        default_storage.delete(str(PurePath(name).parent))


def _remove_old():
    """Remove the files kept for forms left with their errors for a day."""
    if not default_storage.exists(FOLDER):
        return
    limit = time.time() - MAX_AGE
    folders, _files = default_storage.listdir(FOLDER)
    for folder in folders:
        kept_at = folder.partition("-")[0]
        if kept_at.isdigit() and int(kept_at) >= limit:
            continue
        _subfolders, names = default_storage.listdir(f"{FOLDER}/{folder}")
        _remove([f"{FOLDER}/{folder}/{name}" for name in names])
        default_storage.delete(f"{FOLDER}/{folder}")  # left empty
