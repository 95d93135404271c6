"""Hooks for scripts/bench.py: the plans pages worth timing (dashboard, two
drill-downs, the plan as a document), and more activities than the demo."""

import datetime

from django.db import transaction
from django.urls import reverse

from thachha_portal import pagecache, search
from thachha_portal.search import build_document
from thachha_portal.text import nfc

from .models import Activity, Indicator, Plan
from .periods import local_today

PLACES = [
    "Trụ sở UBND xã",
    "Nhà văn hóa tổ dân phố 1",
    "Nhà văn hóa tổ dân phố 4",
    "Chợ Thạch Hà",
    "Ngã ba Quốc lộ 1A",
    "Trường THCS Thạch Hà",
]


def _drilldown(plan, indicator, key):
    return reverse(
        "plans:drilldown",
        kwargs={"pk": plan.pk, "indicator_pk": indicator.pk, "key": key},
    )


def pages():
    """The dashboard; a month and the whole plan period of the monthly news KPI
    (a record per item and airing: the drill-down whose records are the most
    costly to gather), and the whole plan period of an activities KPI (the one
    that lists the most records); the plan document."""
    plan = Plan.objects.published().current(local_today())
    if not plan:
        return [("dashboard", reverse("plans:dashboard"))]
    indicators = plan.indicators.order_by("order")
    found = [("dashboard", reverse("plans:dashboard"))]
    monthly = indicators.filter(period=Indicator.Period.MONTH).first()
    if monthly:
        key = f"m{plan.starts_on.year}-03"
        found.append(("drill-down, a month", _drilldown(plan, monthly, key)))
        found.append(("drill-down, every month", _drilldown(plan, monthly, "all")))
    activities = indicators.filter(metric="activities").first()
    if activities:
        found.append(("drill-down, activities", _drilldown(plan, activities, "all")))
    found.append(("plan document", plan.get_absolute_url()))
    return found


def _activity(n, start, days):
    kinds = Activity.Kind
    kind = kinds.values[n % len(kinds.values)]
    places = [PLACES[n % len(PLACES)], PLACES[(n + 2) % len(PLACES)]]
    activity = Activity(
        kind=kind,
        held_on=start + datetime.timedelta(days=n * 7 % days),
        title=nfc(f"{kinds(kind).label.capitalize()} về cải cách hành chính số {n}"),
        places="\n".join(places),
        participants=20 + n % 80,
        quantity=n % 50 or None,
        reach=n % 7 * 100 or None,
        responsible="Công chức Văn hóa – xã hội",
        description="Tuyên truyền thủ tục hành chính, dịch vụ công trực tuyến.",
    )
    # The search columns exactly as Activity.save() fills them (bulk_create does
    # not call save); tests/plans/test_bench.py checks the two stay in step.
    activity.search_title = build_document(activity.title)
    activity.search_document = build_document(
        activity.title,
        activity.get_kind_display(),
        activity.places,
        activity.description,
    )
    return activity


@transaction.atomic
def grow(scale):
    """Add ``scale`` × 200 activities of every type, spread over the current plan's
    period (this year without a plan), written in bulk."""
    if scale <= 0:
        return
    plan = Plan.objects.published().current(local_today())
    if plan:
        start, end = plan.starts_on, plan.ends_on
    else:
        start = datetime.date.today().replace(month=1, day=1)
        end = start.replace(month=12, day=31)
    days = (end - start).days + 1
    first = Activity.objects.count()
    Activity.objects.bulk_create(
        (_activity(first + n, start, days) for n in range(scale * 200)),
        batch_size=500,
    )
    pagecache.invalidate()  # bulk writes send no signal
    search.index_changed("activities")
