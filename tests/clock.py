"""Moments for tests that speak of "today", "this month" or "this year".

A test that says "this month" builds its data inside the current local (Vietnam)
month, whatever the clock says: at 00:30 on the 1st, "an hour ago" is last month.
These helpers give a moment that is already past and still inside the current
local day, month or year: halfway between the start of that period and now. They
read the clock when called, so they follow a frozen clock too (see
docs/testing.md).
"""

from django.utils import timezone


def _earlier_in(start, now, fraction):
    return start + (now - start) * fraction


def start_of_today(now=None):
    now = timezone.localtime(now)
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def start_of_this_month(now=None):
    return start_of_today(now).replace(day=1)


def start_of_this_year(now=None):
    return start_of_this_month(now).replace(month=1)


def earlier_today(fraction=0.5):
    """A past moment of the current local day (``fraction`` of the way from
    midnight to now)."""
    now = timezone.localtime()
    return _earlier_in(start_of_today(now), now, fraction)


def earlier_this_month(fraction=0.5):
    """A past moment of the current local month."""
    now = timezone.localtime()
    return _earlier_in(start_of_this_month(now), now, fraction)


def earlier_this_year(fraction=0.5):
    """A past moment of the current local year."""
    now = timezone.localtime()
    return _earlier_in(start_of_this_year(now), now, fraction)
