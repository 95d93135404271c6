import datetime
import json

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from procedures.models import PARTS, Channel, Procedure, Step
from procedures.selectors import (
    by_name,
    emptied_field,
    fields_with_counts,
    read_parts,
)
from thachha_portal import pagecache

from .factories import OFFICIAL_PARTS, make_field, make_procedure

pytestmark = pytest.mark.django_db


def make_many(count):
    fields = [make_field("Hộ tịch"), make_field("Chứng thực"), make_field("Đất đai")]
    return [
        make_procedure(
            f"Thủ tục số {n} đăng ký",
            field=fields[n % 3],
            keywords="khai sinh",
            online_level="full" if n % 2 else "none",
        )
        for n in range(count)
    ]


PUBLIC_PAGES = [
    ("list", lambda p: reverse("procedures:list")),
    ("list-filtered", lambda p: reverse("procedures:list") + "?linh_vuc=ho-tich"),
    ("list-online", lambda p: reverse("procedures:list") + "?truc_tuyen=full"),
    ("search", lambda p: reverse("procedures:list") + "?q=dang+ky"),
    # The filter hides every match: how many there are without it is counted.
    (
        "search-hidden",
        lambda p: reverse("procedures:list") + "?q=khai+sinh&truc_tuyen=partial",
    ),
    ("detail", lambda p: p.get_absolute_url()),
    ("print", lambda p: reverse("procedures:print", args=[p.code])),
    ("field-print", lambda p: reverse("procedures:field-print", args=["ho-tich"])),
    # Every part of each procedure of the field, as many as it holds.
    (
        "field-print-full",
        lambda p: reverse("procedures:field-print-full", args=["ho-tich"]),
    ),
    ("open-data", lambda p: reverse("procedures:open-data")),
    ("csv", lambda p: reverse("procedures:open-data-csv")),
    ("json", lambda p: reverse("procedures:open-data-json")),
    ("home", lambda p: "/"),
    ("site-search", lambda p: reverse("search") + "?q=dang+ky"),
    ("sitemap", lambda p: "/sitemap.xml"),
    ("sitemap-page", lambda p: reverse("sitemap-page")),
]


@pytest.mark.parametrize(
    ("name", "url"), PUBLIC_PAGES, ids=[n for n, _u in PUBLIC_PAGES]
)
def test_public_pages_query_count_does_not_grow_with_procedures(
    client, profile, django_assert_max_num_queries, settings, name, url
):
    settings.PAGE_CACHE_SECONDS = 0
    procedures = make_many(3)
    with django_assert_max_num_queries(12) as few:
        assert client.get(url(procedures[0])).status_code == 200
    procedures += make_many(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url(procedures[0])).status_code == 200


def test_catalogue_is_grouped_by_field_with_counts(client, profile):
    make_procedure("Thủ tục đăng ký khai sinh", field=make_field("Hộ tịch", order=1))
    make_procedure("Thủ tục đăng ký kết hôn", field=make_field("Hộ tịch"))
    make_procedure("Chứng thực bản sao", field=make_field("Chứng thực", order=2))
    html = client.get(reverse("procedures:list")).content.decode()
    assert '<h3 class="field-heading">Hộ tịch</h3>' in html
    assert 'Hộ tịch</a> <span class="count">(2)</span>' in html
    assert html.index("Hộ tịch</h3>") < html.index("Chứng thực</h3>")


def test_catalogue_filters_by_field_and_online_level(client, profile):
    make_procedure(
        "Khai sinh trực tuyến", field=make_field("Hộ tịch"), online_level="full"
    )
    make_procedure("Kết hôn tại quầy", field=make_field("Hộ tịch"))
    make_procedure("Bản sao", field=make_field("Chứng thực"), online_level="full")
    html = client.get(
        reverse("procedures:list"), {"linh_vuc": "ho-tich", "truc_tuyen": "full"}
    ).content.decode()
    assert "Khai sinh trực tuyến" in html
    assert "Kết hôn tại quầy" not in html and "Bản sao</a>" not in html


def test_catalogue_is_paginated(client, profile):
    make_many(25)
    first = client.get(reverse("procedures:list")).content.decode()
    second = client.get(reverse("procedures:list"), {"page": 2}).content.decode()
    assert first.count('class="result-title"') == 20
    assert second.count('class="result-title"') == 5
    assert "Trang 2 / 2" in second or "2" in second


def _listed(client, **params):
    pages, number = [], 1
    while True:
        response = client.get(reverse("procedures:list"), {**params, "page": number})
        pages += [(p.field.name, p.name) for p in response.context["procedures"]]
        if not response.context["page_obj"].has_next():
            return pages
        number += 1


@pytest.mark.parametrize("params", [{}, {"truc_tuyen": "full"}])
def test_catalogue_pages_follow_field_order_then_name_across_fields(
    client, profile, params
):
    """Pages are read field by field (one query each page, see
    FieldOrderedCatalogue): page boundaries inside and across fields give the
    same sequence as sorting the whole catalogue."""
    fields = [
        make_field("Đất đai", order=2),
        make_field("Hộ tịch", order=1),
        make_field("Chứng thực", order=2),
    ]
    names = ["Ưu đãi", "Ân xá", "Bản sao", "Đăng ký", "Cấp lại", "Yêu cầu", "Xác nhận"]
    for n in range(57):
        make_procedure(
            f"{names[n % 7]} {n:02d}",
            field=fields[n % 3] if n < 50 else fields[1],
            online_level="full" if n % 4 else "none",
            parts=False,
        )
    expected = Procedure.objects.published().order_by(
        "field__order", by_name("field__name"), by_name()
    )
    if params:
        expected = expected.filter(online_level="full")
    listed = _listed(client, **params)
    assert listed == [(p.field.name, p.name) for p in expected]
    assert len(listed) == (42 if params else 57)


@pytest.mark.parametrize(
    "query",
    [
        {"linh_vuc": "khong-co"},
        {"truc_tuyen": "x"},
        {"linh_vuc": "ho-tich", "truc_tuyen": "x"},
        {"linh_vuc": "HO-TICH"},
        {"q": "khai sinh", "linh_vuc": "khong-co"},
    ],
)
def test_a_filter_value_that_names_nothing_is_not_found(client, profile, query):
    make_procedure()  # field “Hộ tịch”, slug ho-tich
    response = client.get(reverse("procedures:list"), query)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Thủ tục đăng ký khai sinh" not in html  # not the whole list
    assert "xem các thủ tục theo lĩnh vực" in html


def _emptied_field():
    """Hộ tịch with its only procedure withdrawn, Chứng thực with one published."""
    make_procedure("Thủ tục đăng ký khai sinh", status="withdrawn")
    make_procedure("Chứng thực bản sao", field=make_field("Chứng thực"))


@pytest.mark.parametrize(
    "query",
    [
        {"linh_vuc": "ho-tich"},
        {"linh_vuc": "ho-tich", "truc_tuyen": "full"},
        {"linh_vuc": "ho-tich", "q": "khai sinh"},
    ],
)
def test_a_field_without_published_procedures_says_so(client, profile, query):
    _emptied_field()
    response = client.get(reverse("procedures:list"), query)
    assert response.status_code == 200
    html = response.content.decode()
    said = f"Lĩnh vực “Hộ tịch” hiện không có thủ tục nào do {profile.name} giải quyết."
    assert said in html
    assert "Thủ tục đăng ký khai sinh" not in html and "Chứng thực bản sao" not in html
    assert response.context["procedures"] == []
    assert 'href="/thu-tuc/?linh_vuc=chung-thuc"' in html  # the other fields
    assert 'href="/thu-tuc/"' in html  # the whole catalogue
    assert reverse("procedures:field-print", args=["ho-tich"]) not in html  # a 404
    # Reached from paper, but nothing for a search engine to list.
    assert '<meta name="robots" content="noindex">' in html
    field_page = client.get(reverse("procedures:list"), {"linh_vuc": "chung-thuc"})
    assert "noindex" not in field_page.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"linh_vuc": "ho-tich", "page": "2"},
        {"linh_vuc": "ho-tich", "truc_tuyen": "x"},
        {"linh_vuc": "HO-TICH"},
        {"linh_vuc": "ho-tich\x00"},
        {"linh_vuc": "h" * 201},
    ],
)
def test_an_emptied_field_is_still_not_found_with_a_value_naming_nothing(
    client, profile, query
):
    _emptied_field()
    assert client.get(reverse("procedures:list"), query).status_code == 404


def test_only_a_field_slug_not_listed_costs_a_query(django_assert_num_queries):
    _emptied_field()
    fields = fields_with_counts()
    with django_assert_num_queries(0):
        assert emptied_field("", fields) is None
        assert emptied_field("chung-thuc", fields) is None
        assert emptied_field("ho tich\x00", fields) is None
    with django_assert_num_queries(1):
        assert emptied_field("khong-co", fields) is None
    with django_assert_num_queries(1):
        field = emptied_field("ho-tich", fields)
    assert (field.name, field.count) == ("Hộ tịch", 0)


def test_an_emptied_field_costs_at_most_one_query_more_than_a_listed_one(
    client, profile, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0
    make_many(33)
    url = reverse("procedures:list") + "?linh_vuc=ho-tich"
    with CaptureQueriesContext(connection) as listed:
        assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        Procedure.objects.filter(field__slug="ho-tich").update(status="withdrawn")
        pagecache.invalidate("procedures")  # as the portal's bulk writes do
    with CaptureQueriesContext(connection) as emptied:
        assert "hiện không có thủ tục nào" in client.get(url).content.decode()
    assert len(emptied.captured_queries) <= len(listed.captured_queries) + 1


def test_a_long_pasted_search_is_cut_and_still_searched(client, profile):
    make_procedure("Thủ tục đăng ký khai sinh")
    make_procedure("Thủ tục đăng ký kết hôn")
    pasted = "khai sinh " * 40  # 400 characters, over the field's 200
    response = client.get(reverse("procedures:list"), {"q": pasted})
    assert response.status_code == 200
    assert response.context["form"].cleaned_data["q"] == pasted[:200].strip()
    html = response.content.decode()
    assert "Thủ tục đăng ký khai sinh" in html
    assert "Thủ tục đăng ký kết hôn" not in html  # searched, not the whole list


def test_known_or_empty_filter_values_are_listed(client, profile):
    make_procedure()
    for query in (
        {"linh_vuc": "ho-tich"},
        {"linh_vuc": "", "truc_tuyen": ""},
        {"truc_tuyen": "partial"},
    ):
        response = client.get(reverse("procedures:list"), query)
        assert response.status_code == 200, query


def test_detail_shows_the_mandatory_parts_in_the_official_order(client, profile):
    procedure = make_procedure(result="", conditions="", online_level="full")
    html = client.get(procedure.get_absolute_url()).content.decode()
    positions = [html.index(f">{h}</h2>") for h in OFFICIAL_PARTS]
    assert positions == sorted(positions)
    # Steps are an ordered list (numbered once, by the list itself).
    assert '<ol class="steps"><li>Nộp hồ sơ tại Bộ phận Một cửa.' in html
    assert "Bản chính: 1 – Bản sao: 0" in html
    # The form comes right after its dossier item.
    assert (
        html.index("Tờ khai theo mẫu")
        < html.index("Mẫu tờ khai")
        < html.index(">Thời hạn giải quyết</h2>")
    )
    assert "Ngay trong ngày tiếp nhận" in html
    assert "Miễn lệ phí cho hộ nghèo" in html
    assert "60/2014/QH13" in html
    # Optional parts that do not apply say so.
    section = html[html.index('id="ket-qua"') : html.index('id="phi"')]
    assert "Không có" in section


def test_detail_links_filing_online_dossier_lookup_and_the_decision(client, profile):
    procedure = make_procedure(
        code="1.001193",
        online_level="full",
        decision_number="2150/QĐ-UBND",
        decision_date="2025-07-01",
    )
    html = client.get(procedure.get_absolute_url()).content.decode()
    assert "Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia" in html
    assert "dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.001193" in html
    assert profile.dossier_lookup_url in html
    assert "2150/QĐ-UBND" in html and "01/07/2025" in html
    assert "Cập nhật lần cuối" in html


def test_detail_offers_no_online_button_when_not_online(client, profile):
    html = client.get(make_procedure().get_absolute_url()).content.decode()
    assert "Nộp hồ sơ trực tuyến" not in html


def test_detail_has_open_graph_tags_and_breadcrumbs(client, profile):
    procedure = make_procedure()
    html = client.get(procedure.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Thủ tục đăng ký khai sinh">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'content="http://testserver{procedure.get_absolute_url()}"' in html
    crumbs = html[html.index('class="breadcrumbs"') :]
    assert "Thủ tục hành chính" in crumbs and 'aria-current="page">' in crumbs


def test_detail_counts_views(client, profile):
    from thachha_portal import counters

    procedure = make_procedure()
    client.get(procedure.get_absolute_url())
    client.get(procedure.get_absolute_url())  # from the page cache
    total = Procedure.objects.get(pk=procedure.pk).view_count + counters.pending(
        "procedures.procedure", procedure.pk
    )
    assert total == 2


def test_unknown_code_is_404(client, profile):
    assert client.get("/thu-tuc/1.999999/").status_code == 404


def withdrawn_and_active():
    active = make_procedure("Thủ tục đang áp dụng", code="1.001193")
    gone = make_procedure(
        "Thủ tục đã bãi bỏ", code="1.004884", keywords="khai sinh", status="withdrawn"
    )
    return active, gone


def test_withdrawn_procedure_is_absent_from_every_public_page(client, profile):
    active, gone = withdrawn_and_active()
    assert client.get(gone.get_absolute_url()).status_code == 404
    assert client.get(reverse("procedures:print", args=[gone.code])).status_code == 404
    pages = [
        reverse("procedures:list"),
        reverse("procedures:list") + "?q=thu+tuc",
        reverse("search") + "?q=thu+tuc",
        reverse("procedures:field-print", args=["ho-tich"]),
        reverse("procedures:field-print-full", args=["ho-tich"]),
        reverse("procedures:open-data-csv"),
        reverse("procedures:open-data-json"),
        "/sitemap-procedures.xml",
        "/",
    ]
    for url in pages:
        content = client.get(url).getvalue().decode()
        assert "Thủ tục đang áp dụng" in content or active.code in content, url
        assert "Thủ tục đã bãi bỏ" not in content and gone.code not in content, url


def test_open_data_json_holds_every_part(client, profile):
    make_procedure(code="1.001193", keywords="sổ đỏ")
    response = client.get(reverse("procedures:open-data-json"))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.getvalue())
    record = data["procedures"][0]
    assert data["count"] == 1 and record["code"] == "1.001193"
    assert record["channels"][0]["fee"] == "Miễn lệ phí cho hộ nghèo"
    assert record["dossier"][0]["originals"] == 1
    assert record["legal_bases"][0]["number"] == "60/2014/QH13"
    assert record["keywords"] == ["sổ đỏ"]


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_open_data_is_built_once_per_version_and_shows_an_edit_at_once(
    client,
    profile,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
    kind,
):
    procedure = make_procedure(code="1.001193", name="Tên cũ của thủ tục")
    url = reverse(f"procedures:open-data-{kind}")
    assert "Tên cũ của thủ tục" in client.get(url).getvalue().decode()
    with django_assert_max_num_queries(0):  # the document is not built again
        assert "Tên cũ của thủ tục" in client.get(url).getvalue().decode()
    procedure.name = "Tên mới của thủ tục"
    with django_capture_on_commit_callbacks(execute=True):  # stale after commit
        procedure.save()
    content = client.get(url).getvalue().decode()
    assert "Tên mới của thủ tục" in content and "Tên cũ" not in content


def test_open_data_csv_has_the_documented_columns(client, profile):
    import csv
    import io

    from procedures.opendata import FIELDNAMES

    make_procedure(code="1.001193")
    response = client.get(reverse("procedures:open-data-csv"))
    text = response.getvalue().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert list(rows[0]) == FIELDNAMES
    assert rows[0]["code"] == "1.001193"
    assert json.loads(rows[0]["steps"])[0] == "Nộp hồ sơ tại Bộ phận Một cửa."
    page = client.get(reverse("procedures:open-data")).content.decode()
    for column in FIELDNAMES:
        assert f"<code>{column}</code>" in page


def test_home_page_shows_fields_with_counts_and_most_viewed(client, profile):
    popular = make_procedure("Thủ tục được xem nhiều", field=make_field("Hộ tịch"))
    Procedure.objects.filter(pk=popular.pk).update(view_count=99)
    make_procedure("Chứng thực", field=make_field("Chứng thực"))
    html = client.get("/").content.decode()
    assert "Thủ tục theo lĩnh vực" in html
    assert 'Hộ tịch <span class="count">(1)</span>' in html
    assert "Thủ tục được xem nhiều" in html


def test_sitemap_lists_published_procedures(client, profile):
    procedure = make_procedure(code="1.001193")
    xml = client.get("/sitemap-procedures.xml").content.decode()
    assert f"http://testserver{procedure.get_absolute_url()}" in xml


@pytest.mark.parametrize("code", ["1.001612.000.00.00.H01", "1.000894.01"])
def test_codes_with_suffixes_have_their_own_pages(client, profile, code):
    procedure = make_procedure(code=code)
    assert procedure.get_absolute_url() == f"/thu-tuc/{code}/"
    assert client.get(procedure.get_absolute_url()).status_code == 200
    assert client.get(f"/thu-tuc/{code}/in/").status_code == 200


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ICU collation is a PostgreSQL feature"
)
def test_catalogue_sorts_names_in_vietnamese_order_on_postgresql(client, profile):
    field = make_field("Hộ tịch")
    for name in ("Thủ tục đăng ký khai sinh", "Đăng ký lại kết hôn", "Cấp bản sao"):
        make_procedure(name, field=field)
    html = client.get(reverse("procedures:list")).content.decode()
    cap, dang, thu = (
        html.index(">Cấp bản sao<"),
        html.index(">Đăng ký lại kết hôn<"),
        html.index(">Thủ tục đăng ký khai sinh<"),
    )
    assert cap < dang < thu


def test_read_parts_keeps_what_prefetching_keeps_in_the_listings_order(
    django_assert_num_queries,
):
    """The detail page and print sheet read one procedure's parts by SQL
    compiled once per process: the same rows, values and order as
    ``with_parts()``, another procedure's parts never among them."""
    procedure = make_procedure()
    other = make_procedure("Thủ tục đăng ký kết hôn")
    Step.objects.create(procedure=procedure, order=0, text="Chuẩn bị giấy tờ.")
    Step.objects.create(procedure=other, order=0, text="Bước của thủ tục khác.")
    Channel.objects.create(
        procedure=procedure,
        order=2,
        kind=Channel.Kind.ONLINE,
        processing_time="03 ngày làm việc",
        fee="8.000 đồng",
        fee_amount=8000,
    )
    read = read_parts(Procedure.objects.get(pk=procedure.pk))
    expected = Procedure.objects.with_parts().get(pk=procedure.pk)
    with django_assert_num_queries(0):
        for name in PARTS:
            rows = list(getattr(read, name).all())
            assert rows == list(getattr(expected, name).all()), name
            for row, same in zip(rows, getattr(expected, name).all(), strict=True):
                assert model_to_dict(row) == model_to_dict(same)
                assert row.procedure is read
        assert [step.text for step in read.steps.all()] == [
            "Chuẩn bị giấy tờ.",
            "Nộp hồ sơ tại Bộ phận Một cửa.",
            "Nhận kết quả.",
        ]
        assert read.legal_bases.all()[0].issued_on == datetime.date(2014, 11, 20)
        assert [c.fee_amount for c in read.channels.all()] == [None, 8000]


@pytest.mark.parametrize("cached", [False, True])
def test_head_answers_as_get_does_on_every_public_address(
    client, profile, settings, cached
):
    """Link checkers, monitors and open-data harvesters ask HEAD: every page
    answers it as its GET (status, type), cached or not, without a body; a
    page with visitor figures gives no length, which its GET's would not
    match (the HEAD is not counted as a visit)."""
    settings.PAGE_CACHE_SECONDS = 300 if cached else 0
    procedure = make_procedure("Thủ tục đăng ký kết hôn", field=make_field("Hộ tịch"))
    urls = [
        "/",
        reverse("procedures:list"),
        reverse("procedures:list") + "?q=ket+hon",
        reverse("procedures:detail", args=[procedure.code]),
        reverse("procedures:print", args=[procedure.code]),
        reverse("procedures:field-print", args=[procedure.field.slug]),
        reverse("procedures:field-print-full", args=[procedure.field.slug]),
        reverse("procedures:open-data-csv"),
        reverse("procedures:open-data-json"),
        reverse("search") + "?q=ket+hon",
        "/robots.txt",
    ]
    for url in urls:
        if cached:
            client.get(url)
        got, head = client.get(url), client.head(url)
        assert (head.status_code, got.status_code) == (200, 200), url
        assert head["Content-Type"] == got["Content-Type"], url
        body = b"".join(head.streaming_content) if head.streaming else head.content
        assert body == b"", url
        if head.has_header("Content-Length"):
            assert head["Content-Length"] == got["Content-Length"], url


def test_field_counts_follow_the_online_service_filter(client, profile):
    """Each field link says how many procedures it lists under the online
    filter it keeps; the empty result offers the field without the filter,
    not spelling advice for words nobody typed."""
    civil, land = make_field("Hộ tịch", order=1), make_field("Đất đai", order=2)
    make_procedure("Khai sinh trực tuyến", field=civil, online_level="full")
    make_procedure("Kết hôn tại quầy", field=civil)
    make_procedure("Đăng ký đất đai", field=land)
    url = reverse("procedures:list")
    html = client.get(url, {"truc_tuyen": "full"}).text
    assert (
        '<a href="?linh_vuc=ho-tich&amp;truc_tuyen=full">Hộ tịch</a> '
        '<span class="count">(1)</span>' in html
    )
    assert 'aria-current="true">Tất cả lĩnh vực</a> <span class="count">(1)' in html
    assert "Đất đai</a>" not in html  # nothing to list there
    html = client.get(url, {"truc_tuyen": "full", "linh_vuc": "dat-dai"}).text
    assert "Không có thủ tục nào phù hợp với bộ lọc này." in html
    assert (
        '<a href="?linh_vuc=dat-dai">Xem tất cả thủ tục của lĩnh vực Đất đai (1)</a>'
        in html
    )
    assert "Kiểm tra chính tả" not in html
    html = client.get(url, {"truc_tuyen": "partial"}).text
    assert (
        '<a href="/thu-tuc/">Xem các thủ tục khi bỏ bộ lọc dịch vụ công trực tuyến'
        in html
    )
    # Searching: a field's size is not what its link lists (its matches).
    html = client.get(url, {"q": "khai sinh"}).text
    assert "Hộ tịch</a></li>" in html and 'class="count">(2)' not in html


def test_open_data_page_says_how_to_open_the_csv_in_excel(client, profile):
    """The CSV is comma-separated: in a Vietnamese locale (list separator ";")
    Excel opens a double-clicked CSV with each row in column A. The page no
    longer says it simply opens in Excel, and says how to open it."""
    make_procedure(code="1.001193")
    client.cookies["django_language"] = "en"
    html = client.get(reverse("procedures:open-data")).content.decode()
    assert "opens in Excel" not in html
    assert "separated by commas" in html
    assert "Data → From Text/CSV" in html and "65001: Unicode (UTF-8)" in html
    assert "“Comma”" in html
    csv = client.get(reverse("procedures:open-data-csv")).getvalue()
    assert csv.startswith("\ufeffcode,".encode()) and b"sep=" not in csv[:20]
