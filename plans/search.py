"""The plans app's part of the site-wide search: published plans and logged
communication activities. Kept to three queries: plans are few (one a year), so
they are matched in Python; activities go through search_queryset without the
typo-tolerant tier (their titles are staff wording, not what citizens look for)."""

from django.utils.translation import gettext as _

from thachha_portal.search import Hit, Section, query_words, search_queryset

from .models import Activity, Plan


def provider(query, limit):
    words = query_words(query)
    if not words:
        return None
    plans = [
        p
        for p in Plan.objects.published().only(
            "pk", "number", "title", "issuer", "issued_on", "search_document"
        )
        if all(word in p.search_document for word in words)
    ][:limit]
    activities = list(
        search_queryset(Activity.objects.all(), query, fuzzy=False)[
            : max(0, limit - len(plans))
        ]
    )
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
        for a in activities
    ]
    if not hits:
        return None
    return Section(
        key="plans", label=_("Plan & activities"), hits=hits, total=len(hits)
    )
