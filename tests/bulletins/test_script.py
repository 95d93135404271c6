"""The loudspeaker script is written for the ear: a test reads it line by line
against real-style lines (dates, document numbers of every kind, abbreviations,
percentages, amounts, times, addresses, web and mail addresses, phone numbers)
and the spoken form an announcer should read."""

from pathlib import Path

import pytest

from bulletins.script import reading_seconds, script_from_html, spell_out

from .factories import make_bulletin

# (as written, as said), one pair a line of the TSV file.
LINES = [
    tuple(line.split("\t"))
    for line in (Path(__file__).parent / "script_lines.tsv")
    .read_text(encoding="utf-8")
    .splitlines()
    if line and not line.startswith("#")
]


@pytest.mark.parametrize(("written", "said"), LINES, ids=range(len(LINES)))
def test_each_line_reads_right_on_air(written, said):
    assert spell_out(written) == said


def test_the_script_is_long_enough_to_trust():
    assert len(LINES) >= 50


def test_nothing_a_listener_cannot_hear_is_left():
    for written, _said in LINES:
        spoken = spell_out(written)
        for symbol in ("/", "%", "@", "http", "www", "UBND", "CCHC", "TTHC"):
            assert symbol not in spoken, (written, symbol)


def test_tables_are_left_out_and_links_keep_their_words():
    script = script_from_html(
        '<p>Xem <a href="https://dichvucong.gov.vn">trên cổng</a> '
        "https://dichvucong.gov.vn/p/home hoặc gửi thư ubnd@example.vn.</p>"
        "<table><tr><td>Bảng số liệu</td></tr></table><p>Hết.</p>"
    )
    assert script == (
        "Xem trên cổng dichvucong chấm gov chấm vn hoặc gửi thư ubnd a còng "
        "example chấm vn.\n\nHết."
    )


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
    bulletin = make_bulletin(
        title="Kết quả CCHC quý I/2021",
        body="<p>UBND thông báo lịch tiếp dân.</p>",
    )
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
    assert (
        '<h1 id="script-title">Kết quả cải cách hành chính quý một năm 2021</h1>'
        in html
    )


@pytest.mark.django_db
def test_script_page_lists_airings_and_offers_to_record_one(client, announcer):
    from .factories import make_airing

    bulletin = make_bulletin()
    make_airing(bulletin, station="Cụm loa tổ dân phố 7")
    client.force_login(announcer)
    html = client.get(bulletin.get_script_url()).content.decode()
    assert "Cụm loa tổ dân phố 7" in html
    assert f"/quan-tri/bulletins/airing/add/?bulletin={bulletin.pk}" in html
