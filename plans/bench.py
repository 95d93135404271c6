"""Hooks for scripts/bench.py: the plans pages worth timing, and more activities."""

import datetime

from .models import Activity, Plan


def pages():
    plan = Plan.objects.public().current()
    if not plan:
        return []
    kpi = plan.indicators.order_by("order").first()
    found = [("dashboard", "/ke-hoach/"), ("plan document", plan.get_absolute_url())]
    if kpi:
        found.append(
            ("drill-down", f"/ke-hoach/van-ban/{plan.pk}/chi-tieu/{kpi.pk}/all/")
        )
    return found


def grow(scale):
    """Add ``scale`` × 100 activities spread over the current plan's year."""
    plan = Plan.objects.public().current()
    start = plan.starts_on if plan else datetime.date.today().replace(month=1, day=1)
    kinds = Activity.Kind.values
    Activity.objects.bulk_create(
        Activity(
            kind=kinds[i % len(kinds)],
            held_on=start + datetime.timedelta(days=i % 365),
            title=f"Hoạt động mẫu số {i}",
            places=f"Tổ dân phố {i % 12 + 1}",
            quantity=i % 50,
            participants=i % 80,
        )
        for i in range(scale * 100)
    )
