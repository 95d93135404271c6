"""The staff journey end to end, in Chromium, through the admin as staff use it:
an editor writes a bulletin in the rich-text editor and submits it, an approver
publishes it, the public sees it on the home page and in the feed, the announcer
records its airing, and the KPI dashboard's cells for this month turn to met."""

import datetime
import re

import feedparser
import pytest
from django.utils import timezone

from bulletins.models import Airing, Bulletin
from plans.models import Indicator, Plan
from tests.bulletins.factories import make_category
from thachha_portal.text import slug_from

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Người dân xã Thạch Hà nộp hồ sơ trực tuyến toàn trình"
WEBSITE_KPI = "Tin bài CCHC trên trang TTĐT hằng tháng"
LOUDSPEAKER_KPI = "Tin bài CCHC trên loa truyền thanh hằng tháng"
# The plan's own KPI 2: at least one item a month on the website AND aired.
BOTH_KPI = "Tin bài CCHC trên trang TTĐT và loa truyền thanh"
# What a secretary pastes from Word: classes, inline styles, an event handler,
# an Office tag and a script, which must all be gone after saving.
WORD_PASTE = (
    '<p class="MsoNormal" style="color:red;font-family:Times New Roman" '
    'onclick="alert(1)">Dán từ Word: lịch tiếp công dân<o:p></o:p></p>'
    "<script>alert('xss')</script>"
)


@pytest.fixture
def staff(site, make_staff):
    make_category("tin-cchc", "Tin cải cách hành chính")
    make_category("thong-bao", "Thông báo")
    for username, role in (
        ("bientap", "editor"),
        ("lanhdao", "approver"),
        ("phatthanh", "announcer"),
    ):
        make_staff(username, role)
    return site


@pytest.fixture
def kpis(staff):
    """This year's plan in force, with monthly KPIs: one per channel, and both
    channels together."""
    year = timezone.localdate().year
    plan = Plan(
        number="01/KH-UBND",
        issued_on=datetime.date(year, 1, 5),
        issuer="UBND xã Thạch Hà",
        title=f"Tuyên truyền cải cách hành chính năm {year}",
        starts_on=datetime.date(year, 1, 1),
        ends_on=datetime.date(year, 12, 31),
        period_basis=Plan.PeriodBasis.CALENDAR,
        status=Plan.Status.IN_FORCE,
    )
    plan.full_clean()
    plan.save()
    for order, (name, metric) in enumerate(
        [
            (WEBSITE_KPI, "bulletins"),
            (LOUDSPEAKER_KPI, "airings"),
            (BOTH_KPI, "website_and_loudspeaker"),
        ],
        1,
    ):
        kpi = Indicator(
            plan=plan,
            order=order,
            short_name=name,
            text=f"Mỗi tháng ít nhất một tin CCHC ({name}).",
            metric=metric,
            params={},
            target=1,
            period=Indicator.Period.MONTH,
        )
        kpi.full_clean()
        kpi.save()
    return plan


def log_in(page, site, username, next_path="/quan-tri/"):
    page.goto(f"{site}/quan-tri/login/?next={next_path}")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("pw-Thach-Ha-2021")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"**{next_path}")


def log_out(page):
    page.get_by_role("button", name="Thoát").click()
    page.wait_for_url("**/quan-tri/logout/")
    assert page.get_by_role("link", name="Đăng nhập lại").is_visible()


def success_message(page):
    return page.locator(".messagelist .success").inner_text()


def set_now(page, field):
    """Click the admin's “Today” and “Now” shortcuts of a date-time field."""
    row = page.locator(f".field-{field}")
    row.get_by_role("link", name="Hôm nay").click()
    row.get_by_role("link", name="Bây giờ").click()


def dashboard_cell(page, site, kpi_name):
    """The text of this month's cell of a monthly KPI on the public dashboard."""
    page.goto(site + "/ke-hoach/")
    row = page.get_by_role("row", name=kpi_name)
    return row.get_by_role("link", name=this_month()).inner_text()


def this_month():
    """How the dashboard names this month: “tháng 3 năm 2026”."""
    today = timezone.localdate()
    return f"tháng {today.month} năm {today.year}"


def write_bulletin(page, refused=()):
    """Type the bulletin into the form as a person does; the body in the editor.
    ``refused``: what the page's Content Security Policy refused so far."""
    page.locator("#id_title").press_sequentially(TITLE)
    # The slug is left blank: it is made from the title when the item is saved.
    assert page.locator("#id_slug").input_value() == ""
    page.locator("#id_category").select_option(label="Tin cải cách hành chính")
    page.locator("#id_summary").fill(
        "Từ tháng này người dân làm giấy khai sinh, đăng ký thường trú tại nhà."
    )
    editor = page.locator(".field-body [contenteditable=true]")
    toolbar = page.locator(".field-body .prose-menubar")
    editor.click()
    page.keyboard.type("Từ tháng này, người dân ")
    toolbar.locator("button[data-name=bold]").click()
    page.keyboard.type("nộp hồ sơ trực tuyến toàn trình")
    toolbar.locator("button[data-name=bold]").click()
    page.keyboard.type(" ngay tại nhà <script>alert(1)</script>.")
    page.keyboard.press("Enter")
    toolbar.locator("button[data-name=bulletList]").click()
    page.keyboard.type("Đăng ký khai sinh")
    page.keyboard.press("Enter")
    page.keyboard.type("Đăng ký thường trú")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # an empty item ends the list
    assert list(refused) == []  # the editor and the widgets work under the policy
    # Paste from Word into the editor, as the clipboard delivers it.
    editor.evaluate(
        """(element, html) => {
            const data = new DataTransfer();
            data.setData('text/html', html);
            data.setData('text/plain', 'Dán từ Word: lịch tiếp công dân');
            element.dispatchEvent(new ClipboardEvent('paste', {
                clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        WORD_PASTE,
    )
    assert "nộp hồ sơ trực tuyến toàn trình" in editor.locator("strong").inner_text()
    assert editor.locator("ul li").count() == 2


def test_staff_journey_from_the_editor_to_the_public_and_the_kpi_dashboard(
    staff, kpis, new_page
):
    site = staff
    visitor = new_page()
    # This month's cells: nothing yet on either channel.
    for kpi in (WEBSITE_KPI, LOUDSPEAKER_KPI, BOTH_KPI):
        cell = dashboard_cell(visitor, site, kpi)
        assert "Đang thực hiện" in cell and "0/1" in cell, kpi

    # 1. The editor writes the item in the admin and saves it as a draft.
    page = new_page()
    # The admin's Content Security Policy leaves its widgets and the editor working.
    refused = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and refused.append(message.text)
        ),
    )
    log_in(page, site, "bientap", "/quan-tri/bulletins/bulletin/add/")
    write_bulletin(page, refused)
    page.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").first.click()
    page.wait_for_url(re.compile(r".*/bulletin/\d+/change/$"))
    assert TITLE in success_message(page)
    bulletin = Bulletin.objects.get(title=TITLE)
    assert bulletin.status == Bulletin.Status.DRAFT
    assert bulletin.category.slug == "tin-cchc"
    assert bulletin.slug == slug_from(TITLE, 110)  # every letter folded, none lost

    # The body typed in the editor is stored through the allow-list.
    body = bulletin.body
    assert "<strong>nộp hồ sơ trực tuyến toàn trình</strong>" in body
    assert re.search(r"<ul>\s*<li>(<p>)?Đăng ký khai sinh", body)
    assert "Dán từ Word: lịch tiếp công dân" in body
    for debris in ("class=", "style=", "onclick", "<script", "o:p", "MsoNormal"):
        assert debris not in body, debris
    assert "alert('xss')" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body  # typed text stays text
    # The policy refused nothing but the pasted event handler.
    assert all(text.startswith("Executing inline event handler") for text in refused)

    # 2. … and submits it for approval.
    page.locator("#id_new_status").select_option(label="Chờ duyệt")
    page.get_by_role("button", name="Lưu lại").first.click()
    page.wait_for_url("**/quan-tri/bulletins/bulletin/")
    row = page.get_by_role("row").filter(has_text=TITLE)
    assert "Chờ duyệt" in row.inner_text()
    # An editor cannot publish: the status list offers no “Đã đăng”.
    row.get_by_role("link", name=TITLE).click()
    options = page.locator("#id_new_status option").all_inner_texts()
    assert "Đã đăng" not in options
    log_out(page)

    # Not public yet.
    visitor.goto(site + "/")
    assert TITLE not in visitor.locator("#main").inner_text()

    # 3. The approver publishes it, with the publication time set to now.
    log_in(page, site, "lanhdao", "/quan-tri/bulletins/bulletin/")
    page.get_by_role("link", name=TITLE).click()
    set_now(page, "published_at")
    page.locator("#id_new_status").select_option(label="Đã đăng")
    page.get_by_role("button", name="Lưu lại").first.click()
    page.wait_for_url("**/quan-tri/bulletins/bulletin/")
    assert "Đã đăng" in page.get_by_role("row").filter(has_text=TITLE).inner_text()
    bulletin.refresh_from_db()
    assert bulletin.is_public
    assert timezone.now() - bulletin.published_at < datetime.timedelta(minutes=5)
    log_out(page)

    # 4. Anyone sees it on the home page, its page shows the cleaned body …
    visitor.goto(site + "/")
    latest = visitor.get_by_role("region", name="Tin cải cách hành chính mới nhất")
    latest.get_by_role("link", name=TITLE).click()
    visitor.wait_for_url("**" + bulletin.get_absolute_url())
    assert visitor.get_by_role("heading", level=1).inner_text() == TITLE
    shown = visitor.locator(".bulletin-body")
    assert shown.locator("strong").inner_text() == "nộp hồ sơ trực tuyến toàn trình"
    assert shown.locator("li").all_inner_texts() == [
        "Đăng ký khai sinh",
        "Đăng ký thường trú",
    ]
    assert "ngay tại nhà <script>alert(1)</script>." in shown.inner_text()
    assert shown.locator("script, [style], [class], [onclick]").count() == 0
    assert (
        timezone.localdate().strftime("%d/%m/%Y")
        in visitor.locator(".bulletin-meta").inner_text()
    )

    # … and the Atom feed carries it.
    response = visitor.request.get(site + "/tin-tuc/atom/")
    assert response.ok
    feed = feedparser.parse(response.text())
    assert not feed.bozo, feed.bozo_exception
    entry = next(e for e in feed.entries if e.title == TITLE)
    assert entry.link == site + bulletin.get_absolute_url()
    assert entry.tags[0].term == "Tin cải cách hành chính"

    # 5. The dashboard's website cell for this month turns to met; the
    # loudspeaker cell waits for an airing.
    cell = dashboard_cell(visitor, site, WEBSITE_KPI)
    assert "Đạt" in cell and "1/1" in cell
    for kpi in (LOUDSPEAKER_KPI, BOTH_KPI):
        cell = dashboard_cell(visitor, site, kpi)
        assert "Đang thực hiện" in cell and "0/1" in cell, kpi

    # 6. The announcer records that it was read on the loudspeakers.
    log_in(page, site, "phatthanh", "/quan-tri/bulletins/airing/add/")
    page.locator("#id_bulletin").select_option(label=TITLE)
    set_now(page, "aired_at")
    page.locator("#id_station").fill("Đài truyền thanh xã")
    page.locator("#id_duration_minutes").fill("5")
    page.locator("#id_read_by").fill("Nguyễn Thị Lan")
    page.get_by_role("button", name="Lưu lại").first.click()
    page.wait_for_url("**/quan-tri/bulletins/airing/")
    assert TITLE in success_message(page)
    assert (
        "Đài truyền thanh xã"
        in page.get_by_role("row").filter(has_text=TITLE).inner_text()
    )
    airing = Airing.objects.get(bulletin=bulletin)
    assert airing.recorded_by.username == "phatthanh"
    log_out(page)

    # 7. The dashboard's loudspeaker cell for this month turns to met (and so
    # does the website-and-loudspeaker one); its drill-down names the airing.
    for kpi in (LOUDSPEAKER_KPI, BOTH_KPI):
        cell = dashboard_cell(visitor, site, kpi)
        assert "Đạt" in cell and "1/1" in cell, kpi
    visitor.get_by_role("row", name=LOUDSPEAKER_KPI).get_by_role(
        "link", name=this_month()
    ).click()
    visitor.wait_for_url(f"**/chi-tieu/**/m{timezone.localdate():%Y-%m}/")
    assert "Đài truyền thanh xã" in visitor.locator("main").inner_text()
    assert visitor.get_by_role("link", name=TITLE).count() >= 1
