"""Reads: KPI evaluation for a plan over a window of time, the dashboard, the
drill-down, and the plan's share of the home page and site map.

Status rules (seen from ``as_of``, the local date of today, or the end of the
report window when that is earlier):
* a period that has not started is "not yet due" (never "missed");
* reaching the target is "met";
* the current period below target is "in progress";
* a past period below target is "missed".
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import metrics
from . import periods as P
from .models import Activity, Indicator, Plan

STATUS_LABELS = {
    "met": _("Met"),
    "missed": _("Missed"),
    "progress": _("In progress"),
    "notdue": _("Not yet due"),
}
# A symbol beside the word: the status reads without colour.
STATUS_SYMBOLS = {"met": "✓", "missed": "✗", "progress": "…", "notdue": "○"}


def status_of(period, value, target, as_of):
    if as_of < period.start:
        return "notdue"
    if value >= target:
        return "met"
    if as_of <= period.last_day:
        return "progress"
    return "missed"


class HasStatus:
    """The status as a word and a symbol: readable without colour."""

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def symbol(self):
        return STATUS_SYMBOLS[self.status]


@dataclass
class Cell(HasStatus):
    period: P.Period
    result: metrics.Result
    target: int
    status: str

    @property
    def value(self):
        return self.result.value


@dataclass
class Row(HasStatus):
    indicator: Indicator
    cells: list
    status: str
    # year/once KPIs: the value from the plan's start to the window's end
    cumulative: Cell | None = None

    @property
    def snapshot(self):
        return self.indicator.spec.snapshot

    @property
    def periodic(self):
        return self.indicator.period in (
            Indicator.Period.MONTH,
            Indicator.Period.QUARTER,
        )

    @property
    def total(self):
        """The figure for the whole window."""
        if self.snapshot:
            return self.figure_cell.value if self.cells else 0
        return sum(c.value for c in self.cells)

    @property
    def met_count(self):
        return sum(c.status == "met" for c in self.cells)

    @property
    def due_count(self):
        return sum(c.status != "notdue" for c in self.cells)

    @property
    def figure_cell(self):
        """The cell whose status sums up a year/once KPI."""
        return self.cumulative or (self.cells[0] if self.cells else None)

    @property
    def percent(self):
        cell = self.figure_cell
        if not cell or not cell.target:
            return 0
        return min(100, round(100 * cell.value / cell.target))


def overall(statuses):
    if not statuses:
        return "notdue"
    if "missed" in statuses:
        return "missed"
    if all(s == "met" for s in statuses):
        return "met"
    if all(s == "notdue" for s in statuses):
        return "notdue"
    return "progress"


def _compute(indicator, plan, periods, now, records):
    spec = indicator.spec
    run = spec.compute if records else spec.values
    return run(indicator.params, periods, plan=plan, now=now)


def evaluate_indicator(
    indicator, plan, window, *, cutoff=False, now=None, records=True
):
    """The Row of one KPI over ``window``; ``records=False`` when only the figures
    are shown (the dashboard, the home page): the same values, no records built."""
    now = now or timezone.now()
    as_of = min(P.local_today(now), window.end)
    if indicator.period in (Indicator.Period.MONTH, Indicator.Period.QUARTER):
        periods = P.split(window, indicator.period, cutoff=cutoff)
        results = _compute(indicator, plan, periods, now, records) if periods else []
        cells = [
            Cell(p, r, indicator.target, status_of(p, r.value, indicator.target, as_of))
            for p, r in zip(periods, results, strict=False)
        ]
        return Row(indicator, cells, overall([c.status for c in cells]))
    plan_span = P.plan_window(plan)
    span = P.Period(
        min(plan_span.start, window.start), window.end, "all", window.range_text
    )
    in_window = P.whole(window, key=window.key)
    if span.start == in_window.start:
        results = _compute(indicator, plan, [in_window], now, records)
        cumulative = None
    else:
        results = _compute(indicator, plan, [in_window, span], now, records)
        cumulative = results[1]
    judged = cumulative or results[0]
    # Due by the end of the plan (or the window, when the window ends later).
    due = P.Period(span.start, max(plan_span.end, window.end), "all", "")
    status = status_of(due, judged.value, indicator.target, as_of)
    if status == "missed" and window.end < plan_span.end:
        status = "progress"  # a report before the plan's end: still to be done
    cell = Cell(in_window, results[0], indicator.target, status)
    cumulative_cell = (
        Cell(span, cumulative, indicator.target, status) if cumulative else None
    )
    return Row(indicator, [cell], status, cumulative_cell)


def evaluate(plan, window=None, *, cutoff=False, now=None, records=True):
    """One Row per KPI of ``plan`` over ``window`` (default: the plan's period)."""
    window = window or P.plan_window(plan)
    indicators = list(plan.indicators.all())
    return [
        evaluate_indicator(i, plan, window, cutoff=cutoff, now=now, records=records)
        for i in indicators
    ]


def summary(rows):
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for row in rows:
        counts[row.status] += 1
    return {"total": len(rows), **counts}


def monthly_evidence(window, now=None):
    """Website items and airings per calendar month of ``window`` (for the charts);
    None when the window has no month."""
    now = now or timezone.now()
    months = P.months_in(window)
    if not months:
        return None
    items = metrics.get("bulletins").values({}, months, plan=None, now=now)
    aired = metrics.get("airings").values({}, months, plan=None, now=now)
    return [
        {"period": m, "items": i.value, "airings": a.value}
        for m, i, a in zip(months, items, aired, strict=True)
    ]


def chart(series, keys, height=160, bar=14):
    """Geometry for a server-rendered grouped bar chart (SVG in the template)."""
    if not series:
        return None
    peak = max(max(row[k] for k in keys) for row in series) or 1
    group = bar * len(keys) + 10
    left, bottom = 28, 24
    width = left + group * len(series) + 6
    groups = []
    for index, row in enumerate(series):
        x0 = left + index * group
        bars = []
        for k_index, key in enumerate(keys):
            h = round((height - bottom - 10) * row[key] / peak)
            bars.append(
                {
                    "key": key,
                    "x": x0 + k_index * bar,
                    "y": height - bottom - h,
                    "h": h,
                    "value": row[key],
                }
            )
        groups.append(
            {
                "bars": bars,
                "label": f"{row['period'].start:%m}",
                "label_x": x0 + (bar * len(keys)) // 2,
            }
        )
    return {
        "width": width,
        "height": height,
        "baseline": height - bottom,
        "label_y": height - 8,
        "peak": peak,
        "groups": groups,
        "left": left,
    }


def pick_plan(plan_id=None):
    """The plan asked for (public ones only), else the newest in force, else the
    newest public."""
    plans = Plan.objects.published()
    if plan_id:
        return plans.filter(pk=plan_id).first()
    return plans.current() or plans.first()


def dashboard_context(plan, now=None):
    now = now or timezone.now()
    window = P.plan_window(plan)
    rows = evaluate(plan, window, now=now, records=False)
    monthly = [r for r in rows if r.indicator.period == Indicator.Period.MONTH]
    others = [r for r in rows if r.indicator.period != Indicator.Period.MONTH]
    series = monthly_evidence(window, now)
    return {
        "plan": plan,
        "rows": rows,
        "monthly_rows": monthly,
        "other_rows": others,
        "months": P.months_in(window),
        "summary": summary(rows),
        "series": series,
        "chart": chart(series, ("items", "airings")) if series else None,
        "recent": list(
            Activity.objects.with_evidence().filter(
                held_on__gte=window.start, held_on__lt=window.end
            )[:6]
        ),
        "today": P.local_today(now),
        "plans": list(
            Plan.objects.published().only("pk", "number", "title", "starts_on")
        ),
    }


def home_context(request):
    plan = Plan.objects.published().current()
    if not plan:
        return {"plans_home": None}
    rows = evaluate(plan, records=False)
    return {"plans_home": {"plan": plan, "summary": summary(rows)}}


def sitemap_context(request):
    return {
        "plans_sitemap": list(Plan.objects.published().only("pk", "number", "title"))
    }
