"""Load the plans demo (plans/demo_data.py): the 2021 plan, archived, with its
activities and reports; the current year's plan made from it through
``services.plan_copy_to_year`` and brought up to date. (The listing history its
listing KPI reads is the procedures demo's, ``procedures.demo.LISTING_HISTORY``.)

Idempotent: plans are looked up by number and date (the current one by its
year), activities by date and title, reports by number."""

import datetime

from django.db import transaction
from django.utils import timezone

from bulletins import demo as bulletins_demo
from bulletins.models import Bulletin, default_author_unit
from thachha_portal.models import CommuneProfile

from . import demo_data as data
from . import periods as P
from .models import (
    Activity,
    Evidence,
    Indicator,
    LegalBasis,
    PeriodReport,
    Plan,
    Task,
)
from .periods import local_today, local_zone
from .services import period_report_save, plan_copy_to_year

DEMO_LINK = "https://thitranthachha.thachha.gov.vn/"


@transaction.atomic
def load(stdout=None, now=None):
    """``now`` (default: the clock) places the current plan's evidence: what is
    already past on that day is done, the month in progress is still open."""
    now = now or timezone.now()
    today = local_today(now)
    plan, created = _plan_2021()
    current = _current_plan(plan, today)
    added = _activities(data.ACTIVITIES_2021)
    added += _activities(_this_year(data.CURRENT_ACTIVITIES, current, today))
    _current_news(current, now)
    for values in data.REPORTS_2021:
        _report(plan, values)
    if stdout:
        stdout.write(
            f"Kế hoạch {plan.number}: {'tạo mới' if created else 'đã có'}; kế hoạch "
            f"năm {current.starts_on.year}: {current.number}; hoạt động mới: {added}"
        )
    return plan


def _create(model, **values):
    instance = model(**values)
    instance.full_clean()
    instance.save()
    return instance


def _plan_2021():
    found = Plan.objects.filter(
        number=data.PLAN_2021["number"], issued_on=data.PLAN_2021["issued_on"]
    ).first()
    if found:
        return found, False
    plan = _create(Plan, **data.PLAN_2021)
    for order, values in enumerate(data.LEGAL_BASES_2021, 1):
        _create(LegalBasis, plan=plan, order=order, **values)
    for order, values in enumerate(data.SECTIONS_2021, 1):
        plan.sections.create(order=order, **values)
    tasks = {}
    for values in data.TASKS_2021:
        tasks[values["order"]] = _create(Task, plan=plan, **values)
    for values in data.KPIS_2021:
        values = dict(values)
        task = tasks.get(values.pop("task", None))
        values.setdefault("responsible", data.CULTURE)
        _create(Indicator, plan=plan, task=task, **values)
    return plan, True


def _reword(text):
    for old, new in data.WORDING:
        text = text.replace(old, new)
    return text


def _current_plan(source, today):
    """The plan of ``today``'s year, copied from ``source`` the way staff do it
    (admin action “copy to the next year”), then reworded and issued."""
    year = today.year
    found = Plan.objects.filter(starts_on__year=year).exclude(pk=source.pk).first()
    if found:
        return found
    plan = plan_copy_to_year(plan=source, year=year, today=today)
    for name, value in data.current_plan(year).items():
        setattr(plan, name, value)
    names = CommuneProfile.current().names_on(plan.issued_on)
    plan.issuer, plan.issuer_parent = names.short_name, names.parent_name
    plan.full_clean()
    plan.save()
    plan.legal_bases.all().delete()
    for order, values in enumerate(data.CURRENT_LEGAL_BASES, 1):
        _create(LegalBasis, plan=plan, order=order, **values)
    for related in (plan.sections, plan.tasks, plan.indicators):
        for item in related.all():
            for field in (
                "body",
                "title",
                "text",
                "lead",
                "coordinators",
                "short_name",
                "target_note",
            ):
                if hasattr(item, field):
                    setattr(item, field, _reword(getattr(item, field)))
            if hasattr(item, "responsible"):
                item.responsible = _reword(item.responsible)
            item.save()
    return plan


def _this_year(activities, plan, today):
    chosen = []
    for values in activities:
        values = dict(values)
        month, day = values.pop("on")
        values["held_on"] = datetime.date(plan.starts_on.year, month, day)
        if values["held_on"] <= today:
            chosen.append(values)
    return chosen


def _at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), local_zone())


def _current_news(plan, now):
    """The current plan's news, relative to ``now``: for each month of the plan
    already over, its CCHC item published on the 6th day of the month and aired
    two days later (but for ``UNAIRED_MONTH``: never aired); the month in progress
    has its item submitted for approval, nothing published yet; a notice is
    scheduled two days ahead. Idempotent by slug; an item left for approval by an
    earlier run is published once its month is over."""
    today = local_today(now)
    year = plan.starts_on.year
    months = P.months_in(P.plan_window(plan))
    existing = {b.slug: b for b in Bulletin.objects.filter(slug__endswith=str(year))}
    for number, (period, template) in enumerate(
        zip(months, data.CURRENT_ITEMS, strict=True), 1
    ):
        if period.start > today:
            break
        record = _filled(template, year=year)
        bulletin = existing.get(record["slug"])
        over = period.end <= today
        if not over:
            if bulletin is None:
                bulletins_demo.add(record, status=Bulletin.Status.SUBMITTED)
            continue
        if bulletin is not None and bulletin.status != Bulletin.Status.SUBMITTED:
            continue
        published_at = _at(period.start + datetime.timedelta(days=5), 8)
        if bulletin is None:
            bulletin = bulletins_demo.add(record, published_at=published_at)
        else:  # approved since the earlier run
            bulletin.status, bulletin.published_at = (
                Bulletin.Status.PUBLISHED,
                published_at,
            )
            bulletin.save()
        if number != data.UNAIRED_MONTH:
            bulletins_demo.add_airing(
                bulletin, {**data.CURRENT_AIRING, "read_by": data.ANNOUNCER}
            )
    notice = _filled(data.CURRENT_NOTICE, key=f"{today:%Y-%m}")
    if not Bulletin.objects.filter(slug=notice["slug"]).exists():
        bulletins_demo.add(
            notice, published_at=_at(today + datetime.timedelta(days=2), 7, 30)
        )


def _filled(template, **values):
    """``template`` with ``{year}``-style fields filled in its texts, signed by
    the commune's short name in force today."""
    record = {
        name: [v.format(**values) for v in value]
        if isinstance(value, list)
        else value.format(**values)
        for name, value in template.items()
    }
    record["author_unit"] = default_author_unit()
    return record


def _activities(activities):
    added = 0
    for values in activities:
        values = dict(values)
        proofs = values.pop("evidence", [])
        values["places"] = "\n".join(values.get("places", []))
        if Activity.objects.filter(
            held_on=values["held_on"], title=values["title"]
        ).exists():
            continue
        activity = _create(Activity, responsible=data.CULTURE, **values)
        added += 1
        for kind, number, caption in proofs:
            Evidence.objects.create(
                activity=activity,
                kind=kind,
                document_number=number,
                caption=caption,
                url=DEMO_LINK if kind == "link" else "",
            )
    return added


def _report(plan, values):
    if PeriodReport.objects.filter(
        plan=plan, document_number=values["document_number"]
    ).exists():
        return
    period_report_save(report=PeriodReport(plan=plan, **values))
