"""The plans app's part of the site-wide search: published plans and logged
communication activities."""

from django.urls import reverse
from django.utils.translation import gettext as _

from thachha_portal.search import Hit, Section, search_queryset

from .models import Activity, Plan


def provider(query, limit):
    plans = list(search_queryset(Plan.objects.public(), query)[:limit])
    activities = search_queryset(Activity.objects.all(), query)
    total = len(plans) + activities.count()
    if not total:
        return None
    hits = [
        Hit(
            title=f"{_('Plan')} {p.number}: {p.title}",
            url=p.get_absolute_url(),
            summary=p.issuer,
            date=p.issued_on,
        )
        for p in plans
    ]
    hits += [
        Hit(
            title=a.title,
            url=a.get_absolute_url(),
            summary="; ".join(a.place_list),
            date=a.held_on,
            meta=[a.get_kind_display()],
        )
        for a in activities[: max(0, limit - len(plans))]
    ]
    return Section(
        key="plans",
        label=_("Plan & activities"),
        hits=hits,
        total=total,
        more_url=reverse("plans:dashboard"),
    )
