"""Reads that several places share: the home page block, the site map, the
month list, the bulletin page's figures and the admin's monthly status."""

from django.db.models import Avg, Count
from django.utils import timezone

from .models import Airing, Bulletin, Category

HOME_ITEMS = 5


def home_context(request):
    return {
        "bulletins_latest": list(Bulletin.objects.published().for_list()[:HOME_ITEMS])
    }


def sitemap_context(request):
    return {"bulletin_categories": list(Category.objects.all())}


def archive_months():
    """Months (local time) that have a published item, newest first."""
    return list(
        Bulletin.objects.published().datetimes("published_at", "month", order="DESC")
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
