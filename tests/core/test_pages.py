import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    "name", ["home", "about", "accessibility", "sitemap-page", "search"]
)
def test_core_pages_render_in_vietnamese_with_landmarks(client, profile, name):
    response = client.get(reverse(name))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert 'class="skip-link" href="#main"' in html
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    assert "Ủy ban nhân dân xã Thạch Hà" in html


def test_footer_shows_the_profile_from_the_database(client, profile):
    profile.hotline = "0239 9999"
    profile.save()
    html = client.get("/").content.decode()
    assert "0239 9999" in html
    assert "Thứ Hai – Thứ Sáu: 7:00 – 17:00" in html
    assert reverse("accessibility") in html


def test_unknown_page_gives_a_helpful_404(client, profile):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_english_is_available_through_the_language_switch(client, profile):
    response = client.post(reverse("set-language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get(reverse("about")).content.decode()
    assert '<html lang="en">' in html
    assert "Opening hours" in html


def test_browser_language_does_not_override_vietnamese(client, profile):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert '<html lang="vi">' in html


def test_pages_send_a_strict_content_security_policy(client, profile):
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    # The admin too: no script but its own files (its widgets write styles).
    admin = client.get("/quan-tri/login/").headers["Content-Security-Policy"]
    assert "script-src 'self';" in admin and "frame-ancestors 'none'" in admin


def test_robots_and_sitemap(client, profile):
    assert "Disallow: /quan-tri/" in client.get("/robots.txt").content.decode()
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert b"http://testserver/sitemap-pages.xml</loc>" in index.content
    assert b"/kha-nang-tiep-can/" in client.get("/sitemap-pages.xml").content


def test_site_search_without_matches_explains_what_to_try(client, profile):
    html = client.get(reverse("search"), {"q": "xyzzy"}).content.decode()
    assert "Không tìm thấy kết quả" in html


def test_a_404_under_procedures_or_news_points_to_their_lists(client, profile):
    # A QR code on an old notice-board sheet leads to a procedure that has since
    # been withdrawn: the reader is told why and where the listing is.
    html = client.get("/thu-tuc/9.999999/").content.decode()
    assert "có thể đã bị bãi bỏ hoặc thay thế" in html
    assert 'href="/thu-tuc/"' in html
    html = client.get("/tin-tuc/khong-co-tin-nay/").content.decode()
    assert 'href="/tin-tuc/">Xem tất cả tin cải cách hành chính</a>' in html
    assert "bãi bỏ" not in client.get("/khong-co-trang-nay/").content.decode()


def test_links_shared_to_facebook_or_zalo_show_the_portals_picture(client, profile):
    """Those apps show no SVG: every page names a 1200 × 630 PNG, described."""
    from django.contrib.staticfiles import finders
    from PIL import Image

    html = client.get(reverse("home")).content.decode()
    assert (
        '<meta property="og:image" content="http://testserver/static/img/share.png">'
        in html
    )
    assert '<meta property="og:image:width" content="1200">' in html
    assert 'property="og:image:alt" content="Biểu trưng' in html
    with Image.open(finders.find("img/share.png")) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))


def test_the_menu_marks_the_page_and_the_section_each_page_is_in(client, profile):
    """The menu is drawn once per worker for each section (the "fragments"
    cache): every page still marks its own item."""
    from tests.procedures.factories import make_procedure

    procedure = make_procedure()
    pages = {
        reverse("home"): ("Trang chủ", "page"),
        reverse("procedures:list"): ("Thủ tục hành chính", "page"),
        reverse("procedures:list") + "?q=khai+sinh": ("Thủ tục hành chính", "page"),
        procedure.get_absolute_url(): ("Thủ tục hành chính", "true"),
        reverse("bulletins:list"): ("Tin tức cải cách hành chính", "page"),
        reverse("about"): ("Giới thiệu", "page"),
        reverse("search") + "?q=khai+sinh": (None, None),
    }
    for _round in range(2):
        for url, (item, state) in pages.items():
            menu = client.get(url).content.decode().split('class="main-nav"')[1]
            menu = menu.split("</nav>")[0]
            marked = re.findall(r'aria-current="(\w+)">([^<]+)</a>', menu)
            assert marked == ([(state, item)] if item else []), url


def header_and_footer(response):
    html = response.content.decode()
    return html.split("<main")[0], html.split("</main>")[1]


def test_header_and_footer_follow_a_profile_edit_at_once(
    client, profile, django_capture_on_commit_callbacks
):
    """Each worker keeps the header and footer it drew (the "fragments"
    cache), keyed on the profile's values: an edit shows on the next page."""
    words = ("khai", "sinh")
    placeholder = {"vi": "Tìm thủ tục, tin tức…", "en": "Search procedures, news…"}

    def check(name, hotline):
        for language in ("vi", "en"):
            client.cookies["django_language"] = language
            for word in words:
                url = reverse("search") + f"?q={word}"  # never from the page cache
                header, footer = header_and_footer(client.get(url))
                for part in (header, footer):
                    assert name in part and hotline in part
                # what differs between pages is still each page's own
                box = f'placeholder="{placeholder[language]}" value="{word}"'
                assert box in header
                assert f'name="next" value="{url}"' in footer

    check("Ủy ban nhân dân xã Thạch Hà", "0239 1022")
    with django_capture_on_commit_callbacks(execute=True):
        profile.name = "Ủy ban nhân dân phường Thạch Hà"
        profile.hotline = "0239 7777"
        profile.save()
    check("Ủy ban nhân dân phường Thạch Hà", "0239 7777")


def test_the_home_pages_hero_and_desk_follow_a_profile_edit_at_once(
    client, profile, django_capture_on_commit_callbacks
):
    """The home page's hero and desk strip are kept per worker like the header
    (keyed on the language and the profile's values)."""

    def check(address, portal):
        for language, hotline_label in (("vi", "Đường dây nóng"), ("en", "Hotline")):
            client.cookies["django_language"] = language
            for _round in range(2):
                html = client.get(reverse("home")).content.decode()
                hero = html.split('class="hero"')[1].split("</section>")[0]
                desk = html.split('class="desk-strip"')[1].split("</section>")[0]
                assert f'href="{portal}"' in hero
                assert address in desk and hotline_label in desk

    check(profile.desk_address, profile.national_portal_url)
    with django_capture_on_commit_callbacks(execute=True):
        profile.desk_address = "Số 1 đường Trần Phú, xã Thạch Hà"
        profile.national_portal_url = (
            "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html"
        )
        profile.save()
    check("Số 1 đường Trần Phú, xã Thạch Hà", profile.national_portal_url)


def test_the_footers_year_turns_at_new_year_in_vietnam(client, profile):
    search = reverse("search") + "?q=khai+sinh"  # never from the page cache
    eve = datetime.datetime(2026, 12, 31, 23, 50, tzinfo=VIETNAM)
    with time_machine.travel(eve, tick=False):
        assert f"© 2026 {profile.name}" in client.get(search).content.decode()
    with time_machine.travel(eve + datetime.timedelta(minutes=20), tick=False):
        assert f"© 2027 {profile.name}" in client.get(search).content.decode()


@pytest.mark.parametrize(
    "path", ["/", "/khong-co-trang-nay/", "/thu-tuc/", "/tim-kiem/"]
)
def test_every_search_box_stops_at_the_length_a_search_reads(client, profile, path):
    """A long paste into a box without a limit made an address the server
    refused with gunicorn's English "URI Too Long"; the search reads 200
    characters of it anyway (procedures.forms, thachha_portal.params)."""
    from procedures.forms import CatalogueFilterForm

    html = client.get(path).content.decode()
    boxes = re.findall(r'<input[^>]*\bname="q"[^>]*>', html)
    assert len(boxes) >= 2  # the header's and the page's own
    limit = f'maxlength="{CatalogueFilterForm.QUERY_LENGTH}"'
    assert all(limit in box for box in boxes), boxes
