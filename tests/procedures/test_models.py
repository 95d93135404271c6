import unicodedata

import pytest
from django.core.exceptions import ValidationError

from procedures.models import Procedure
from procedures.services import procedures_set_status

from .factories import make_field, make_procedure

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "code", ["1.001193", "2.000815", "1.000894.01", "1.001612.000.00.00.H01"]
)
def test_official_code_formats_are_accepted(code):
    procedure = make_procedure(code=code, parts=False)
    assert procedure.code == code
    assert procedure.get_absolute_url() == f"/thu-tuc/{code}/"


@pytest.mark.parametrize("code", ["1001193", "1.00119", "A.001193", "1.001193.", ""])
def test_malformed_codes_are_refused_with_a_vietnamese_message(code):
    with pytest.raises(ValidationError) as error:
        make_procedure(code=code or " ", parts=False)
    assert "Nhập mã thủ tục" in " ".join(error.value.message_dict["code"])


def test_code_stays_text_with_its_zeros():
    procedure = make_procedure(code="1.000100", parts=False)
    assert Procedure.objects.get(pk=procedure.pk).code == "1.000100"


def test_duplicate_code_is_refused_in_vietnamese():
    make_procedure(code="1.001193", parts=False)
    with pytest.raises(ValidationError) as error:
        make_procedure(code="1.001193", parts=False)
    assert "Đã có thủ tục với mã này" in " ".join(error.value.message_dict["code"])


def test_text_is_stored_in_nfc():
    decomposed = unicodedata.normalize("NFD", "Thủ tục đăng ký khai sinh")
    procedure = make_procedure(decomposed, parts=False)
    assert procedure.name == unicodedata.normalize("NFC", decomposed)


def test_dossier_counts_read_as_on_the_official_record():
    item = make_procedure().dossier_items.get()
    assert item.counts == "Bản chính: 1 – Bản sao: 0"


def test_search_columns_include_keywords_field_and_dossier():
    procedure = make_procedure(
        "Đăng ký đất đai lần đầu", field=make_field("Đất đai"), keywords="sổ đỏ\nbìa đỏ"
    )
    assert procedure.search_title == "dang ki dat dai lan dau"
    for words in ("so do", "bia do", "dat dai", "to khai theo mau", "mau to khai"):
        assert words in procedure.search_document
    assert procedure.search_keywords == "|so do|bia do|"


def test_withdrawn_procedure_is_kept_but_not_published():
    procedure = make_procedure()
    procedures_set_status(procedures=[procedure], status=Procedure.Status.WITHDRAWN)
    assert Procedure.objects.filter(pk=procedure.pk).exists()
    assert not Procedure.objects.published().filter(pk=procedure.pk).exists()


def test_under_commune_authority_leaves_out_other_levels():
    commune = make_procedure(parts=False)
    make_procedure("Cấp tỉnh", parts=False, level=Procedure.Level.PROVINCE)
    assert list(Procedure.objects.under_commune_authority()) == [commune]


def test_filing_url_is_the_national_portal_page_when_offered_online():
    offline = make_procedure(parts=False)
    online = make_procedure(
        code="1.001193", parts=False, online_level=Procedure.OnlineLevel.FULL
    )
    assert offline.filing_url == ""
    assert online.filing_url == (
        "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html"
        "?ma_thu_tuc=1.001193"
    )
