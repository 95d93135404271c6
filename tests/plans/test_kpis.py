"""KPIs computed from logged activities and the plan record: values, the records
behind them, period boundaries and statuses."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from plans import metrics
from plans import periods as P
from plans.models import Activity, Indicator, Task
from plans.selectors import evaluate, evaluate_indicator, status_of

from .factories import assert_pages_agree, make_activity, make_kpi, make_plan, make_task

pytestmark = pytest.mark.django_db
D = datetime.date
TZ = P.local_zone()


def at(*args):
    return datetime.datetime(*args, tzinfo=TZ)


def compute(kpi, periods, now=None):
    """The results with their records, checked against the figures alone (the
    dashboard's and home page's path): both must agree exactly."""
    now = now or at(2022, 1, 1)
    full = kpi.spec.compute(kpi.params, periods, plan=kpi.plan, now=now)
    shown = kpi.spec.values(kpi.params, periods, plan=kpi.plan, now=now)
    assert [(r.value, r.note, r.parts, r.count) for r in shown] == [
        (r.value, r.note, r.parts, r.count) for r in full
    ]
    assert_pages_agree(
        kpi.spec.records(kpi.params, periods, plan=kpi.plan, now=now), full
    )
    assert all(r.records == [] for r in shown)
    return full


def test_activities_are_counted_in_the_month_of_their_date():
    plan = make_plan()
    kpi = make_kpi(plan, params={"kinds": ["conference"]})
    make_activity(D(2021, 1, 31))
    make_activity(D(2021, 2, 1))
    make_activity(D(2021, 2, 1), kind=Activity.Kind.LEAFLET)
    january, february = compute(kpi, [P.month(2021, 1), P.month(2021, 2)])
    assert (january.value, february.value) == (1, 1)


def test_activity_on_the_14th_is_in_that_cutoff_month_and_the_15th_in_the_next():
    plan = make_plan()
    kpi = make_kpi(plan, params={"kinds": ["conference"]})
    on_14 = make_activity(D(2021, 2, 14), title="ngày 14")
    on_15 = make_activity(D(2021, 2, 15), title="ngày 15")
    february, march = compute(
        kpi, [P.month(2021, 2, cutoff=True), P.month(2021, 3, cutoff=True)]
    )
    assert [r.title for r in february.records] == [on_14.title]
    assert [r.title for r in march.records] == [on_15.title]


def test_six_and_nine_month_cutoff_reports_start_on_15_december():
    plan = make_plan()
    kpi = make_kpi(plan, params={"kinds": ["conference"]})
    make_activity(D(2020, 12, 14), title="trước kỳ")
    make_activity(D(2020, 12, 15), title="đầu kỳ")
    make_activity(D(2021, 6, 14), title="cuối 6 tháng")
    make_activity(D(2021, 9, 14), title="cuối 9 tháng")
    half, nine = compute(
        kpi,
        [
            P.report_period("half", 2021, cutoff=True),
            P.report_period("nine", 2021, cutoff=True),
        ],
    )
    assert [r.title for r in half.records] == ["đầu kỳ", "cuối 6 tháng"]
    assert [r.title for r in nine.records] == ["đầu kỳ", "cuối 6 tháng", "cuối 9 tháng"]


@pytest.mark.parametrize(
    ("measure", "expected"),
    [("count", 3), ("quantity", 800), ("participants", 0), ("places", 3)],
)
def test_activity_measures(measure, expected):
    plan = make_plan()
    kpi = make_kpi(plan, params={"kinds": ["leaflet", "poster"], "measure": measure})
    make_activity(
        D(2021, 4, 12), kind="leaflet", quantity=500, places="Bộ phận Một cửa"
    )
    make_activity(
        D(2021, 9, 6), kind="leaflet", quantity=300, places="bộ phận một cửa\nTDP 1"
    )
    make_activity(D(2021, 5, 1), kind="poster", places="Trụ sở UBND")
    (year,) = compute(kpi, [P.report_period("year", 2021)])
    assert year.value == expected
    assert sum(r.amount for r in year.records) == expected


def test_plan_issued_milestone_is_met_only_by_the_date():
    plan = make_plan(issued_on=D(2021, 1, 6))
    on_time = make_kpi(plan, metric="plan_issued", params={"by": "2021-01-31"})
    too_early = make_kpi(plan, metric="plan_issued", params={"by": "2021-01-05"})
    window = [P.report_period("year", 2021)]
    assert compute(on_time, window)[0].value == 1
    assert compute(too_early, window)[0].value == 0
    assert compute(on_time, window)[0].records[0].url == plan.get_absolute_url()


def test_task_milestone_counts_a_done_task_by_its_date():
    plan = make_plan()
    make_task(plan, 1, status=Task.Status.DONE, completed_on=D(2021, 3, 20))
    kpi = make_kpi(plan, metric="task_done", params={"task": 1, "by": "2021-03-31"})
    late = make_kpi(plan, metric="task_done", params={"task": 1, "by": "2021-03-01"})
    window = [P.report_period("year", 2021)]
    assert compute(kpi, window)[0].value == 1
    assert compute(late, window)[0].value == 0


def test_tasks_led_by_matches_the_lead_without_diacritics():
    plan = make_plan()
    make_task(plan, 1, lead="Công chức Văn hóa – xã hội")
    make_task(plan, 2, lead="Văn phòng UBND")
    kpi = make_kpi(plan, metric="tasks_led_by", params={"lead": "van hoa"})
    (result,) = compute(kpi, [P.report_period("year", 2021)])
    assert result.value == 1


@pytest.mark.parametrize(
    ("metric", "params", "message"),
    [
        ("activities", {}, "kinds"),
        ("activities", {"kinds": ["party"]}, "party"),
        ("activities", {"kinds": ["poster"], "measure": "weight"}, "measure"),
        ("activities", {"kinds": ["poster"], "colour": 1}, "colour"),
        ("plan_issued", {"by": "31/01/2021"}, "YYYY-MM-DD"),
        ("task_done", {"task": "một"}, "task"),
        ("tasks_led_by", {}, "lead"),
        ("procedures_posted", {"checked_within_days": -1}, "checked_within_days"),
    ],
)
def test_wrong_parameters_get_a_clear_error(metric, params, message):
    plan = make_plan()
    kpi = Indicator(
        plan=plan, short_name="x", text="x", metric=metric, params=params, target=1
    )
    with pytest.raises(ValidationError) as raised:
        kpi.full_clean()
    assert message in str(raised.value.message_dict["params"])


def test_unknown_metric_is_refused():
    kpi = Indicator(plan=make_plan(), short_name="x", text="x", metric="likes")
    with pytest.raises(ValidationError) as raised:
        kpi.full_clean()
    assert "metric" in raised.value.message_dict


def test_every_metric_documents_its_parameters():
    assert all(m.params_help for m in metrics.REGISTRY.values())


# --- statuses --------------------------------------------------------------------


def test_status_rules():
    march = P.month(2021, 3)
    assert status_of(march, 0, 1, D(2021, 2, 28)) == "notdue"
    assert status_of(march, 0, 1, D(2021, 3, 15)) == "progress"
    assert status_of(march, 1, 1, D(2021, 3, 15)) == "met"
    assert status_of(march, 0, 1, D(2021, 4, 1)) == "missed"


def test_a_future_month_is_never_missed():
    plan = make_plan()
    kpi = make_kpi(
        plan, params={"kinds": ["conference"]}, period=Indicator.Period.MONTH
    )
    make_activity(D(2021, 1, 10))
    row = evaluate_indicator(kpi, plan, P.plan_window(plan), now=at(2021, 3, 10, 9))
    statuses = [c.status for c in row.cells]
    assert statuses[:3] == ["met", "missed", "progress"]
    assert set(statuses[3:]) == {"notdue"}
    assert row.status == "missed"


def test_yearly_kpi_is_in_progress_until_the_year_ends_then_missed():
    plan = make_plan()
    kpi = make_kpi(plan, params={"kinds": ["conference"]}, target=2)
    make_activity(D(2021, 3, 26))
    window = P.plan_window(plan)
    assert evaluate_indicator(kpi, plan, window, now=at(2021, 6, 1)).status == (
        "progress"
    )
    assert evaluate_indicator(kpi, plan, window, now=at(2022, 1, 2)).status == (
        "missed"
    )
    make_activity(D(2021, 10, 15))
    assert evaluate_indicator(kpi, plan, window, now=at(2022, 1, 2)).status == "met"


def test_yearly_kpi_in_a_quarter_report_counts_cumulatively_and_is_not_missed_yet():
    plan = make_plan()
    kpi = make_kpi(plan, params={"kinds": ["conference"]}, target=2)
    make_activity(D(2021, 3, 26))
    make_activity(D(2021, 5, 5))
    q2 = P.report_period("quarter", 2021, 2)
    row = evaluate_indicator(kpi, plan, q2, now=at(2026, 1, 1))
    assert row.value == 1  # held in the quarter
    assert row.cumulative.value == 2  # since the plan started
    assert row.status == "met"
    q1 = P.report_period("quarter", 2021, 1)
    make_kpi(plan, params={"kinds": ["conference"]}, target=5)
    assert evaluate(plan, q1, now=at(2026, 1, 1))[-1].status == "progress"
