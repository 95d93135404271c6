import pickle
import unicodedata
from contextlib import contextmanager

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse

from procedures.selectors import catalogue
from tests.bulletins.factories import make_bulletin
from thachha_portal.models import SearchMiss
from thachha_portal.search import engine, search_everything

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


def in_the_birth_field(listing, name, **kwargs):
    """A procedure of the civil-status field that 1.001193 (khai sinh) is in."""
    return make_procedure(name, field=listing["khai_sinh"].field, **kwargs)


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
        ("đám ma", "1.000656"),
        ("đẻ con", "1.001193"),
        ("vợ đẻ con làm giấy gì", "1.001193"),
        ("ĐKKS", "1.001193"),
        ("dkkt", "1.000656"),
    ],
)
def test_everyday_words_find_the_procedure_first(listing, query, code):
    assert codes(query)[0] == code


def test_what_follows_de_after_a_request_is_its_purpose_not_giving_birth(listing):
    """Folded, "để" is "đẻ": after a request, "để con …" is what it is for,
    not "đẻ con" (registering a birth)."""
    assert codes("chứng thực giấy tờ để con đi học")[0] == "2.000815"
    assert "1.001193" not in codes("chứng thực giấy tờ để con đi học")


@pytest.mark.parametrize("query", ["tin tức", "tin tuc", "thông báo", "bản tin"])
def test_the_catalogue_points_to_the_news_and_lists_no_procedure_for_them(
    listing, client, query
):
    """Typed into the procedures' search box, "tin tức" asks for the news: the
    page leads to them and lists no procedure that holds "tin" and "tức"
    apart ("thông tin", "thủ tục") as if it matched."""
    make_procedure(
        "Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch",
        code="1.004859",
        field=listing["khai_sinh"].field,
    )
    make_procedure("Thông báo tổ chức lễ hội cấp xã", code="1.003622")
    html = client.get(reverse("procedures:list"), {"q": query}).text
    assert f'href="{reverse("bulletins:list")}"' in html
    assert "muc=tin-tuc" in html
    assert "Mã 1.004859" not in html
    assert "Mã 1.003622" not in html


def test_a_procedure_named_with_the_news_words_is_still_found(listing, client):
    make_procedure("Thông báo tổ chức lễ hội cấp xã", code="1.003622")
    html = client.get(
        reverse("procedures:list"), {"q": "thông báo tổ chức lễ hội"}
    ).text
    assert "Mã 1.003622" in html
    assert f'href="{reverse("bulletins:list")}"' not in html.split("<main")[1]


@pytest.mark.parametrize("query", ["đám tang", "dam tang", "ma chay", "tang lễ"])
def test_a_funeral_leads_to_the_death_registration_then_the_allowance(
    listing, client, query
):
    """After a death the family first registers it, then asks for the burial
    allowance: a funeral lists both, the death registration first."""
    make_procedure(
        "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
        code="1.001731",
        field=make_field("Bảo trợ xã hội"),
    )
    html = client.get(reverse("procedures:list"), {"q": query}).text
    death = html.find("Thủ tục đăng ký khai tử")
    allowance = html.find("Hỗ trợ chi phí mai táng")
    assert 0 < death < allowance


def test_de_typed_with_its_marks_is_not_giving_birth(listing, client):
    """ "để" and "đẻ" (give birth) fold alike: typed with its circumflex, "để
    con đi học" is what the papers are for, not a birth to register — even
    right after "đẻ con" was searched (one cached outcome for both)."""
    page = reverse("procedures:list")
    assert "Thủ tục đăng ký khai sinh" in client.get(page, {"q": "hồ sơ đẻ con"}).text
    html = client.get(page, {"q": "hồ sơ để con"}).text
    assert "Thủ tục đăng ký khai sinh" not in html
    assert "1.001193" not in codes("hồ sơ để con đi học")


def test_a_query_typed_with_or_without_its_marks_is_kept_once(
    listing, settings, django_assert_num_queries
):
    """Marks that deny no phrase of the vocabulary change nothing in how a
    query is read: the search cache keeps one outcome for both spellings, and
    the second is answered without the database. "để con" keeps its own."""
    from procedures.search import search_catalogue

    settings.SEARCH_CACHE_SECONDS = 300
    first = search_catalogue("dang ky khai sinh", log=False).pks
    assert first[0] == listing["khai_sinh"].pk
    with django_assert_num_queries(0):
        assert search_catalogue("Đăng ký khai sinh", log=False).pks == first
    assert search_catalogue("hồ sơ đẻ con", log=False).pks[0] == first[0]
    assert listing["khai_sinh"].pk not in search_catalogue("hồ sơ để con").pks


def test_de_con_without_marks_followed_by_school_is_a_purpose(listing):
    """Typed without marks, "de con" followed by what a child does later
    ("đi học", "nhập học") is "để con": a child being born does neither."""
    assert "1.001193" not in codes("ho so de con di hoc")
    assert "1.001193" not in codes("giay to de con nhap hoc")
    assert codes("de con")[0] == "1.001193"
    assert codes("vo de con lam giay gi")[0] == "1.001193"


@pytest.mark.parametrize(
    "query",
    ["người có công", "nguoi co cong", "người có công với cách mạng"],
)
def test_the_people_with_merit_are_found_by_the_name_of_their_field(listing, query):
    """The field's procedures name the people they are for (liệt sĩ, thương
    binh, …), not the field; other procedures only exempt them from a fee."""
    make_procedure(
        "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ",
        code="1.010803",
        field=make_field("Người có công"),
    )
    in_the_birth_field(
        listing,
        "Thủ tục cấp bản sao trích lục hộ tịch",
        code="2.000635",
        description="Miễn lệ phí cho người có công với cách mạng.",
    )
    assert codes(query)[0] == "1.010803"


def test_name_matches_rank_before_matches_elsewhere(listing):
    in_the_birth_field(
        listing,
        "Thủ tục cấp bản sao trích lục hộ tịch",
        code="2.000635",
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
    assert "Tìm “xyzzy” trên Cổng Dịch vụ công quốc gia" in html
    assert "?keyword=xyzzy" in html
    assert "Công an xã" in html  # residence, ID cards, vehicles


@pytest.mark.parametrize("query", ["😀", "!!!", "😀 ?!"])
@pytest.mark.parametrize("page", ["procedures:list", "search"])
def test_a_query_without_letters_or_digits_says_so(
    client, profile, listing, page, query
):
    """Nothing to search for: the page says what a search needs, keeps what
    was typed in its box, and counts no search for staff."""
    html = client.get(reverse(page), {"q": query}).content.decode()
    assert (
        f"Để tìm kiếm, hãy gõ chữ hoặc số: “{query}” không có chữ hay số nào." in html
    )
    assert f'value="{query}"' in html
    assert not SearchMiss.objects.exists()


def test_a_search_without_result_is_counted_without_personal_data(profile, listing):
    catalogue(query="Xin giấy phép bắn pháo hoa, ĐT 0912345678")
    catalogue(query="xin giay phep ban phao hoa, dt 0987654321")
    miss = SearchMiss.objects.get()
    assert miss.query == "xin giay phep ban phao hoa dt #"
    assert miss.count == 2
    assert miss.kind == SearchMiss.Kind.NOTHING
    catalogue(query="làm hộ chiếu")
    assert SearchMiss.objects.get(query="lam ho chieu").kind == "elsewhere"
    catalogue(query="dang ky khai sinh")  # found: not counted
    assert SearchMiss.objects.count() == 2


def test_site_wide_search_includes_procedures(profile, listing):
    sections = search_everything("sao y")
    section = next(s for s in sections if s.key == "procedures")
    assert section.hits[0].url == "/thu-tuc/2.000815/"
    assert section.more_url == "/thu-tuc/?q=sao+y"


def test_site_search_page_shows_procedures(client, profile, listing):
    html = client.get(reverse("search"), {"q": "bao tu"}).content.decode()
    assert "Thủ tục đăng ký khai tử" in html


@pytest.mark.parametrize("query", ["dk khai sinh", "đk khai sinh", "ĐK khai sinh"])
def test_dk_is_read_as_dang_ky(client, profile, listing, query):
    make_bulletin(
        title="Triển khai kế hoạch năm 2021", body="<p>Khai sinh, đk trực tuyến.</p>"
    )
    assert codes(query)[0] == "1.001193"
    html = client.get(reverse("search"), {"q": query}).content.decode()
    assert "Thủ tục đăng ký khai sinh" in html


def test_dk_is_dang_ky_typed_out(listing):
    """ "đăng ký" stands in most names: its abbreviation is no term of its own.
    It lists no "Đăng ký …" procedure for a word the index does not know, nor
    for a matter handled elsewhere that one procedure mentions, and names that
    matter as "đăng ký …" does."""
    in_the_birth_field(
        listing,
        "Thủ tục đăng ký kết hôn",
        code="1.000894",
        description="Nộp tại nơi thường trú hoặc tạm trú của một trong hai bên.",
    )
    assert codes("đk kết hôn")[0] == "1.000894"
    for query in ("đk xe", "dk tạm trú", "dk xe máy"):
        assert codes(query) == codes(query.replace("k", "ăng ký", 1)) == []
    found = catalogue(query="dk xe máy")
    assert [t.title for t in found.topics] == ["Đăng ký xe, biển số xe"]


@pytest.mark.parametrize("query", ["tin tức", "bản tin tháng", "tin tức khai sinh"])
def test_a_query_that_names_the_news_puts_them_first(client, profile, listing, query):
    """ "tin" and "tức" stand apart in many procedures ("thông tin", "thủ
    tục"): the procedures come after the news the query asks for."""
    in_the_birth_field(
        listing,
        "Thủ tục đăng ký lại khai sinh",
        code="1.004884",
        description="Bản tin, thông tin khai sinh, tức thì theo thủ tục.",
    )
    make_bulletin(body="<p>Bản tin tháng: thông tin về thủ tục khai sinh.</p>")
    sections = [s.key for s in search_everything(query)]
    assert sections == ["bulletins", "procedures"]
    html = client.get(reverse("search"), {"q": query}).content.decode()
    assert html.index('id="sec-bulletins"') < html.index('id="sec-procedures"')
    assert [s.key for s in search_everything("thông tin khai sinh")] == [
        "procedures",
        "bulletins",
    ]


def test_the_site_search_without_result_helps_as_the_catalogue_does(
    client, profile, listing
):
    html = client.get(reverse("search"), {"q": "xyzzy"}).content.decode()
    assert "Không tìm thấy kết quả cho “xyzzy”" in html
    assert "Tìm “xyzzy” trên Cổng Dịch vụ công quốc gia" in html
    html = client.get(reverse("search"), {"q": "làm hộ chiếu"}).content.decode()
    assert html.count("không do Ủy ban nhân dân xã giải quyết") == 1


def test_the_site_search_offers_procedures_of_a_similar_name_beside_news(
    client, profile, listing
):
    """No procedure holds the words together, some news do: the nearest names
    the catalogue would offer are offered above them."""
    make_bulletin(body="<p>Đăng ký kết hôn, khai sinh trực tuyến.</p>")
    assert codes("kết hôn khai sinh") == []
    html = client.get(reverse("search"), {"q": "kết hôn khai sinh"}).content.decode()
    assert "Tin cải cách hành chính số 001" in html
    assert "Thủ tục có tên gần giống" in html
    assert 'href="/thu-tuc/1.001193/"' in html


@pytest.mark.parametrize(
    "query",
    [
        "dang ky khai sihn",
        "dang ki khia sinh",
        "ddawng kys khai sinh",
        "dăng ky khai sinh",
    ],
)
def test_small_typos_and_telex_residue_still_find_the_procedure(listing, query):
    assert codes(query)[0] == "1.001193"


@pytest.mark.parametrize("query", ["dang ki khia sinh", "dang ky khai sihn"])
def test_a_word_no_procedure_holds_is_corrected_without_searching_it_first(
    listing, query, monkeypatch, settings
):
    """The lexicon counts every syllable of every procedure: a query with one
    it does not know finds nothing as typed, so the engine corrects it without
    asking the database first (one query fewer); the results are the same as
    when it asks."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thachha_portal.search import engine

    settings.SEARCH_CACHE_SECONDS = 0  # each search run, not read back
    codes(query)  # the vocabulary and the lexicon, once
    with CaptureQueriesContext(connection) as shortcut:
        found = codes(query)
    monkeypatch.setattr(engine, "_findable", lambda *_args: True)
    with CaptureQueriesContext(connection) as asked:
        assert codes(query) == found
    assert found[0] == "1.001193"
    assert len(shortcut) == len(asked) - 1


def test_a_corrected_search_says_what_it_searched_for(client, profile, listing):
    html = client.get(reverse("procedures:list"), {"q": "dang ki khia sinh"})
    html = html.content.decode()
    assert "Dưới đây là kết quả cho “dang ki khai sinh”" in html
    assert "Thủ tục đăng ký khai sinh" in html


@pytest.mark.parametrize("query", ["dang ki khia sinh", "khai sinh", "so do"])
def test_a_search_read_back_from_the_cache_shows_the_same_page(
    client, profile, listing, settings, query
):
    """The search cache keeps only what a page shows of an outcome (the hits'
    ids and shown columns, the corrections, the matters handled elsewhere):
    the page it gives is the page the search itself gave, without the
    search's queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.SEARCH_CACHE_SECONDS = 300
    url = reverse("procedures:list")
    with CaptureQueriesContext(connection) as searched:
        first = client.get(url, {"q": query}).content.decode()
    with CaptureQueriesContext(connection) as read_back:
        again = client.get(url, {"q": query}).content.decode()
    assert again == first
    assert len(read_back) < len(searched)
    assert not any("search_vector" in q["sql"] or "_fts" in q["sql"] for q in read_back)
    # Without Redis no subscription tells a worker of an edit: it keeps no copy
    # of its own (tests/core/test_localpages.py has the copies).
    assert not engine._outcomes


def test_i_and_y_spellings_are_one(listing):
    assert codes("đăng kí khai sinh")[0] == "1.001193"
    assert codes("Đăng ký khai sinh")[0] == "1.001193"


def test_words_match_whole_syllables_not_parts_of_them(listing):
    # "hoa" (hòa giải) is not part of "hoãn", "cho" not part of "chống".
    make_procedure("Hoãn thi hành quyết định", code="1.900001")
    make_procedure("Hỗ trợ phòng, chống thiên tai", code="1.900002")
    assert codes("hoan") == ["1.900001"]
    assert codes("hoa giai") == ["1.012812"]
    assert "1.900002" not in codes("cho")


def test_a_shorter_closer_name_wins_a_tie(listing):
    in_the_birth_field(
        listing,
        "Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em "
        "dưới 6 tuổi",
        code="2.000986",
    )
    assert codes("đăng ký khai sinh")[:2] == ["1.001193", "2.000986"]


def test_a_natural_question_finds_its_procedure(listing):
    assert codes("làm giấy khai sinh cho con cần những giấy tờ gì")[0] == "1.001193"
    assert codes("đăng ký khai tử mất bao lâu")[0] == "1.000656"


def test_a_base_procedure_comes_before_its_variants(listing):
    in_the_birth_field(
        listing,
        "Thủ tục đăng ký lại khai sinh",
        code="1.004884",
    )
    assert codes("đăng ký khai sinh")[:2] == ["1.001193", "1.004884"]
    assert codes("đăng ký lại khai sinh")[0] == "1.004884"


def test_two_syllables_typed_without_a_space_are_read_apart(listing):
    assert codes("khaisinh")[0] == "1.001193"
    assert codes("dang ky kethon") == []  # "kethon": no such pair in the names


@pytest.mark.parametrize(
    "query", ["dangky khai sinh", "đăngký khai sinh", "dangkykhaisinh"]
)
def test_syllables_typed_without_their_spaces_are_read_apart(listing, query):
    """ "dangky": the index says "ki" for "ký" and "kí" alike; and more than
    two syllables run together, each making a term with a neighbour."""
    assert codes(query)[0] == "1.001193"


@pytest.mark.parametrize(
    "query",
    [
        "dang ky khai sinh2",
        "dang ky khai sinh1",
        "khai sinh2",
        "đăng ký khai sinh2",
        "dang ky1 khai sinh",
        "d9a8ng ky1 khai sinh",
    ],
)
def test_vni_residue_still_finds_the_procedure(listing, query):
    """Typed with the VNI input method off, a mark stays as a digit after its
    letter ("sinh2" for "sinh", "ky1" for "ký")."""
    assert codes(query)[0] == "1.001193"


def test_a_vni_residue_search_says_what_it_searched_for(client, profile, listing):
    html = client.get(reverse("procedures:list"), {"q": "dang ky1 khai sinh2"})
    html = html.content.decode()
    assert "Dưới đây là kết quả cho “dang ki khai sinh”" in html
    assert "Thủ tục đăng ký khai sinh" in html


def test_a_lost_paper_is_asked_for_again(listing):
    tat = make_field("Bảo trợ xã hội")
    make_procedure(
        "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật",
        code="1.001699",
        field=tat,
    )
    make_procedure("Đổi, cấp lại Giấy xác nhận khuyết tật", code="1.001653", field=tat)
    assert codes("mất giấy xác nhận khuyết tật")[0] == "1.001653"
    assert codes("giấy xác nhận khuyết tật")[0] == "1.001699"


def test_a_lost_certificate_is_copied_from_the_register_first(listing):
    in_the_birth_field(
        listing,
        "Thủ tục đăng ký lại khai sinh",
        code="1.004884",
    )
    in_the_birth_field(
        listing,
        "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh",
        code="2.000635",
    )
    assert codes("mất giấy khai sinh")[:2] == ["2.000635", "1.004884"]
    # The paper named first, then said lost: the same request.
    assert codes("giấy khai sinh bị mất")[:2] == ["2.000635", "1.004884"]
    assert codes("bi mat giay khai sinh")[:2] == ["2.000635", "1.004884"]
    assert codes("làm lại khai sinh bị mất")[0] == "1.004884"


def test_what_follows_a_copy_is_the_paper_copied(listing):
    in_the_birth_field(
        listing,
        "Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em "
        "dưới 6 tuổi",
        code="2.000986",
    )
    assert codes("chứng thực bản sao sổ hộ khẩu")[0] == "2.000815"
    assert codes("sao y giấy khai sinh")[0] == "2.000815"


@pytest.mark.parametrize(
    "query", ["giấy phép lái xe", "làm hộ chiếu", "đăng ký xe máy", "giá vàng hôm nay"]
)
def test_matters_the_commune_does_not_handle_list_nothing(listing, query):
    assert codes(query) == []


def test_out_of_scope_search_says_where_to_go(client, profile, listing):
    html = client.get(reverse("procedures:list"), {"q": "bằng lái xe máy"})
    html = html.content.decode()
    assert "Giấy phép lái xe: không do Ủy ban nhân dân xã giải quyết" in html
    assert "Phòng Cảnh sát giao thông, Công an tỉnh Hà Tĩnh" in html
    assert (
        "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html"
        "?keyword=b%E1%BA%B1ng+l%C3%A1i+xe+m%C3%A1y"
    ) in html
    assert 'class="result-list"' not in html


def test_a_matter_handled_elsewhere_is_listed_when_the_commune_lists_it(listing):
    make_procedure("Đăng ký tạm trú", code="1.004194", field=make_field("Cư trú"))
    results = catalogue(query="đăng ký tạm trú cho con")
    assert [p.code for p in results] == ["1.004194"]
    assert [t.title for t in results.topics] == [
        "Cư trú: thường trú, tạm trú, tạm vắng"
    ]


def test_a_lost_land_certificate_is_not_the_household_business_reissue(listing):
    make_procedure(
        "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh",
        code="2.000575",
        field=make_field("Thành lập và hoạt động của hộ kinh doanh"),
    )
    for query in ("cap lai so do", "mất sổ đỏ", "lam lai so hong", "so do bi mat"):
        results = catalogue(query=query)
        assert [p.code for p in results] == [], query
        assert [t.title for t in results.topics] == ["Cấp lại sổ đỏ, sổ hồng bị mất"], (
            query
        )
    assert codes("cấp lại giấy chứng nhận đăng ký hộ kinh doanh")[0] == "2.000575"
    assert codes("sổ đỏ")[0] == "1.013978"


def test_a_commune_that_lists_the_land_certificate_reissue_shows_it(listing):
    make_procedure(
        "Cấp lại Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền "
        "với đất do bị mất",
        code="1.012000",
        field=listing["so_do"].field,
    )
    assert codes("so do bi mat") == ["1.012000"]
    assert codes("cấp lại sổ đỏ") == ["1.012000"]


def test_a_search_code_finds_its_procedure(listing):
    assert codes("1.004873") == ["1.004873"]


def test_a_query_of_only_common_words_is_searched_as_typed(listing):
    assert "1.001193" in codes("thủ tục")


def test_the_closest_name_is_found_however_many_records_match(listing, monkeypatch):
    """At province scale a query matches more records than are ranked: those
    holding it in their name are taken too, the shortest names first — even
    when the database's rough rank prefers short records dense with the words."""
    from thachha_portal.search import engine

    monkeypatch.setattr(engine, "LIMIT", 3)
    base = listing["khai_sinh"]
    base.description = " ".join(["Người yêu cầu nộp tờ khai và giấy tờ theo mẫu."] * 30)
    base.save()
    for n in range(6):
        make_procedure(
            f"Thủ tục đăng ký khai sinh lưu động đợt {n}",
            code=f"1.90{n:04d}",
            field=base.field,
            parts=False,
        )
    assert codes("khai sinh")[0] == "1.001193"


def test_searches_alike_in_shape_each_find_their_own_records(listing):
    """A worker builds the SQL of a search once per shape (as many words, the
    same filters) and runs it again: the words searched and the values of
    the filters still decide what is found."""
    assert codes("khai tu")[0] == "1.000656"
    assert codes("hoa giai")[0] == "1.012812"

    def in_field(query, slug):
        return [p.code for p in catalogue(query=query, field_slug=slug)]

    assert in_field("dang ky", "ho-tich") == ["1.001193", "1.000656"]
    assert in_field("dang ky", "dat-dai") == ["1.013978"]
    assert in_field("dang ky", "chung-thuc") == []


def prepared_statements(connection):
    """(statement, runs) of what this PostgreSQL session prepared."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements"
        )
        return cursor.fetchall()


@pytest.fixture
def own_connection():
    """``connect(prepared)``: a PostgreSQL connection of its own (another
    worker's, a migration's), outside the test's transaction, its prepared
    statements on or off; closed after the test."""
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's prepared statements")
    made = []

    def connect(prepared=True):
        settings_dict = {**connection.settings_dict, "PREPARED_STATEMENTS": prepared}
        made.append(type(connections["default"])(settings_dict))
        return made[-1]

    yield connect
    for wrapper in made:
        wrapper.close()


def plus_one(wrapper, number):
    """A statement through the prepared cursor of ``wrapper``."""
    with wrapper.prepared_cursor() as cursor:
        cursor.execute("SELECT %s::int + 1", [number])
        return cursor.fetchone()[0]


def test_on_postgresql_a_search_shape_is_prepared_once_for_every_words(listing):
    """On PostgreSQL the procedures' candidates statement is parsed and planned
    once per connection and run again for other words, which still decide what
    is found; the news', whose plan depends on the words, is planned each
    time."""
    from django.db import connection

    from bulletins.models import Bulletin
    from thachha_portal.search import get_index, search

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's prepared statements")
    assert codes("khai tu")[0] == "1.000656"
    assert codes("hoa giai")[0] == "1.012812"
    search(get_index("bulletins"), Bulletin.objects.published(), "khai sinh")
    prepared = prepared_statements(connection)
    candidates = [runs for sql, runs in prepared if "procedures_procedure" in sql]
    assert candidates and max(candidates) == 2  # one statement, both searches
    assert not [sql for sql, _runs in prepared if "bulletins_bulletin" in sql]


@pytest.mark.parametrize("allowed", [True, False])
def test_prepared_statements_can_be_turned_off_for_a_pooler(allowed, own_connection):
    """DATABASE_PREPARED_STATEMENTS=False (behind a pooler that cannot keep
    them): the same cursor prepares nothing, and runs the statement alike."""
    wrapper = own_connection(prepared=allowed)
    assert plus_one(wrapper, 41) == 42
    runs = [r for sql, r in prepared_statements(wrapper) if "+ 1" in sql]
    assert runs == ([1] if allowed else [])


@pytest.mark.parametrize("pooler_does", ["forgets", "shares"])
def test_behind_a_pooler_that_loses_prepared_statements_none_are_prepared(
    pooler_does, own_connection, monkeypatch, caplog
):
    """Behind a pooler in transaction mode (PgBouncer before 1.21), the server
    connection that runs a statement may not hold what was prepared on another,
    or may hold another client's statement under the same name: the statement
    runs unprepared, the process prepares nothing more, and says why once."""
    from thachha_portal.postgresql import base

    monkeypatch.setattr(base, "_pooled", False)
    worker = own_connection()
    worker.ensure_connection()
    server = worker.connection.pgconn  # below psycopg: what the pooler does
    if pooler_does == "forgets":
        assert plus_one(worker, 1) == 2
        server.exec_(b"DEALLOCATE ALL")
    else:
        server.exec_(b"PREPARE _pg3_0 AS SELECT 'another client'")
    with caplog.at_level("WARNING", logger=base.__name__):
        assert plus_one(worker, 41) == 42
        assert plus_one(worker, 42) == 43
    assert base._pooled
    assert caplog.text.count("DATABASE_PREPARED_STATEMENTS=False") == 1
    assert [runs for sql, runs in prepared_statements(worker) if "+ 1" in sql] == []


@pytest.mark.parametrize("in_a_transaction", [False, True])
def test_a_prepared_statement_outlives_a_migration_of_what_it_reads(
    in_a_transaction, own_connection
):
    """A migration (another process) changes the type of a column that a
    worker's prepared statement reads: PostgreSQL refuses the plan ("cached
    plan must not change result type"). The worker's next run of it works:
    at once outside a transaction, after the rollback within one."""
    from django.db import DatabaseError

    worker, migration = own_connection(), own_connection()

    def read():
        with worker.prepared_cursor() as cursor:
            cursor.execute("SELECT code FROM prepared_trial WHERE code = %s", ["x"])
            return cursor.fetchall()

    try:
        with migration.cursor() as cursor:
            cursor.execute("CREATE TABLE prepared_trial (code varchar(10))")
            cursor.execute("INSERT INTO prepared_trial VALUES ('x')")
        assert read() == [("x",)]
        with migration.cursor() as cursor:
            cursor.execute("ALTER TABLE prepared_trial ALTER code TYPE varchar(20)")
        if in_a_transaction:
            worker.set_autocommit(False)
            with pytest.raises(DatabaseError):
                read()
            worker.rollback()
        assert read() == [("x",)]
    finally:
        worker.close()  # its transaction would hold the table
        with migration.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS prepared_trial")


def test_a_worker_takes_the_lexicon_another_built_until_an_edit(
    listing, settings, tmp_path, monkeypatch, django_assert_num_queries
):
    """With a cache the install's processes share (the disk cache here, Redis
    alike), the first worker that needs an index's lexicon reads the rows;
    another takes it from the cache without a query. After an edit the stamps
    moved: what was shared is not taken, and the new word is known."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "thachha_portal.caches.DiskCache",
            "LOCATION": str(tmp_path / "cache"),
        },
    }
    index = engine.get_index("procedures")
    built = engine.lexicon(index)  # by this worker
    monkeypatch.setattr(engine, "_lexicons", {})  # another worker's first search
    with django_assert_num_queries(0):
        taken = engine.lexicon(index)
    assert taken is not built
    assert (taken.records, taken.frequency, taken.pairs, taken.terms) == (
        built.records,
        built.frequency,
        built.pairs,
        built.terms,
    )
    assert taken.knows("sinh") and not taken.knows("zokovi")
    procedure = listing["gpxd"]
    procedure.search_title += " zokovi"
    procedure.save()
    monkeypatch.setattr(engine, "_lexicons", {})
    assert engine.lexicon(index).knows("zokovi")


def test_a_lexicon_shares_its_counts_not_what_a_worker_derives(listing):
    """A name is weighed once per worker (each search ranks the same names
    again) as its syllables weigh; what another worker takes of the lexicon
    stays its counts, however much this worker derived from them."""
    lexicon = engine.lexicon(engine.get_index("procedures"))
    name = listing["gpxd"].search_title
    weight = lexicon.name_weight(name)
    assert weight == pytest.approx(sum(lexicon.weight(w) for w in name.split()))
    shared = len(pickle.dumps(lexicon))
    lexicon.correction_index()
    for procedure in listing.values():
        lexicon.name_weight(procedure.search_title)
    assert len(pickle.dumps(lexicon)) == shared
    taken = pickle.loads(pickle.dumps(lexicon))  # noqa: S301 - our own bytes
    assert taken.name_weight(name) == weight


@contextmanager
def a_request():
    """Django's signals around an edit, as the admin's request sends them;
    the test's database connection kept open, as the test client keeps it."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    request_started.send(sender=None)
    try:
        yield
    finally:
        request_finished.send(sender=None)
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def test_the_process_that_edits_builds_the_lexicon_after_its_response(
    listing, settings, tmp_path, monkeypatch, django_assert_num_queries
):
    """With a shared cache, the request that changed an index (an edit in the
    admin) builds its lexicon again once its response has gone, and shares
    it: the first search after the edit, in any worker, takes it."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "thachha_portal.caches.DiskCache",
            "LOCATION": str(tmp_path / "cache"),
        },
    }
    index = engine.get_index("procedures")
    engine.lexicon(index)  # this worker holds it
    procedure = listing["gpxd"]
    with a_request():  # an edit in the admin, then its response has gone
        procedure.search_title += " zokovi"
        procedure.save()
    monkeypatch.setattr(engine, "_lexicons", {})  # another worker's first search
    with django_assert_num_queries(0):
        assert engine.lexicon(index).knows("zokovi")


def test_with_a_cache_of_the_process_alone_an_edit_builds_nothing_after(
    listing, monkeypatch
):
    """Local memory (the tests' cache; a dev server's): nothing is shared, so
    the edit's request leaves the lexicon to the next search."""
    index = engine.get_index("procedures")
    engine.lexicon(index)
    builds = []
    build = engine._load_lexicon
    monkeypatch.setattr(
        engine, "_load_lexicon", lambda index: builds.append(1) or build(index)
    )
    with a_request():
        listing["gpxd"].save()
    assert builds == []
    assert engine.lexicon(index) and builds == [1]  # the next search


def test_a_field_filter_that_hides_every_match_says_so_and_links_every_field(
    client, profile, listing
):
    """A field chosen and words typed that the field does not hold but another
    does: not "nothing found" with spelling advice, and no miss for staff."""
    url = reverse("procedures:list")
    response = client.get(url, {"q": "khai sinh", "linh_vuc": "dat-dai"})
    html = response.content.decode()
    assert "Không có thủ tục nào trong lĩnh vực Đất đai khớp với “khai sinh”" in html
    assert "Có 1 kết quả ở các lĩnh vực khác." in html
    assert 'href="?q=khai+sinh">Tìm “khai sinh” trong tất cả lĩnh vực</a>' in html
    assert "Không tìm thấy kết quả" not in html
    assert "Kiểm tra chính tả" not in html
    assert not SearchMiss.objects.exists()
    # The link leads to them.
    html = client.get(url, {"q": "khai sinh"}).content.decode()
    assert "Thủ tục đăng ký khai sinh" in html
    # Found nowhere: the advice, and a miss for staff, as without a filter.
    html = client.get(url, {"q": "phao hoa", "linh_vuc": "dat-dai"}).content.decode()
    assert "Không tìm thấy kết quả cho “phao hoa”" in html
    assert "Kiểm tra chính tả" in html
    assert SearchMiss.objects.get().query == "phao hoa"


def test_filters_that_hide_every_match_are_named_and_can_be_dropped(
    client, profile, listing
):
    url = reverse("procedures:list")
    query = {"q": "sao y", "linh_vuc": "chung-thuc", "truc_tuyen": "full"}
    html = client.get(url, query).content.decode()
    assert (
        "Không có thủ tục nào khớp với “sao y” theo bộ lọc đã chọn (Chứng thực; "
        "Dịch vụ công trực tuyến toàn trình)" in html
    )
    assert "Có 1 kết quả khi bỏ bộ lọc." in html
    assert 'href="?q=sao+y">Tìm “sao y” khi bỏ bộ lọc</a>' in html
    assert not SearchMiss.objects.exists()


def test_counting_what_the_filters_hide_costs_one_candidates_query(listing, settings):
    """The same reading searched once more without the filters (one query on
    PostgreSQL, the text index and its rows on SQLite), only when the filters
    left nothing; kept with the outcome in the search cache."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from procedures.models import Procedure
    from procedures.search import search_catalogue

    settings.SEARCH_CACHE_SECONDS = 0
    codes("khai sinh")  # the vocabulary and the lexicon, once
    with CaptureQueriesContext(connection) as one_step:  # found as typed
        assert search_catalogue("khai sinh", log=False).pks
    in_land = Procedure.objects.published().filter(field__slug="dat-dai")
    with CaptureQueriesContext(connection) as alone:
        assert not search_catalogue("khai sinh", in_land, log=False).pks
    with CaptureQueriesContext(connection) as counted:
        results = catalogue(query="khai sinh", field_slug="dat-dai")
    assert (results.pks, results.elsewhere) == ([], 1)
    assert len(counted) == len(alone) + len(one_step)
    with CaptureQueriesContext(connection) as listed:
        assert catalogue(query="khai sinh", field_slug="ho-tich").pks
    assert len(listed) == len(one_step)  # nothing counted when something is listed
    settings.SEARCH_CACHE_SECONDS = 300
    catalogue(query="khai sinh", field_slug="dat-dai")
    with CaptureQueriesContext(connection) as read_back:
        assert catalogue(query="khai sinh", field_slug="dat-dai").elsewhere == 1
    assert not read_back


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("ｄａｎｇ ｋｙ ｋｈａｉ ｓｉｎｈ", "Thủ tục đăng ký khai sinh"),
        ("ｓａｏ\u3000ｙ", "Chứng thực bản sao"),
        ("１.００１１９３", "Thủ tục đăng ký khai sinh"),  # a code, full-width
    ],
)
def test_a_query_typed_in_full_width_finds_what_the_plain_one_finds(
    client, profile, listing, query, name
):
    """An input method left in full-width mode (Japanese, Chinese keyboards)
    types "ｋｅｔ ｈｏｎ": the catalogue and the site search read it as plain
    letters, and it is no miss for staff."""
    catalogue_page = client.get(reverse("procedures:list"), {"q": query}).text
    assert name in catalogue_page and "Không tìm thấy" not in catalogue_page
    site_search = client.get(reverse("search"), {"q": query}).text
    assert name in site_search
    assert not SearchMiss.objects.exists()


def test_a_full_width_miss_is_logged_in_plain_letters(profile, listing):
    catalogue(query="ｐｈａｏ ｈｏａ")
    assert SearchMiss.objects.get().query == "phao hoa"
