"""Printing ordinary pages from the browser (Ctrl+P), not the dedicated A4 sheets.
Chromium prints the page to PDF; pypdf reads each page back, and the tests check
what a person checks on the printout: no page before the last left largely blank,
a table's header never alone at the foot of a page, Vietnamese text kept with its
marks, navigation and forms left out. The PDFs stay in test-artifacts/print/ for a
look after a failure (`pdftoppm -png` turns them into pictures).

Each page is printed twice: with the desktop window, and with a window as wide as
the paper (what Chrome's print preview lays out), since the screen's width-based
rules (stacked tables on phones, side columns on wide screens) must not decide how
the paper looks."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from bulletins.models import Bulletin

from .conftest import ARTIFACTS, DESKTOP

pytestmark = pytest.mark.django_db(transaction=True)

# The window while printing: the desktop one, and one as wide as the printable
# width of A4 (portrait 175 mm, landscape 273 mm; 96 px to the inch).
WINDOWS = {"desktop": DESKTOP, "paper": {"width": 680, "height": 960}}
# A page before the last whose text stops above this share of its height, counted
# from the top, leaves more than a third of the paper blank.
MOSTLY_USED = 2 / 3


@pytest.fixture
def demo(site):
    call_command("load_demo", "--no-users", stdout=io.StringIO())
    return site


@pytest.fixture(params=WINDOWS, ids=list(WINDOWS))
def window(request):
    return WINDOWS[request.param] | {"name": request.param}


class Printout:
    """A page printed as Chromium prints it for Ctrl+P, read back page by page."""

    def __init__(self, page, url, name, window):
        page.set_viewport_size({"width": window["width"], "height": window["height"]})
        page.goto(url)
        page.emulate_media(media="print")
        pdf = page.pdf(prefer_css_page_size=True)
        folder = ARTIFACTS / "print"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}-{window['name']}.pdf").write_bytes(pdf)
        self.texts, self.used = [], []
        for sheet in PdfReader(io.BytesIO(pdf)).pages:
            lowest = []

            def note(text, cm, tm, font, size, lowest=lowest):
                if text.strip():  # PDF y counts up from the foot of the paper
                    lowest.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

            self.texts.append(sheet.extract_text(visitor_text=note))
            height = float(sheet.mediabox.height)
            self.used.append((height - min(lowest, default=height)) / height)

    def page(self, number):
        """Page ``number`` (from 1) as one line of text."""
        return " ".join(self.texts[number - 1].split())

    def everything(self):
        return " ".join(" ".join(self.texts).split())

    def half_blank_pages(self):
        return [
            f"page {number} of {len(self.texts)}: text stops at {used:.0%} of it"
            for number, used in enumerate(self.used[:-1], start=1)
            if used < MOSTLY_USED
        ]


def compact(text):
    """Text without any white space: a cell's words wrap differently on paper."""
    return "".join(text.split())


def test_procedure_page_prints_its_parts_one_after_another(demo, new_page, window):
    page = new_page(bypass_csp=True)
    printout = Printout(page, demo + "/thu-tuc/1.001193/", "procedure", window)
    first = printout.page(1)
    assert "Thủ tục đăng ký khai sinh" in first  # diacritics kept in the text
    assert "Trình tự thực hiện" in first
    # The ways to file start on page 1 under the steps (they moved whole to page 2
    # and left a third of page 1 blank), with their table's header and first row.
    assert "Cách thức thực hiện" in first, first[-300:]
    assert "Hình thức nộp" in first
    assert "Trực tiếp" in first.split("Hình thức nộp", 1)[1]
    assert not printout.half_blank_pages(), printout.half_blank_pages()
    everything = printout.everything()
    for left_out in ("Góp ý về trang này", "Tra cứu tình trạng hồ sơ", "Mục lục"):
        assert left_out not in everything, left_out
    # The official record's address is printed after its link.
    assert "https://dichvucong.gov.vn/" in compact(everything)


def test_dashboard_never_ends_a_page_on_the_monthly_table_header(
    demo, new_page, window
):
    page = new_page(bypass_csp=True)
    page.goto(demo + "/ke-hoach/")
    monthly = page.get_by_role("region", name="Chỉ tiêu hằng tháng, theo từng tháng")
    last_month = compact(monthly.locator("thead th").last.inner_text())
    targets = [
        compact(name.split("\n")[0])
        for name in monthly.locator("tbody th[scope=row]").all_inner_texts()
    ]
    assert last_month and targets
    printout = Printout(page, demo + "/ke-hoach/", "dashboard", window)
    with_header = [
        number
        for number in range(1, len(printout.texts) + 1)
        if last_month in compact(printout.page(number))
    ]
    assert with_header, "the monthly table is not printed"
    for number in with_header:  # the header repeats on each page of the table
        text = compact(printout.page(number))
        assert any(target in text for target in targets), (
            f"page {number} ends with the monthly table's header and no row"
        )
    assert "Kết quả thực hiện kế hoạch" in printout.page(1)
    assert not printout.half_blank_pages(), printout.half_blank_pages()
    assert "Xem" not in printout.everything().split()  # the plan picker's button


def test_news_list_and_item_use_the_whole_width_of_the_paper(demo, new_page, window):
    page = new_page(bypass_csp=True)
    item = max(Bulletin.objects.published(), key=lambda bulletin: len(bulletin.body))
    for name, url, text in (
        ("news", "/tin-tuc/", ".bulletin-main"),
        ("news-item", item.get_absolute_url(), "article.bulletin"),
    ):
        page.set_viewport_size({"width": window["width"], "height": window["height"]})
        page.goto(demo + url)
        page.emulate_media(media="print")
        main = page.locator(text).bounding_box()
        body = page.locator("main").bounding_box()
        assert main["width"] > 0.9 * body["width"], name  # no empty side column
        assert page.locator(".bulletin-aside, .feedback").first.is_hidden(), name
        printout = Printout(page, demo + url, name, window)
        assert not printout.half_blank_pages(), (name, printout.half_blank_pages())
    assert item.title.split()[0] in printout.page(1)


def test_news_list_keeps_each_item_on_one_page(demo, new_page, window):
    page = new_page(bypass_csp=True)
    page.goto(demo + "/tin-tuc/")
    items = [
        (compact(title), compact(summary))
        for title, summary in zip(
            page.locator(".bulletin-list .result-title").all_inner_texts(),
            page.locator(".bulletin-list .result > p:last-child").all_inner_texts(),
            strict=True,
        )
    ]
    printout = Printout(page, demo + "/tin-tuc/", "news", window)
    pages = [compact(printout.page(n)) for n in range(1, len(printout.texts) + 1)]
    assert len(pages) > 1  # the demo's list runs onto a second page
    split = [
        title
        for title, summary in items
        if not any(title in text and summary in text for text in pages)
    ]
    assert not split, f"items split across pages: {split}"
