"""Reporting periods, in the local time zone (Asia/Ho_Chi_Minh): one definition
for the dashboard, the drill-down and every report.

A period is a half-open range of local dates [start, end). Each plan says how its
periods are counted (``Plan.period_basis``):

* calendar: month M is 1/M – last day of M; quarter Q is its three months;
  6, 9 and 12 months run from 1 January.
* cut-off (the NĐ 09/2019 rule provinces use): month M runs from the 15th of the
  month before to the 14th of M; a quarter from the 15th of the month before it to
  the 14th of its last month; 6, 9 and 12 months from 15/12 of the year before to
  14/06, 14/09 and 14/12.

Labels are written as documents write them: "tháng 3 năm 2021", "quý I năm 2021",
"6 tháng đầu năm 2021", "9 tháng năm 2021", "năm 2021".
"""

import datetime
import re
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
    "half": gettext_lazy("first 6 months"),
    "nine": gettext_lazy("9 months"),
    "year": gettext_lazy("whole year"),
}
# Number of months each report kind covers, ending at month `number * months`.
_SPAN = {"month": 1, "quarter": 3, "half": 6, "nine": 9, "year": 12}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


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
    kind: str = "all"
    cutoff: bool = False

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

    def covers(self, other):
        return self.start <= other.start and other.end <= self.end

    @property
    def range_text(self):
        return f"{format_date(self.start)} – {format_date(self.last_day)}"

    @property
    def month_number(self):
        """The month a month period is named after (3 for 15/02–14/03)."""
        return int(self.key[-2:]) if self.kind == "month" else None

    @property
    def named_month(self):
        """The first day of the month a month period is named after
        (01/01/2026 for 15/12/2025–14/01/2026 under the cut-off)."""
        if self.kind != "month":
            return None
        return datetime.date(int(self.key[1:5]), self.month_number, 1)

    @property
    def title(self):
        """The label, or the dates when it has none."""
        return self.label or self.range_text


def basis_text(cutoff):
    """How the periods are counted, in words."""
    if cutoff:
        return _("from the 15th of the month before to the 14th")
    return _("calendar months")


def month(year, number, *, cutoff=False):
    if cutoff:
        start = _first(year, number - 1).replace(day=CUTOFF_DAY)
        end = _first(year, number).replace(day=CUTOFF_DAY)
    else:
        start, end = _first(year, number), _first(year, number + 1)
    label = _("month %(month)s of %(year)s") % {"month": number, "year": year}
    return Period(start, end, f"m{year}-{number:02d}", label, "month", cutoff)


def _label(kind, year, number):
    if kind == "quarter":
        return _("quarter %(q)s of %(year)s") % {"q": ROMAN[number], "year": year}
    if kind == "half":
        return _("the first 6 months of %(year)s") % {"year": year}
    if kind == "nine":
        return _("9 months of %(year)s") % {"year": year}
    return _("year %(year)s") % {"year": year}


def report_period(kind, year, number=1, *, cutoff=False):
    """The report window of ``kind`` (month, quarter, half, nine, year)."""
    if kind == "month":
        return month(year, number, cutoff=cutoff)
    span = _SPAN[kind]
    last = number * 3 if kind == "quarter" else span
    key = f"q{year}-{number}" if kind == "quarter" else f"{kind}{year}"
    first = last - span + 1
    if cutoff:
        start = _first(year, first - 1).replace(day=CUTOFF_DAY)
        end = _first(year, last).replace(day=CUTOFF_DAY)
    else:
        start, end = _first(year, first), _first(year, last + 1)
    return Period(start, end, key, _label(kind, year, number), kind, cutoff)


def months_in(window):
    """The months (counted as ``window`` counts them) that lie within it."""
    result = []
    current = _first(window.start.year, window.start.month)
    if window.cutoff and window.start.day >= CUTOFF_DAY:
        current = _first(current.year, current.month + 1)
    while True:
        candidate = month(current.year, current.month, cutoff=window.cutoff)
        if candidate.end > window.end:
            break
        if candidate.start >= window.start:
            result.append(candidate)
        current = _first(current.year, current.month + 1)
    return result


def quarters_in(window):
    result = []
    for year in range(window.start.year, window.end.year + 1):
        for q in range(1, 5):
            candidate = report_period("quarter", year, q, cutoff=window.cutoff)
            if window.covers(candidate):
                result.append(candidate)
    return result


def whole(window, key="all", label=None):
    return Period(
        window.start,
        window.end,
        key,
        window.label if label is None else label,
        window.kind,
        window.cutoff,
    )


def plan_window(plan):
    """The plan's period counted as the plan counts periods: a plan for the
    calendar year 2021 runs 15/12/2020 – 14/12/2021 under the cut-off."""
    cutoff = plan.cutoff
    first = month(plan.starts_on.year, plan.starts_on.month, cutoff=cutoff)
    last = month(plan.ends_on.year, plan.ends_on.month, cutoff=cutoff)
    year = plan.starts_on.year
    if (plan.starts_on, plan.ends_on) == (
        datetime.date(year, 1, 1),
        datetime.date(year, 12, 31),
    ):
        return whole(report_period("year", year, cutoff=cutoff), key="all")
    window = Period(first.start, last.end, "all", "", "all", cutoff)
    return whole(window, label=window.range_text)


def split(window, kind):
    """Cut ``window`` into the periods of a KPI's period kind."""
    if kind == "month":
        return months_in(window)
    if kind == "quarter":
        return quarters_in(window)
    return [whole(window)]


# A period key as this module writes it ("m2021-03", "q2021-1", "half2021"),
# the month or quarter number also without its zero ("m2021-3", "q2021-01"):
# ``parse_key`` gives the period, whose own ``key`` is the one to link to.
_KEY = re.compile(r"(?:(m|q)([0-9]{4})-([0-9]{1,2})|(half|nine|year)([0-9]{4}))")


def parse_key(key, *, cutoff=False):
    """The period named by ``key`` (as made by this module), or None; "all" is
    the caller's to handle. A year has four digits; a month or quarter that
    does not exist, or a period the calendar cannot hold (December 9999 ends
    in the year 10000), is None."""
    found = _KEY.fullmatch(key)
    if found is None:
        return None
    short, year, number, kind, whole_year = found.groups()
    try:
        if short == "m":
            if not 1 <= int(number) <= 12:
                return None
            return month(int(year), int(number), cutoff=cutoff)
        if short == "q":
            if not 1 <= int(number) <= 4:
                return None
            return report_period("quarter", int(year), int(number), cutoff=cutoff)
        return report_period(kind, int(whole_year), cutoff=cutoff)
    except (ValueError, OverflowError):  # before year 1 or after 9999
        return None


def overlaps(window, period):
    """Whether ``period`` shares at least one day with ``window``."""
    return period.start < window.end and window.start < period.end


def report_choices():
    """The periods a report can cover, as (value, label) for one select box:
    "m3" for March, "q1" for quarter I, "half", "nine", "year"."""
    months = [(f"m{n}", _("Month %(n)s") % {"n": n}) for n in range(1, 13)]
    quarters = [(f"q{n}", _("Quarter %(q)s") % {"q": ROMAN[n]}) for n in ROMAN]
    return [
        *quarters,
        ("half", str(KINDS["half"]).capitalize()),
        ("nine", str(KINDS["nine"]).capitalize()),
        ("year", str(KINDS["year"]).capitalize()),
        *months,
    ]


def parse_choice(value):
    """(kind, number) of a ``report_choices`` value, or None."""
    if value in ("half", "nine", "year"):
        return value, 1
    kinds = {"m": ("month", 12), "q": ("quarter", 4)}
    if value[:1] in kinds and value[1:].isdigit():
        kind, limit = kinds[value[:1]]
        if 1 <= int(value[1:]) <= limit:
            return kind, int(value[1:])
    return None


def choice_of(kind, number):
    """The ``report_choices`` value of a report's kind and number."""
    return {"month": f"m{number}", "quarter": f"q{number}"}.get(kind, kind)


def local_today(now=None):
    return timezone.localtime(now or timezone.now(), local_zone()).date()


def month_of(day, *, cutoff=False):
    """The month (counted as ``cutoff`` says) that holds the local date ``day``:
    with the cut-off, 15/07 is in month 8."""
    if cutoff and day.day >= CUTOFF_DAY:
        following = _first(day.year, day.month + 1)
        return month(following.year, following.month, cutoff=True)
    return month(day.year, day.month, cutoff=cutoff)
