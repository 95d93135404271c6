"""The plans app's part of the site-wide search: published plans and logged
communication activities. Plans are few (one a year): their index scans.
Activities grow by hundreds a year: theirs has a text index (migration 0002)."""

from django.utils.translation import gettext as _

from thachha_portal import search

from .models import Activity, Plan

PLAN_INDEX = search.SearchIndex(
    key="plans",
    model=Plan,
    engine=False,
    shown_columns=("number", "title", "issuer", "issued_on"),
)
ACTIVITY_INDEX = search.SearchIndex(
    key="activities",
    model=Activity,
    newest_column="held_on",
    shown_columns=("title", "places", "kind"),
)


def provider(query, limit):
    plans = search.search(
        PLAN_INDEX, Plan.objects.published(), query, limit=limit, cache_key="published"
    )
    activities = search.search(
        ACTIVITY_INDEX, Activity.objects.all(), query, limit=limit, cache_key="all"
    )
    plan_records = [record for record, _score in plans.hits[:limit]]
    shown = max(0, limit - len(plan_records))
    activity_records = [record for record, _score in activities.hits[:shown]]
    if not plan_records and not activity_records:
        return None
    hits = [
        search.Hit(
            title=p.title,
            title_prefix=f"{_('Plan')} {p.number}: ",
            url=p.get_absolute_url(),
            summary=p.issuer,
            date=p.issued_on,
        )
        for p in search.instances(PLAN_INDEX, plan_records)
    ]
    hits += [
        search.Hit(
            title=a.title,
            url=a.get_absolute_url(),
            summary="; ".join(a.place_list),
            date=a.held_on,
            meta=[a.get_kind_display()],
        )
        for a in search.instances(ACTIVITY_INDEX, activity_records)
    ]
    return search.Section(
        key="plans", label=_("Plan & activities"), hits=hits, total=len(hits)
    )
