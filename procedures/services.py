"""Writes that carry rules: keeping the search columns in step, withdrawing and
restoring procedures, recording feedback."""

from django.db import transaction

from thachha_portal import pagecache
from thachha_portal.search import build_document
from thachha_portal.text import fold

from .models import Feedback, Procedure


def keywords_document(keywords):
    """Folded keywords between bars (“|so do|giay do|”), so that a query can be
    matched against one whole keyword."""
    folded = [fold(k) for k in keywords]
    return "|" + "|".join(k for k in folded if k) + "|"


def procedure_refresh_search(*, procedure):
    """Rebuild the folded search columns of ``procedure`` from itself and its
    children (dossier components and forms are worth finding; steps are not: they
    repeat the same words in every procedure)."""
    dossier = [(d.name, d.form_name, d.case) for d in procedure.dossier_items.all()]
    procedure.search_title = fold(procedure.name)
    procedure.search_keywords = keywords_document(procedure.keyword_list)
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
    Procedure.objects.filter(pk=procedure.pk).update(
        search_title=procedure.search_title,
        search_document=procedure.search_document,
        search_keywords=procedure.search_keywords,
    )


@transaction.atomic
def procedure_save(*, procedure):
    """Validate and save ``procedure`` (children saved by the caller), then
    refresh its search columns."""
    procedure.full_clean()
    procedure.save()
    procedure_refresh_search(procedure=procedure)
    return procedure


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
        pagecache.invalidate()
    return changed


def procedure_withdraw(*, procedure):
    return procedures_set_status(
        procedures=[procedure], status=Procedure.Status.WITHDRAWN
    )


@transaction.atomic
def feedback_create(*, procedure, helpful, comment=""):
    feedback = Feedback(procedure=procedure, helpful=helpful, comment=comment)
    feedback.full_clean()
    feedback.save()
    return feedback
