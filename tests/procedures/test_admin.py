import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from procedures.models import Feedback, LegalBasis, Procedure, Step
from thachha_portal.dates import format_date

from .factories import make_procedure

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:procedures_procedure_changelist")
EXPORT = reverse("admin:procedures_feedback_export")
IMPORT = reverse("admin:procedures_procedure_import")


@pytest.mark.parametrize("url", [CHANGELIST, EXPORT, IMPORT])
def test_anonymous_visitor_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/quan-tri/login/" in response["Location"]


def test_wrong_role_is_forbidden(client, make_staff):
    client.force_login(make_staff("bientap", "editor"))
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_procedures_role_can_list_and_edit_but_not_delete(client, make_staff):
    procedure = make_procedure()
    user = make_staff("motcua", "procedures")
    client.force_login(user)
    assert client.get(CHANGELIST).status_code == 200
    change = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    assert client.get(change).status_code == 200
    delete = reverse("admin:procedures_procedure_delete", args=[procedure.pk])
    assert client.get(delete).status_code == 403
    assert not user.has_perm("procedures.delete_procedure")


@pytest.mark.parametrize("role", ["procedures", "reports"])
def test_feedback_export_for_procedures_and_reports_roles(client, make_staff, role):
    procedure = make_procedure(code="1.001193")
    Feedback.objects.create(procedure=procedure, helpful=False, comment="Thiếu mẫu")
    client.force_login(make_staff("staff", role))
    response = client.get(EXPORT)
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert "1.001193" in text and "Thiếu mẫu" in text and "không" in text
    changelist = client.get(reverse("admin:procedures_feedback_changelist"))
    assert changelist.status_code == 200
    assert EXPORT in changelist.content.decode()


def test_withdraw_action_hides_the_procedure_and_logs_who(client, make_staff):
    procedure = make_procedure()
    client.force_login(make_staff("motcua", "procedures"))
    response = client.post(
        CHANGELIST,
        {"action": "withdraw", "_selected_action": [procedure.pk]},
        follow=True,
    )
    assert response.status_code == 200
    procedure.refresh_from_db()
    assert procedure.status == Procedure.Status.WITHDRAWN
    assert LogEntry.objects.filter(object_id=str(procedure.pk)).exists()
    assert client.get(procedure.get_absolute_url()).status_code == 404


def admin_form_data(procedure, **changes):
    data = {
        "code": procedure.code,
        "name": procedure.name,
        "field": procedure.field_id,
        "level": "commune",
        "status": "active",
        "implementing_agency": "Ủy ban nhân dân xã",
        "applicants": "Công dân Việt Nam",
        "online_level": "none",
        "keywords": "",
    }
    for prefix in ("steps", "channels", "dossier_items", "legal_bases"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    data.update(changes)
    return data


def test_admin_save_rebuilds_the_search_document_with_new_dossier_items(
    client, make_staff
):
    procedure = make_procedure(parts=False)
    client.force_login(make_staff("motcua", "procedures"))
    data = admin_form_data(
        procedure,
        **{
            "dossier_items-TOTAL_FORMS": 1,
            "dossier_items-0-name": "Giấy chứng sinh",
            "dossier_items-0-originals": 1,
            "dossier_items-0-copies": 0,
            "dossier_items-0-order": 1,
        },
    )
    change = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    response = client.post(change, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    procedure.refresh_from_db()
    assert "giay chung sinh" in procedure.search_document
    history = client.get(change).content.decode()
    assert "Ai đã sửa gì" in history and "motcua" in history


def test_admin_shows_a_vietnamese_message_for_a_bad_code(client, make_staff):
    procedure = make_procedure(parts=False)
    client.force_login(make_staff("motcua", "procedures"))
    change = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    html = client.post(change, admin_form_data(procedure, code="1.0011")).content
    assert "Nhập mã thủ tục đúng như trên Cổng Dịch vụ công quốc gia" in html.decode()


def test_changelist_flags_missing_mandatory_parts_and_finds_without_diacritics(
    client, make_staff
):
    make_procedure("Thủ tục đăng ký khai sinh", code="1.001193")
    make_procedure("Thủ tục đăng ký kết hôn", code="1.000894", parts=False)
    client.force_login(make_staff("motcua", "procedures"))
    html = client.get(CHANGELIST).content.decode()
    assert "Đủ" in html
    assert "Còn thiếu:" in html and "trình tự thực hiện" in html
    found = client.get(CHANGELIST, {"q": "ket hon"}).content.decode()
    assert "Thủ tục đăng ký kết hôn" in found and "khai sinh" not in found


def test_a_way_to_file_is_listed_once(client, make_staff):
    procedure = make_procedure(parts=False)
    client.force_login(make_staff("motcua", "procedures"))
    channel = {"kind": "direct", "processing_time": "1 ngày", "order": 1}
    data = admin_form_data(procedure, **{"channels-TOTAL_FORMS": 2})
    for n in range(2):
        data.update({f"channels-{n}-{k}": v for k, v in channel.items()})
    change = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    response = client.post(change, data)
    assert response.status_code == 200
    assert procedure.channels.count() == 0


def test_feedback_export_defuses_spreadsheet_formulas(client, make_staff):
    procedure = make_procedure(code="1.001193")
    Feedback.objects.create(procedure=procedure, helpful=False, comment="=HYPERLINK(1)")
    client.force_login(make_staff("staff", "reports"))
    text = client.get(EXPORT).content.decode("utf-8")
    assert "'=HYPERLINK(1)" in text


def test_procedures_role_removes_a_wrong_step_while_editing(client, make_staff):
    procedure = make_procedure(parts=False)
    right = Step.objects.create(procedure=procedure, order=1, text="Nộp hồ sơ.")
    wrong = Step.objects.create(procedure=procedure, order=2, text="Bước nhập nhầm.")
    client.force_login(make_staff("motcua", "procedures"))
    change = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    assert 'name="steps-0-DELETE"' in client.get(change).content.decode()
    data = admin_form_data(procedure, **{"steps-TOTAL_FORMS": 2})
    data["steps-INITIAL_FORMS"] = 2
    for n, step in enumerate([right, wrong]):
        data.update(
            {
                f"steps-{n}-id": step.pk,
                f"steps-{n}-procedure": procedure.pk,
                f"steps-{n}-order": step.order,
                f"steps-{n}-text": step.text,
            }
        )
    data["steps-1-DELETE"] = "on"
    response = client.post(change, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [s.text for s in procedure.steps.all()] == ["Nộp hồ sơ."]
    entry = LogEntry.objects.filter(object_id=str(procedure.pk)).latest("action_time")
    assert "Bước nhập nhầm." in entry.get_change_message()


def test_only_a_superuser_deletes_a_procedure(client, make_staff):
    procedure = make_procedure()
    delete = reverse("admin:procedures_procedure_delete", args=[procedure.pk])
    client.force_login(make_staff("motcua", "procedures"))
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Procedure.objects.filter(pk=procedure.pk).exists()
    client.force_login(make_staff("admin", superuser=True))
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Procedure.objects.filter(pk=procedure.pk).exists()


def test_a_decision_dated_after_today_is_refused_and_the_form_kept(client, make_staff):
    """A slip of the year (2062 for 2026) would be printed on the page and its
    sheet: refused with the reason, every typed value still in the form."""
    procedure = make_procedure(parts=False)
    client.force_login(make_staff("motcua", "procedures"))
    change = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    typed = admin_form_data(
        procedure,
        name="Thủ tục đăng ký khai sinh (đã sửa)",
        decision_number="1234/QĐ-UBND",
        decision_date="01/05/2062",
        desk_checked_on="02/05/2062",
    )
    response = client.post(change, typed)
    assert response.status_code == 200
    html = response.content.decode()
    today = format_date(timezone.localdate())
    assert f"01/05/2062 chưa đến (hôm nay là {today}): hãy kiểm tra lại năm." in html
    assert f"02/05/2062 chưa đến (hôm nay là {today})" in html
    assert "Thủ tục đăng ký khai sinh (đã sửa)</textarea>" in html
    assert 'value="1234/QĐ-UBND"' in html
    procedure.refresh_from_db()
    assert procedure.decision_date is None
    assert client.post(change, {**typed, "decision_date": today}).status_code == 200
    ok = {**typed, "decision_date": today, "desk_checked_on": today}
    assert client.post(change, ok).status_code == 302
    procedure.refresh_from_db()
    assert procedure.decision_date == timezone.localdate()


def test_a_future_date_stored_before_the_rule_blocks_no_other_edit(client, make_staff):
    """A decision dated after today saved by an older release (before the
    rule): an edit of another field is saved; changing the date to another
    one after today is still refused; the list's filter finds it."""
    later = timezone.localdate() + datetime.timedelta(days=400)
    procedure = make_procedure(parts=False)
    Procedure.objects.filter(pk=procedure.pk).update(decision_date=later)
    other = make_procedure("Thủ tục khác", parts=False)
    client.force_login(make_staff("motcua", "procedures"))
    change = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    kept = admin_form_data(
        procedure, name="Tên đã sửa", decision_date=format_date(later)
    )
    assert client.post(change, kept).status_code == 302
    procedure.refresh_from_db()
    assert (procedure.name, procedure.decision_date) == ("Tên đã sửa", later)
    moved = format_date(later + datetime.timedelta(days=1))
    refused = client.post(change, {**kept, "decision_date": moved})
    assert refused.status_code == 200
    assert f"{moved} chưa đến" in refused.content.decode()
    listing = reverse("admin:procedures_procedure_changelist")
    found = client.get(listing, {"ngay_chua_den": "1"}).content.decode()
    assert "Tên đã sửa" in found and other.code not in found
    assert other.code in client.get(listing).content.decode()


def test_opening_a_procedure_with_a_date_not_come_says_which(client, make_staff):
    """The change form warns of each stored date after today, the
    procedure's own and its legal bases', so that staff correct the year."""
    today = timezone.localdate()
    later = today + datetime.timedelta(days=400)
    procedure = make_procedure(parts=False)
    Procedure.objects.filter(pk=procedure.pk).update(decision_date=later)
    basis = LegalBasis.objects.create(
        procedure=procedure, number="60/2014/QH13", summary="Luật Hộ tịch"
    )
    LegalBasis.objects.filter(pk=basis.pk).update(issued_on=later)
    client.force_login(make_staff("motcua", "procedures"))
    change = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    page = client.get(change).content.decode()
    said = f"là {format_date(later)}, ngày chưa đến (hôm nay là {format_date(today)})"
    assert f"“Ngày quyết định công bố” của thủ tục này {said}" in page
    assert f"“Ngày ban hành” của căn cứ pháp lý 60/2014/QH13 {said}" in page
    other = make_procedure("Thủ tục khác", parts=False)
    quiet = reverse("admin:procedures_procedure_change", args=[other.pk])
    assert "ngày chưa đến" not in client.get(quiet).content.decode()


def test_desk_records_the_number_of_sets_of_selected_procedures_at_once(
    client, make_staff
):
    """After the upgrade that added it, every procedure reads "Đang cập
    nhật.": the action asks the value on a page of its own, checks it as the
    field does, records it in each and in each one's history."""
    first = make_procedure("Đăng ký khai sinh", dossier_quantity="")
    second = make_procedure("Đăng ký kết hôn", dossier_quantity="")
    untouched = make_procedure("Đăng ký khai tử", dossier_quantity="")
    listing = reverse("admin:procedures_procedure_changelist")
    chosen = {
        "action": "set_dossier_quantity",
        "_selected_action": [first.pk, second.pk],
    }
    client.force_login(make_staff("motcua", "procedures"))
    asked = client.post(listing, chosen)
    assert asked.status_code == 200
    page = asked.content.decode()
    assert "Đăng ký khai sinh" in page and "Đăng ký kết hôn" in page
    assert "Đăng ký khai tử" not in page
    assert 'name="dossier_quantity"' in page
    blank = client.post(listing, {**chosen, "apply": "1", "dossier_quantity": " "})
    assert blank.status_code == 200
    assert "Trường này là bắt buộc." in blank.content.decode()
    too_long = client.post(
        listing, {**chosen, "apply": "1", "dossier_quantity": "x" * 301}
    )
    assert too_long.status_code == 200
    assert not Procedure.objects.exclude(dossier_quantity="").exists()
    done = client.post(listing, {**chosen, "apply": "1", "dossier_quantity": "01 bộ"})
    assert done.status_code == 302
    for procedure in (first, second, untouched):
        procedure.refresh_from_db()
    assert [first.dossier_quantity, second.dossier_quantity] == ["01 bộ", "01 bộ"]
    assert untouched.dossier_quantity == ""
    entry = LogEntry.objects.filter(object_id=str(first.pk)).latest("action_time")
    assert "số lượng hồ sơ" in entry.get_change_message().lower()
    assert entry.user.username == "motcua"
    client.logout()
    shown = client.get(first.get_absolute_url())
    assert "01 bộ" in shown.content.decode()
    client.force_login(make_staff("vanhoa", "planner"))
    refused = client.post(listing, {**chosen, "apply": "1", "dossier_quantity": "02"})
    assert refused.status_code == 403
    first.refresh_from_db()
    assert first.dossier_quantity == "01 bộ"
