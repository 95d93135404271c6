"""Reads that several places share: the home page block, the site map, the
month list, the bulletin page's figures and the admin's monthly status."""

from django.core.cache import cache
from django.db.models import Avg, Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from thachha_portal import pagecache

from .models import Airing, Bulletin, Category

HOME_ITEMS = 5
# The month list is kept this long at most; any save (a new generation) or the
# next scheduled publication makes it stale sooner.
MONTHS_CACHE_SECONDS = 3600


def home_context(request):
    return {
        "bulletins_latest": list(Bulletin.objects.published().for_list()[:HOME_ITEMS])
    }


def sitemap_context(request):
    return {"bulletin_categories": list(Category.objects.all())}


def archive_months():
    """Months (local time) that have a published item, newest first: the first
    moment of each month, aware, in local time.

    Cached under the page cache's generation (any save of a bulletin makes a new
    one), and never past the next scheduled publication, which adds a month
    without a save."""
    key = f"bulletins:archive-months:{pagecache.generation('bulletins')}"
    now = timezone.now()
    cached = cache.get(key)
    if cached is not None and (cached[1] is None or now < cached[1]):
        return cached[0]
    months = [row["month"] for row in month_counts()]
    valid_until = Bulletin.objects.next_scheduled_time()
    seconds = MONTHS_CACHE_SECONDS
    if valid_until is not None:
        seconds = min(seconds, max(1, int((valid_until - now).total_seconds())))
    cache.set(key, (months, valid_until), seconds)
    return months


def month_counts():
    """Published items per local month, newest first: ``[{"month", "count"}]``,
    counted by the database (no row is read)."""
    return list(
        Bulletin.objects.published()
        .annotate(
            month=TruncMonth("published_at", tzinfo=timezone.get_default_timezone())
        )
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )


def rating_summary(bulletin):
    figures = bulletin.ratings.aggregate(count=Count("pk"), average=Avg("stars"))
    figures["average"] = round(figures["average"] or 0, 1)
    return figures


def month_status(now=None):
    """This month's promise (KPI 2): is there a published website item, and has
    one been aired on the loudspeakers?"""
    now = timezone.localtime(now or timezone.now())
    published = Bulletin.objects.published().in_month(now.year, now.month)
    aired = Airing.objects.counted().in_month(now.year, now.month)
    return {
        "month": now,
        "published_count": published.count(),
        "aired_count": aired.count(),
    }
