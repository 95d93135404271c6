import unicodedata

import pytest
from django.db import connection
from django.urls import reverse

from procedures.selectors import catalogue
from thachha_portal.search import search_everything

from .factories import make_field, make_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(db):
    ho_tich = make_field("Hộ tịch")
    return {
        "khai_sinh": make_procedure(
            "Thủ tục đăng ký khai sinh",
            code="1.001193",
            field=ho_tich,
            keywords="làm giấy khai sinh\ngiấy khai sinh",
        ),
        "khai_tu": make_procedure(
            "Thủ tục đăng ký khai tử", code="1.000656", field=ho_tich, keywords="báo tử"
        ),
        "doc_than": make_procedure(
            "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
            code="1.004873",
            field=ho_tich,
            keywords="giấy độc thân",
        ),
        "sao_y": make_procedure(
            "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
            code="2.000815",
            field=make_field("Chứng thực"),
            keywords="sao y\ncông chứng",
        ),
        "so_do": make_procedure(
            "Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
            code="1.013978",
            field=make_field("Đất đai"),
            keywords="sổ đỏ",
        ),
        "gpxd": make_procedure(
            "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
            code="1.013225",
            field=make_field("Xây dựng"),
            keywords="GPXD",
        ),
        "hoa_giai": make_procedure(
            "Hòa giải tranh chấp đất đai", code="1.012812", field=make_field("Đất đai")
        ),
    }


def codes(query):
    return [p.code for p in catalogue(query=query)]


def test_search_without_diacritics_finds_procedure(listing):
    assert codes("dang ky khai sinh")[0] == "1.001193"


def test_search_folds_d_with_stroke(listing):
    assert codes("Đăng ký khai tử")[0] == "1.000656"
    assert codes("dang ky khai tu")[0] == "1.000656"


def test_search_matches_decomposed_input(listing):
    nfd = unicodedata.normalize("NFD", "đăng ký khai sinh")
    assert nfd != "đăng ký khai sinh"
    assert codes(nfd)[0] == "1.001193"


def test_both_tone_placements_match(listing):
    assert codes("hoà giải")[0] == "1.012812"
    assert codes("hòa giải")[0] == "1.012812"


def test_multiple_words_in_any_order_match(listing):
    assert codes("khai sinh dang ky")[0] == "1.001193"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("sổ đỏ", "1.013978"),
        ("so do", "1.013978"),
        ("sao y", "2.000815"),
        ("công chứng", "2.000815"),
        ("giấy độc thân", "1.004873"),
        ("làm giấy khai sinh", "1.001193"),
        ("báo tử", "1.000656"),
        ("GPXD", "1.013225"),
        ("gpxd", "1.013225"),
        ("giấy phép xây dựng", "1.013225"),
    ],
)
def test_everyday_words_find_the_procedure_first(listing, query, code):
    assert codes(query)[0] == code


def test_name_matches_rank_before_matches_elsewhere(listing):
    make_procedure(
        "Thủ tục cấp bản sao trích lục hộ tịch",
        code="2.000635",
        field=listing["khai_sinh"].field,
        description="Dùng khi cần bản sao giấy tờ đăng ký khai sinh.",
    )
    assert codes("dang ky khai sinh") == ["1.001193", "2.000635"]


def test_withdrawn_procedure_is_not_found(listing):
    listing["khai_sinh"].status = "withdrawn"
    listing["khai_sinh"].save()
    assert "1.001193" not in codes("khai sinh")


def test_search_page_lists_ranked_results(client, profile, listing):
    html = client.get(reverse("procedures:list"), {"q": "dang ky khai sinh"}).content
    html = html.decode()
    assert "Tìm thấy 1 thủ tục cho “dang ky khai sinh”" in html
    assert "Thủ tục đăng ký khai sinh" in html


def test_no_match_page_helps_the_visitor(client, profile, listing):
    html = client.get(reverse("procedures:list"), {"q": "xyzzy"}).content.decode()
    assert "Không tìm thấy kết quả cho “xyzzy”" in html
    assert "sổ đỏ" in html  # suggests everyday words
    assert "0239 1022" in html  # the hotline
    assert reverse("procedures:list") in html


def test_site_wide_search_includes_procedures(profile, listing):
    sections = search_everything("sao y")
    section = next(s for s in sections if s.key == "procedures")
    assert section.hits[0].url == "/thu-tuc/2.000815/"
    assert section.more_url == "/thu-tuc/?q=sao+y"


def test_site_search_page_shows_procedures(client, profile, listing):
    html = client.get(reverse("search"), {"q": "bao tu"}).content.decode()
    assert "Thủ tục đăng ký khai tử" in html


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="typo tolerance uses pg_trgm"
)
def test_small_typos_still_find_the_procedure_on_postgresql(listing):
    assert codes("dang ky khai sihn")[0] == "1.001193"
