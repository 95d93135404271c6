"""In Chromium: an editor types a news item in the rich-text editor, the
session ends before Save is pressed, and nothing typed is lost — the login page
says the form is kept, and after logging in it is offered and saved
(thachha_portal/kept_forms.py)."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from bulletins.models import Bulletin
from tests.bulletins.factories import make_category

from .conftest import axe_violations
from .test_journey_staff import TITLE, log_in, write_bulletin

pytestmark = pytest.mark.django_db(transaction=True)

ADD = "/quan-tri/bulletins/bulletin/add/"


def test_a_news_item_typed_as_the_session_ended_is_saved_after_logging_in(
    site, make_staff, new_page
):
    make_category("tin-cchc", "Tin cải cách hành chính")
    make_staff("bientap", "editor")
    page = new_page(bypass_csp=True)
    log_in(page, site, "bientap", ADD)
    write_bulletin(page)

    # Two weeks after the login, the session ends while the item is typed.
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    page.get_by_role("button", name="Lưu lại").first.click()
    page.wait_for_url("**/quan-tri/login/**")
    assert (
        page.get_by_role("status").inner_text().startswith("Phiên đăng nhập đã hết hạn")
    )
    assert not Bulletin.objects.exists()

    page.get_by_label("Tên đăng nhập").fill("bientap")
    page.get_by_label("Mật khẩu").fill("pw-Thach-Ha-2021")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"**{ADD}")
    assert page.get_by_role("heading", name="Nội dung bạn đã nhập chưa được lưu")
    shown = page.locator("dl").inner_text()
    assert TITLE in shown and "Tin cải cách hành chính" in shown  # the category
    assert "ngay tại nhà <script>alert(1)</script>. Đăng ký khai sinh" in shown
    # The admin's markup is Django's: "critical" only, as for every admin page.
    assert axe_violations(page, impacts=("critical",)) == []
    assert not Bulletin.objects.exists()

    page.get_by_role("button", name="Lưu nội dung đã nhập").click()
    page.wait_for_url("**/quan-tri/bulletins/bulletin/")
    bulletin = Bulletin.objects.get()
    assert bulletin.title == TITLE
    assert "<strong>nộp hồ sơ trực tuyến toàn trình</strong>" in bulletin.body
    assert "Dán từ Word: lịch tiếp công dân" in bulletin.body


def test_a_cover_chosen_is_kept_when_the_form_comes_back_with_an_error(
    site, make_staff, new_page, tmp_path
):
    """Chromium empties a file input when the page comes back: the cover
    chosen stays kept on the server, and is saved with the form."""
    from tests.bulletins.test_cover_images import phone_photo

    make_category("tin-cchc", "Tin cải cách hành chính")
    make_staff("bientap", "editor")
    photo = tmp_path / "hoi-nghi.jpg"
    photo.write_bytes(phone_photo(3000, 4000))
    page = new_page()
    log_in(page, site, "bientap", ADD)
    page.locator("#id_title").fill("Hội nghị đối thoại với doanh nghiệp")
    page.locator("#id_category").select_option(label="Tin cải cách hành chính")
    page.locator("#id_summary").fill("Tóm tắt.")
    page.locator(".field-body [contenteditable=true]").click()
    page.keyboard.type("Nội dung hội nghị.")
    page.locator("#id_cover_image").set_input_files(photo)
    page.get_by_role("button", name="Lưu lại").first.click()  # no description
    page.wait_for_load_state()
    assert page.locator("#id_cover_image").input_value() == ""  # emptied
    assert "hoi-nghi.jpg" in page.locator(".kept-uploads").inner_text()

    page.locator("#id_cover_alt").fill("Đại biểu doanh nghiệp phát biểu")
    page.get_by_role("button", name="Lưu lại").first.click()
    page.wait_for_url("**/quan-tri/bulletins/bulletin/")
    bulletin = Bulletin.objects.get()
    assert (bulletin.cover_width, bulletin.cover_height) == (1200, 900)
    assert bulletin.cover_phone
