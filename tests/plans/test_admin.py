"""Staff work in the admin: copy a plan to the next year, KPI parameters checked,
uploads checked by content and size, photos need alt text, least privilege."""

import dataclasses
import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bulletins.uploads import KINDS
from plans import demo, services
from plans.models import Activity, Evidence, Indicator, Plan, Task
from thachha_portal.roles import ROLE_NAMES

from .factories import make_activity

pytestmark = pytest.mark.django_db
D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def plan(profile):
    return demo.load()


def test_copy_to_next_year_copies_the_structure_but_no_evidence(plan):
    copy = services.plan_copy_to_year(plan=plan, year=2022)
    assert copy.status == Plan.Status.DRAFT
    assert copy.number == "" and copy.issued_on is None and not copy.signed_scan
    assert (copy.starts_on, copy.ends_on) == (D(2022, 1, 1), D(2022, 12, 31))
    assert "2022" in copy.title
    assert copy.sections.count() == plan.sections.count()
    assert copy.legal_bases.count() == plan.legal_bases.count()
    assert copy.indicators.count() == 9
    assert copy.indicators.get(order=1).params == {"by": "2022-01-31"}
    tasks = list(copy.tasks.all())
    assert len(tasks) == plan.tasks.count()
    assert all(t.status == Task.Status.TODO and not t.evidence for t in tasks)
    assert all(not t.completed_on for t in tasks)
    # evidence stays with 2021: the new plan starts empty
    assert Activity.objects.filter(held_on__year=2022).count() == 0
    assert plan.indicators.get(order=1).params == {"by": "2021-01-31"}


def test_admin_action_copies_the_plan(client, plan, make_staff):
    client.force_login(make_staff("vanphong", "planner"))
    response = client.post(
        reverse("admin:plans_plan_changelist"),
        {"action": "copy_to_next_year", "_selected_action": [plan.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert Plan.objects.filter(status="draft", starts_on=D(2022, 1, 1)).exists()


def kpi_form(plan):
    return {
        "plan": plan.pk,
        "order": 10,
        "short_name": "Hội nghị",
        "text": "Ít nhất 2 hội nghị",
        "metric": "activities",
        "period": "year",
        "target": 2,
    }


def test_admin_kpi_form_shows_parameter_errors(client, plan, make_staff):
    client.force_login(make_staff("vanphong", "planner"))
    response = client.post(
        reverse("admin:plans_indicator_add"),
        {**kpi_form(plan), "params": '{"kinds": ["party"]}'},
    )
    assert response.status_code == 200
    assert "party" in response.content.decode()
    assert not Indicator.objects.filter(order=10).exists()
    response = client.post(
        reverse("admin:plans_indicator_add"),
        {**kpi_form(plan), "params": '{"kinds": ["conference"]}'},
    )
    assert response.status_code == 302
    assert Indicator.objects.get(order=10).params == {
        "kinds": ["conference"],
        "measure": "count",
    }


def validate_signed_scan(upload):
    for validator in Plan._meta.get_field("signed_scan").validators:
        validator(upload)


def test_signed_scan_must_really_be_a_pdf():
    validate_signed_scan(SimpleUploadedFile("ke-hoach.pdf", PDF))
    with pytest.raises(ValidationError) as raised:
        validate_signed_scan(SimpleUploadedFile("ke-hoach.pdf", b"MZ\x90\x00 not pdf"))
    assert raised.value.code == "file_content"
    with pytest.raises(ValidationError) as raised:
        validate_signed_scan(SimpleUploadedFile("ke-hoach.docx", PDF))
    assert raised.value.code == "file_type"


def test_oversized_scan_is_refused_with_its_size(monkeypatch):
    monkeypatch.setitem(KINDS, "pdf", dataclasses.replace(KINDS["pdf"], max_bytes=10))
    with pytest.raises(ValidationError) as raised:
        validate_signed_scan(SimpleUploadedFile("ke-hoach.pdf", PDF))
    assert raised.value.code == "file_size"


def test_photo_evidence_needs_alt_text(profile):
    activity = make_activity(D(2021, 5, 10), kind="poster")
    evidence = Evidence(
        activity=activity, kind="photo", photo=SimpleUploadedFile("a.png", PNG)
    )
    with pytest.raises(ValidationError) as raised:
        evidence.full_clean()
    assert "alt_text" in raised.value.message_dict
    evidence.alt_text = "Áp phích CCHC tại trụ sở UBND"
    evidence.full_clean()


def test_each_evidence_kind_needs_its_content(profile):
    activity = make_activity(D(2021, 5, 10))
    for kind, field in [
        ("file", "file"),
        ("link", "url"),
        ("document", "document_number"),
    ]:
        with pytest.raises(ValidationError) as raised:
            Evidence(activity=activity, kind=kind).full_clean()
        assert field in raised.value.message_dict


def test_a_plan_in_force_needs_number_and_date(profile):
    plan = Plan(
        issuer="UBND",
        title="Kế hoạch",
        starts_on=D(2021, 1, 1),
        ends_on=D(2021, 12, 31),
        status=Plan.Status.IN_FORCE,
    )
    with pytest.raises(ValidationError):
        plan.full_clean()


def test_roles_give_least_privilege(db):
    from thachha_portal.roles import sync_roles

    sync_roles()

    def plans_perms(role):
        group = Group.objects.get(name=ROLE_NAMES[role])
        return set(
            group.permissions.filter(content_type__app_label="plans").values_list(
                "codename", flat=True
            )
        )

    planner, reports = plans_perms("planner"), plans_perms("reports")
    assert {"add_activity", "change_indicator", "add_evidence"} <= planner
    assert not any(c.startswith("delete_") for c in planner)
    assert "view_report" not in planner
    assert reports == {"view_report", "view_plan"}


def test_planner_can_open_the_plan_and_activity_forms(client, plan, make_staff):
    client.force_login(make_staff("vanphong", "planner"))
    response = client.get(reverse("admin:plans_plan_change", args=[plan.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "website_and_loudspeaker" in text  # the metric list and its parameters
    assert client.get(reverse("admin:plans_activity_add")).status_code == 200
    assert client.get(reverse("admin:plans_activity_changelist")).status_code == 200
    assert (
        client.get(reverse("admin:plans_plan_delete", args=[plan.pk])).status_code
        == 403
    )


def test_activity_with_a_photo_is_logged_in_the_admin(client, profile, make_staff):
    client.force_login(make_staff("bientap", "planner"))
    data = {
        "kind": "poster",
        "held_on": "10/05/2021",
        "title": "Áp phích CCHC tại nhà văn hóa",
        "places": "Nhà văn hóa Tổ dân phố 1",
        "evidence-TOTAL_FORMS": "1",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
        "evidence-0-kind": "photo",
        "evidence-0-photo": SimpleUploadedFile("anh.png", PNG, "image/png"),
        "evidence-0-alt_text": "",
    }
    response = client.post(reverse("admin:plans_activity_add"), data)
    assert response.status_code == 200  # refused: no alt text
    assert "người không nhìn thấy ảnh" in response.content.decode()
    assert not Activity.objects.exists()
    data["evidence-0-photo"] = SimpleUploadedFile("anh.png", PNG, "image/png")
    data["evidence-0-alt_text"] = "Áp phích CCHC dán tại bảng tin nhà văn hóa"
    response = client.post(reverse("admin:plans_activity_add"), data)
    assert response.status_code == 302
    assert Activity.objects.get().evidence.get().alt_text.startswith("Áp phích")
