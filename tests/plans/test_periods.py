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
    months = P.months_in(quarter, cutoff=True)
    assert [m.key for m in months] == ["m2021-01", "m2021-02", "m2021-03"]
    assert months[0].start == D(2020, 12, 15)


def test_moments_are_judged_in_local_time():
    january = P.month(2021, 1)
    # 31/01 23:30 in Hà Nội is 16:30 UTC: still January.
    late = datetime.datetime(2021, 1, 31, 16, 30, tzinfo=datetime.UTC)
    assert january.contains_moment(late)
    assert not P.month(2021, 2).contains_moment(late)


def test_unknown_period_keys_are_refused():
    window = P.report_period("year", 2021)
    assert P.parse_key("m2021-13", window) is None
    assert P.parse_key("q2021-5", window) is None
    assert P.parse_key("zzz", window) is None
    assert P.parse_key("m2021-03", window).start == D(2021, 3, 1)
