"""One moment is written one way everywhere: Python (thachha_portal.dates) and
templates go through the same formats, in Vietnam time, in either language."""

import datetime

import pytest
from django.template import Context, Template, engines
from django.utils import timezone, translation
from django.utils.formats import date_format

from thachha_portal import dates
from thachha_portal.dates import MACHINE_TIME, format_date, format_month, machine_time

# 30/06/2025 17:30 UTC is already 01/07/2025 in Vietnam (UTC+7).
MOMENT = datetime.datetime(2025, 6, 30, 17, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_python_and_templates_write_a_moment_the_same_way(language):
    template = engines["jinja2"].from_string(
        '{{ m|date("DATETIME_FORMAT") }}|{{ m|date("DATE_FORMAT") }}'
        '|{{ m|date("YEAR_MONTH_FORMAT") }}'
    )
    with translation.override(language):
        rendered = template.render({"m": MOMENT})
        written = "|".join(
            [format_date(MOMENT), format_date(MOMENT, time=False), format_month(MOMENT)]
        )
    assert rendered == written == "01/07/2025 00:30|01/07/2025|07/2025"


def test_a_day_and_nothing():
    assert format_date(datetime.date(2025, 1, 5)) == "05/01/2025"
    assert format_date(None) == ""


@pytest.mark.parametrize(
    ("zone", "moment"),
    [
        ("Asia/Ho_Chi_Minh", MOMENT),
        (
            "Asia/Ho_Chi_Minh",
            datetime.datetime(1975, 6, 13, 0, 30, tzinfo=datetime.UTC),
        ),
        ("America/St_Johns", MOMENT),  # an offset with minutes, behind UTC
        ("Europe/Paris", datetime.datetime(2025, 10, 26, 0, 30, tzinfo=datetime.UTC)),
        ("Europe/Paris", datetime.datetime(2025, 6, 30, 17, 30)),  # naive
        ("UTC", datetime.datetime(999, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)),
    ],
)
def test_machine_time_is_what_djangos_date_filter_writes(zone, moment):
    template = Template("{{ m|date:'" + MACHINE_TIME + "' }}")
    with timezone.override(zone):
        assert machine_time(moment) == template.render(Context({"m": moment}))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_templates_date_filter_writes_what_djangos_writes(language):
    """The public pages' ``date`` filter (thachha_portal.dates.date_filter) is
    Django's, written faster: the same text for days, moments in other zones,
    named formats and format strings, and nothing for what is not a date (nor
    for a day in a format with hours, which Django refuses)."""
    django = Template("{{ v|date:f }}")
    ours = engines["jinja2"].from_string("{{ v|date(f) }}")
    values = [
        datetime.date(2026, 2, 28),
        datetime.date(5, 3, 9),
        MOMENT,
        datetime.datetime(2026, 12, 31, 23, 59, 59),  # naive
        datetime.datetime(2026, 12, 31, 17, 0, tzinfo=datetime.UTC),
        None,
        "",
        "not a date",
        42,
    ]
    formats = [None, "DATE_FORMAT", "DATETIME_FORMAT", "YEAR_MONTH_FORMAT", "d/m/Y H:i"]
    formats += [r"l, jS \o\f F Y", "SHORT_DATE_FORMAT"]
    with translation.override(language), timezone.override("Asia/Ho_Chi_Minh"):
        for value in values:
            for format_string in formats:
                context = {"v": value, "f": format_string}
                try:
                    expected = django.render(Context(context))
                except TypeError:  # a time format for a day: Django refuses
                    expected = ""
                assert ours.render(context) == expected, (value, format_string)


def test_machine_time_of_nothing_is_empty():
    assert machine_time(None) == machine_time("") == ""


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_are_written_as_djangos_formatter_writes_them(language):
    """format_date and format_month write the portal's formats themselves (a
    drill-down writes fifty dates a page): the same text as Django's."""
    days = [
        datetime.date(2026, 1, 1) + datetime.timedelta(days=n) for n in range(0, 800, 7)
    ]
    days += [datetime.date(5, 3, 9), datetime.date(999, 12, 31)]
    moments = [
        MOMENT + datetime.timedelta(minutes=n * 97, seconds=n) for n in range(200)
    ]
    with translation.override(language):
        for day in days:
            assert format_date(day) == date_format(day, "DATE_FORMAT")
            assert format_month(day) == date_format(day, "YEAR_MONTH_FORMAT")
        for moment in moments:
            local = timezone.localtime(moment)
            assert format_date(moment) == date_format(local, "DATETIME_FORMAT")
            assert format_date(moment, time=False) == date_format(local, "DATE_FORMAT")
    assert format_date(datetime.date(5, 3, 9)) == "09/03/0005"


@pytest.mark.parametrize("time", [True, False])
def test_one_writer_writes_a_pages_dates_as_djangos_formatter(time):
    """A drill-down writes its fifty dates with one writer (the zone and the
    formats looked up once): moments around midnight in Vietnam, days, none."""
    moments = [MOMENT + datetime.timedelta(minutes=n * 29) for n in range(-20, 20)]
    days = [datetime.date(2025, 12, 31), datetime.date(2026, 1, 1)]
    write = dates.date_writer(time=time)
    moment_format = "DATETIME_FORMAT" if time else "DATE_FORMAT"
    assert [write(m) for m in moments] == [
        date_format(timezone.localtime(m), moment_format) for m in moments
    ]
    assert [write(d) for d in days] == ["31/12/2025", "01/01/2026"]
    assert write(None) == write("") == ""


def test_other_formats_are_left_to_django(monkeypatch):
    monkeypatch.setattr(dates, "get_format", lambda name: r"l, jS \o\f F Y")
    with translation.override("en"):
        assert (
            format_date(datetime.date(2026, 12, 5)) == "Saturday, 5th of December 2026"
        )


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_span_of_days_writes_each_year_it_crosses(language):
    D = datetime.date
    with translation.override(language):
        # the first quarter under the 15th-to-14th cut-off begins the year before
        assert dates.date_range(D(2025, 12, 15), D(2026, 3, 14)) == (
            "15/12/2025–14/03/2026"
        )
        # within one year, the year once
        assert dates.date_range(D(2026, 3, 15), D(2026, 6, 14)) == "15/03–14/06/2026"
        assert dates.date_range(D(2026, 1, 1), D(2026, 3, 31)) == "01/01–31/03/2026"
        # where the year is said beside it, none unless the span crosses one
        assert dates.date_range(D(2026, 1, 15), D(2026, 2, 14), year=False) == (
            "15/01–14/02"
        )
        assert dates.date_range(D(2025, 12, 15), D(2026, 1, 14), year=False) == (
            "15/12/2025–14/01/2026"
        )
    template = engines["jinja2"].from_string("{{ date_range(a, b) }}")
    rendered = template.render({"a": D(2020, 12, 15), "b": D(2021, 3, 14)})
    assert rendered == "15/12/2020–14/03/2021"
