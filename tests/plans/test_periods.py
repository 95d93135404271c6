import datetime

import pytest

from plans import periods as P

D = datetime.date


def test_calendar_month_runs_from_first_to_last_day():
    january = P.month(2021, 1)
    assert (january.start, january.last_day) == (D(2021, 1, 1), D(2021, 1, 31))


def test_cutoff_month_runs_from_15th_before_to_14th():
    february = P.month(2021, 2, cutoff=True)
    assert (february.start, february.last_day) == (D(2021, 1, 15), D(2021, 2, 14))
    january = P.month(2021, 1, cutoff=True)
    assert (january.start, january.last_day) == (D(2020, 12, 15), D(2021, 1, 14))


@pytest.mark.parametrize(
    ("kind", "number", "start", "last"),
    [
        ("quarter", 1, D(2020, 12, 15), D(2021, 3, 14)),
        ("quarter", 3, D(2021, 6, 15), D(2021, 9, 14)),
        ("half", 1, D(2020, 12, 15), D(2021, 6, 14)),
        ("nine", 1, D(2020, 12, 15), D(2021, 9, 14)),
        ("year", 1, D(2020, 12, 15), D(2021, 12, 14)),
    ],
)
def test_cutoff_report_periods_start_on_the_15th_before(kind, number, start, last):
    period = P.report_period(kind, 2021, number, cutoff=True)
    assert (period.start, period.last_day) == (start, last)


@pytest.mark.parametrize(
    ("kind", "number", "start", "last"),
    [
        ("quarter", 2, D(2021, 4, 1), D(2021, 6, 30)),
        ("half", 1, D(2021, 1, 1), D(2021, 6, 30)),
        ("nine", 1, D(2021, 1, 1), D(2021, 9, 30)),
        ("year", 1, D(2021, 1, 1), D(2021, 12, 31)),
    ],
)
def test_calendar_report_periods(kind, number, start, last):
    period = P.report_period(kind, 2021, number)
    assert (period.start, period.last_day) == (start, last)


def test_a_cutoff_quarter_holds_its_three_cutoff_months():
    quarter = P.report_period("quarter", 2021, 1, cutoff=True)
    months = P.months_in(quarter)
    assert [m.key for m in months] == ["m2021-01", "m2021-02", "m2021-03"]
    assert months[0].start == D(2020, 12, 15)


def test_moments_are_judged_in_local_time():
    january = P.month(2021, 1)
    # 31/01 23:30 in Hà Nội is 16:30 UTC: still January.
    late = datetime.datetime(2021, 1, 31, 16, 30, tzinfo=datetime.UTC)
    assert january.contains_moment(late)
    assert not P.month(2021, 2).contains_moment(late)


def test_unknown_period_keys_are_refused():
    assert P.parse_key("m2021-13") is None
    assert P.parse_key("q2021-5") is None
    assert P.parse_key("zzz") is None
    assert P.parse_key("m2021-03").start == D(2021, 3, 1)
    assert P.parse_key("m2021-03", cutoff=True).start == D(2021, 2, 15)


@pytest.mark.parametrize(
    "key",
    ["m99999999999999999999-01", "m9999-12", "year9999", "q9999-4", "m0000-01"],
)
def test_keys_of_periods_no_calendar_holds_are_refused(key):
    assert P.parse_key(key) is None  # calendar months: December 9999 ends in 10000


@pytest.mark.parametrize("key", ["m99999999999999999999-01", "m0000-01", "year0000"])
def test_keys_of_periods_before_year_1_or_too_long_are_refused_under_the_cutoff(key):
    assert P.parse_key(key, cutoff=True) is None


def test_a_key_without_its_zero_names_the_period_of_the_written_key():
    assert P.parse_key("m2026-1", cutoff=True).key == "m2026-01"
    assert P.parse_key("q2026-01").key == "q2026-1"
    assert P.parse_key("m2026-001") is None


@pytest.mark.parametrize(
    ("kind", "number", "label"),
    [
        ("month", 3, "tháng 3 năm 2021"),
        ("quarter", 1, "quý I năm 2021"),
        ("quarter", 4, "quý IV năm 2021"),
        ("half", 1, "6 tháng đầu năm 2021"),
        ("nine", 1, "9 tháng năm 2021"),
        ("year", 1, "năm 2021"),
    ],
)
def test_periods_are_named_as_documents_name_them(kind, number, label):
    assert P.report_period(kind, 2021, number).label == label
    assert P.report_period(kind, 2021, number, cutoff=True).label == label


class FakePlan:
    """A plan for 2021, as plan_window reads it."""

    def __init__(self, cutoff):
        self.cutoff, self.starts_on, self.ends_on = (
            cutoff,
            D(2021, 1, 1),
            D(2021, 12, 31),
        )


def test_a_plan_for_a_year_is_that_reporting_year_as_the_plan_counts_it():
    cutoff = P.plan_window(FakePlan(True))
    assert (cutoff.start, cutoff.last_day) == (D(2020, 12, 15), D(2021, 12, 14))
    assert cutoff.label == "năm 2021"
    assert [m.key for m in P.months_in(cutoff)] == [
        f"m2021-{n:02d}" for n in range(1, 13)
    ]
    assert [q.key for q in P.quarters_in(cutoff)] == [
        f"q2021-{n}" for n in (1, 2, 3, 4)
    ]
    calendar = P.plan_window(FakePlan(False))
    assert (calendar.start, calendar.last_day) == (D(2021, 1, 1), D(2021, 12, 31))


def test_report_choices_name_each_period_once():
    values = [value for value, _label in P.report_choices()]
    assert len(values) == len(set(values)) == 4 + 3 + 12
    assert [P.parse_choice(v) for v in ("q1", "half", "m12")] == [
        ("quarter", 1),
        ("half", 1),
        ("month", 12),
    ]
    assert P.parse_choice("q5") is None and P.parse_choice("m0") is None
