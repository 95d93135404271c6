"""The loudspeaker script is written for the ear."""

import pytest

from bulletins.script import reading_seconds, script_from_html

from .factories import make_bulletin


def test_abbreviations_are_spelled_out():
    script = script_from_html("<p>UBND và HĐND chỉ đạo CCHC, rà soát TTHC.</p>")
    assert script == (
        "Ủy ban nhân dân và Hội đồng nhân dân chỉ đạo cải cách hành chính, "
        "rà soát thủ tục hành chính."
    )


def test_tables_and_links_are_left_out():
    script = script_from_html(
        '<p>Xem <a href="https://dichvucong.gov.vn">trên cổng</a> '
        "https://dichvucong.gov.vn/p/home hoặc gửi thư ubnd@example.vn.</p>"
        "<table><tr><td>Bảng số liệu</td></tr></table><p>Hết.</p>"
    )
    assert "http" not in script
    assert "@" not in script
    assert "Bảng số liệu" not in script
    assert "trên cổng" in script
    assert script.endswith("Hết.")


def test_dates_and_document_numbers_are_said_in_full():
    script = script_from_html("<p>Kế hoạch số 02/KH-UBND ngày 06/01/2021.</p>")
    assert script == ("Kế hoạch số 02 của Ủy ban nhân dân ngày 06 tháng 01 năm 2021.")


def test_each_block_becomes_a_paragraph():
    script = script_from_html("<h2>Tiêu đề</h2><p>Đoạn một.</p><ul><li>Ý</li></ul>")
    assert script.split("\n\n") == ["Tiêu đề", "Đoạn một.", "Ý"]


def test_reading_time_at_140_words_a_minute():
    assert reading_seconds(" ".join(["từ"] * 280)) == 120


@pytest.mark.django_db
def test_script_is_derived_from_the_body_unless_edited(category):
    bulletin = make_bulletin(body="<p>UBND thông báo.</p>")
    assert bulletin.broadcast_script == "Ủy ban nhân dân thông báo."
    bulletin.broadcast_script = "Bà con chú ý."
    bulletin.save()
    bulletin.refresh_from_db()
    assert bulletin.broadcast_script == "Bà con chú ý."
    assert bulletin.reading_minutes == 1


@pytest.mark.django_db
def test_announcer_gets_the_script_page_others_do_not(client, announcer, make_staff):
    bulletin = make_bulletin(body="<p>UBND thông báo lịch tiếp dân.</p>")
    url = bulletin.get_script_url()
    assert client.get(url).status_code == 302
    client.force_login(make_staff("motcua", "procedures"))
    assert client.get(url).status_code in (302, 403)
    client.force_login(announcer)
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ủy ban nhân dân thông báo lịch tiếp dân." in html
    assert "khoảng 1 phút" in html


@pytest.mark.django_db
def test_script_page_lists_airings_and_offers_to_record_one(client, announcer):
    from .factories import make_airing

    bulletin = make_bulletin()
    make_airing(bulletin, station="Cụm loa tổ dân phố 7")
    client.force_login(announcer)
    html = client.get(bulletin.get_script_url()).content.decode()
    assert "Cụm loa tổ dân phố 7" in html
    assert f"/quan-tri/bulletins/airing/add/?bulletin={bulletin.pk}" in html
