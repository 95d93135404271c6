"""How a date, a moment or a month is written for people, everywhere: through the
active language's formats (thachha_portal/formats/: 15/06/2025,
15/06/2025 08:30, 06/2025), a moment in Vietnam time.

Templates use the same formats through Django's ``date`` filter:
``{{ day|date:"DATE_FORMAT" }}``, ``{{ moment|date:"DATETIME_FORMAT" }}``,
``{{ month|date:"YEAR_MONTH_FORMAT" }}`` (the filter shows a moment in local
time by itself).
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format


def format_date(value, *, time=True):
    """A date, or a moment (with its time unless ``time`` is False), as people
    read it; "" for none."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        if time:
            return date_format(value, "DATETIME_FORMAT")
        value = value.date()
    return date_format(value, "DATE_FORMAT")


def format_month(value):
    """The month of a date or moment: 06/2025."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "YEAR_MONTH_FORMAT")
