"""The plans app's part of the site-wide search: published plans and logged
communication activities. Plans are few (one a year): their index scans.
Activities grow by hundreds a year: theirs has a text index (migration 0002)."""

from django.utils.translation import gettext as _

from thachha_portal import search

from .models import Activity, Plan

PLAN_INDEX = search.SearchIndex(key="plans", model=Plan, engine=False)
ACTIVITY_INDEX = search.SearchIndex(
    key="activities", model=Activity, newest_column="held_on"
)


def provider(query, limit):
    plans = search.search(
        PLAN_INDEX, Plan.objects.published(), query, limit=limit, cache_key="published"
    )
    activities = search.search(
        ACTIVITY_INDEX, Activity.objects.all(), query, limit=limit, cache_key="all"
    )
    plan_pks = plans.pks[:limit]
    activity_pks = activities.pks[: max(0, limit - len(plan_pks))]
    if not plan_pks and not activity_pks:
        return None
    plan_rows = Plan.objects.in_bulk(plan_pks)
    activity_rows = Activity.objects.in_bulk(activity_pks)
    hits = [
        search.Hit(
            title=f"{_('Plan')} {p.number}: {p.title}",
            url=p.get_absolute_url(),
            summary=p.issuer,
            date=p.issued_on,
        )
        for p in (plan_rows[pk] for pk in plan_pks if pk in plan_rows)
    ]
    hits += [
        search.Hit(
            title=a.title,
            url=a.get_absolute_url(),
            summary="; ".join(a.place_list),
            date=a.held_on,
            meta=[a.get_kind_display()],
        )
        for a in (activity_rows[pk] for pk in activity_pks if pk in activity_rows)
    ]
    return search.Section(
        key="plans", label=_("Plan & activities"), hits=hits, total=len(hits)
    )
