"""Reporting periods, in the local time zone (Asia/Ho_Chi_Minh).

A period is a half-open range of local dates [start, end). Two ways to cut a year:

* calendar: month M is 1/M – last day of M; quarter Q is its three months;
  6, 9 and 12 months run from 1 January.
* cut-off (the NĐ 09/2019 rule provinces use): month M runs from the 15th of the
  month before to the 14th of M; a quarter from the 15th of the month before it to
  the 14th of its last month; 6, 9 and 12 months from 15/12 of the year before to
  14/06, 14/09 and 14/12.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thachha_portal.dates import format_date

CUTOFF_DAY = 15

KINDS = {
    "month": gettext_lazy("month"),
    "quarter": gettext_lazy("quarter"),
    "half": gettext_lazy("6 months"),
    "nine": gettext_lazy("9 months"),
    "year": gettext_lazy("12 months"),
}
# Number of months each report kind covers, ending at month `number * months`.
_SPAN = {"month": 1, "quarter": 3, "half": 6, "nine": 9, "year": 12}


def default_cutoff():
    """Reports use the 15th-to-14th cut-off unless the setting says calendar."""
    return settings.PLANS_REPORT_PERIODS != "calendar"


def local_zone():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _first(year, month):
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return datetime.date(year, month, 1)


@dataclass(frozen=True)
class Period:
    """Local dates [start, end): ``end`` is the first day after the period."""

    start: datetime.date
    end: datetime.date
    key: str
    label: str

    @property
    def last_day(self):
        return self.end - datetime.timedelta(days=1)

    @property
    def start_dt(self):
        """Aware start: 00:00 local time on ``start``."""
        return datetime.datetime.combine(self.start, datetime.time(), local_zone())

    @property
    def end_dt(self):
        return datetime.datetime.combine(self.end, datetime.time(), local_zone())

    def contains_moment(self, moment):
        local = timezone.localtime(moment, local_zone()).date()
        return self.start <= local < self.end

    def contains_date(self, day):
        return self.start <= day < self.end

    @property
    def range_text(self):
        return f"{format_date(self.start)} – {format_date(self.last_day)}"


def month(year, number, *, cutoff=False):
    if cutoff:
        start = _first(year, number - 1).replace(day=CUTOFF_DAY)
        end = _first(year, number).replace(day=CUTOFF_DAY)
    else:
        start, end = _first(year, number), _first(year, number + 1)
    return Period(start, end, f"m{year}-{number:02d}", f"{number:02d}/{year}")


def report_period(kind, year, number=1, *, cutoff=False):
    """The report window of ``kind`` (month, quarter, half, nine, year)."""
    span = _SPAN[kind]
    if kind == "month":
        return month(year, number, cutoff=cutoff)
    if kind == "quarter":
        last = number * 3
        label = _("quarter %(n)s/%(y)s") % {"n": number, "y": year}
        key = f"q{year}-{number}"
    else:
        last = span
        label = _("%(n)s months of %(y)s") % {"n": span, "y": year}
        key = f"{kind}{year}"
    first = last - span + 1
    if cutoff:
        start = _first(year, first - 1).replace(day=CUTOFF_DAY)
        end = _first(year, last).replace(day=CUTOFF_DAY)
    else:
        start, end = _first(year, first), _first(year, last + 1)
    return Period(start, end, key, label)


def months_in(window, *, cutoff=False):
    """The months (calendar or cut-off) whose ends fall within ``window``."""
    result = []
    year, number = window.start.year, window.start.month
    if cutoff and window.start.day >= CUTOFF_DAY:
        number += 1
    current = _first(year, number)
    while True:
        candidate = month(current.year, current.month, cutoff=cutoff)
        if candidate.end > window.end:
            break
        if candidate.start >= window.start:
            result.append(candidate)
        current = _first(current.year, current.month + 1)
    return result


def quarters_in(window, *, cutoff=False):
    result = []
    for year in range(window.start.year, window.end.year + 1):
        for q in range(1, 5):
            candidate = report_period("quarter", year, q, cutoff=cutoff)
            if candidate.start >= window.start and candidate.end <= window.end:
                result.append(candidate)
    return result


def whole(window, key="all", label=""):
    return Period(window.start, window.end, key, label or window.range_text)


def plan_window(plan):
    end = plan.ends_on + datetime.timedelta(days=1)
    return Period(plan.starts_on, end, "all", "")


def split(window, kind, *, cutoff=False):
    """Cut ``window`` into the periods of a KPI's period kind."""
    if kind == "month":
        return months_in(window, cutoff=cutoff)
    if kind == "quarter":
        return quarters_in(window, cutoff=cutoff)
    return [whole(window)]


def parse_key(key, window, *, cutoff=False):
    """The period named by ``key`` (as made by this module), or None."""
    try:
        if key == "all":
            return whole(window)
        if key.startswith("m"):
            year, number = key[1:].split("-")
            if not 1 <= int(number) <= 12:
                return None
            return month(int(year), int(number), cutoff=cutoff)
        if key.startswith("q"):
            year, number = key[1:].split("-")
            if not 1 <= int(number) <= 4:
                return None
            return report_period("quarter", int(year), int(number), cutoff=cutoff)
        for kind in ("half", "nine", "year"):
            if key.startswith(kind):
                return report_period(kind, int(key[len(kind) :]), cutoff=cutoff)
    except (ValueError, TypeError):
        return None
    return None


def local_today(now=None):
    return timezone.localtime(now or timezone.now(), local_zone()).date()
