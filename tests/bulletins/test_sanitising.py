"""Bulletin HTML keeps structure and loses everything hostile or layout-breaking,
including the debris of a paste from Word."""

import pytest

from bulletins.html import sanitize_html

from .factories import make_bulletin

HOSTILE = [
    ("<p>a</p><script>alert(1)</script>", "<script", "alert"),
    ('<img src="x.png" alt="ảnh" onerror="alert(1)">', "onerror", "alert"),
    ('<a href="javascript:alert(1)">bấm</a>', "javascript:", None),
    ('<p style="position:fixed;top:0;width:9999px">x</p>', "position", "9999px"),
    ('<iframe src="https://evil.example/"></iframe><p>ok</p>', "<iframe", "evil"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:", None),
    ("<svg><script>alert(1)</script></svg>", "<svg", "alert"),
]


@pytest.mark.parametrize(("html", "gone", "also_gone"), HOSTILE)
def test_hostile_html_is_neutralised(html, gone, also_gone):
    clean = sanitize_html(html)
    assert gone not in clean
    if also_gone:
        assert also_gone not in clean


def test_structure_stays():
    html = (
        "<h2>Tiêu đề</h2><ul><li>một</li></ul><ol><li>hai</li></ol>"
        '<table><tr><th scope="col">A</th></tr><tr><td>1</td></tr></table>'
        '<p><a href="https://dichvucong.gov.vn/">Cổng DVC</a> '
        '<img src="/media/a.png" alt="Ảnh"></p>'
    )
    clean = sanitize_html(html)
    for kept in ("<h2>", "<ul>", "<ol>", "<table>", "<th", "<td>", "<img"):
        assert kept in clean
    assert 'href="https://dichvucong.gov.vn/"' in clean
    assert 'rel="noopener noreferrer"' in clean
    assert 'alt="Ảnh"' in clean


def test_text_alignment_is_the_only_style_kept():
    clean = sanitize_html('<p style="text-align: center; font-size: 40px">x</p>')
    assert "text-align" in clean
    assert "font-size" not in clean


WORD_PASTE = """<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View>
</w:WordDocument></xml><![endif]--><style>p.MsoNormal{margin:0}</style>
<p class="MsoNormal" style="mso-margin-top-alt:auto;line-height:150%">
<span lang="VI" style="font-size:14.0pt;font-family:'Times New Roman'">
<font face="Times New Roman">UBND xã Thạch Hà thông báo</font></span><o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p><p class="MsoNormal"><span></span></p>"""


def test_word_paste_gives_clean_html():
    clean = sanitize_html(WORD_PASTE)
    assert "UBND xã Thạch Hà thông báo" in clean
    for debris in ("Mso", "mso-", "<o:p", "<font", "<span", "Normal", "<style", "pt;"):
        assert debris not in clean, debris
    assert clean.count("<p>") == 1


def test_h1_in_the_body_becomes_h2():
    assert sanitize_html("<h1>Tiêu đề</h1>") == "<h2>Tiêu đề</h2>"


@pytest.mark.django_db
def test_body_is_sanitised_when_saved(category):
    bulletin = make_bulletin(body='<p onclick="x()">Nội dung</p><script>x</script>')
    assert bulletin.body == "<p>Nội dung</p>"


def test_sanitising_twice_changes_nothing():
    once = sanitize_html(WORD_PASTE + HOSTILE[0][0])
    assert sanitize_html(once) == once


def test_an_emoji_sequence_in_a_body_and_title_stays_whole(category):
    """Its zero-width joiners are kept (the invisible ones elsewhere go)."""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    bulletin = make_bulletin(
        title=f"Ngày hội gia đình {family}", body=f"<p>Vui {family}\u200b</p>"
    )
    bulletin.refresh_from_db()
    assert bulletin.title == f"Ngày hội gia đình {family}"
    assert bulletin.body == f"<p>Vui {family}</p>"
