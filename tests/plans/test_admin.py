"""Staff work in the admin: copy a plan to the next year, KPI parameters checked,
uploads checked by content and size, photos need alt text, least privilege."""

import dataclasses
import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from plans import demo, services
from plans.models import (
    Activity,
    Evidence,
    Indicator,
    LegalBasis,
    Plan,
    Section,
    Task,
)
from thachha_portal.roles import ROLE_NAMES
from thachha_portal.uploads import KINDS

from .factories import make_activity, make_plan

pytestmark = pytest.mark.django_db
D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png(width=1600, height=900):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "orange").save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()  # a real picture: a damaged one is refused (thachha_portal/images.py)


@pytest.fixture
def plan(profile):
    return demo.load()


# What the copy changes on purpose; every other field is copied as it is.
CHANGED = {
    Plan: {"number", "issued_on", "status", "signed_scan", "title", "preamble"}
    | {"issuer", "issuer_parent", "place", "starts_on", "ends_on"}
    | {"created_at", "updated_at", "search_title", "search_document"},
    LegalBasis: set(),
    Section: {"body"},
    Task: {"title", "due_on", "status", "completed_on", "evidence"},
    Indicator: {"params", "task", "text", "short_name", "target_note"},
}


def assert_copied(original, copy):
    model = type(original)
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in CHANGED[model] | {"plan"}:
            continue
        assert getattr(copy, field.attname) == getattr(original, field.attname), (
            f"{model.__name__}.{field.name} was not copied"
        )


def test_copy_to_next_year_copies_every_field_but_no_evidence(plan):
    copy = services.plan_copy_to_year(plan=plan, year=2022, today=D(2022, 1, 3))
    assert_copied(plan, copy)
    assert copy.status == Plan.Status.DRAFT
    assert copy.number == "" and copy.issued_on is None and not copy.signed_scan
    assert (copy.starts_on, copy.ends_on) == (D(2022, 1, 1), D(2022, 12, 31))
    assert "2022" in copy.title and "2021" not in copy.title
    for related in ("legal_bases", "sections", "tasks", "indicators"):
        originals = list(getattr(plan, related).order_by("order"))
        copies = list(getattr(copy, related).order_by("order"))
        assert len(copies) == len(originals)
        for original, copied in zip(originals, copies, strict=True):
            assert_copied(original, copied)
    assert copy.indicators.get(order=1).params == {"by": "2022-01-31"}
    # the note beside the KPI names the same deadline as its parameters
    note = copy.indicators.get(order=1).target_note
    assert "31/01/2022" in note and "2021" not in note
    assert not copy.indicators.filter(target_note__contains="2021").exists()
    tasks = list(copy.tasks.all())
    assert all(t.status == Task.Status.TODO and not t.evidence for t in tasks)
    assert all(not t.completed_on for t in tasks)
    # each KPI measures the copy's own task, never the 2021 one
    linked = copy.indicators.exclude(task=None)
    assert linked and all(kpi.task.plan_id == copy.pk for kpi in linked)
    # evidence stays with 2021: the new plan starts empty
    assert Activity.objects.filter(held_on__year=2022).count() == 0
    assert plan.indicators.get(order=1).params == {"by": "2021-01-31"}


def test_copy_takes_the_issuer_in_force_on_the_day_it_is_made(plan, names):
    before = services.plan_copy_to_year(plan=plan, year=2022, today=D(2021, 12, 20))
    assert (before.issuer, before.issuer_parent) == (
        "UBND thị trấn Thạch Hà",
        "UBND huyện Thạch Hà",
    )
    after = services.plan_copy_to_year(plan=plan, year=2026, today=D(2025, 12, 1))
    assert (after.issuer, after.issuer_parent) == (
        "UBND xã Thạch Hà",
        "UBND tỉnh Hà Tĩnh",
    )


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
        "order": 20,
        "short_name": "Hội nghị",
        "text": "Ít nhất 2 hội nghị",
        "metric": "activities",
        "period": "year",
        "target": 2,
        "target_source": "plan",
    }


def test_admin_kpi_form_shows_parameter_errors(client, plan, make_staff):
    client.force_login(make_staff("vanphong", "planner"))
    response = client.post(
        reverse("admin:plans_indicator_add"),
        {**kpi_form(plan), "params": '{"kinds": ["party"]}'},
    )
    assert response.status_code == 200
    assert "party" in response.content.decode()
    assert not Indicator.objects.filter(order=20).exists()
    response = client.post(
        reverse("admin:plans_indicator_add"),
        {**kpi_form(plan), "params": '{"kinds": ["conference"]}'},
    )
    assert response.status_code == 302
    assert Indicator.objects.get(order=20).params == {
        "kinds": ["conference"],
        "measure": "count",
    }


def test_kpi_parameters_that_are_not_json_are_refused_in_vietnamese(
    client, plan, make_staff
):
    """Django has no Vietnamese for these (thachha_portal/django_texts.py)."""
    client.force_login(make_staff("vanphong", "planner"))
    response = client.post(
        reverse("admin:plans_indicator_add"),
        {**kpi_form(plan), "params": '{"kinds": ["conference"]'},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hãy sửa các lỗi được nêu dưới đây." in html
    assert "Nhập đúng dạng JSON" in html
    assert "Please correct" not in html and "valid JSON" not in html
    assert "Ít nhất 2 hội nghị" in html  # the other fields are kept
    assert not Indicator.objects.filter(order=20).exists()


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
    activities = plans_perms("activities")
    assert {"add_plan", "change_indicator", "change_task"} <= planner
    # logging what was done does not carry setting the plan and its targets
    assert activities == {
        f"{action}_{model}"
        for model in ("activity", "evidence")
        for action in ("add", "change", "view")
    }
    assert not planner & activities
    assert not any(c.startswith("delete_") for c in planner | activities)
    assert "view_report" not in planner
    # reports: see and download them, and write report drafts (not the plan)
    assert reports == {
        "view_report",
        "view_plan",
        "add_periodreport",
        "change_periodreport",
        "view_periodreport",
    }


def test_planner_can_open_the_plan_and_activity_forms(client, plan, make_staff):
    client.force_login(make_staff("vanphong", "planner", "activities"))
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
    client.force_login(make_staff("bientap", "activities"))
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
    # The photo chosen is kept (the browser empties the input): sent again
    # with its description alone, the activity is saved with it
    # (thachha_portal/kept_uploads.py).
    assert "anh.png" in response.content.decode()
    del data["evidence-0-photo"]
    data["evidence-0-alt_text"] = "Áp phích CCHC dán tại bảng tin nhà văn hóa"
    response = client.post(reverse("admin:plans_activity_add"), data)
    assert response.status_code == 302
    evidence = Activity.objects.get().evidence.get()
    assert evidence.alt_text.startswith("Áp phích")
    with evidence.photo.open("rb") as photo:
        assert photo.read() == PNG


def test_a_photo_as_evidence_is_kept_and_shown_web_sized(client, profile, make_staff):
    """The photo stays as uploaded (it is evidence); the activity's public page
    shows a copy at most 1,200 pixels wide, without its EXIF."""
    activity = make_activity(D(2021, 5, 10), kind="poster", title="Áp phích CCHC")
    evidence = Evidence(
        activity=activity,
        kind="photo",
        photo=SimpleUploadedFile("anh.png", _png(3000, 2000)),
        alt_text="Áp phích CCHC tại trụ sở UBND",
    )
    evidence.full_clean()
    evidence.save()
    evidence.refresh_from_db()
    with evidence.photo.open("rb") as original:
        assert Image.open(original).size == (3000, 2000)
    with evidence.photo_web.open("rb") as shown:
        picture = Image.open(shown)
        assert (picture.format, picture.size) == ("JPEG", (1200, 800))
    page = client.get(activity.get_absolute_url()).content.decode()
    assert f'src="{evidence.photo_web.url}"' in page
    assert 'width="1200" height="800"' in page  # its place kept while it loads
    assert evidence.photo.url not in page
    assert client.get(evidence.photo_web.url).status_code == 200  # public
    # A phone is offered a copy of 800 pixels, public too.
    with evidence.photo_phone.open("rb") as phone:
        assert Image.open(phone).size == (800, 533)
    srcset = f"{evidence.photo_phone.url} 800w, {evidence.photo_web.url} 1200w"
    assert f'srcset="{srcset}"' in page
    assert client.get(evidence.photo_phone.url).status_code == 200
    # Browsers that read AVIF are offered its copies first, public too.
    copies = {
        evidence.photo_small_avif: (672, 448),
        evidence.photo_phone_avif: (800, 533),
        evidence.photo_avif: (1200, 800),
    }
    for copy, size in copies.items():
        with copy.open("rb") as file:
            avif = Image.open(file)
            assert (avif.format, avif.size) == ("AVIF", size)
        assert client.get(copy.url).status_code == 200
    modern = ", ".join(f"{copy.url} {size[0]}w" for copy, size in copies.items())
    assert f'<picture><source type="image/avif" srcset="{modern}"' in page
    # The photo as uploaded (with where and when it was taken) is for staff.
    assert client.get(evidence.photo.url).status_code == 404
    client.force_login(make_staff("kehoach", "activities"))
    assert client.get(evidence.photo.url).status_code == 200


def test_a_photo_uploaded_before_the_web_copies_is_still_shown(client, profile):
    activity = make_activity(D(2021, 5, 10), kind="poster", title="Áp phích CCHC")
    evidence = Evidence.objects.create(
        activity=activity,
        kind="photo",
        alt_text="Áp phích",
        photo=SimpleUploadedFile("a.png", PNG),
    )
    Evidence.objects.filter(pk=evidence.pk).update(photo_web="")  # as before
    evidence.refresh_from_db()
    page = client.get(activity.get_absolute_url()).content.decode()
    assert f'src="{evidence.photo.url}"' in page
    assert client.get(evidence.photo.url).status_code == 200


def test_the_news_admins_box_counts_this_month_as_the_plans_kpi_does(
    client, make_staff
):
    """At 00:30 on 10/12/2026 (Vietnam) the plan's month 12 runs from 15/11 to
    14/12, and only CCHC items count: the news admin's box says what the
    dashboard says, not the calendar month of every category (a scheduled
    notice published in December said the month was done)."""
    import time_machine

    from bulletins.models import Airing, Bulletin, Category
    from plans.models import Plan

    from .factories import make_kpi, make_plan

    plan = make_plan(
        number="135/KH-UBND",
        issued_on=datetime.date(2025, 12, 26),
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        period_basis=Plan.PeriodBasis.CUTOFF,
    )
    make_kpi(
        plan,
        metric="website_and_loudspeaker",
        params={"categories": ["tin-cchc"]},
        period="month",
    )
    cchc = Category.objects.create(slug="tin-cchc", name="Tin CCHC")
    notice = Category.objects.create(slug="thong-bao", name="Thông báo")
    vn = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")

    def item(category, *moment):
        return Bulletin.objects.create(
            title=f"Tin {category.slug} {moment}",
            category=category,
            summary="Tóm tắt.",
            body="<p>Nội dung.</p>",
            status=Bulletin.Status.PUBLISHED,
            published_at=datetime.datetime(*moment, tzinfo=vn),
        )

    with time_machine.travel(datetime.datetime(2026, 12, 10, 0, 30, tzinfo=vn)):
        counted = item(cchc, 2026, 11, 20, 8)
        for day in (21, 22):
            Airing.objects.create(
                bulletin=counted,
                aired_at=datetime.datetime(2026, 11, day, 6, tzinfo=vn),
                station="Đài truyền thanh xã",
                duration_minutes=5,
                read_by="Nguyễn Văn A",
            )
        item(notice, 2026, 12, 10, 0, 10)
        client.force_login(make_staff("root", superuser=True))
        page = client.get(reverse("admin:bulletins_bulletin_changelist"))
        html = page.content.decode()
    assert "Tháng này: tháng 12 năm 2026 (15/11/2026 – 14/12/2026)" in html
    assert "135/KH-UBND" in html
    assert "Trang web: 1 tin đã đăng" in html
    assert "Loa: 1 tin đã phát" in html  # one item aired twice
    # From 15/12 the month is the next year's, which the plan does not count:
    # the box says so rather than credit the plan with it.
    with time_machine.travel(datetime.datetime(2026, 12, 15, 0, 30, tzinfo=vn)):
        client.force_login(make_staff("root2", superuser=True))  # days later
        html = client.get(reverse("admin:bulletins_bulletin_changelist"))
        html = html.content.decode()
    assert "Tháng này: tháng 1 năm 2027 (15/12/2026 – 14/01/2027)" in html
    assert "Kế hoạch 135/KH-UBND không tính đến tháng này" in html
    assert "Đếm như chỉ tiêu" not in html


def _conference(held_on):
    return {
        "kind": "conference",
        "held_on": held_on,
        "title": "Hội nghị tuyên truyền dịch vụ công trực tuyến",
        "places": "Hội trường UBND xã",
        "participants": "60",
        "evidence-TOTAL_FORMS": "1",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
        "evidence-0-kind": "document",
        "evidence-0-document_number": "41/GM-UBND",
    }


def test_an_activity_dated_after_today_in_vietnam_is_refused(
    client, profile, make_staff
):
    # 18:00 UTC on 07/12/2026 is already 01:00 on 08/12 in Hà Nội
    with time_machine.travel(
        datetime.datetime(2026, 12, 7, 18, tzinfo=datetime.UTC), tick=False
    ):
        client.force_login(make_staff("vanphong", "activities"))
        for typed in ("11/12/2026", "09/12/2026", "01/12/2027"):
            response = client.post(
                reverse("admin:plans_activity_add"), _conference(typed)
            )
            assert response.status_code == 200
            assert response.context["adminform"].form.errors["held_on"] == [
                "Ngày diễn ra ở tương lai (hôm nay là 08/12/2026): chỉ ghi nhận "
                "hoạt động sau khi đã diễn ra."
            ]
            text = response.content.decode()
            assert f'value="{typed}"' in text and "41/GM-UBND" in text
            assert "Hội nghị tuyên truyền dịch vụ công trực tuyến" in text
        assert not Activity.objects.exists()
        saved = client.post(
            reverse("admin:plans_activity_add"), _conference("08/12/2026")
        )
        assert saved.status_code == 302
        assert Activity.objects.get().held_on == D(2026, 12, 8)


def test_an_activity_dated_before_the_first_plan_is_refused(
    client, profile, make_staff
):
    client.force_login(make_staff("vanphong", "activities"))
    response = client.post(
        reverse("admin:plans_activity_add"), _conference("01/01/1900")
    )
    assert response.context["adminform"].form.errors["held_on"] == [
        "Ngày diễn ra trước 01/01/2021, ngày bắt đầu kế hoạch tuyên truyền đầu "
        "tiên: hãy kiểm tra lại năm."
    ]
    assert 'value="01/01/1900"' in response.content.decode()
    assert not Activity.objects.exists()
    # a 2021 plan counted from the 15th began on 15/12/2020
    make_plan(period_basis=Plan.PeriodBasis.CUTOFF)
    refused = client.post(
        reverse("admin:plans_activity_add"), _conference("14/12/2020")
    )
    assert "trước 15/12/2020" in refused.context["adminform"].form.errors["held_on"][0]
    saved = client.post(reverse("admin:plans_activity_add"), _conference("15/12/2020"))
    assert saved.status_code == 302
