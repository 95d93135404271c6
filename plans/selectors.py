"""Reads: KPI evaluation for a plan over windows of time, the dashboard, the
drill-down, task statuses, and the plan's share of the home page and site map.

Every figure on every page and file comes from ``evaluate_windows``: the
dashboard's year and quarter figures and a report's figures are the same
function run over the same periods (counted as the plan counts them).

Status rules (seen from ``as_of``, the local date of today, or the end of the
window when that is earlier):
* a period that has not started is "not yet due" (never "missed");
* reaching the target is "met";
* the current period below target is "in progress";
* a past period below target is "missed".
"""

import datetime
import time
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from bulletins.models import Bulletin
from thachha_portal import pagecache
from thachha_portal.dates import format_date
from thachha_portal.media import PublicFiles
from thachha_portal.text import compose

from . import metrics
from . import periods as P
from .models import Activity, Evidence, Indicator, Plan, Task, published

# A published plan's signed scan; activity pages are public, with their evidence.
PUBLIC_FILES = (
    PublicFiles(Plan, "signed_scan"),
    PublicFiles(Evidence, "file", rows=lambda model: model.objects.all()),
    # A photo as uploaded keeps where and when it was taken: staff see it; the
    # public sees its copy for the web (one uploaded before those copies
    # existed has none, and is shown as uploaded).
    PublicFiles(
        Evidence, "photo", rows=lambda model: model.objects.filter(photo_web="")
    ),
    PublicFiles(Evidence, "photo_web", rows=lambda model: model.objects.all()),
    PublicFiles(Evidence, "photo_phone", rows=lambda model: model.objects.all()),
    PublicFiles(Evidence, "photo_avif", rows=lambda model: model.objects.all()),
    PublicFiles(Evidence, "photo_phone_avif", rows=lambda model: model.objects.all()),
    PublicFiles(Evidence, "photo_small_avif", rows=lambda model: model.objects.all()),
)

STATUS_LABELS = {
    "met": gettext_lazy("Met"),
    "missed": gettext_lazy("Missed"),
    "progress": gettext_lazy("In progress"),
    "notdue": gettext_lazy("Not yet due"),
}
# A symbol beside the word: the status reads without colour.
STATUS_SYMBOLS = {"met": "✓", "missed": "✗", "progress": "…", "notdue": "○"}
STATUS_ORDER = ("met", "progress", "missed", "notdue")


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
    """One KPI over one window: a cell per period of the KPI within the window
    (monthly and quarterly KPIs), or one cell for the window and, when the plan
    began before the window, the cumulative figure the status is judged on."""

    indicator: Indicator
    window: P.Period
    cells: list
    status: str
    cumulative: Cell | None = None
    # A window shorter than the KPI's period: one cell, its period so far.
    partial: bool = False

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
    def value(self):
        """The figure of the window: periods met (monthly, quarterly KPIs) or
        the value within the window."""
        if self.periodic and not self.partial:
            return self.met_count
        return self.cells[0].value if self.cells else 0

    @property
    def in_percent(self):
        """Whether ``value`` is a percentage (the listing's share), not a count."""
        return self.indicator.unit_label == "%" and not (
            self.periodic and not self.partial
        )

    @property
    def figure(self):
        """``value`` as a document's “Kết quả” column writes it: a share with its
        per cent sign (“67%”, as the target column says “100%”), a count as the
        number. The workbook keeps the number, shown as a percentage."""
        return f"{self.value}%" if self.in_percent else self.value

    @property
    def share(self):
        """Whether its cells' values are percentages (the listing's share)."""
        return self.indicator.unit_label == "%"

    def cell_figure(self, cell):
        """The value of one of its cells as written beside the period: “67%”
        for a share."""
        return f"{cell.value}%" if self.share else cell.value

    def cell_target(self, cell):
        """The target of one of its cells as written beside its value: “100%”
        for a share (as ``target_text`` writes it)."""
        return f"{cell.target}%" if self.share else cell.target

    def cell_against(self, cell):
        """A cell's value against its target, as the dashboard's cells and the
        drill-down's periods write it: “3/5” for a count, “67% / 100%” for a
        share (never “67/100”, a fraction of a hundred things)."""
        if self.share:
            return f"{self.cell_figure(cell)} / {self.cell_target(cell)}"
        return f"{cell.value}/{cell.target}"

    @property
    def percent(self):
        cell = self.figure_cell
        if not cell or not cell.target:
            return 0
        return min(100, round(100 * cell.value / cell.target))

    @property
    def text(self):
        return figure_text(self)

    @property
    def target_text(self):
        return target_text(self.indicator)

    @property
    def source_text(self):
        return source_text(self.indicator)


@dataclass
class StatusCount(HasStatus):
    status: str
    count: int


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


def _run(indicator, plan, periods, now, records):
    """The metric's results for ``periods`` (distinct by dates), in order."""
    unique = list({(p.start, p.end): p for p in periods}.values())
    spec = indicator.spec
    run = spec.compute if records else spec.values
    results = run(indicator.params, unique, plan=plan, now=now) if unique else []
    by_dates = {(p.start, p.end): r for p, r in zip(unique, results, strict=True)}
    return [by_dates[(p.start, p.end)] for p in periods]


def _cumulative_span(plan, window):
    start = min(P.plan_window(plan).start, window.start)
    label = _("from %(start)s to %(end)s") % {
        "start": format_date(start),
        "end": format_date(window.last_day),
    }
    return P.Period(start, window.end, "all", label, "all", window.cutoff)


def _started_period(plan, window, kind):
    """For a window shorter than the KPI's period (a quarterly KPI in a month's
    report): the KPI's period that contains the window, from its start to the
    window's end — [] when the plan has none there."""
    for period in P.split(P.plan_window(plan), kind):
        if period.start <= window.start < period.end:
            if window.end >= period.end:  # the window ends with the period
                return [period]
            label = _("%(period)s, up to %(day)s") % {
                "period": period.label,
                "day": format_date(window.last_day),
            }
            return [
                P.Period(
                    period.start, window.end, period.key, label, kind, period.cutoff
                )
            ]
    return []


def evaluate_windows(indicator, plan, windows, *, now=None, records=True):
    """One Row of ``indicator`` per window, all periods computed in one metric
    call; ``records=False`` when only the figures are shown (the dashboard, the
    home page): the same values, no records built."""
    now = now or timezone.now()
    today = P.local_today(now)
    target = indicator.target
    plan_span = P.plan_window(plan)
    if indicator.period in (Indicator.Period.MONTH, Indicator.Period.QUARTER):
        split = [P.split(w, indicator.period) for w in windows]
        per_window = [
            periods or _started_period(plan, w, indicator.period)
            for w, periods in zip(windows, split, strict=True)
        ]
        flat = [p for periods in per_window for p in periods]
        results = iter(_run(indicator, plan, flat, now, records))
        rows = []
        for window, whole_periods, periods in zip(
            windows, split, per_window, strict=True
        ):
            as_of = min(today, window.end)
            partial = bool(periods) and not whole_periods
            cells = []
            cut = partial and periods[0] not in P.split(plan_span, indicator.period)
            for p, r in zip(periods, results, strict=False):
                status = status_of(p, r.value, target, as_of)
                if cut and status == "missed":
                    status = "progress"  # its period goes on after the window
                cells.append(Cell(p, r, target, status))
            rows.append(
                Row(
                    indicator,
                    window,
                    cells,
                    overall([c.status for c in cells]),
                    partial=partial,
                )
            )
        return rows
    pairs = [(P.whole(w, key=w.key), _cumulative_span(plan, w)) for w in windows]
    flat = [p for in_window, span in pairs for p in (in_window, span)]
    results = iter(_run(indicator, plan, flat, now, records))
    rows = []
    for window, (in_window, span) in zip(windows, pairs, strict=True):
        own, cumulative = next(results), next(results)
        if span.start == in_window.start:
            span, cumulative = None, None
        judged = cumulative or own
        as_of = min(today, window.end)
        # Due by the end of the plan (or the window, when the window ends later).
        due = P.Period(
            (span or in_window).start, max(plan_span.end, window.end), "all", ""
        )
        status = status_of(due, judged.value, target, as_of)
        if status == "missed" and window.end < plan_span.end:
            status = "progress"  # a report before the plan's end: still to be done
        cell = Cell(in_window, own, target, status)
        cumulative_cell = Cell(span, cumulative, target, status) if span else None
        rows.append(Row(indicator, window, [cell], status, cumulative_cell))
    return rows


def evaluate_indicator(indicator, plan, window, *, now=None, records=True):
    """The Row of one KPI over ``window``."""
    return evaluate_windows(indicator, plan, [window], now=now, records=records)[0]


def kept_row(plan, indicator, now=None):
    """The Row of ``indicator`` over the plan's whole period as the dashboard
    shows it: from ``figures``, kept per content version, so the drill-down of
    the whole period runs no aggregate of its own and agrees with the dashboard
    (None for a KPI of another plan, and while the cache does not answer: the
    figures would then be computed whole on every request)."""
    if not getattr(cache, "available", True):
        return None
    rows = figures(plan, now)["rows"]
    return next((row for row in rows if row.indicator.pk == indicator.pk), None)


def cell_records(indicator, plan, cells, *, now):
    """The records behind ``cells`` of a row of ``indicator`` evaluated at
    ``now`` with ``records=False``, one cell's after the other, as
    ``metrics.Records``: the drill-down builds only the page it shows."""
    return indicator.spec.records(
        indicator.params,
        [cell.period for cell in cells],
        plan=plan,
        now=now,
        results=[cell.result for cell in cells],
    )


def evaluate(plan, window=None, *, now=None, records=True):
    """One Row per KPI of ``plan`` over ``window`` (default: the plan's period)."""
    window = window or P.plan_window(plan)
    return [
        evaluate_indicator(i, plan, window, now=now, records=records)
        for i in plan.indicators.select_related("task")
    ]


def summary(rows):
    return status_summary([row.status for row in rows])


def status_summary(statuses):
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for status in statuses:
        counts[status] += 1
    return {
        "total": len(statuses),
        **counts,
        "items": [StatusCount(status, counts[status]) for status in STATUS_ORDER],
    }


# --- how figures and targets read (the same on every page and file) --------------


def target_text(indicator):
    """The target as a document writes it: “ít nhất 1 tin, bài mỗi tháng”."""
    unit = indicator.unit_label
    if indicator.spec.unit == metrics.MILESTONE:
        by = indicator.params.get("by")
        if by:
            day = format_date(datetime.date.fromisoformat(by))
            return _("done by %(date)s") % {"date": day}
        return _("done")
    if unit == "%":
        return f"{indicator.target}%"
    every = {
        Indicator.Period.MONTH: _("at least %(n)s %(unit)s every month"),
        Indicator.Period.QUARTER: _("at least %(n)s %(unit)s every quarter"),
        Indicator.Period.YEAR: _("at least %(n)s %(unit)s in the year"),
        Indicator.Period.ONCE: _("at least %(n)s %(unit)s"),
    }[indicator.period]
    return compose(every, n=indicator.target, unit=unit)


def source_text(indicator):
    return indicator.target_source_text


def _value_text(indicator, value):
    if indicator.spec.unit == metrics.MILESTONE:
        return _("done") if value >= indicator.target else _("not done")
    unit = indicator.unit_label
    return (
        f"{value}%"
        if unit == "%"
        else compose("%(value)s %(unit)s", value=value, unit=unit)
    )


def figure_text(row):
    """The figure of a KPI over a window as one short text."""
    if row.partial:
        return compose(
            _("%(value)s in %(period)s"),
            value=_value_text(row.indicator, row.value),
            period=row.cells[0].period.label,
        )
    if row.periodic:
        word = (
            _("months")
            if row.indicator.period == Indicator.Period.MONTH
            else _("quarters")
        )
        return _("%(met)s of %(count)s %(word)s met") % {
            "met": row.met_count,
            "count": len(row.cells),
            "word": word,
        }
    text = _value_text(row.indicator, row.value)
    note = row.cells[0].result.note if row.cells else ""
    if row.snapshot and note:
        text = compose("%(text)s (%(note)s)", text=text, note=note)
    if row.cumulative and not row.snapshot:
        since = compose(
            _("since the plan began: %(v)s"),
            v=_value_text(row.indicator, row.cumulative.value),
        )
        text = compose("%(text)s; %(since)s", text=text, since=since)
    return text


# --- tasks ------------------------------------------------------------------------


@dataclass
class TaskState:
    """A task with its status: from the KPIs that measure it, or as staff entered
    it when none does."""

    task: Task
    status: str
    measured_by: list

    @property
    def derived(self):
        return bool(self.measured_by)

    @property
    def status_label(self):
        return Task.Status(self.status).label


def task_status(rows):
    """The status the KPI rows of a task give it."""
    statuses = [r.status for r in rows]
    if all(s == "met" for s in statuses):
        return Task.Status.DONE
    if "missed" in statuses:
        return Task.Status.NOT_DONE
    if all(s == "notdue" for s in statuses):
        return Task.Status.TODO
    return Task.Status.IN_PROGRESS


def plan_tasks(plan, now=None):
    """The plan's tasks with their statuses, from the brief of its figures."""
    known = figures_brief(plan, now)["tasks"]
    return [
        TaskState(task, *known.get(task.pk, (task.status, [])))
        for task in plan.tasks.all()
    ]


def task_states(plan, rows):
    by_task = {}
    for row in rows:
        if row.indicator.task_id:
            by_task.setdefault(row.indicator.task_id, []).append(row)
    states = []
    for task in plan.tasks.all():
        measured = by_task.get(task.pk, [])
        status = task_status(measured) if measured else task.status
        states.append(
            TaskState(task, status, [r.indicator.short_name for r in measured])
        )
    return states


# --- the dashboard's figures, kept until something changes ------------------------


def _seconds_valid(now):
    """Figures computed now hold until local midnight (statuses move with the
    date) or the next scheduled publication, whichever comes first."""
    local = timezone.localtime(now, P.local_zone())
    midnight = datetime.datetime.combine(
        local.date() + datetime.timedelta(days=1), datetime.time(), P.local_zone()
    )
    moment = midnight
    scheduled = Bulletin.objects.next_scheduled_time()
    if scheduled and scheduled < moment:
        moment = scheduled
    return max(1, int((moment - now).total_seconds()))


def monthly_evidence(window, now):
    """Website items and airings in each month of ``window`` (for the chart)."""
    months = P.months_in(window)
    if not months:
        return None
    items = metrics.get("bulletins").values({}, months, plan=None, now=now)
    aired = metrics.get("airings").values({}, months, plan=None, now=now)
    return [
        {"period": m, "items": i.value, "airings": a.value}
        for m, i, a in zip(months, items, aired, strict=True)
    ]


def compute_figures(plan, now):
    """Every figure the dashboard, the home page and the plan page show: the
    plan's period and each of its quarters, KPI by KPI, the chart's monthly
    series and the tasks' statuses."""
    window = P.plan_window(plan)
    quarters = P.quarters_in(window)
    rows, quarter_rows = [], []
    for indicator in plan.indicators.select_related("task"):
        year, *by_quarter = evaluate_windows(
            indicator, plan, [window, *quarters], now=now, records=False
        )
        rows.append(year)
        quarter_rows.append(by_quarter)
    return {
        "window": window,
        "rows": rows,
        "quarters": quarters,
        "quarter_rows": quarter_rows,
        "series": monthly_evidence(window, now),
        "tasks": task_states(plan, rows),
    }


def _figures_key(plan, now):
    return (
        f"plans:figures:{plan.pk}:{plan.period_basis}:{get_language()}:"
        f"{pagecache.generation()}:{P.local_today(now).isoformat()}"
    )


# This worker's copies of the figures it last read, and of their briefs, by
# key: a drill-down would otherwise unpickle the whole set (indicators, cells,
# results) from the cache on every request. While the worker's subscription
# knows every generation a copy serves without a cache read until the time in
# its brief (WorkerCopies.current: an edit moves a generation in the key);
# else while the cache holds figures of the same stamp under its key. Shared by
# the requests of a worker: nothing may change them (tests/plans/test_figures.py
# renders every page that reads them and checks that they are unchanged).
_kept = pagecache.WorkerCopies(limit=8)  # plans' figures (a commune has a few)
_kept_briefs = pagecache.WorkerCopies(limit=8)


def _brief_until(brief):
    return brief["valid_until"]


def _figures_until(found):
    return found["brief"]["valid_until"]


def figures(plan, now=None):
    """``compute_figures``, computed once per change of the portal's content (the
    page cache's generation, bumped by every save and bulk write) and per day,
    until the next scheduled publication at the latest. Read-only."""
    now = now or timezone.now()
    key = _figures_key(plan, now)
    if (kept := _kept.current(key, now, _figures_until)) is not None:
        return kept
    brief = cache.get(key + ":brief")
    if brief is None:
        found = None
    elif (kept := _kept.get(key)) is not None and kept["brief"] == brief:
        return kept
    else:
        found = cache.get(key)
    if found is None:
        found = compute_figures(plan, now)
        seconds = _seconds_valid(now)
        found["brief"] = {
            "stamp": f"{time.time_ns()}",
            "valid_until": now + datetime.timedelta(seconds=seconds),
            "statuses": [row.status for row in found["rows"]],
            "tasks": {
                state.task.pk: (state.status, state.measured_by)
                for state in found["tasks"]
            },
        }
        cache.set(key, found, seconds)
        cache.set(key + ":brief", found["brief"], seconds)
    _kept_briefs.keep(key, found["brief"])
    return _kept.keep(key, found)


def figures_brief(plan, now=None):
    """The small part of the figures in force: a stamp that changes whenever they
    are computed again (what is rendered from them is kept under it: the
    dashboard's body), when they expire, and each KPI's status (the home page's
    summary) — read without the figures themselves."""
    now = now or timezone.now()
    key = _figures_key(plan, now)
    if (brief := _kept_briefs.current(key, now, _brief_until)) is not None:
        return brief
    brief = cache.get(key + ":brief")
    if brief is None:
        return figures(plan, now)["brief"]
    return _kept_briefs.keep(key, brief)


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
                "label": str(row["period"].month_number),
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


def pick_plan(plan_id=None, today=None):
    """The plan asked for (public ones only), else the commune's plan today."""
    if plan_id:
        return Plan.objects.published().filter(pk=plan_id).first()
    return current_plan(today)


def current_plan(today=None):
    """The commune's plan on ``today`` (a local date; ``PlanQuerySet.current``),
    read once per day and state of the plans (any save in the app makes a new
    one) by each worker, not on every home page and dashboard. Read-only."""
    return _kept_current_plan(today or P.local_today())[0]


_kept_current_plan = pagecache.Kept(  # (plan,): None, no plan, is kept too
    ("plans",), lambda today: (Plan.objects.published().current(today),)
)


def shown_indicator(plan_pk, indicator_pk):
    """The KPI ``indicator_pk`` of plan ``plan_pk`` with its plan, if the public
    sees that plan (else None), read once per state of the plans by each
    worker, not on every drill-down. Read-only."""
    return _kept_indicators(plan_pk, indicator_pk)[0]


_kept_indicators = pagecache.Kept(  # (indicator,): None, not shown, is kept too
    ("plans",),
    lambda plan_pk, indicator_pk: (
        Indicator.objects.select_related("plan")
        .filter(published("plan__"), pk=indicator_pk, plan=plan_pk)
        .first(),
    ),
    limit=64,
)


class Dashboard:
    """What the dashboard shows of ``plan``, read from the figures on first use:
    a page whose body is served from the fragment cache reads none of it."""

    def __init__(self, plan, now):
        self.plan, self.now = plan, now

    @cached_property
    def found(self):
        return figures(self.plan, self.now)

    @cached_property
    def context(self):
        found = self.found
        rows, series, window = found["rows"], found["series"], found["window"]
        today = P.local_today(self.now)
        published = Plan.objects.published()
        months = P.months_in(window)
        return {
            "window": window,
            "rows": rows,
            "monthly_rows": [r for r in rows if r.indicator.period == "month"],
            "other_rows": [r for r in rows if r.indicator.period != "month"],
            "quarters": found["quarters"],
            "quarter_rows": list(zip(rows, found["quarter_rows"], strict=True)),
            "months": months,
            # a plan whose months are named in two years: "Tháng 1" would
            # not say which January
            "months_in_years": len({m.named_month.year for m in months}) > 1,
            "summary": summary(rows),
            "series": series,
            "chart": chart(series, ("items", "airings")) if series else None,
            "tasks": found["tasks"],
            "recent": list(
                Activity.objects.with_evidence().filter(
                    held_on__gte=window.start, held_on__lt=window.end
                )[:6]
            ),
            "today": today,
            "is_current": self.plan == current_plan(today),
            "stage": (
                "ended"
                if today > window.last_day
                else "upcoming"
                if today < window.start
                else "running"
            ),
            "plans": list(
                published.only("pk", "number", "title", "starts_on", "status")
            ),
        }

    def __getitem__(self, name):
        return self.context[name]


def dashboard_context(plan, now=None):
    """The dashboard's context: ``dash`` (read lazily) and the stamp and seconds
    its rendered body may be kept for."""
    now = now or timezone.now()
    brief = figures_brief(plan, now)
    seconds = max(1, int((brief["valid_until"] - now).total_seconds()))
    dash = Dashboard(plan, now)
    return {"plan": plan, "dash": dash, "stamp": brief["stamp"], "seconds": seconds}


def home_context(request):
    today = P.local_today()
    plan = current_plan(today)
    if not plan:
        return {"plans_home": None}
    statuses = figures_brief(plan)["statuses"]
    return {
        "plans_home": {
            "plan": plan,
            "summary": status_summary(statuses),
            "ended": plan.ends_on < today,
        }
    }


def sitemap_context(request):
    return {
        "plans_sitemap": list(Plan.objects.published().only("pk", "number", "title"))
    }


# The metric of the KPI "at least one item a month, on the website and on the
# loudspeakers" (KPI 2 of the plans): the news admin's box counts as it does.
MONTH_PROMISE_METRIC = "website_and_loudspeaker"


def month_promise(now=None):
    """The news admin's box (bulletins.selectors.month_status) as the plan in
    force counts it: its month holding today (calendar or 15th–14th), the
    categories of its KPI of items on the website and on the loudspeakers, the
    items aired counted once each. None without such a plan and KPI."""
    now = now or timezone.now()
    plan = current_plan(P.local_today(now))
    if plan is None:
        return None
    indicator = plan.indicators.filter(metric=MONTH_PROMISE_METRIC).first()
    if indicator is None:
        return None
    period = P.month_of(P.local_today(now), cutoff=plan.cutoff)
    [result] = metrics.get(MONTH_PROMISE_METRIC).values(
        indicator.params, [period], plan=plan, now=now
    )
    # From 15/12 under the cut-off, the month is the next year's: the plan
    # does not count it, though it stays in force until a new one is.
    within = P.overlaps(P.plan_window(plan), period)
    return {
        "label": period.label,
        "first_day": period.start,
        "last_day": period.last_day,
        "published_count": result.parts["website"],
        "aired_count": result.parts["loudspeaker"],
        "plan": plan if within else None,
        "plan_over": None if within else plan,
    }
