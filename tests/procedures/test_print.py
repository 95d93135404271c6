import re

import pytest
from django.urls import reverse
from django.utils import timezone

from procedures import views

from .factories import OFFICIAL_PARTS, make_field, make_procedure

pytestmark = pytest.mark.django_db


def test_procedure_sheet_has_a_vector_qr_code_the_commune_and_the_date(client, profile):
    procedure = make_procedure(code="1.001193")
    html = client.get(reverse("procedures:print", args=["1.001193"])).content.decode()
    svg = re.search(r"<svg [^>]*class=\"qr-code\".*?</svg>", html, re.S)
    assert svg, "no inline SVG QR code"
    assert "style=" not in svg.group(0)  # the CSP forbids style attributes
    assert 'role="img"' in svg.group(0) and "<title>" in svg.group(0)
    assert "ỦY BAN NHÂN DÂN XÃ THẠCH HÀ" in html
    assert timezone.localdate().strftime("%d/%m/%Y") in html
    assert f"http://testserver{procedure.get_absolute_url()}" in html
    assert "Bản chính: 1 – Bản sao: 0" in html


def _drawn(url):
    """The start of the path of the QR code of ``url`` as the page draws it."""
    import segno

    code = segno.make(url, error="m")
    return code.svg_inline(scale=4, border=2, omitsize=True).split(' d="')[1][:80]


def test_qr_code_encodes_the_procedure_pages_public_address(settings):
    """From SITE_URL, not from the host the page was opened by: a sheet
    printed from localhost or the server's IP address still leads citizens to
    the portal."""
    from procedures.templating import qr_code

    class Request:
        def build_absolute_uri(self, path):
            return "http://localhost:8102" + path

    settings.SITE_URL = "https://thachha.example.vn"
    svg = qr_code({"request": Request()}, "/thu-tuc/1.001193/", "QR")
    assert _drawn("https://thachha.example.vn/thu-tuc/1.001193/") in svg
    assert _drawn("http://localhost:8102/thu-tuc/1.001193/") not in svg
    settings.SITE_URL = ""  # none set: the request's address
    svg = qr_code({"request": Request()}, "/thu-tuc/1.001193/", "QR")
    assert _drawn("http://localhost:8102/thu-tuc/1.001193/") in svg


def test_print_sheets_give_the_public_address_whatever_host_was_asked(
    client, profile, settings
):
    settings.SITE_URL = "https://thachha.example.vn"
    procedure = make_procedure(code="1.001193", field=make_field("Hộ tịch"))
    public = f"https://thachha.example.vn{procedure.get_absolute_url()}"
    for url in (
        reverse("procedures:print", args=["1.001193"]),
        reverse("procedures:field-print", args=["ho-tich"]),
        reverse("procedures:field-print-full", args=["ho-tich"]),
    ):
        html = client.get(url, HTTP_HOST="localhost:8102").content.decode()
        assert "localhost:8102" not in html
        assert _drawn(public) in html
    page = client.get(procedure.get_absolute_url(), HTTP_HOST="localhost:8102")
    assert f'<meta property="og:url" content="{public}">' in page.content.decode()


def test_print_pages_never_open_the_print_dialog_by_themselves(client, profile):
    make_procedure(code="1.001193")
    for url in (
        reverse("procedures:print", args=["1.001193"]),
        reverse("procedures:field-print", args=["ho-tich"]),
        reverse("procedures:field-print-full", args=["ho-tich"]),
    ):
        html = client.get(url).content.decode()
        assert "Ctrl+P" in html
        assert "<script>" not in html and "onload" not in html
        assert "data-print hidden" in html
        assert "/static/js/procedures-print.js" in html


def test_field_listing_lists_the_fields_procedures_with_qr_codes(client, profile):
    ho_tich = make_field("Hộ tịch")
    make_procedure("Thủ tục đăng ký khai sinh", field=ho_tich)
    make_procedure("Thủ tục đăng ký kết hôn", field=ho_tich)
    make_procedure("Chứng thực bản sao", field=make_field("Chứng thực"))
    html = client.get(
        reverse("procedures:field-print", args=["ho-tich"])
    ).content.decode()
    assert "Lĩnh vực: Hộ tịch" in html
    assert "Thủ tục đăng ký khai sinh" in html and "Thủ tục đăng ký kết hôn" in html
    assert "Chứng thực bản sao" not in html
    assert html.count('class="qr-code"') == 3  # the field, then one per procedure
    assert "ỦY BAN NHÂN DÂN XÃ THẠCH HÀ" in html
    assert timezone.localdate().strftime("%d/%m/%Y") in html


def test_field_listing_of_a_field_without_public_procedures_is_404(client, profile):
    make_procedure(field=make_field("Hộ tịch"), status="withdrawn")
    assert (
        client.get(reverse("procedures:field-print", args=["ho-tich"])).status_code
        == 404
    )


@pytest.mark.parametrize(
    "page",
    ["procedures:print", "procedures:field-print", "procedures:field-print-full"],
)
def test_sheets_say_where_to_send_complaints_about_the_regulation(
    client, profile, page
):
    procedure = make_procedure(code="1.001193")
    arg = procedure.code if page == "procedures:print" else procedure.field.slug
    html = client.get(reverse(page, args=[arg])).content.decode()
    block = html[html.index('class="part feedback-address"') :]
    block = block[: block.index("</section>")]
    assert "Tiếp nhận phản ánh, kiến nghị về quy định hành chính" in block
    for value in (
        profile.name,
        profile.address,
        profile.phone,
        profile.hotline,
        profile.email,
    ):
        assert value in block


def test_a_printed_field_sheets_qr_code_still_leads_to_the_emptied_field(
    client, profile
):
    import segno

    from procedures.services import procedures_set_status

    khai_sinh = make_procedure("Thủ tục đăng ký khai sinh", field=make_field("Hộ tịch"))
    make_procedure("Chứng thực bản sao", field=make_field("Chứng thực"))
    html = client.get(
        reverse("procedures:field-print", args=["ho-tich"])
    ).content.decode()
    target = "/thu-tuc/?linh_vuc=ho-tich"
    encoded = segno.make(f"http://testserver{target}", error="m")
    path = encoded.svg_inline(scale=4, border=2, omitsize=True).split(' d="')[1][:80]
    assert path in html  # the sheet's QR code leads there

    procedures_set_status(procedures=[khai_sinh], status="withdrawn")
    response = client.get(target)
    assert response.status_code == 200
    html = response.content.decode()
    assert "hiện không có thủ tục nào" in html
    assert "Thủ tục đăng ký khai sinh" not in html


# --- A field's full listing (niêm yết): every procedure as its own sheet prints it


def _article(html, start):
    """The <article> element that opens at ``start`` in ``html``."""
    begin = html.index("<article", start)
    depth, position = 0, begin
    for tag in re.finditer(r"<(/?)article\b", html[begin:]):
        depth += -1 if tag.group(1) else 1
        if not depth:
            position = begin + tag.end()
            return html[begin : html.index(">", position) + 1]
    raise AssertionError("unclosed <article>")


def _as_alone(sheet, code):
    """A sheet of the full listing written as the sheet printed alone: without
    its ids' prefix nor the procedure's name in its parts' region names, its
    headings one level up."""
    sheet = sheet.replace(f' id="tt-{code}"', "").replace(f"tt-{code}-", "")
    sheet = sheet.replace('aria-labelledby="procedure-name ', 'aria-labelledby="')
    return re.sub(r"<(/?)h([2-5])\b", lambda m: f"<{m[1]}h{int(m[2]) - 1}", sheet)


def _full_listing_field():
    """Two procedures of a field, named to come in the same order on every
    database (“giám hộ” before “khai sinh”; SQLite has no Vietnamese
    collation, and would put “khai sinh” before “kết hôn”)."""
    ho_tich = make_field("Hộ tịch")
    birth = make_procedure("Thủ tục đăng ký khai sinh", code="1.001193", field=ho_tich)
    marriage = make_procedure(
        "Thủ tục đăng ký giám hộ", code="1.000894", field=ho_tich, dossier_quantity=""
    )
    make_procedure(
        "Chứng thực bản sao", code="2.000815", field=make_field("Chứng thực")
    )
    return birth, marriage


def test_full_field_listing_prints_each_procedure_as_its_own_sheet(client, profile):
    """TT 02/2017 (chapter III) posts every part of each procedure with its
    forms: the full listing is the field's sheets one after another, each
    exactly what /thu-tuc/<code>/in/ prints."""
    _full_listing_field()
    url = reverse("procedures:field-print-full", args=["ho-tich"])
    html = client.get(url).content.decode()
    assert "Niêm yết công khai thủ tục hành chính" in html
    assert '<h1 id="listing-title">Lĩnh vực: Hộ tịch</h1>' in html
    assert "Chứng thực bản sao" not in html and "2.000815" not in html
    for code in ("1.001193", "1.000894"):
        single = client.get(reverse("procedures:print", args=[code])).content.decode()
        alone = _article(single, single.index('<article class="sheet"'))
        sheet = _article(html, html.index(f'id="tt-{code}"') - 200)
        assert _as_alone(sheet, code) == alone, code
    # In the order of the list that opens the listing (the catalogue's order).
    contents = html.index('id="contents-title"')
    assert (
        contents < html.index('href="#tt-1.000894"') < html.index('href="#tt-1.001193"')
    )
    assert html.index('id="tt-1.000894"') < html.index('id="tt-1.001193"')
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "ids repeated on the page"


def test_full_field_listing_holds_every_part_and_names_the_forms(client, profile):
    _full_listing_field()
    html = client.get(
        reverse("procedures:field-print-full", args=["ho-tich"])
    ).content.decode()
    for part in (
        *OFFICIAL_PARTS,
        "Tiếp nhận phản ánh, kiến nghị về quy định hành chính",
    ):
        assert html.count(f'class="part-title">{part}</h3>') == 2, part
    assert html.count('Mẫu đơn, tờ khai: <a href="https://example.vn/mau.doc"') == 2
    assert "Số lượng hồ sơ:</strong> 01 bộ" in html
    assert "Số lượng hồ sơ:</strong> Đang cập nhật." in html
    # The desk officer prints the form files to post after their procedure.
    forms = html[html.index('id="forms-title"') : html.index('id="tt-1.000894"')]
    assert forms.count('href="https://example.vn/mau.doc"') == 2


def test_field_list_is_a_summary_that_leads_to_the_full_listing(client, profile):
    """The short table is not the listing TT 02/2017 asks for: it is called a
    list (danh mục) and leads to the full listing, as the field's page does."""
    _full_listing_field()
    full = reverse("procedures:field-print-full", args=["ho-tich"])
    html = client.get(
        reverse("procedures:field-print", args=["ho-tich"])
    ).content.decode()
    assert "Danh mục thủ tục hành chính" in html
    assert "Niêm yết công khai thủ tục hành chính" not in html
    assert f'href="{full}"' in html
    page = client.get(reverse("procedures:list"), {"linh_vuc": "ho-tich"}).text
    assert f'href="{full}">In bảng niêm yết đầy đủ của lĩnh vực này</a>' in page
    assert reverse("procedures:field-print", args=["ho-tich"]) in page


def test_full_field_listing_of_a_field_without_public_procedures_is_404(
    client, profile
):
    make_procedure(field=make_field("Hộ tịch"), status="withdrawn")
    url = reverse("procedures:field-print-full", args=["ho-tich"])
    assert client.get(url).status_code == 404
    assert client.get("/thu-tuc/linh-vuc/khong-co/in/day-du/").status_code == 404


def test_a_large_field_prints_in_pages_of_sheets(client, profile, monkeypatch):
    """A province's field holds hundreds of procedures: the full listing comes
    in pages of sheets (all at once took a worker 3 s and 200 MB), each page
    saying how many the field holds and leading to the others."""
    monkeypatch.setattr(views, "FULL_LISTING_PAGE", 1)
    _full_listing_field()
    url = reverse("procedures:field-print-full", args=["ho-tich"])
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert 'id="tt-1.000894"' in first and 'id="tt-1.001193"' not in first
    assert 'id="tt-1.001193"' in second and 'id="tt-1.000894"' not in second
    for html in (first, second):
        assert "2 thủ tục" in html
        assert "Trang" in html and 'rel="' in html
    assert client.get(url, {"page": 3}).status_code == 404


def test_field_print_pages_mark_the_listing_vietnamese_in_the_english_interface(
    client, profile
):
    """WCAG 3.1.2: the field's name, the commune's, each procedure's name, time
    and fee, and the forms' names stay Vietnamese under <html lang="en">, read
    with an English voice unless marked (the full listing's contents and the
    field's list); the Vietnamese pages are unchanged."""
    _full_listing_field()
    full = reverse("procedures:field-print-full", args=["ho-tich"])
    short = reverse("procedures:field-print", args=["ho-tich"])
    client.cookies["django_language"] = "en"
    for url in (full, short):
        html = client.get(url).content.decode()
        assert '<html lang="en">' in html
        assert 'lang="vi">Thủ tục đăng ký khai sinh</a>' in html, url
        assert '<span lang="vi">Ngay trong ngày tiếp nhận</span>' in html, url
        assert '<span lang="vi">Miễn lệ phí cho hộ nghèo</span>' in html, url
        assert 'Field: <span lang="vi">Hộ tịch</span></h1>' in html, url
        assert '"sheet-unit" lang="vi">ỦY BAN NHÂN DÂN XÃ THẠCH HÀ' in html, url
    html = client.get(full).content.decode()
    assert 'rel="noopener" lang="vi">Mẫu tờ khai</a>' in html
    assert '"/thu-tuc/?linh_vuc=ho-tich" lang="vi">Hộ tịch</a>' in html
    client.cookies["django_language"] = "vi"
    for url in (full, short):
        html = client.get(url).content.decode()
        assert 'lang="vi"' not in html[html.index("<main") : html.index("</main>")]


def test_a_large_fields_list_prints_in_pages_with_one_qr_code_a_row(
    client, profile, monkeypatch
):
    """A province's field holds thousands of procedures (2,467 in Hộ tịch took
    14.5 s and 4.7 MB on one page): the field's list comes in pages, each
    saying how many the field holds and which of them it lists, numbered
    through the field, with the QR codes of its own rows only."""
    monkeypatch.setattr(views, "FIELD_LIST_PAGE", 2)
    ho_tich = make_field("Hộ tịch")
    for n, name in enumerate(("An", "Bình", "Cúc", "Dũng", "Giang")):
        make_procedure(
            f"Thủ tục {name}", code=f"1.00100{n}", field=ho_tich, parts=False
        )
    url = reverse("procedures:field-print", args=["ho-tich"])
    first = client.get(url).content.decode()
    third = client.get(url, {"page": 3}).content.decode()
    assert "Thủ tục An" in first and "Thủ tục Bình" in first
    assert "Thủ tục Cúc" not in first and "Thủ tục Giang" not in first
    assert "Thủ tục Giang" in third and "Thủ tục Dũng" not in third
    for html, rows in ((first, 2), (third, 1)):
        assert "5 thủ tục" in html
        assert html.count('class="qr-code"') == 1 + rows  # the field's, then rows
        assert "Trang" in html and 'rel="' in html
    assert " 1–2 " in _meta(first) and " 5–5 " in _meta(third)
    assert "<td>5</td>" in third  # numbered through the field
    assert client.get(url, {"page": 4}).status_code == 404


def _meta(html):
    start = html.index('class="sheet-meta"')
    return html[start : html.index("</p>", start)]


def test_a_name_saved_with_a_right_to_left_override_reads_as_typed(client, profile):
    """The admin drops control characters from text; a right-to-left override
    pasted into a name showed it reversed in the page's h1, <title> and
    og:title: it is dropped the same way, with zero-width characters."""
    procedure = make_procedure("Thủ tục \u202eRTL\u202c đăng\u200bký", code="1.001193")
    html = client.get(procedure.get_absolute_url()).content.decode()
    assert "\u202e" not in html and "\u200b" not in html and "\u202c" not in html
    assert "Thủ tục RTL đăngký" in html[html.index("<h1") :]
    assert '<meta property="og:title" content="Thủ tục RTL đăngký' in html
