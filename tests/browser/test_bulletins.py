"""A reader goes news → month archive → bulletin → rating and comment; a
moderator approves; the comment appears. The bulletins pages pass axe-core at
phone and desktop widths and the Nu Html Checker."""

import datetime
import gzip
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from bulletins import forms as feedback_forms
from bulletins import services
from bulletins.models import Attachment, Comment
from tests.bulletins.factories import make_bulletin, make_category
from tests.procedures.factories import make_procedure

from .conftest import DESKTOP, PHONE, axe_violations, html_errors

pytestmark = pytest.mark.django_db(transaction=True)
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def news(site, monkeypatch):
    monkeypatch.setattr(feedback_forms, "MIN_SECONDS", 0)
    make_category("neu-guong", "Nêu gương điển hình")
    bulletin = make_bulletin(
        title="Triển khai Kế hoạch tuyên truyền CCHC tháng 3",
        slug="trien-khai-thang-3",
        published_at=datetime.datetime(2021, 3, 12, 8, 0, tzinfo=VN),
        body=(
            "<p>UBND thị trấn triển khai Kế hoạch số 02/KH-UBND.</p>"
            "<h2>Nội dung chính</h2><ul><li>Tuyên truyền trên loa</li></ul>"
            '<table><tr><th scope="col">Tháng</th><th scope="col">Số tin</th></tr>'
            "<tr><td>3</td><td>2</td></tr></table>"
        ),
    )
    Attachment.objects.create(
        bulletin=bulletin,
        title="Kế hoạch 02/KH-UBND",
        file=SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    bulletin.related_procedures.add(make_procedure(code="1.001193"))
    make_bulletin(title="Tin khác của năm 2026")
    return bulletin


def _pages(bulletin):
    return {
        "list": "/tin-tuc/",
        "category": "/tin-tuc/chuyen-muc/tin-cchc/",
        "month": "/tin-tuc/2021/03/",
        "detail": bulletin.get_absolute_url(),
    }


def _log_in(page, site, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": site,
            }
        ]
    )


def test_reader_rates_and_comments_and_the_comment_appears_after_moderation(
    site, news, page, make_staff
):
    page.goto(site + "/tin-tuc/")
    page.get_by_role("link", name="Tháng 03/2021").click()
    page.wait_for_url("**/tin-tuc/2021/03/")
    page.get_by_role("link", name=news.title).click()
    page.wait_for_url("**" + news.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == news.title
    assert "12/03/2021" in page.locator(".bulletin-meta").inner_text()
    related = page.get_by_role("link", name="Thủ tục đăng ký khai sinh")
    assert related.get_attribute("href") == "/thu-tuc/1.001193/"

    page.get_by_label("4 sao").check()
    page.get_by_role("button", name="Gửi đánh giá").click()
    assert "Cảm ơn bạn đã đánh giá" in page.locator("#phan-hoi .messages").inner_text()
    assert "4,0/5 từ 1 lượt" in page.locator(".rating-summary").inner_text()

    page.get_by_label("Họ và tên").fill("Trần Văn An")
    page.get_by_label("Ý kiến của bạn").fill("Cảm ơn xã đã hướng dẫn rõ ràng.")
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_load_state()
    # Consent forgotten: the error says so and nothing typed is lost.
    assert "Hãy đánh dấu đồng ý" in page.content()
    assert page.get_by_label("Ý kiến của bạn").input_value() == (
        "Cảm ơn xã đã hướng dẫn rõ ràng."
    )
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Gửi ý kiến").click()
    assert "sau khi được kiểm duyệt" in page.locator(".messages").inner_text()
    assert (
        "Cảm ơn xã đã hướng dẫn rõ ràng." not in page.locator(".feedback").inner_text()
    )

    services.comment_moderate(
        comment=Comment.objects.get(),
        status=Comment.Status.APPROVED,
        user=make_staff("kiemduyet", "moderator"),
    )
    page.goto(site + news.get_absolute_url())
    assert (
        "Cảm ơn xã đã hướng dẫn rõ ràng." in page.locator(".comment-list").inner_text()
    )


def test_rating_works_without_javascript(site, news, new_page):
    page = new_page(javascript=False)
    page.goto(site + news.get_absolute_url())
    page.get_by_label("5 sao").check()
    page.get_by_role("button", name="Gửi đánh giá").click()
    assert "5,0/5 từ 1 lượt" in page.locator(".rating-summary").inner_text()


def test_comment_and_rating_sent_empty_say_what_is_wrong_atop_their_form(
    site, news, new_page
):
    """As the procedure's "was this helpful?" form (docs/accessibility.md): a
    summary of what is wrong at the top of the form the address's anchor
    brings the reader to (role="alert", a link to each field), and the stars
    each described by their message. Neither form had a summary, and the
    stars were marked invalid but described by nothing."""
    page = new_page(viewport={"width": 360, "height": 740}, javascript=False)
    page.goto(site + news.get_absolute_url())
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_url("**/binh-luan/#gui-y-kien")
    summary = page.locator("#gui-y-kien").get_by_role("alert")
    for message, box in (
        ("Hãy nhập họ tên", "#id_comment-name"),
        ("Hãy viết ý kiến của bạn.", "#id_comment-body"),
    ):
        assert summary.get_by_role("link", name=message).get_attribute("href") == box
    assert summary.get_by_role("link", name="Hãy đánh dấu đồng ý").count() == 1

    page.goto(site + news.get_absolute_url())
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_url("**/danh-gia/#phan-hoi")
    summary = page.locator(".rating-form").get_by_role("alert")
    link = summary.get_by_role("link", name="Hãy chọn từ 1 đến 5 sao.")
    assert link.get_attribute("href") == "#id_rating-stars_0"
    for stars in range(1, 6):
        star = page.get_by_role("radio", name=f"{stars} sao")
        assert star.get_attribute("aria-invalid") == "true"
        described = star.get_attribute("aria-describedby")
        assert "Hãy chọn từ 1 đến 5 sao." in page.locator(f"#{described}").inner_text()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_bulletin_pages_have_no_serious_accessibility_faults(
    site, news, new_page, viewport, make_staff
):
    page = new_page(viewport=viewport, bypass_csp=True)
    _log_in(page, site, make_staff("phatthanh", "announcer"))
    problems = []
    for path in [*_pages(news).values(), news.get_script_url()]:
        page.goto(site + path)
        problems += axe_violations(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > viewport["width"]:
            problems.append(f"{path}: scrolls sideways ({width}px)")
    page.goto(site + news.get_absolute_url())
    page.get_by_role("button", name="Gửi ý kiến").click()
    problems += axe_violations(page)  # the page with form errors
    assert not problems, "\n".join(problems)


def test_bulletin_pages_are_valid_html(site, news, page, make_staff):
    """Every page type, including the bulletin page with form errors."""
    errors = []
    for name, path in _pages(news).items():
        page.goto(site + path)
        errors += html_errors(page.content(), name=f"bulletins_{name}")
    # The bulletin page showing errors in both forms is valid too.
    page.goto(site + news.get_absolute_url())
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_load_state()
    assert "Hãy nhập họ tên" in page.content()
    errors += html_errors(page.content(), name="bulletins_comment_errors")
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_load_state()
    assert "Hãy chọn từ 1 đến 5 sao" in page.content()
    errors += html_errors(page.content(), name="bulletins_rating_errors")
    _log_in(page, site, make_staff("phatthanh", "announcer"))
    page.goto(site + news.get_script_url())
    errors += html_errors(page.content(), name="bulletins_script")
    assert not errors, "\n".join(errors)


def test_admin_rich_text_editor_loads_from_our_own_server(site, news, page, make_staff):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    _log_in(page, site, make_staff("bientap", "editor"))
    page.goto(site + "/quan-tri/bulletins/bulletin/add/")
    page.locator(".prose-editor .ProseMirror").first.wait_for(state="attached")
    assert not errors, errors
    assert all(url.startswith(site) for url in requests), requests


def test_a_phone_downloads_the_covers_smaller_copy(site, new_page):
    """Chromium picks from the cover's srcset as a reader's screen asks: a 2×
    phone of 375 px the 800-pixel copy, a desktop the 1,200-pixel one (AVIF,
    which Chromium reads)."""
    from tests.bulletins.test_cover_images import phone_photo

    make_category("tin-cchc", "Tin cải cách hành chính")
    bulletin = make_bulletin(
        cover_image=SimpleUploadedFile("hoi-nghi.jpg", phone_photo(3000, 4000)),
        cover_alt="Hội nghị triển khai",
    )
    chosen = {}
    for name, viewport, scale in (("phone", PHONE, 2), ("desktop", DESKTOP, 1)):
        page = new_page(viewport=viewport, device_scale_factor=scale)
        fetched = []
        page.on("request", lambda r, fetched=fetched: fetched.append(r.url))
        page.goto(site + bulletin.get_absolute_url())
        cover = page.get_by_role("img", name="Hội nghị triển khai")
        cover.evaluate("img => img.decode()")
        chosen[name] = cover.evaluate("img => img.currentSrc")
        covers = [url for url in fetched if "/media/bulletins/covers" in url]
        assert covers == [chosen[name]], covers  # one picture fetched, no other
    # Both read AVIF: the <picture>'s copies by their widths.
    assert chosen["phone"].endswith(bulletin.cover_phone_avif.url)
    assert chosen["desktop"].endswith(bulletin.cover_avif.url)


def _transferred(request):
    """Bytes ``request`` cost the phone: its response's headers and body as
    sent. A static file the test server sent uncompressed is counted as
    whitenoise sends it in production, gzipped (the .gz collected beside it)."""
    response = request.response()
    sizes = request.sizes()
    body = sizes["responseBodySize"]
    if "/static/" in request.url and not response.headers.get("content-encoding"):
        body = len(gzip.compress(response.body(), 9))
    return sizes["responseHeadersSize"] + body


def test_a_phone_fetches_the_small_avif_and_the_page_stays_within_60_kb(site, new_page):
    """Lighthouse's phone (412 px at 1.75×) opening a news item whose cover is
    a photo of fine texture (the heaviest kind per pixel, docs/bulletins.md)
    takes the 672-pixel AVIF copy, no other picture, and the whole page (HTML
    as the page cache serves it, gzipped; the CSS, scripts, icons; the
    picture) transfers at most 60 KB (issue #11). A browser without AVIF has
    the JPEG in the <img>."""
    from tests.bulletins.test_cover_images import fine_texture_photo

    make_category("tin-cchc", "Tin cải cách hành chính")
    bulletin = make_bulletin(
        cover_image=SimpleUploadedFile("dam-dong.jpg", fine_texture_photo()),
        cover_alt="Người dân dự hội nghị tuyên truyền",
    )
    url = site + bulletin.get_absolute_url()
    Client().get(bulletin.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")  # cached
    page = new_page(
        viewport={"width": 412, "height": 915},
        device_scale_factor=1.75,
        is_mobile=True,
        has_touch=True,
    )
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url)
    cover = page.get_by_role("img", name="Người dân dự hội nghị tuyên truyền")
    cover.evaluate("img => img.decode()")
    page.wait_for_load_state("networkidle")
    pictures = [r.url for r in finished if "/media/" in r.url]
    assert pictures == [site + bulletin.cover_small_avif.url], pictures
    assert cover.evaluate("img => img.currentSrc") == pictures[0]
    html = next(r for r in finished if r.url == url)
    assert html.response().headers.get("content-encoding") == "gzip"
    weights = {r.url.removeprefix(site): _transferred(r) for r in finished}
    assert sum(weights.values()) <= 60_000, weights
    # The fallback: a browser that reads no AVIF takes the <img>'s JPEGs.
    assert cover.get_attribute("src") == bulletin.cover_image.url
    assert bulletin.cover_image.name.endswith(".jpg")
    assert ".avif" not in cover.get_attribute("srcset")
