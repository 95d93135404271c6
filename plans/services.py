"""Writes that carry rules."""

import datetime
import re

from django.db import transaction

from .models import Indicator, LegalBasis, Plan, Section, Task


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


@transaction.atomic
def plan_copy_to_year(*, plan, year):
    """A draft copy of ``plan`` for ``year``, ready to edit: sections, documents
    it is based on, tasks (not started) and KPIs are copied, with dates moved to
    the new year; no evidence, no number, no date issued, no signed scan."""
    years = year - plan.starts_on.year
    title = re.sub(str(plan.starts_on.year), str(year), plan.title)
    copy = Plan(
        number="",
        issued_on=None,
        issuer=plan.issuer,
        issuer_parent=plan.issuer_parent,
        place=plan.place,
        title=title,
        preamble=plan.preamble,
        starts_on=_shift(plan.starts_on, years),
        ends_on=_shift(plan.ends_on, years),
        status=Plan.Status.DRAFT,
        signer_title=plan.signer_title,
        signer_name=plan.signer_name,
        recipients=plan.recipients,
    )
    copy.full_clean()
    copy.save()
    for basis in plan.legal_bases.all():
        LegalBasis.objects.create(
            plan=copy,
            order=basis.order,
            number=basis.number,
            issued_on=basis.issued_on,
            issuer=basis.issuer,
            summary=basis.summary,
        )
    for section in plan.sections.all():
        Section.objects.create(
            plan=copy,
            order=section.order,
            heading=section.heading,
            body=section.body.replace(str(plan.starts_on.year), str(year)),
        )
    for task in plan.tasks.all():
        Task.objects.create(
            plan=copy,
            order=task.order,
            title=task.title,
            lead=task.lead,
            coordinators=task.coordinators,
            due_on=_shift(task.due_on, years),
            status=Task.Status.TODO,
        )
    for indicator in plan.indicators.all():
        kpi = Indicator(
            plan=copy,
            order=indicator.order,
            text=indicator.text,
            short_name=indicator.short_name,
            metric=indicator.metric,
            params=_shift_params(indicator.params, years),
            target=indicator.target,
            unit=indicator.unit,
            period=indicator.period,
            responsible=indicator.responsible,
        )
        kpi.full_clean()
        kpi.save()
    return copy
