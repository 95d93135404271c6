"""Plain builder functions for plans tests."""

import datetime

from bulletins.models import Airing, Bulletin, Category
from plans import periods as P
from plans.models import Activity, Indicator, Plan, Task
from thachha_portal import pagecache

D = datetime.date


def make_plan(**overrides):
    values = {
        "number": "02/KH-UBND",
        "issued_on": D(2021, 1, 6),
        "issuer": "UBND thị trấn Thạch Hà",
        "issuer_parent": "UBND huyện Thạch Hà",
        "title": "Thực hiện công tác tuyên truyền cải cách hành chính năm 2021",
        "starts_on": D(2021, 1, 1),
        "ends_on": D(2021, 12, 31),
        "status": Plan.Status.IN_FORCE,
    }
    values.update(overrides)
    plan = Plan(**values)
    plan.full_clean()
    plan.save()
    return plan


def make_kpi(plan, metric="activities", params=None, **overrides):
    values = {
        "plan": plan,
        "order": plan.indicators.count() + 1,
        "short_name": f"KPI {metric}",
        "text": "Chỉ tiêu thử",
        "metric": metric,
        "params": params if params is not None else {"kinds": ["conference"]},
        "target": 1,
        "period": Indicator.Period.YEAR,
    }
    values.update(overrides)
    kpi = Indicator(**values)
    kpi.full_clean()
    kpi.save()
    return kpi


def make_activity(held_on, kind=Activity.Kind.CONFERENCE, **overrides):
    values = {"kind": kind, "held_on": held_on, "title": f"Hoạt động {held_on}"}
    values.update(overrides)
    return Activity.objects.create(**values)


def make_task(plan, order=1, **overrides):
    values = {
        "plan": plan,
        "order": order,
        "title": "Xây dựng kế hoạch",
        "lead": "Công chức Văn hóa – xã hội",
        "coordinators": "Văn phòng UBND",
    }
    values.update(overrides)
    return Task.objects.create(**values)


def assert_pages_agree(listed, results):
    """``listed`` (a metric's ``records``, as the drill-down pages them) holds
    the records of ``results`` (its ``compute``) one period after the other, in
    whole and in every slice of two (which crosses from one period to the next)."""
    everything = [record for result in results for record in result.records]
    assert len(listed) == len(everything)
    assert list(listed) == everything
    for start in range(len(everything)):
        assert listed[start : start + 2] == everything[start : start + 2]


def add_items(first, count):
    """Items of the year, every one aired twice the day it is published."""
    category = Category.objects.get_or_create(slug="tin-cchc", name="Tin CCHC")[0]
    items = Bulletin.objects.bulk_create(
        Bulletin(
            title=f"Tin {n}",
            slug=f"tin-{n}",
            category=category,
            status="published",
            published_at=datetime.datetime(2021, 1, 1, 8, tzinfo=P.local_zone())
            + datetime.timedelta(hours=n * 28),
        )
        for n in range(first, first + count)
    )
    Airing.objects.bulk_create(
        Airing(
            bulletin=item,
            aired_at=item.published_at + datetime.timedelta(minutes=minutes),
            station="Đài truyền thanh xã",
            duration_minutes=5,
            read_by="Phát thanh viên",
        )
        for item in items
        for minutes in (0, 10)
    )
    pagecache.invalidate()  # as every bulk write of the portal does
