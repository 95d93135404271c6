"""An admin form sent back with mistakes names, at its top, each field in
error by its label, a link to its box (WCAG 3.3.1): Django's “Hãy sửa các lỗi
được nêu dưới đây.” alone left staff to find them down a page 3,860 pixels
tall on a phone."""

import re
from html import unescape

import pytest
from django.urls import reverse

from tests.bulletins.factories import make_category
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db

NOTE = "Hãy sửa các lỗi được nêu dưới đây."


def summary(html):
    """[(target id, text)] of the summary's links, and the page's ids."""
    [found] = re.findall(r'<ul class="admin-error-summary"[^>]*>(.*?)</ul>', html, re.S)
    links = [
        (target, unescape(re.sub(r"<[^>]+>", "", text)))
        for target, text in re.findall(r'<a href="#([^"]+)">(.*?)</a>', found, re.S)
    ]
    return links, set(re.findall(r'\sid="([^"]+)"', html))


def assert_leads_to_boxes(html, expected):
    """The summary follows Django's note and lists ``expected`` ((target,
    start of the text)) in the page's order, each a link to an element of
    the page; returns all its links."""
    assert html.index(NOTE) < html.index('class="admin-error-summary"')
    links, ids = summary(html)
    wanted = [
        (target, start)
        for target, text in links
        for want, start in expected
        if target == want and text.startswith(start)
    ]
    assert wanted == expected, links
    assert all(target in ids for target, _ in links), links
    return links


def test_a_news_item_without_its_text_names_the_fields_at_the_top(client, make_staff):
    make_category("tin-cchc", "Tin cải cách hành chính")
    client.force_login(make_staff("bientap", "editor"))
    url = reverse("admin:bulletins_bulletin_add")
    data = form_data(client.get(url).content.decode(), "")
    data.update(title="Tin CCHC tháng 12", body="")
    html = client.post(url, data).content.decode()
    links = assert_leads_to_boxes(html, [("id_body", "Nội dung: ")])
    assert "id_title" not in dict(links)
    assert dict(links)["id_body"] == "Nội dung: Trường này là bắt buộc."


def test_an_activity_names_its_fields_and_its_evidence_row(client, make_staff):
    client.force_login(make_staff("bientap", "activities"))
    response = client.post(
        reverse("admin:plans_activity_add"),
        {
            "kind": "",
            "held_on": "10/05/2021",
            "title": "",
            "evidence-TOTAL_FORMS": "2",
            "evidence-INITIAL_FORMS": "0",
            "evidence-MIN_NUM_FORMS": "0",
            "evidence-MAX_NUM_FORMS": "1000",
            "evidence-0-kind": "link",
            "evidence-0-url": "https://thachha.hatinh.gov.vn/anh/ap-phich",
            "evidence-1-kind": "link",
            "evidence-1-url": "khong-phai-duong-dan",
        },
    )
    html = response.content.decode()
    links = assert_leads_to_boxes(
        html,
        [
            ("id_kind", "Loại: "),
            ("id_title", "Tiêu đề: "),
            ("id_evidence-1-url", "Tài liệu kiểm chứng #2 – "),
        ],
    )
    assert "#1" not in " ".join(text for _, text in links)  # the good row


def test_an_airing_names_its_station_duration_and_moment(client, make_staff):
    client.force_login(make_staff("bientap", "announcer"))
    response = client.post(
        reverse("admin:bulletins_airing_add"),
        {"aired_at_0": "", "aired_at_1": "", "station": "", "duration_minutes": ""},
    )
    html = response.content.decode()
    links, ids = summary(html)
    targets = [target for target, _ in links]
    # a moment's first box (the date), and the others in the page's order
    assert targets[:1] == ["id_bulletin"]
    assert {"id_aired_at_0", "id_station", "id_duration_minutes"} <= set(targets)
    assert targets.index("id_station") < targets.index("id_duration_minutes")
    assert all(target in ids for target in targets)
    assert "Hãy sửa" in html and "Please correct" not in html


def test_a_form_without_mistakes_has_no_summary(client, make_staff):
    client.force_login(make_staff("bientap", "editor"))
    html = client.get(reverse("admin:bulletins_bulletin_add")).content.decode()
    assert "admin-error-summary" not in html
    assert "admin-error-summary.js" not in html
