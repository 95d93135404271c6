"""Reads that several places share: the home page block, the site map, the
month list, the bulletin page's figures and the admin's monthly status."""

import datetime
import hashlib

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from thachha_portal import pagecache
from thachha_portal.compiled import compiled
from thachha_portal.dates import format_month
from thachha_portal.media import PublicFiles

from .models import Airing, Attachment, Bulletin, Category, month_bounds

HOME_ITEMS = 5
# The month list is kept this long at most; any save (a new generation) or the
# next scheduled publication makes it stale sooner.
MONTHS_CACHE_SECONDS = 3600
# How many months the news pages list by name (earlier ones by year).
RECENT_MONTHS = 12


# A published bulletin's cover (all its copies) and attachments; loudspeaker
# recordings are for staff only.
PUBLIC_FILES = (
    PublicFiles(Bulletin, "cover_image"),
    PublicFiles(Bulletin, "cover_phone"),
    PublicFiles(Bulletin, "cover_avif"),
    PublicFiles(Bulletin, "cover_phone_avif"),
    PublicFiles(Bulletin, "cover_small_avif"),
    PublicFiles(Attachment, "file", through="bulletin"),
)


def home_context(request):
    return {
        "bulletins_latest": list(
            compiled(Bulletin.objects.published()).for_list()[:HOME_ITEMS]
        )
    }


def sitemap_context(request):
    return {"bulletin_categories": list(Category.objects.all())}


def archive_figures():
    """What the news lists need besides their rows, so that none of them counts
    the archive per request: ``categories`` (every category, in order, each with
    ``count`` of published items), ``months`` (``(month, count)`` per local month
    with published items, newest first; the first moment of the month, aware,
    local), ``total``, and ``stamp``, a digest of what the news pages' side list
    shows of them (drawn once per worker for each stamp). Three small
    queries, then cached under the page cache's generation (any save of a
    bulletin or category makes a new one) and never past the next scheduled
    publication, which adds an item without a save."""
    key = f"bulletins:archive:{pagecache.generation('bulletins')}"
    now = timezone.now()
    if (kept := _kept_archive.current(key, now, _archive_until)) is not None:
        return kept[0]
    cached = cache.get(key)
    if cached is not None and (cached[1] is None or now < cached[1]):
        return _kept_archive.keep(key, cached)[0]
    per_category = dict(
        Bulletin.objects.published(now)
        .order_by()
        .values_list("category")
        .annotate(n=Count("*"))
    )
    categories = list(Category.objects.all())
    for category in categories:
        category.count = per_category.get(category.pk, 0)
    figures = {
        "categories": categories,
        "months": [(row["month"], row["count"]) for row in month_counts(now)],
        "total": sum(category.count for category in categories),
    }
    shown = (
        [(c.pk, c.slug, c.name) for c in categories],
        [month for month, _count in figures["months"]],
    )
    figures["stamp"] = hashlib.blake2b(repr(shown).encode(), digest_size=8).hexdigest()
    valid_until = Bulletin.objects.next_scheduled_time()
    seconds = MONTHS_CACHE_SECONDS
    if valid_until is not None:
        seconds = min(seconds, max(1, int((valid_until - now).total_seconds())))
    cache.set(key, (figures, valid_until), seconds)
    return _kept_archive.keep(key, (figures, valid_until))[0]


# Each worker's copy of the figures it last read, served without a cache read
# while its subscription knows every generation (WorkerCopies.current); shared
# by the requests of a worker: read-only.
_kept_archive = pagecache.WorkerCopies(limit=4)


def _archive_until(kept):
    return kept[1]


def archive_months():
    """Months (local time) that have a published item, newest first."""
    return [month for month, _count in archive_figures()["months"]]


def month_links(months, recent=RECENT_MONTHS):
    """The side list of the news pages, bounded however old the archive: the
    ``recent`` newest months, then one link per earlier year (to its newest
    month, whose page links the months around it)."""
    older = {}
    for month in months[recent:]:
        older.setdefault(month.year, month)
    return months[:recent], list(older.values())


def month_counts(now=None):
    """Published items per local month, newest first: ``[{"month", "count"}]``,
    counted by the database (no row is read)."""
    return list(
        Bulletin.objects.published(now)
        .annotate(
            month=TruncMonth("published_at", tzinfo=timezone.get_default_timezone())
        )
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )


def rating_summary(row):
    """{"count", "average"} of an item's ratings, from its row annotated with
    ``rating_count`` and ``rating_average`` (views.RATINGS)."""
    return {"count": row.rating_count, "average": round(row.rating_average or 0, 1)}


# How the news admin's box judges "this month". By default the calendar month
# and every category; the plans app puts in the rule of the plan in force at
# start-up (plans/apps.py: its months, calendar or 15th–14th, and the
# categories its KPI counts), so that the box says what the dashboard will.
# A callable: now → the dict ``month_status`` returns, or None (no plan).
month_rule = None


def month_status(now=None):
    """This month's promise (KPI 2): the items published on the website, and
    the items aired on the loudspeakers, in this month as the plan in force
    counts them (``month_rule``), else in the calendar month: {"label",
    "first_day", "last_day", "published_count", "aired_count", "plan" (the
    plan that counts this month), "plan_over" (the plan in force whose period
    ended before this month, by whose rules it is counted)}."""
    now = timezone.localtime(now or timezone.now())
    if month_rule is not None and (status := month_rule(now)) is not None:
        return status
    start, following = month_bounds(now.year, now.month)
    published = Bulletin.objects.published().in_month(now.year, now.month)
    aired = Airing.objects.counted().in_month(now.year, now.month)
    return {
        "label": format_month(now),
        "first_day": start.date(),
        "last_day": (following - datetime.timedelta(days=1)).date(),
        "published_count": published.count(),
        "aired_count": aired.values("bulletin").distinct().count(),
        "plan": None,
        "plan_over": None,
    }
