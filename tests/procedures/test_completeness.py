"""The completeness check: every part NĐ 63/2010 Art. 8(2) and TT 02/2017 ask of
a listing, with what is missing, in the admin list and on the admin form."""

import pytest
from django.urls import reverse

from procedures import completeness
from procedures.models import Channel, DossierItem, LegalBasis, Procedure

from .factories import make_procedure

pytestmark = pytest.mark.django_db


def problems(procedure):
    procedure = Procedure.objects.with_parts().get(pk=procedure.pk)
    return {part.key: part.problem for part in completeness.missing(procedure)}


def test_a_complete_listing_has_no_missing_part():
    assert problems(make_procedure()) == {}


def test_an_empty_listing_misses_every_part_but_those_it_has():
    missing = problems(make_procedure(parts=False))
    assert set(missing) == {
        "steps",
        "channels",
        "dossier",
        "processing_time",
        "result",
        "legal_basis",
        "decision",
    }


def test_online_procedure_without_an_online_row_is_incomplete():
    procedure = make_procedure(online_level="full")
    assert "Trực tuyến" in problems(procedure)["channels"]
    Channel.objects.create(
        procedure=procedure, kind="online", processing_time="Trong ngày", fee="Không"
    )
    assert problems(procedure) == {}


def test_online_row_on_a_procedure_not_offered_online_is_flagged():
    procedure = make_procedure()
    Channel.objects.create(
        procedure=procedure, kind="online", processing_time="Trong ngày", fee="Không"
    )
    assert "channels" in problems(procedure)


def test_form_named_or_required_without_a_file_or_link_is_missing():
    procedure = make_procedure()
    DossierItem.objects.create(
        procedure=procedure, name="Đơn đề nghị theo mẫu", originals=1, order=2
    )
    assert "Đơn đề nghị theo mẫu" in problems(procedure)["forms"]


def test_papers_only_shown_need_no_quantity_but_do_not_make_a_dossier():
    procedure = make_procedure(parts=False)
    DossierItem.objects.create(
        procedure=procedure, name="Căn cước", presented=True, originals=0
    )
    assert problems(procedure)["dossier"] == "không có giấy tờ nào phải nộp"
    DossierItem.objects.create(procedure=procedure, name="Tờ trình", originals=0)
    assert "Tờ trình" in problems(procedure)["dossier"]


def test_legal_basis_needs_all_four_columns_and_fees_must_be_stated():
    procedure = make_procedure()
    LegalBasis.objects.create(procedure=procedure, number="85/2019/TT-BTC", summary="")
    Channel.objects.filter(procedure=procedure).update(fee="")
    missing = problems(procedure)
    assert "85/2019/TT-BTC" in missing["legal_basis"]
    assert "Trực tiếp" in missing["fees"]


def test_admin_list_and_form_show_each_part(client, make_staff):
    complete = make_procedure("Thủ tục đăng ký khai sinh")
    empty = make_procedure("Thủ tục đăng ký kết hôn", parts=False)
    client.force_login(make_staff("motcua", "procedures"))
    listing = client.get(reverse("admin:procedures_procedure_changelist"))
    html = listing.content.decode()
    assert "Đủ (12/12)" in html
    assert "Còn thiếu:" in html and "căn cứ pháp lý" in html
    form = client.get(reverse("admin:procedures_procedure_change", args=[empty.pk]))
    html = form.content.decode()
    assert "✗" in html and "trình tự thực hiện" in html
    assert "số hoặc ngày chưa ghi" in html
    form = client.get(reverse("admin:procedures_procedure_change", args=[complete.pk]))
    assert "✗" not in form.content.decode()


def test_admin_list_queries_do_not_grow_with_procedures(
    client, make_staff, django_assert_max_num_queries
):
    client.force_login(make_staff("motcua", "procedures"))
    url = reverse("admin:procedures_procedure_changelist")
    make_procedure()
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _ in range(8):
        make_procedure()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
