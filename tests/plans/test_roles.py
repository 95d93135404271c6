"""Who may do what with the plans: the news writer logs activities and their
evidence, but the plan and its KPIs' targets are the office's (README's demo
logins, docs/huong-dan-can-bo.md's table of roles)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from plans import demo
from plans.models import Activity, Plan
from tests.html_forms import form_data
from thachha_portal.roles import ROLE_NAMES, sync_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(profile):
    return demo.load()  # the 2021 plan, ended


@pytest.fixture
def kpi(plan):
    return plan.indicators.filter(target=2).first()


@pytest.fixture
def bientap(client, make_staff):
    """The demo's news writer: writes news, records airings, logs activities."""
    client.force_login(make_staff("bientap", "editor", "announcer", "activities"))
    return client


@pytest.fixture
def vanphong(client, make_staff):
    """The demo's office: plan, activities, reports, the commune profile."""
    user = make_staff("vanphong", "planner", "activities", "reports", "site")
    client.force_login(user)
    return client


def test_the_news_writer_cannot_change_a_kpis_target(bientap, kpi):
    url = reverse("admin:plans_indicator_change", args=[kpi.pk])
    assert bientap.get(url).status_code == 403
    assert bientap.post(url, {"target": 1}).status_code == 403
    assert bientap.get(reverse("admin:plans_indicator_add")).status_code == 403
    assert bientap.post(reverse("admin:plans_indicator_add"), {}).status_code == 403
    kpi.refresh_from_db()
    assert kpi.target == 2


def test_the_news_writer_cannot_add_or_change_a_plan(bientap, plan):
    plans = Plan.objects.count()
    url = reverse("admin:plans_plan_change", args=[plan.pk])
    assert bientap.get(url).status_code == 403
    assert bientap.post(url, {"number": "99/KH-UBND"}).status_code == 403
    assert bientap.get(reverse("admin:plans_plan_add")).status_code == 403
    assert bientap.post(reverse("admin:plans_plan_add"), {}).status_code == 403
    assert bientap.get(reverse("admin:plans_plan_changelist")).status_code == 403
    plan.refresh_from_db()
    assert plan.number == "02/KH-UBND"
    assert Plan.objects.count() == plans


def test_the_news_writer_still_logs_an_activity_with_its_evidence(bientap, plan):
    home = bientap.get(reverse("admin:index")).content.decode()
    assert "Ghi nhận hoạt động tuyên truyền kèm tài liệu kiểm chứng" in home
    response = bientap.post(
        reverse("admin:plans_activity_add"),
        {
            "kind": "poster",
            "held_on": "10/05/2021",
            "title": "Áp phích CCHC tại nhà văn hóa",
            "evidence-TOTAL_FORMS": "1",
            "evidence-INITIAL_FORMS": "0",
            "evidence-MIN_NUM_FORMS": "0",
            "evidence-MAX_NUM_FORMS": "1000",
            "evidence-0-kind": "link",
            "evidence-0-url": "https://thachha.hatinh.gov.vn/anh/ap-phich",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="Áp phích CCHC tại nhà văn hóa")
    assert activity.evidence.get().url == "https://thachha.hatinh.gov.vn/anh/ap-phich"


def test_the_office_changes_a_kpis_target(vanphong, kpi):
    url = reverse("admin:plans_indicator_change", args=[kpi.pk])
    data = form_data(vanphong.get(url).content.decode(), "")
    data["target"] = "3"
    assert vanphong.post(url, data).status_code == 302
    kpi.refresh_from_db()
    assert kpi.target == 3
    assert vanphong.get(reverse("admin:plans_plan_add")).status_code == 200


def test_an_installs_old_role_is_split_on_upgrade(db, make_staff):
    """The role “Cán bộ kế hoạch, hoạt động tuyên truyền” (plans, KPIs and
    activities) of an existing install: its members keep logging activities,
    and those who also hold the reports role (the office) keep the plans."""
    migration = importlib.import_module("plans.migrations.0010_split_planner_role")
    old = Group.objects.create(name=migration.OLD)
    writer = make_staff("bientap", "editor")
    office = make_staff("vanphong", "reports", "site")
    old.user_set.add(writer, office)

    migration.split(apps, None)
    sync_roles()

    assert not Group.objects.filter(name=migration.OLD).exists()
    assert (
        ROLE_NAMES["activities"],
        ROLE_NAMES["planner"],
    ) == (migration.ACTIVITIES, migration.PLANNER)
    User = get_user_model()
    writer, office = User.objects.get(pk=writer.pk), User.objects.get(pk=office.pk)
    assert writer.has_perm("plans.add_activity")
    assert writer.has_perm("plans.add_evidence")
    assert not writer.has_perm("plans.change_indicator")
    assert not writer.has_perm("plans.add_plan")
    assert office.has_perm("plans.change_indicator")
    assert office.has_perm("plans.add_activity")
