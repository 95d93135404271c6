import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


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
