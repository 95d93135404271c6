"""A report's figures as the document holds them: each KPI's line of the table,
its periods with the records behind them, and the period's activities, in plain
values (texts, numbers, ISO dates) that JSON keeps.

Every report is drawn from this form (``reports.build``): a draft's is computed
when it is made (``compute``); an issued report's is the one kept when it was
issued (``PeriodReport.issued_figures``, written by
``services.period_report_keep``), so an issued report downloaded years later
gives, in every format, the figures and the annex it was sent up with, whatever
has been logged since. The texts are those of the language active when they
are computed (the files are made, and the figures kept, in Vietnamese).
"""

import datetime
import json
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy

from thachha_portal.models import CommuneProfile
from thachha_portal.text import Vietnamese, from_parts, parts_of

from . import metrics
from . import periods as P
from .models import Activity
from .selectors import STATUS_LABELS, HasStatus, evaluate, target_text

# The form's version, kept with it: a later change of the form reads the older
# ones as they were written.
VERSION = 1


@dataclass
class Part(HasStatus):
    """One period of a KPI's line (a month of a monthly KPI, or the report's
    window; or the cumulative figure since the plan began)."""

    period: P.Period
    value: int
    figure: object  # as written beside the period: 67% for a share, else value
    note: str
    status: str
    records: list  # metrics.Record


@dataclass
class Line(HasStatus):
    """One KPI of the report: its row of the table, its sheet of the workbook."""

    indicator: int  # the KPI's key: the preview links its drill-down
    name: str
    wording: str  # the KPI as in the plan
    target: str
    source: str  # where the target comes from, as the document says it
    target_note: str
    percent: bool  # a share: its periods' values are percentages
    value: int
    in_percent: bool  # ``value`` is a percentage (a share, not periods met)
    figure: object  # ``value`` as the Kết quả column writes it (“67%”)
    text: str  # the figure in words
    status: str
    cells: list
    cumulative: Part | None = None
    # target, source and text with what is Vietnamese in them (``parts_of``),
    # for the page's preview in another language; None in forms kept before
    marks: dict | None = None

    def shown(self, name):
        """The ``target``, ``source`` or ``text`` as a page shows it: its
        Vietnamese parts known (the ``marked`` filter marks them lang="vi")."""
        kept = (self.marks or {}).get(name)
        value = getattr(self, name)
        shown = from_parts(kept)
        return shown if kept is not None and str(shown) == value else value


@dataclass
class ActivityLine:
    """An activity of the period as the report lists it."""

    held_on: datetime.date
    kind: str
    title: str
    places: list
    participants: int | None
    quantity: int | None
    reach: int | None
    responsible: str
    evidence: str


def source_of(indicator, names):
    """Where the target comes from, as a report says it: “Kế hoạch giao”, or
    “UBND thị trấn Thạch Hà tự đặt để theo dõi” with the issuer's name on the
    date of issue (the plan's pages give the name the plan was issued under:
    ``Indicator.target_source_text``)."""
    if indicator.target_source == indicator.TargetSource.COMMUNE:
        return Vietnamese(f"{names.short_name} tự đặt để theo dõi")
    return indicator.target_source_text


def compute(report, *, now=None, names=None, records=True):
    """The figures of ``report`` (a PeriodReport, saved or not) computed at
    ``now`` from the records in the portal, in the kept form (what JSON gives
    back: the same values whether they are used at once or kept and read
    years later). ``records=False``: the figures without the records behind
    them (to compare with kept ones)."""
    now = now or timezone.now()
    if names is None:
        today = P.local_today(now)
        names = CommuneProfile.current().names_on(report.issued_on or today)
    window = report.period
    rows = evaluate(report.plan, window, now=now, records=records)
    activities = (
        Activity.objects.between(window.start, window.end)
        .with_evidence()
        .order_by("held_on", "pk")
    )
    figures = {
        "version": VERSION,
        "of": report.figures_of,
        "window": _period(window),
        "rows": [_row(row, names) for row in rows],
        "activities": [_activity(activity) for activity in activities],
    }
    return json.loads(json.dumps(figures))


def read(figures):
    """(window, lines, activities) of figures in the kept form."""
    return (
        _period_of(figures["window"]),
        [_line_of(row) for row in figures["rows"]],
        [ActivityLine(**_activity_of(values)) for values in figures["activities"]],
    )


def differences(kept, live):
    """What the figures computed now say otherwise than those kept: (KPI, as
    kept, now) for each KPI whose figure or assessment differs, is new or is
    gone, then the number of activities of the period if it differs; the
    texts as the documents write them ("" for a KPI that was not there)."""

    def said(row):
        return f"{row['text']} ({str(STATUS_LABELS[row['status']]).lower()})"

    before = {row["indicator"]: row for row in kept["rows"]}
    after = {row["indicator"]: row for row in live["rows"]}
    found = []
    for key in [*before, *(k for k in after if k not in before)]:
        old, new = before.get(key), after.get(key)
        if old and new and (old["text"], old["status"]) == (new["text"], new["status"]):
            continue
        name = (new or old)["name"]
        found.append((name, said(old) if old else "", said(new) if new else ""))
    counts = len(kept["activities"]), len(live["activities"])
    if counts[0] != counts[1]:
        found.append((ACTIVITIES, str(counts[0]), str(counts[1])))
    return found


ACTIVITIES = gettext_lazy("Communication activities of the period")


# --- to and from plain values ------------------------------------------------------


def _day(value):
    """A date, or an aware moment, as ISO text (None for none)."""
    return value.isoformat() if value else None


def _day_of(text):
    if not text:
        return None
    if "T" in text:
        return datetime.datetime.fromisoformat(text)
    return datetime.date.fromisoformat(text)


def _period(period):
    return {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "key": period.key,
        "label": str(period.label),
        "kind": period.kind,
        "cutoff": period.cutoff,
    }


def _period_of(values):
    return P.Period(
        datetime.date.fromisoformat(values["start"]),
        datetime.date.fromisoformat(values["end"]),
        values["key"],
        values["label"],
        values["kind"],
        values["cutoff"],
    )


def _record(record):
    return {
        "kind": str(record.kind),
        "date": _day(record.date),
        "title": str(record.title),
        "url": str(record.url or ""),
        "detail": str(record.detail or ""),
        "evidence": str(record.evidence or ""),
    }


def _record_of(values):
    return metrics.Record(**{**values, "date": _day_of(values["date"])})


def _cell(row, cell, *, records=True):
    return {
        "period": _period(cell.period),
        "value": cell.value,
        "figure": row.cell_figure(cell),
        "note": str(cell.result.note or ""),
        "status": cell.status,
        "records": [_record(r) for r in cell.result.records] if records else [],
    }


def _part_of(values):
    return Part(
        _period_of(values["period"]),
        values["value"],
        values["figure"],
        values["note"],
        values["status"],
        [_record_of(record) for record in values["records"]],
    )


def _row(row, names):
    indicator = row.indicator
    target, source = target_text(indicator), source_of(indicator, names)
    return {
        "indicator": indicator.pk,
        "name": indicator.short_name,
        "wording": indicator.text,
        "target": str(target),
        "source": str(source),
        "target_note": indicator.target_note,
        "percent": indicator.unit_label == "%",
        "value": row.value,
        "in_percent": row.in_percent,
        "figure": row.figure,
        "text": str(row.text),
        "status": row.status,
        "cells": [_cell(row, cell) for cell in row.cells],
        # its records are those of the cells: the report lists them once
        "cumulative": _cell(row, row.cumulative, records=False)
        if row.cumulative
        else None,
        "marks": {
            "target": parts_of(target),
            "source": parts_of(source),
            "text": parts_of(row.text),
        },
    }


def _line_of(values):
    cumulative = values["cumulative"]
    return Line(
        **{
            **values,
            "cells": [_part_of(cell) for cell in values["cells"]],
            "cumulative": _part_of(cumulative) if cumulative else None,
        }
    )


def _activity(activity):
    return {
        "held_on": activity.held_on.isoformat(),
        "kind": str(activity.get_kind_display()),
        "title": activity.title,
        "places": activity.place_list,
        "participants": activity.participants,
        "quantity": activity.quantity,
        "reach": activity.reach,
        "responsible": activity.responsible,
        "evidence": activity.evidence_text,
    }


def _activity_of(values):
    return {**values, "held_on": datetime.date.fromisoformat(values["held_on"])}
