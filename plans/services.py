"""Writes that carry rules."""

import datetime

from django.db import transaction
from django.utils import timezone, translation

from thachha_portal.models import CommuneProfile

from . import report_figures
from .models import PeriodReport, Plan, Task
from .periods import local_today


def _shift(day, years):
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _shift_params(params, years):
    shifted = dict(params)
    if shifted.get("by"):
        shifted["by"] = _shift(
            datetime.date.fromisoformat(shifted["by"]), years
        ).isoformat()
    return shifted


def copy_of(instance, **changes):
    """An unsaved copy of ``instance``: every concrete field but the primary key,
    then ``changes``. Copies are made field by field from the model's own field
    list, so a field added later is copied too."""
    values = {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if not f.primary_key
    }
    values.update(changes)
    return type(instance)(**values)


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def plan_copy_to_year(*, plan, year, today=None):
    """A draft copy of ``plan`` for ``year``, ready to edit: every field, section,
    document it is based on, task and KPI is copied, with dates and the year in
    its texts moved to the new year and the issuer's names as in force today;
    not copied: the number, date issued and signed scan, the tasks' progress
    and any evidence."""
    years = year - plan.starts_on.year

    def this_year(text):
        return text.replace(str(plan.starts_on.year), str(year))

    names = CommuneProfile.current().names_on(today or local_today())
    copy = _save(
        copy_of(
            plan,
            number="",
            issued_on=None,
            status=Plan.Status.DRAFT,
            signed_scan="",
            title=this_year(plan.title),
            preamble=this_year(plan.preamble),
            issuer=names.short_name,
            issuer_parent=names.parent_name,
            place=names.place_name,
            starts_on=_shift(plan.starts_on, years),
            ends_on=_shift(plan.ends_on, years),
        )
    )
    for basis in plan.legal_bases.all():
        _save(copy_of(basis, plan_id=copy.pk))
    for section in plan.sections.all():
        _save(copy_of(section, plan_id=copy.pk, body=this_year(section.body)))
    tasks = {}
    for task in plan.tasks.all():
        tasks[task.pk] = _save(
            copy_of(
                task,
                plan_id=copy.pk,
                title=this_year(task.title),
                due_on=_shift(task.due_on, years),
                status=Task.Status.TODO,
                completed_on=None,
                evidence="",
            )
        )
    for indicator in plan.indicators.all():
        task = tasks.get(indicator.task_id)
        _save(
            copy_of(
                indicator,
                plan_id=copy.pk,
                task_id=task.pk if task else None,
                params=_shift_params(indicator.params, years),
                # its note names the deadline the parameters set: both move
                text=this_year(indicator.text),
                short_name=this_year(indicator.short_name),
                target_note=this_year(indicator.target_note),
            )
        )
    return copy


def period_report_keep(*, report, now=None):
    """Keep or let go ``report``'s figures as its state says (unsaved): an
    issued report (numbered and dated) keeps the figures and annex of the
    moment it is issued, as the files write them (in Vietnamese), and keeps
    them through later edits of its text, number or date; they are computed
    again only if its plan or period is changed (they would be another
    period's). A draft keeps none: its figures are computed when it is made.
    Returns whether anything changed."""
    if not report.is_issued:
        changed = report.issued_figures is not None
        report.issued_figures = report.figures_kept_at = None
        return changed
    if report.figures_as_issued is not None:
        return False
    now = now or timezone.now()
    with translation.override("vi"):
        report.issued_figures = report_figures.compute(report, now=now)
    report.figures_kept_at = now
    return True


@transaction.atomic
def period_report_save(*, report, now=None):
    """Save ``report`` (a PeriodReport), its figures kept as it is issued
    (``period_report_keep``)."""
    report.full_clean()
    period_report_keep(report=report, now=now)
    report.save()
    return report


def period_reports_issued_before_kept(*, now=None):
    """Keep now the figures of every issued report that has none kept for its
    plan and period (issued before issued reports kept their figures, or
    saved without ``period_report_save``); run by ``migrate`` (``plans.apps``),
    so that nothing logged after an upgrade reaches them. Idempotent: a report
    whose figures are kept is left alone. Returns how many were kept."""
    issued = PeriodReport.objects.exclude(document_number="").filter(
        issued_on__isnull=False
    )
    read = ("pk", "plan_id", "kind", "year", "number", "issued_figures__of")
    wanted = [
        pk
        for pk, plan_id, kind, year, number, of in issued.values_list(*read)
        if of != [plan_id, kind, year, number]
    ]
    kept = 0
    for report in PeriodReport.objects.filter(pk__in=wanted).select_related("plan"):
        if report.figures_as_issued is None:
            period_report_issued_before_kept(report=report, now=now)
            kept += 1
    return kept


def period_report_issued_before_kept(*, report, now=None):
    """Keep now the figures of ``report``, issued before issued reports kept
    their figures (or saved without ``period_report_save``): from then on they
    stay as they are (``migrate`` keeps every such report's, see
    ``period_reports_issued_before_kept``; a download keeps one still
    without). Written without touching ``updated_at``, so that a colleague's
    open form is not told of an edit."""
    if period_report_keep(report=report, now=now):
        PeriodReport.objects.filter(pk=report.pk).update(
            issued_figures=report.issued_figures,
            figures_kept_at=report.figures_kept_at,
        )
    return report
