"""How a date, a moment or a month is written for people, everywhere: through the
active language's formats (thachha_portal/formats/: 15/06/2025,
15/06/2025 08:30, 06/2025), a moment in Vietnam time.

Templates use the same formats through the ``date`` filter (``date_filter``,
Django's filter written faster): ``{{ day|date("DATE_FORMAT") }}``,
``{{ moment|date("DATETIME_FORMAT") }}``, ``{{ month|date("YEAR_MONTH_FORMAT") }}``
(a moment in local time), a span of days ``{{ date_range(start, last_day) }}``.
For machines (``<time datetime>``), ``{{ moment|machine_time }}``.
"""

import datetime
import functools

from django.core.exceptions import ValidationError
from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _


def format_date(value, *, time=True):
    """A date, or a moment (with its time unless ``time`` is False), as people
    read it; "" for none."""
    return date_writer(time=time)(value)


def date_writer(*, time=True):
    """``format_date`` as a function of the value, for the many dates of one
    page (a drill-down writes fifty): the time zone and the language's formats
    are looked up once, not for each date."""
    zone = timezone.get_current_timezone()
    write_day = _write(get_format("DATE_FORMAT"))
    write_moment = _write(get_format("DATETIME_FORMAT")) if time else None

    def write(value):
        if not value:
            return ""
        if isinstance(value, datetime.datetime):
            if value.utcoffset() is not None:  # aware: in local time
                value = value.astimezone(zone)
            if write_moment:
                return write_moment(value)
            value = value.date()
        return write_day(value)

    return write


def date_range(start, last_day, *, year=True):
    """Two days as a span, ends included: “15/03–14/06/2026”, the year written
    once when both days are in it, else on both (“15/12/2025–14/03/2026”: the
    first quarter under the 15th-to-14th cut-off begins the year before; without
    its year the start would read as 15/12/2026, after the end). ``year=False``,
    where the year is said beside the span (a month of a grid headed by its
    year): “15/01–14/02”, yet both years when the span crosses one."""
    if not (start and last_day):
        return ""
    if start.year != last_day.year:
        return f"{_written(start, 'DATE_FORMAT')}–{_written(last_day, 'DATE_FORMAT')}"
    last = _written(last_day, "DATE_FORMAT" if year else "MONTH_DAY_FORMAT")
    return f"{_written(start, 'MONTH_DAY_FORMAT')}–{last}"


def format_month(value):
    """The month of a date or moment: 06/2025."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return _written(value, "YEAR_MONTH_FORMAT")


def date_filter(value, format_name=None):
    """Django's ``date`` filter for the Jinja2 templates: a date or moment (in
    local time) in the active language's ``format_name`` (DATE_FORMAT by
    default) or in a format string; "" for none or for what is not a date."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.template_localtime(value)
    try:
        return _written(value, format_name or "DATE_FORMAT")
    except (AttributeError, TypeError):
        return ""


def _written(value, format_name):
    """``value`` in the active language's ``format_name`` (or in that format
    string), as Django's ``date_format`` writes it."""
    return _write(get_format(format_name))(value)


# The specifiers the portal's formats use, as str.format fields of the value.
_FIELDS = {
    "d": "{0.day:02d}",
    "j": "{0.day}",
    "m": "{0.month:02d}",
    "n": "{0.month}",
    "Y": "{0.year:04d}",
    "H": "{0.hour:02d}",
    "i": "{0.minute:02d}",
    "s": "{0.second:02d}",
}


@functools.lru_cache(maxsize=32)
def _write(format_string):
    """A function writing Django's ``format_string``: a ``str.format`` when it
    holds only the specifiers of ``_FIELDS`` and punctuation, else Django's
    formatter."""
    pattern = []
    for char in format_string:
        if char in _FIELDS:
            pattern.append(_FIELDS[char])
        elif char in " /-.:,":
            pattern.append(char)
        else:
            return functools.partial(_django_format, format_string=format_string)
    return "".join(pattern).format


def _django_format(value, format_string):
    return dateformat.format(value, format_string)


MACHINE_TIME = r"Y-m-d\TH:i:sO"


def machine_time(value):
    """A moment for machines (``<time datetime>``), in local time with its offset:
    2025-07-01T00:30:00+0700, what ``{{ value|date:MACHINE_TIME }}`` writes, for
    a fraction of the work (a list page writes one per row); "" for none."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
        offset = value.utcoffset()
        # An ambiguous or imaginary local time gets no offset from Django's
        # filter: left to it, as anything but an aware moment.
        if offset == value.tzinfo.utcoffset(value.replace(fold=not value.fold)):
            minutes = int(offset.total_seconds()) // 60
            sign = "-" if minutes < 0 else "+"
            hours, minutes = divmod(abs(minutes), 60)
            return (
                f"{value.year:04d}-{value:%m-%dT%H:%M:%S}{sign}{hours:02d}{minutes:02d}"
            )
    return dateformat.format(value, MACHINE_TIME) if value else ""


class StoredDatesStand:
    """A model mixin: a date the ``not_in_future`` rule refuses is refused only
    when it is new or changed. One stored before the rule (a decision dated
    15/01/2027 saved by an older release) then blocks neither an edit of
    another field nor the re-import of the commune's own export; the admin
    lists such dates for staff to correct (``future_dates``). The stored
    values are those read from the database, or given with ``stored_dates``
    (an import that replaces the rows, legal bases)."""

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Only the loaded ones: reading a deferred one would query (a
        # search's results read a few columns).
        loaded = instance.__dict__
        instance._stored_dates = {
            f: loaded[f] for f in cls.dated_fields() if f in loaded
        }
        return instance

    @classmethod
    def dated_fields(cls):
        """The fields that carry ``not_in_future``."""
        if "_dated_fields" not in cls.__dict__:
            cls._dated_fields = tuple(
                f.name
                for f in cls._meta.concrete_fields
                if not_in_future in getattr(f, "validators", ())
            )
        return cls._dated_fields

    def stored_dates(self, values):
        self._stored_dates = dict(values)

    def clean_fields(self, exclude=None):
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            stored = getattr(self, "_stored_dates", {})
            kept = {}
            for name, problems in error.error_dict.items():
                standing = name in stored and stored[name] == getattr(self, name)
                problems = [
                    p for p in problems if not (standing and p.code == "future")
                ]
                if problems:
                    kept[name] = problems
            if kept:
                raise ValidationError(kept) from error


def future_dates(model):
    """A Q of ``model``'s rows with a ``not_in_future`` date after today
    (stored before the rule, or from another time zone's clock)."""
    from django.db.models import Q

    today = timezone.localdate(timezone.now(), timezone.get_default_timezone())
    found = Q()
    for name in model.dated_fields():
        found |= Q(**{f"{name}__gt": today})
    return found


def not_in_future(day):
    """A validator for the date of something that has happened (a decision
    issued, a notice board checked): not after today in the portal's time zone.
    A slip of the year (2062 for 2026) would otherwise be printed on the
    procedure's page and its sheet, and counted in the reports."""
    if day is None:
        return
    today = timezone.localdate(timezone.now(), timezone.get_default_timezone())
    if day > today:
        raise ValidationError(
            _("%(date)s has not come yet (today is %(today)s): check the year."),
            code="future",
            params={"date": format_date(day), "today": format_date(today)},
        )
