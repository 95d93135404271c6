"""What a member of staff typed into an admin form survives a session that
ended, or a security token that changed, while they typed it.

A staff session ends after two hours without a request, or twelve after the
login (staff_sessions.py): a news item typed for longer than that without
saving was sent to the login page when Save was pressed, and what was typed
was gone. Logging in again in another tab changes the CSRF token, so the form
left open in the first tab was refused by the CSRF check, with the same result.

Here the sent form's fields are kept in the session: the new one that the
login page opens, which logging in keeps; its files are kept on the server
for it (kept_uploads.py). Once the person who typed them is logged in, the form's
address shows them on a page that sends them again with a fresh token
("Lưu nội dung đã nhập") or drops them. The admin then takes the form as if it had
come at first: its checks, its error messages, and the check that nobody else
saved the record meanwhile (editing.py) all apply. A CSRF failure keeps the
form only when the browser said it came from this site (``Origin``, which
Django's check has then verified): a form posted from another site is never
kept nor offered to be sent again.

Who typed a form is read from the form itself (``TYPED_BY``), signed with the
site's key when the page was drawn for them (``author_token``): a form whose
author cannot be proved is never kept, nor its files. Else anyone could post,
without a login, a user's form with "superuser" ticked into a shared office
browser, and the next person to log in there would be offered to "save what
they typed".
"""

import datetime

from django import forms
from django.contrib.admin.utils import unquote
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.http import QueryDict
from django.middleware import csrf
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from . import kept_uploads
from .dates import format_date
from .text import markup_text

SESSION_KEY = "kept_form"
TYPED_BY = "_typed_by"  # hidden input of the admin's forms (change_form.html)
# How long a page's proof of its author holds: a form left open over a long
# weekend, then sent, is still kept.
TYPED_BY_DAYS = 7
_SIGNER = signing.TimestampSigner(salt="thachha_portal.kept_forms.typed_by")
# A CSRF failure of a page of this site left open: its token is older than
# the cookie (a login since, in another tab) or the cookie is gone. A form
# posted from another site fails on its Origin before the token is looked at.
STALE = ("CSRF token from POST ", "CSRF cookie ", csrf.REASON_NO_CSRF_COOKIE)
SHOWN_CHARACTERS = 300


def keep(request, why):
    """Keep the form ``request`` sent, for its address, in the session; True
    if kept. ``why``: "session" (not logged in) or "token" (a stale CSRF
    token). Only an add or change form is kept (not an action on a list),
    and never one with a password in it."""
    if not _admin_form(request.path) or any("password" in n for n in request.POST):
        return False
    author = author_of(request)
    if author is None:
        return False
    data = [
        (name, value)
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken"
        for value in values
    ]
    kept_uploads.keep_all(request, author)
    request.session[SESSION_KEY] = {
        "path": request.get_full_path(),
        "data": data,
        "by": author,
        "why": why,
    }
    return True


def author_token(user):
    """What the admin's forms carry as ``TYPED_BY`` for ``user``: their pk,
    signed, with the time the page was drawn."""
    return _SIGNER.sign(str(user.pk)) if user.is_authenticated else ""


def author_of(request):
    """The pk (as text) of the member of staff a sent form was drawn for, or
    None when the form does not prove it (no token, a forged or old one)."""
    try:
        return _SIGNER.unsign(
            request.POST.get(TYPED_BY, ""),
            max_age=datetime.timedelta(days=TYPED_BY_DAYS),
        )
    except signing.BadSignature:
        return None


def waiting(request):
    """A form is kept in this session (the login page says so)."""
    return SESSION_KEY in request.session


def take(request):
    """The form kept for this address and this user, taken out of the session;
    or None. A form typed by someone else stays for them."""
    return kept_uploads.take_for_author(request, SESSION_KEY)


def kept_after_csrf_failure(request, reason):
    """Keep the form of a failed CSRF check when it is an admin form of this
    site whose token was stale; True if kept."""
    if (
        request.method != "POST"
        or not reason.startswith(STALE)
        or "HTTP_ORIGIN" not in request.META  # verified by Django when present
    ):
        return False
    return keep(request, "token")


def model_admin_of(path):
    """The ModelAdmin whose page ``path`` is, or None (no admin page)."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return getattr(match.func, "model_admin", None)


def _admin_form(path):
    """``path`` is an admin add or change form."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.namespace == "admin" and match.url_name.endswith(("_add", "_change"))


def page(request, kept, admin_site):
    """The page that offers to send ``kept`` again."""
    context = {
        **admin_site.each_context(request),
        "title": _("What you typed is not saved yet"),
        "kept": kept,
        "shown": _shown(request, kept["data"]),
        "files": kept_uploads.names(request),
    }
    request.current_app = admin_site.name
    response = TemplateResponse(request, "admin/kept_form.html", context)
    add_never_cache_headers(response)
    return response


def _shown(request, data):
    """(label, value as read) of the admin form's own fields that were filled
    in: a choice by its name, a text without its markup, cut short. The rows
    of its inline tables ("prefix-0-field") are sent again, not listed."""
    model_admin = model_admin_of(request.path)
    if model_admin is None:
        return []
    match = resolve(request.path)
    obj = None
    if "object_id" in match.kwargs:
        obj = model_admin.get_object(request, unquote(match.kwargs["object_id"]))
    form = model_admin.get_form(request, obj, change=obj is not None)(
        _query_dict(data), instance=obj
    )
    shown = []
    for bound in form:
        field = bound.field
        if bound.is_hidden or isinstance(field, forms.FileField):
            continue
        raw = field.widget.value_from_datadict(form.data, form.files, bound.html_name)
        if not any(raw if isinstance(raw, list) else [raw]):
            continue
        try:
            value = field.clean(raw)
        except ValidationError:
            value = raw
        text = _readable(field, value)
        if text:
            shown.append((bound.label, Truncator(text).chars(SHOWN_CHARACTERS)))
    return shown


def _query_dict(pairs):
    data = QueryDict(mutable=True)
    for name, value in pairs:
        data.appendlist(name, value)
    return data


def _readable(field, value):
    if isinstance(value, models.QuerySet | list | tuple):
        return ", ".join(_readable(field, item) for item in value)
    if isinstance(value, bool):
        return _("yes") if value else ""
    if isinstance(value, datetime.date):
        return format_date(value)
    if isinstance(field, forms.ChoiceField) and not isinstance(
        field, forms.ModelChoiceField
    ):
        return str(dict(flat_choices(field.choices)).get(value, value))
    return markup_text(value)  # the news' body as text


def flat_choices(choices):
    """(value, label) of ``choices``, their groups opened."""
    for key, label in choices:
        if isinstance(label, list | tuple):
            yield from flat_choices(label)
        else:
            yield key, label
