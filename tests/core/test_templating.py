"""The public pages' Jinja2 engine (thachha_portal/templating.py)."""

import collections
import datetime
import pickle
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.cache import caches
from django.template import engines
from django.template.backends.django import DjangoTemplates
from django.template.backends.jinja2 import Jinja2
from django.template.loader import get_template
from django.utils import translation

from thachha_portal import templating
from thachha_portal.management.commands.makemessages import python_of, texts_of
from thachha_portal.text import Vietnamese, compose

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_a_name_says_which_engine_draws_it():
    assert isinstance(get_template("base.jinja").backend, Jinja2)
    # The admin's pages stay Django's, though Jinja2 reads the same folder.
    assert isinstance(get_template("admin/base_site.html").backend, DjangoTemplates)


def test_a_fragment_is_drawn_once_for_each_value_of_its_keys():
    caches["fragments"].clear()
    drawn = []

    def draw(key):
        drawn.append(key)
        return f"<b>{key}</b>"

    template = engines["jinja2"].from_string(
        '{% call fragment("test", key) %}{{ draw(key) }}{% endcall %}'
    )
    pages = [template.render({"key": key, "draw": draw}) for key in "aab"]
    assert pages == [
        "&lt;b&gt;a&lt;/b&gt;",
        "&lt;b&gt;a&lt;/b&gt;",
        "&lt;b&gt;b&lt;/b&gt;",
    ]
    assert drawn == ["a", "b"]


def test_dates_are_written_in_vietnam_time_and_the_languages_format():
    template = engines["jinja2"].from_string('{{ moment|date("DATETIME_FORMAT") }}')
    moment = datetime.datetime(2026, 12, 31, 17, 30, tzinfo=datetime.UTC)
    with translation.override("vi"):
        assert template.render({"moment": moment}) == "01/01/2027 00:30"


def test_texts_are_translated_and_escaped():
    template = engines["jinja2"].from_string(
        '{{ _("Home") }}|'
        "{% trans n=n, total=3 %}Page {{ n }} of {{ total }}{% endtrans %}"
    )
    with translation.override("vi"):
        assert template.render({"n": "<i>"}) == "Trang chủ|Trang &lt;i&gt; / 3"


def _entry(function, ids):
    """(msgctxt, msgid) of a text of a template in the catalogue."""
    if function in ("pgettext", "npgettext"):
        return ids[0], ids[1]
    return None, ids[0]


@pytest.mark.parametrize(
    "path",
    sorted(TEMPLATES.rglob("*.jinja")),
    ids=lambda p: str(p.relative_to(TEMPLATES)),
)
def test_every_text_of_a_page_is_in_the_vietnamese_catalogue(path):
    catalogue = polib.pofile(
        str(Path(settings.BASE_DIR) / "locale/vi/LC_MESSAGES/django.po")
    )
    translated = {(e.msgctxt, e.msgid) for e in catalogue if e.translated()}
    missing = [
        f"{path.name}:{lineno}: {ids}"
        for lineno, function, ids in texts_of(path.read_text(encoding="utf-8"))
        if _entry(function, ids) not in translated
    ]
    assert not missing, "run `make messages` and translate:\n" + "\n".join(missing)


def test_make_messages_finds_each_text_on_its_templates_line():
    source = (
        "<p>\n"
        '{{ _("Home") }} {{ pgettext("language switch", "Change") }}\n'
        "{% trans n=count %}{{ n }} item{% pluralize %}{{ n }} items{% endtrans %}\n"
    )
    assert python_of(source).splitlines() == [
        "",
        "gettext('Home'); pgettext('language switch', 'Change'); ",
        "ngettext('%(n)s item', '%(n)s items', 1); ",
        "",
    ]


def test_a_documents_date_line_is_the_day_in_vietnam():
    template = engines["jinja2"].from_string(
        "{{ moment|long_date }}|{{ none|long_date }}"
    )
    moment = datetime.datetime(2021, 1, 5, 17, 30, tzinfo=datetime.UTC)
    assert template.render({"moment": moment, "none": None}) == (
        "ngày 06 tháng 01 năm 2021|"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_pages_texts_are_translated_as_djangos_gettext_translates_them(language, rf):
    """page_texts binds the active language's catalogue once per page: every
    entry of the catalogue (and texts it lacks) comes out as Django's own
    gettext, ngettext and pgettext give it."""
    from django.utils.translation import gettext, ngettext, pgettext

    catalogue = polib.pofile(
        str(Path(settings.BASE_DIR) / "locale/vi/LC_MESSAGES/django.po")
    )
    entries = [(e.msgctxt, e.msgid, e.msgid_plural) for e in catalogue]
    entries += [(None, "Not in the catalogue", ""), ("menu", "Not there either", "")]
    with translation.override(language):
        texts = templating.page_texts(rf.get("/"))
        for context, msgid, plural in entries:
            if plural:
                for n in (0, 1, 2, 5):
                    assert texts["ngettext"](msgid, plural, n) == ngettext(
                        msgid, plural, n
                    )
            elif context:
                assert texts["pgettext"](context, msgid) == pgettext(context, msgid)
            else:
                assert texts["gettext"](msgid) == gettext(msgid)
        assert texts["gettext"]("") == ""
        # and a page uses them: {% trans %} and _() alike
        page = engines["jinja2"].from_string(
            '{{ _("Home") }}|{% trans %}Home{% endtrans %}'
        )
        assert page.render({}, request=rf.get("/")) == "|".join([gettext("Home")] * 2)


def test_regroup_keeps_the_order_as_djangos_regroup():
    """Runs of the same value in the items' order: a catalogue page is in
    field order, then by name, and must not be sorted again."""
    Row = collections.namedtuple("Row", "field name")
    rows = [Row("b", 1), Row("b", 2), Row("a", 3), Row("b", 4)]
    template = engines["jinja2"].from_string(
        '{% for field, run in rows|regroup("field") %}'
        "{{ field }}:{{ run|map(attribute='name')|join(',') }};{% endfor %}"
    )
    assert template.render({"rows": rows}) == "b:1,2;a:3;b:4;"


@pytest.mark.parametrize(
    "text",
    [
        "Bước 1: nộp hồ sơ <tại> Bộ phận một cửa.\nBước 2: kiểm tra & trả kết quả",
        "Dòng Windows\r\nDòng Mac cũ\rDòng cuối\n",
        "\"Trích dẫn\" và 'nháy đơn'",
    ],
)
def test_line_breaks_come_out_as_djangos_linebreaksbr_reads(text):
    """The same text as Django's filter, escaped as the rest of the page is
    (an entity may be written another way: &#39; for &#x27;)."""
    import html

    from django.template import defaultfilters

    ours = str(templating.linebreaksbr(text))
    django = defaultfilters.linebreaksbr(text, autoescape=True)
    assert "<" not in ours.replace("<br>", "")
    assert html.unescape(ours) == html.unescape(django)
    assert ours.count("<br>") == django.count("<br>")
    # A text already marked safe is kept as it is, as Django keeps it.
    assert str(templating.linebreaksbr(templating.Markup("<b>a</b>\nb"))) == (
        "<b>a</b><br>b"
    )


@pytest.mark.parametrize(
    "data",
    [{}, {"truc_tuyen": "full"}, {"linh_vuc": "dat-dai"}, {"linh_vuc": 'a"b<'}],
)
def test_a_choice_fields_select_is_the_html_djangos_widget_draws(data):
    """select() draws the catalogue's filters itself: the same HTML as Django's
    Select widget, bound or not, with names that need escaping."""
    from types import SimpleNamespace

    from procedures.forms import CatalogueFilterForm

    fields = [
        SimpleNamespace(slug="ho-tich", name="Hộ tịch"),
        SimpleNamespace(slug="dat-dai", name="Đất đai & <nhà ở>"),
        SimpleNamespace(slug='a"b<', name="Chứng thực"),
    ]
    for form in (
        CatalogueFilterForm(data, fields=fields),
        CatalogueFilterForm(initial=data, fields=fields),
    ):
        for name in ("linh_vuc", "truc_tuyen"):
            assert str(templating.select(form[name])) == str(form[name])
    # A field drawn otherwise (attributes of its own) is left to Django.
    form = CatalogueFilterForm(data, fields=fields)
    form.fields["linh_vuc"].widget.attrs["class"] = "wide"
    assert str(templating.select(form["linh_vuc"])) == str(form["linh_vuc"])
    assert 'class="wide"' in str(templating.select(form["linh_vuc"]))


@pytest.mark.django_db
def test_a_link_keeps_the_other_filters_and_changes_its_own(rf):
    """query_replace: the current query string, each key once (its last value),
    sorted, with the changes applied; None or "" removes a key."""
    query = {"q": ["đăng ký", "khai sinh"], "linh_vuc": "ho-tich"}
    request = rf.get("/thu-tuc/", query)
    request.GET = request.GET.copy()
    request.GET["page"] = "2"
    template = engines["jinja2"].from_string(
        "{{ query_replace(page=None) }}|{{ query_replace(page=3, linh_vuc='') }}"
        "|{{ query_replace(q=None, linh_vuc=None, page=None) }}"
    )
    assert template.render({}, request=request) == (
        "?linh_vuc=ho-tich&amp;q=khai+sinh|?page=3&amp;q=khai+sinh|?"
    )
    assert request.GET.getlist("q") == ["đăng ký", "khai sinh"]  # left as it was


def test_vietnamese_content_is_marked_only_in_another_interface_language():
    """WCAG 3.1.2: what staff wrote stays Vietnamese in the English interface,
    marked lang="vi" there (and escaped); the Vietnamese pages are unchanged."""
    template = engines["jinja2"].from_string(
        "<p{{ lang_vi() }}>{{ name }}</p>|{{ name|vi }}|{{ empty|vi }}|"
        "{{ crumb|marked }}|{{ target|marked }}|{{ plain|marked }}"
    )
    target = compose(
        "at least %(n)s %(unit)s every month", n=1, unit=Vietnamese("tin, bài")
    )
    context = {
        "name": "Hộ tịch <b>",
        "empty": "",
        "crumb": Vietnamese("Thông báo"),
        "target": target,
        "plain": "Home",
    }
    assert template.render({**context, "LANGUAGE_CODE": "vi"}) == (
        "<p>Hộ tịch &lt;b&gt;</p>|Hộ tịch &lt;b&gt;||Thông báo|"
        "at least 1 tin, bài every month|Home"
    )
    assert template.render({**context, "LANGUAGE_CODE": "en"}) == (
        '<p lang="vi">Hộ tịch &lt;b&gt;</p>|<span lang="vi">Hộ tịch &lt;b&gt;</span>||'
        '<span lang="vi">Thông báo</span>|'
        'at least 1 <span lang="vi">tin, bài</span> every month|Home'
    )
    # Anywhere else (Word, Excel, CSV) a composed text is the plain text.
    assert target == "at least 1 tin, bài every month"
    # (the cache pickles it)
    assert pickle.loads(pickle.dumps(target)).values == target.values  # noqa: S301
