"""Writes that carry rules: keeping the search columns in step, importing,
withdrawing and restoring procedures, recording feedback."""

import re
import unicodedata

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thachha_portal import pagecache, search
from thachha_portal.search import build_document, keywords_document, vocabulary
from thachha_portal.text import search_text

from . import importing
from .models import (
    Channel,
    DossierItem,
    Feedback,
    LegalBasis,
    ListingChange,
    Procedure,
    Step,
)

# A note in brackets after a name ("(áp dụng cho cả trường hợp chứng thực điểm
# chỉ…)") says when it applies, not what the procedure is: it is searched among
# the other parts, not as the name.
PARENTHESES = re.compile(r"\([^()]*\)")


def search_columns(procedure, dossier_items):
    """Set the search columns of ``procedure`` (unsaved or saved) from itself,
    its field and ``dossier_items`` — the one place that says which part of a
    procedure goes where (see docs/search.md): name; official keywords; the
    everyday names the shared vocabulary gives it; and the other parts worth
    finding (field, result, applicants, agency, description, dossier components
    and forms; not the steps, which repeat the same words in every procedure).
    The name is searched without a bracketed note (see PARENTHESES).
    Returns the columns as a dict."""
    dossier = [(d.name, d.form_name, d.case) for d in dossier_items]
    procedure.search_title = search_text(PARENTHESES.sub(" ", procedure.name))
    procedure.search_keywords = keywords_document(procedure.keyword_list)
    procedure.search_vocabulary = keywords_document(
        vocabulary.current().everyday_names(
            procedure.search_title,
            procedure.search_keywords.replace("|", " | "),
        )
    )
    procedure.search_document = build_document(
        procedure.name,
        procedure.code,
        " ".join(procedure.keyword_list),
        procedure.field.name,
        procedure.result,
        procedure.applicants,
        procedure.implementing_agency,
        procedure.description,
        *(part for item in dossier for part in item),
    )
    return {column: getattr(procedure, column) for column in SEARCH_COLUMNS}


SEARCH_COLUMNS = (
    "search_title",
    "search_keywords",
    "search_vocabulary",
    "search_document",
)


def procedure_refresh_search(*, procedure):
    """Rebuild and store the search columns of a saved ``procedure``."""
    columns = search_columns(procedure, procedure.dossier_items.all())
    Procedure.objects.filter(pk=procedure.pk).update(**columns)
    search.index_changed("procedures")


def procedures_refresh_vocabulary():
    """Give every procedure the everyday names of the current vocabulary (after
    staff changed it). Writes only the rows whose names changed; returns how
    many."""
    words = vocabulary.current()
    changed = []
    rows = Procedure.objects.only(
        "pk", "search_title", "search_keywords", "search_vocabulary"
    )
    for procedure in rows.iterator(chunk_size=1000):
        names = keywords_document(
            words.everyday_names(
                procedure.search_title,
                procedure.search_keywords.replace("|", " | "),
            )
        )
        if names != procedure.search_vocabulary:
            procedure.search_vocabulary = names
            changed.append(procedure)
    with transaction.atomic():
        Procedure.objects.bulk_update(changed, ["search_vocabulary"], batch_size=500)
    if changed:
        search.index_changed("procedures")
        pagecache.invalidate("procedures")
    return len(changed)


SYSTEM_USERNAME = "he-thong"


def system_user():
    """The account that history entries of unattended jobs (the import command
    run without --user) are recorded under: inactive, no usable password, so
    nobody logs in as it."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=SYSTEM_USERNAME).first()
    if user is None:
        user = user_model(
            username=SYSTEM_USERNAME, first_name="Hệ thống", is_active=False
        )
        user.set_unusable_password()
        user.save()
    return user


CHILDREN = (
    (Step, "steps"),
    (Channel, "channels"),
    (DossierItem, "dossier_items"),
    (LegalBasis, "legal_bases"),
)
BATCH = 500


def _planned_rows(planned):
    """Ready one checked row for writing: its field saved if new, the text of
    the procedure and of its children normalised as save() would, its search
    columns worked out from the row (as procedure_refresh_search would from the
    stored children), the children numbered in the file's order."""
    if planned.field.pk is None:
        planned.field.save()
    procedure = planned.procedure
    procedure.field = planned.field
    for _model, name in CHILDREN:
        for order, child in enumerate(getattr(planned, name), start=1):
            child.order = order
            child.prepare()  # what save() would do; bulk_create skips it
    procedure.prepare()  # what save() does first: the columns read its text
    search_columns(procedure, planned.dossier_items)
    return procedure


def _planned_write(report):
    """Write the checked rows: the procedures it creates in bulk, each with its
    first listing state; those it updates one by one, their stored children
    deleted; then every row's children, one bulk insert per model. Row by row,
    2,000 new procedures took 26 s (13 statements each: the children deleted
    and inserted model by model, the search columns read back and written
    again), close to gunicorn's timeout for the admin's import page."""
    procedures = [_planned_rows(planned) for planned in report.planned]
    new = [p for p in procedures if p.pk is None]
    updated = [p for p in procedures if p.pk is not None]
    if connection.features.can_return_rows_from_bulk_insert:
        Procedure.objects.bulk_create(new, batch_size=BATCH)
        now = timezone.now()
        ListingChange.objects.bulk_create(
            [ListingChange.of(p, now) for p in new], batch_size=BATCH
        )
    else:  # no ids back from a bulk insert: one by one
        for procedure in new:
            procedure.save()
    for procedure in updated:
        procedure.save()
    for start in range(0, len(updated), BATCH):
        replaced = updated[start : start + BATCH]
        for model, _name in CHILDREN:
            model.objects.filter(procedure__in=replaced).delete()
    for model, name in CHILDREN:
        children = []
        for planned in report.planned:
            for child in getattr(planned, name):
                child.procedure = planned.procedure
                children.append(child)
        model.objects.bulk_create(children, batch_size=BATCH)


@transaction.atomic
def procedures_import(
    *,
    rows,
    user=None,
    file_name="",
    dry_run=False,
    progress=None,
    history=True,
    accepted_losses=None,
):
    """Import ``rows`` (from ``importing.read_file``/``read_text``) all or
    nothing: every row is checked first (``importing.check``); unless
    ``dry_run`` or any row is bad, all are then written in this transaction —
    new codes created, existing ones updated with their children replaced,
    identical ones left untouched. With ``accepted_losses`` (the admin's
    confirmation), nothing is written either unless it is the report's
    ``losses_key``: the staff member accepted exactly what the import empties
    and withdraws or restores (“” when it does neither); otherwise the report
    comes back ``held``. With ``history``, one admin history entry per
    created or changed procedure, under ``user`` (None: the system account),
    naming ``file_name``. Returns the ImportReport."""
    report = importing.check(rows, progress=progress)
    if dry_run or not report.ok or not report.changes:
        return report
    if accepted_losses is not None and accepted_losses != report.losses_key:
        report.held = True
        return report
    _planned_write(report)
    # Bulk inserts send no signal: the search's stamp and the pages, once.
    search.index_changed("procedures")
    pagecache.invalidate("procedures")
    if not history:
        return report
    user = user or system_user()
    for codes, flag, message in (
        (
            report.created,
            ADDITION,
            _("Created by import from the file “%(name)s”."),
        ),
        (
            report.updated,
            CHANGE,
            _("Changed by import from the file “%(name)s”."),
        ),
    ):
        if codes:
            LogEntry.objects.log_actions(
                user_id=user.pk,
                queryset=Procedure.objects.filter(code__in=codes),
                action_flag=flag,
                change_message=message % {"name": file_name},
            )
    return report


@transaction.atomic
def procedures_set_status(*, procedures, status):
    """Withdraw (hide from the public, keep the record) or restore procedures.
    Returns how many changed."""
    changed = 0
    for procedure in procedures:
        if procedure.status != status:
            procedure.status = status
            procedure.save(update_fields=["status", "updated_at"])
            changed += 1
    if changed:
        pagecache.invalidate("procedures")
    return changed


@transaction.atomic
def procedures_set_dossier_quantity(*, procedures, quantity):
    """Record ``quantity`` ("01 bộ") as the number of sets to file of each of
    ``procedures`` (after an upgrade that added it, every procedure had none),
    checked as the field is. Returns the procedures changed."""
    field = Procedure._meta.get_field("dossier_quantity")
    quantity = field.clean(unicodedata.normalize("NFC", quantity).strip(), None)
    changed = []
    for procedure in procedures:
        if procedure.dossier_quantity != quantity:
            procedure.dossier_quantity = quantity
            procedure.save(update_fields=["dossier_quantity", "updated_at"])
            changed.append(procedure)
    return changed


@transaction.atomic
def feedback_create(*, procedure, helpful, comment=""):
    feedback = Feedback(procedure=procedure, helpful=helpful, comment=comment)
    feedback.full_clean()
    feedback.save()
    return feedback
