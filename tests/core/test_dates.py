"""One moment is written one way everywhere: Python (thachha_portal.dates) and
templates go through the same formats, in Vietnam time, in either language."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from thachha_portal.dates import format_date, format_month

# 30/06/2025 17:30 UTC is already 01/07/2025 in Vietnam (UTC+7).
MOMENT = datetime.datetime(2025, 6, 30, 17, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_python_and_templates_write_a_moment_the_same_way(language):
    template = Template(
        '{{ m|date:"DATETIME_FORMAT" }}|{{ m|date:"DATE_FORMAT" }}'
        '|{{ m|date:"YEAR_MONTH_FORMAT" }}'
    )
    with translation.override(language):
        rendered = template.render(Context({"m": MOMENT}))
        written = "|".join(
            [format_date(MOMENT), format_date(MOMENT, time=False), format_month(MOMENT)]
        )
    assert rendered == written == "01/07/2025 00:30|01/07/2025|07/2025"


def test_a_day_and_nothing():
    assert format_date(datetime.date(2025, 1, 5)) == "05/01/2025"
    assert format_date(None) == ""
