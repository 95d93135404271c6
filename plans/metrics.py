"""The registry of metrics: one small function per kind of evidence.

A metric answers, for a list of periods, "what value" (``Metric.values(params,
periods, plan=…, now=…) -> list[Result]``, for the dashboard and the home page) and
"what value, and which records made it" (``Metric.compute(…)``, for the drill-down
and the reports). Both run the same registered function, told by ``records`` whether
to build the records: without them the evidence is counted or summed by the
database (one aggregate per span, a column per period); with them it is fetched
once for the whole span and bucketed in Python. Either way a dashboard of twelve
months costs one or two queries per KPI, whatever the number of records.

The drill-down lists the records 50 at a time, so it asks for neither: a metric
also gives its records for some periods as ``Records`` (``Metric.records(…)``), a
sequence whose length is counted by the database and whose slices are fetched
with LIMIT and OFFSET, in the same order as ``compute`` lists them. A page costs
the same whatever the size of the archive.

A new KPI is data (an Indicator row naming a metric and its parameters); a new
metric is needed only for a new kind of evidence.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bulletins.models import Airing, Bulletin, Category
from procedures.models import ListingChange, Procedure
from thachha_portal.addresses import address_maker
from thachha_portal.compiled import compiled
from thachha_portal.dates import format_date
from thachha_portal.models import CommuneProfile
from thachha_portal.text import Vietnamese, compose, fold

from .models import Activity


@dataclass
class Record:
    """One piece of evidence behind a figure, as the drill-down lists it."""

    kind: str
    date: object  # a date, or an aware moment (written in local time)
    title: str
    url: str = ""
    detail: str = ""
    amount: int | None = None
    evidence: str = ""  # tài liệu kiểm chứng, document numbers kept


@dataclass
class Result:
    value: int
    records: list = field(default_factory=list)
    note: str = ""
    # for metrics whose records are grouped (website AND loudspeaker)
    parts: dict = field(default_factory=dict)
    # the number of records behind the value, the same from either path (for
    # the metrics whose records the drill-down lists a page at a time)
    count: int | None = None


class Records(Sequence):
    """The records behind the figures of some periods, period after period as
    ``compute`` lists them, built only for the slice that is read.

    The records fall in parts (a period, or one channel of a period): ``counts``
    is the number of records of every part (known with the figures), and
    ``fetch(part, start, stop)`` builds the records ``start:stop`` of one part.
    ``records[a:b]`` fetches only the parts the slice touches.
    """

    def __init__(self, counts, fetch):
        self.counts = list(counts)
        self._fetch = fetch

    @classmethod
    def of(cls, lists):
        """Records already built, a list per part."""
        return cls([len(part) for part in lists], lambda p, a, b: lists[p][a:b])

    def __len__(self):
        return sum(self.counts)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            found = self[index : index + 1 or None]
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop, step = index.indices(len(self))
        if step != 1:
            return self[start:stop][::step]
        found, offset = [], 0
        for part, count in enumerate(self.counts):
            low, high = max(start - offset, 0), min(stop - offset, count)
            if low < high:
                found += self._fetch(part, low, high)
            offset += count
        return found

    def __iter__(self):
        return iter(self[:])


@dataclass
class Metric:
    key: str
    label: object
    unit: object
    # function(params, periods, *, plan, now, records) -> list[Result]
    function: object
    params_help: object = ""
    params_cleaner: object = None
    # True when the value is a state (of the plan, the listing), not a count of
    # dated evidence: it is not summed over periods.
    snapshot: bool = False
    # lister(params, periods, results, *, plan, now) -> Records, ``results``
    # those of ``values``; registered with ``@lists(key)`` by the metrics whose
    # records can be many
    lister: object = None

    def compute(self, params, periods, *, plan, now):
        """A Result per period, with the records behind each value."""
        return self.function(params, periods, plan=plan, now=now, records=True)

    def values(self, params, periods, *, plan, now):
        """A Result per period, value (and note) only: no records built."""
        return self.function(params, periods, plan=plan, now=now, records=False)

    def records(self, params, periods, *, plan, now, results=None):
        """The records of ``compute`` for ``periods``, one period after the other,
        as ``Records``: only the rows of the slice read are fetched and built.
        ``results``: what ``values`` gave for ``periods`` at ``now``, when the
        caller has it (the records are counted from it)."""
        if self.lister:
            if results is None:
                results = self.values(params, periods, plan=plan, now=now)
            return self.lister(params, periods, results, plan=plan, now=now)
        results = self.compute(params, periods, plan=plan, now=now)
        return Records.of([result.records for result in results])

    def clean_params(self, params):
        if params in (None, ""):
            params = {}
        if not isinstance(params, dict):
            raise ValidationError(
                {"params": _("Parameters must be a JSON object, e.g. {}.")}
            )
        if self.params_cleaner:
            return self.params_cleaner(dict(params))
        if params:
            raise ValidationError(
                {"params": _("This metric takes no parameters: leave {}.")}
            )
        return {}


REGISTRY = {}
# The unit of metrics that say whether something was done (1) or not (0).
MILESTONE = gettext_lazy("milestone")


def register(key, label, unit, *, params_help="", cleaner=None, snapshot=False):
    def decorator(function):
        REGISTRY[key] = Metric(
            key, label, unit, function, params_help, cleaner, snapshot
        )
        return function

    return decorator


def lists(key):
    """Registers the function that gives the records of metric ``key`` as
    ``Records`` (otherwise ``Metric.records`` builds them all with ``compute``)."""

    def decorator(function):
        REGISTRY[key].lister = function
        return function

    return decorator


def get(key):
    return REGISTRY[key]


def choices():
    return [(key, metric.label) for key, metric in REGISTRY.items()]


# --- parameter cleaners -----------------------------------------------------------


def _unknown(params, allowed):
    extra = sorted(set(params) - set(allowed))
    if extra:
        raise ValidationError(
            {
                "params": _("Unknown parameter(s): %(names)s. Accepted: %(ok)s.")
                % {"names": ", ".join(extra), "ok": ", ".join(allowed) or "—"}
            }
        )


def _string_list(params, name):
    value = params.get(name, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(
        isinstance(v, str) and v.strip() for v in value
    ):
        raise ValidationError(
            {"params": _("“%(name)s” must be a list of texts.") % {"name": name}}
        )
    return [v.strip() for v in value]


def _date(params, name, *, required):
    value = params.get(name)
    if value in (None, ""):
        if required:
            raise ValidationError(
                {
                    "params": _('Give “%(name)s” as a date, e.g. "2021-01-31".')
                    % {"name": name}
                }
            )
        return None
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValidationError(
            {
                "params": _("“%(name)s” is not a date written as YYYY-MM-DD.")
                % {"name": name}
            }
        ) from None


def _categories_cleaner(params):
    _unknown(params, ["categories"])
    cleaned = {}
    if "categories" in params:
        cleaned["categories"] = _string_list(params, "categories")
    return cleaned


def unknown_categories(params):
    """The category slugs of ``params`` that no category has (for the admin)."""
    wanted = params.get("categories") or []
    known = set(Category.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    return [slug for slug in wanted if slug not in known]


def _airings_cleaner(params):
    _unknown(params, ["categories", "station"])
    cleaned = _categories_cleaner({k: v for k, v in params.items() if k != "station"})
    if params.get("station"):
        if not isinstance(params["station"], str):
            raise ValidationError({"params": _("“station” must be a text.")})
        cleaned["station"] = params["station"].strip()
    return cleaned


MEASURES = ("count", "quantity", "participants", "reach", "places")


def _activities_cleaner(params):
    _unknown(params, ["kinds", "measure"])
    kinds = _string_list(params, "kinds")
    if not kinds:
        raise ValidationError(
            {"params": _('Give “kinds”, e.g. {"kinds": ["conference"]}.')}
        )
    wrong = [k for k in kinds if k not in Activity.Kind.values]
    if wrong:
        raise ValidationError(
            {
                "params": _("Unknown activity type(s): %(wrong)s. Accepted: %(ok)s.")
                % {"wrong": ", ".join(wrong), "ok": ", ".join(Activity.Kind.values)}
            }
        )
    measure = params.get("measure", "count")
    if measure not in MEASURES:
        raise ValidationError(
            {
                "params": _("“measure” must be one of %(ok)s.")
                % {"ok": ", ".join(MEASURES)}
            }
        )
    return {"kinds": kinds, "measure": measure}


def _by_cleaner(params):
    _unknown(params, ["by"])
    return {"by": _date(params, "by", required=True)}


def _task_cleaner(params):
    _unknown(params, ["task", "by"])
    task = params.get("task")
    if not isinstance(task, int) or isinstance(task, bool) or task < 0:
        raise ValidationError(
            {"params": _('Give “task” as the task\'s order number, e.g. {"task": 1}.')}
        )
    cleaned = {"task": task}
    by = _date(params, "by", required=False)
    if by:
        cleaned["by"] = by
    return cleaned


def _lead_cleaner(params):
    _unknown(params, ["lead"])
    lead = params.get("lead")
    if not isinstance(lead, str) or not lead.strip():
        raise ValidationError(
            {"params": _('Give “lead”, a part of the lead\'s name, e.g. "Văn hóa".')}
        )
    return {"lead": lead.strip()}


def _procedures_cleaner(params):
    _unknown(params, ["checked_within_days"])
    days = params.get("checked_within_days")
    if days is None:
        return {}
    if not isinstance(days, int) or isinstance(days, bool) or days < 1:
        raise ValidationError(
            {"params": _("“checked_within_days” must be a whole number of days.")}
        )
    return {"checked_within_days": days}


# --- helpers ----------------------------------------------------------------------


def _span(periods):
    return min(p.start_dt for p in periods), max(p.end_dt for p in periods)


def _bucket(periods, items, moment):
    """For each period, the items whose ``moment(item)`` (aware) falls in it."""
    buckets = [[] for _p in periods]
    for item in items:
        when = moment(item)
        for index, period in enumerate(periods):
            if period.contains_moment(when):
                buckets[index].append(item)
    return buckets


def _per_period(queryset, periods, aggregate):
    """One query: ``aggregate(period)`` for every period, as a list (None → 0)."""
    return [row[0] for row in _per_period_many(queryset, periods, aggregate)]


def _per_period_many(queryset, periods, *aggregates):
    """One query: for every period, a tuple of each ``aggregate(period)``
    (None → 0)."""
    figures = queryset.aggregate(
        **{
            f"p{index}_{n}": aggregate(period)
            for index, period in enumerate(periods)
            for n, aggregate in enumerate(aggregates)
        }
    )
    return [
        tuple(figures[f"p{index}_{n}"] or 0 for n in range(len(aggregates)))
        for index in range(len(periods))
    ]


def _count_moments(queryset, periods, name):
    """How many rows of ``queryset`` have their ``name`` moment in each period."""
    return _per_period(
        queryset,
        periods,
        lambda p: Count(
            "pk", filter=Q(**{f"{name}__gte": p.start_dt, f"{name}__lt": p.end_dt})
        ),
    )


def _bulletins_in_span(params, periods, now):
    start, end = _span(periods)
    queryset = Bulletin.objects.published(now=now).filter(
        published_at__gte=start, published_at__lt=end
    )
    if params.get("categories"):
        queryset = queryset.filter(category__slug__in=params["categories"])
    return queryset


def _airings_in_span(params, periods, now):
    start, end = _span(periods)
    queryset = Airing.objects.counted().filter(
        aired_at__gte=start, aired_at__lt=end, aired_at__lte=now
    )
    if params.get("categories"):
        queryset = queryset.filter(bulletin__category__slug__in=params["categories"])
    if params.get("station"):
        queryset = queryset.filter(station__icontains=params["station"])
    return queryset


def _published_bulletins(params, periods, now):
    queryset = (
        compiled(_bulletins_in_span(params, periods, now))
        .select_related("category")
        .order_by("published_at", "pk")
    )
    return _bucket(periods, list(queryset), lambda b: b.published_at)


def _counted_airings(params, periods, now):
    queryset = (
        compiled(_airings_in_span(params, periods, now))
        .select_related("bulletin", "bulletin__category")
        .order_by("aired_at", "pk")
    )
    return _bucket(periods, list(queryset), lambda a: a.aired_at)


def _bulletin_counts(params, periods, now):
    return _count_moments(
        _bulletins_in_span(params, periods, now), periods, "published_at"
    )


def _airing_counts(params, periods, now):
    return _count_moments(_airings_in_span(params, periods, now), periods, "aired_at")


def _aired_item_counts(params, periods, now):
    """How many distinct bulletins were aired in each period (one query)."""
    return _per_period(
        _airings_in_span(params, periods, now),
        periods,
        lambda p: Count(
            "bulletin",
            distinct=True,
            filter=Q(aired_at__gte=p.start_dt, aired_at__lt=p.end_dt),
        ),
    )


def _bulletin_records(bulletins):
    return _item_records(
        (b.title, b.published_at, b.category.name, b.get_absolute_url())
        for b in bulletins
    )


def _item_records(items):
    """The records of website items, each (title, moment published, category
    name, address); the label translated once, not once a row."""
    kind = _("item on the website")
    return [
        Record(
            kind=kind,
            date=published_at,
            title=title,
            url=url,
            detail=Vietnamese(category_name),
            amount=1,
        )
        for title, published_at, category_name, url in items
    ]


def _airing_text(airing):
    minutes = _("%(n)s min") % {"n": airing.duration_minutes}
    when = format_date(airing.aired_at)
    return compose(
        "%(when)s, %(station)s, %(minutes)s",
        when=when,
        station=Vietnamese(airing.station),
        minutes=minutes,
    )


def _airing_records(airings_, url_of=None):
    """One record per airing; the label translated once, not once a row."""
    kind = _("loudspeaker airing")
    return [
        _aired_record(kind, airing, _airing_text(airing), url_of) for airing in airings_
    ]


def _aired_record(kind, airing, detail, url_of, **extra):
    """A record of ``airing``'s item, dated by the airing."""
    bulletin = airing.bulletin
    return Record(
        kind=kind,
        date=airing.aired_at,
        title=bulletin.title,
        url=url_of(bulletin.slug) if url_of else bulletin.get_absolute_url(),
        detail=detail,
        **extra,
    )


def _aired_item_records(airings_, url_of=None):
    """One record per distinct bulletin aired (in the order of their first
    airing), its airings in the detail."""
    by_item = {}
    for airing in airings_:
        by_item.setdefault(airing.bulletin_id, []).append(airing)
    kind = _("item aired on the loudspeakers")
    records = []
    for group in by_item.values():
        first = group[0]
        times = compose(
            _("%(n)s airing(s): %(list)s"),
            n=len(group),
            list=Vietnamese("; ".join(_airing_text(a) for a in group)),
        )
        records.append(_aired_record(kind, first, times, url_of, amount=1))
    return records


def _bulletin_page(params, period, now, start, stop):
    """The bulletin records ``start:stop`` of ``period`` (from their columns:
    model instances cost half the time of a drill-down's page)."""
    rows = (
        _bulletins_in_span(params, [period], now)
        .order_by("published_at", "pk")
        .values_list("title", "slug", "published_at", "category__name")[start:stop]
    )
    url_of = address_maker("bulletins:detail", "slug", "x")
    return _item_records(
        (title, published_at, category, url_of(slug))
        for title, slug, published_at, category in rows
    )


def _aired_rows(params, period, now):
    return (
        _airings_in_span(params, [period], now)
        .select_related("bulletin")
        .only(
            "aired_at",
            "station",
            "duration_minutes",
            "bulletin__title",
            "bulletin__slug",
        )
        .order_by("aired_at", "pk")
    )


def _airing_page(params, period, now, start, stop):
    """The airing records ``start:stop`` of ``period``."""
    url_of = address_maker("bulletins:detail", "slug", "x")
    return _airing_records(_aired_rows(params, period, now)[start:stop], url_of)


def _aired_item_page(params, period, now, start, stop):
    """The records ``start:stop`` of the distinct bulletins aired in ``period``:
    the bulletins ordered by their first airing, then all their airings of the
    period for the detail."""
    airings_ = _airings_in_span(params, [period], now)
    first = airings_.annotate(
        nth=Window(
            RowNumber(),
            partition_by=F("bulletin_id"),
            order_by=(F("aired_at").asc(), F("pk").asc()),
        )
    ).filter(nth=1)
    shown = list(
        first.order_by("aired_at", "pk").values_list("bulletin_id", flat=True)[
            start:stop
        ]
    )
    rows = _aired_rows(params, period, now).filter(bulletin_id__in=shown)
    return _aired_item_records(rows, address_maker("bulletins:detail", "slug", "x"))


# --- metrics ----------------------------------------------------------------------


@register(
    "bulletins",
    gettext_lazy("items published on the website"),
    gettext_lazy("items"),
    params_help=gettext_lazy(
        '{} for every category, or {"categories": ["neu-guong", "phe-phan"]}.'
    ),
    cleaner=_categories_cleaner,
)
def bulletins_published(params, periods, *, plan, now, records):
    """Bulletins the public sees, counted in the period of their publication (local
    time)."""
    if not records:
        return [Result(n, count=n) for n in _bulletin_counts(params, periods, now)]
    return [
        Result(len(items), _bulletin_records(items), count=len(items))
        for items in _published_bulletins(params, periods, now)
    ]


@lists("bulletins")
def bulletin_records(params, periods, results, *, plan, now):
    return Records(
        [result.count for result in results],
        lambda part, start, stop: _bulletin_page(
            params, periods[part], now, start, stop
        ),
    )


@register(
    "airings",
    gettext_lazy("loudspeaker airings"),
    gettext_lazy("airings"),
    params_help=gettext_lazy(
        '{}, or {"categories": [...]} and/or {"station": "part of the name"}.'
    ),
    cleaner=_airings_cleaner,
)
def airings(params, periods, *, plan, now, records):
    """Airings that count (of bulletins that are not hidden), by airing time."""
    if not records:
        return [Result(n, count=n) for n in _airing_counts(params, periods, now)]
    return [
        Result(len(items), _airing_records(items), count=len(items))
        for items in _counted_airings(params, periods, now)
    ]


@lists("airings")
def airing_records(params, periods, results, *, plan, now):
    return Records(
        [result.count for result in results],
        lambda part, start, stop: _airing_page(params, periods[part], now, start, stop),
    )


# the two channels of website_and_loudspeaker, in the order its records list them
CHANNELS = ("website", "loudspeaker")


def channels_note(website, loudspeaker):
    """The two channels' figures as a short phrase (the same on every page and
    file)."""
    return _("website: %(web)s; loudspeakers: %(air)s") % {
        "web": website,
        "air": loudspeaker,
    }


@register(
    "website_and_loudspeaker",
    gettext_lazy("distinct items on the website AND on the loudspeakers"),
    gettext_lazy("items"),
    params_help=gettext_lazy(
        '{"categories": ["tin-cchc", "neu-guong", "phe-phan"]}: the categories '
        "that count (CCHC items); {} counts every category."
    ),
    cleaner=_categories_cleaner,
)
def website_and_loudspeaker(params, periods, *, plan, now, records):
    """Per period, the distinct items of the chosen categories published on the
    website, and the distinct items of those categories aired on the
    loudspeakers (an item aired three times is one item); the figure is the
    smaller of the two, so a target of 1 means at least one item on each
    channel in the period."""
    if records:
        web = _published_bulletins(params, periods, now)
        air = _counted_airings(params, periods, now)
    else:
        web = _bulletin_counts(params, periods, now)
        air = _aired_item_counts(params, periods, now)
    results = []
    for website, aired in zip(web, air, strict=True):
        evidence = []
        if records:
            evidence = _bulletin_records(website)
            evidence += _aired_item_records(aired)
            website, aired = len(website), len({a.bulletin_id for a in aired})
        results.append(
            Result(
                min(website, aired),
                evidence,
                note=channels_note(website, aired),
                parts={"website": website, "loudspeaker": aired},
                count=website + aired,
            )
        )
    return results


@lists("website_and_loudspeaker")
def website_and_loudspeaker_records(params, periods, results, *, plan, now):
    """Each period's items on the website, then its items aired."""
    counts = [r.parts[channel] for r in results for channel in CHANNELS]

    def fetch(part, start, stop):
        page = _aired_item_page if part % 2 else _bulletin_page
        return page(params, periods[part // 2], now, start, stop)

    return Records(counts, fetch)


def _listing_at(moment):
    """The commune-level procedures as listed at ``moment`` (aware): each with
    ``was_listed``, ``was_posted`` and ``was_checked`` from its listing history."""
    latest = ListingChange.objects.filter(
        procedure=OuterRef("pk"), changed_at__lt=moment
    ).order_by("-changed_at", "-pk")
    return Procedure.objects.annotate(
        was_listed=Subquery(latest.values("listed")[:1]),
        was_posted=Subquery(latest.values("posted_at_desk")[:1]),
        was_checked=Subquery(latest.values("desk_checked_on")[:1]),
    ).filter(was_listed=True)


def _posted_filter(moment, days):
    """Posted then; with ``days``, only if the posting was checked in the
    ``days`` before ``moment``."""
    posted = Q(was_posted=True)
    if days:
        day = timezone.localtime(moment - datetime.timedelta(seconds=1)).date()
        since = day - datetime.timedelta(days=days)
        posted &= Q(was_checked__gte=since, was_checked__lte=day)
    return posted


@register(
    "procedures_posted",
    gettext_lazy(
        "share of commune procedures listed on the website that are posted at "
        "the one-stop desk"
    ),
    "%",
    params_help=gettext_lazy(
        '{}, or {"checked_within_days": 90} to count only postings checked recently.'
    ),
    cleaner=_procedures_cleaner,
    snapshot=True,
)
def procedures_posted(params, periods, *, plan, now, records):
    """Of the procedures under the commune's authority listed on the website at
    the end of the period (or now, if earlier), the share posted at the one-stop
    desk then: read from the listing history, so a past period keeps its
    answer."""
    days = params.get("checked_within_days")
    answers = {}  # a window and its cumulative span often end together
    for period in periods:
        moment = min(period.end_dt, now)
        if moment not in answers:
            answers[moment] = _listing_share(moment, days, records)
    return [
        Result(a.value, list(a.records), a.note, count=a.count)
        for a in (answers[min(p.end_dt, now)] for p in periods)
    ]


def _as_of(moment):
    """The local date whose end ``moment`` is."""
    return timezone.localtime(moment - datetime.timedelta(seconds=1)).date()


def _desk_on(as_of):
    """The desk as it was called on that day (Bộ phận Một cửa in 2021)."""
    return {"desk": CommuneProfile.current().names_on(as_of).desk_name}


def _procedure_record(procedure, ok, desk, url_of=None):
    checked = procedure.was_checked
    return Record(
        kind=compose(
            _("posted at %(desk)s") if ok else _("NOT posted at %(desk)s"),
            desk=Vietnamese(desk["desk"]),
        ),
        date=checked,
        title=f"{procedure.code} {procedure.name}",
        url=url_of(procedure.code) if url_of else procedure.get_absolute_url(),
        detail=(_("desk checked %(date)s") % {"date": format_date(checked)})
        if checked
        else _("no date of a check recorded"),
        amount=int(ok),
    )


def _listing_share(moment, days, records):
    as_of = _as_of(moment)
    listing = _listing_at(moment)
    posted_q = _posted_filter(moment, days)
    evidence = []
    if records:
        desk = _desk_on(as_of)
        rows = list(listing.only("code", "name").order_by("code"))
        posted_codes = set(listing.filter(posted_q).values_list("code", flat=True))
        total, posted = len(rows), len(posted_codes)
        for procedure in rows:
            ok = procedure.code in posted_codes
            evidence.append(_procedure_record(procedure, ok, desk))
    else:
        counts = listing.aggregate(
            total=Count("pk"), posted=Count("pk", filter=posted_q)
        )
        total, posted = counts["total"], counts["posted"]
    share = round(100 * posted / total) if total else 0
    note = _("%(posted)s of %(total)s procedures, as of %(date)s") % {
        "posted": posted,
        "total": total,
        "date": format_date(as_of),
    }
    return Result(share, evidence, note=note, count=total)


@lists("procedures_posted")
def procedures_posted_records(params, periods, results, *, plan, now):
    """The listing at the end of each period, by code, each procedure posted or
    not."""
    days = params.get("checked_within_days")
    moments = [min(period.end_dt, now) for period in periods]

    def fetch(part, start, stop):
        moment = moments[part]
        posted = Case(
            When(_posted_filter(moment, days), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
        rows = (
            _listing_at(moment)
            .annotate(is_posted=posted)
            .only("code", "name")
            .order_by("code")[start:stop]
        )
        desk = _desk_on(_as_of(moment))
        url_of = address_maker("procedures:detail", "code", "1.000001")
        return [_procedure_record(p, p.is_posted, desk, url_of) for p in rows]

    return Records([result.count for result in results], fetch)


_MEASURE_FIELDS = {
    "quantity": "quantity",
    "participants": "participants",
    "reach": "reach",
}


@register(
    "activities",
    gettext_lazy("logged activities"),
    gettext_lazy("activities"),
    params_help=gettext_lazy(
        '{"kinds": ["conference"], "measure": "count"}; measure is count, quantity, '
        "participants, reach or places (distinct places). Kinds: conference, "
        "training, dialogue, poster, banner, leaflet, contest, social, cchc_slot, "
        "other."
    ),
    cleaner=_activities_cleaner,
)
def activities(params, periods, *, plan, now, records):
    """Activities of the given types, by date: counted, or their quantity,
    participants or reach summed, or their distinct places counted."""
    chosen = _chosen_activities(params, periods)
    measure = params.get("measure", "count")
    if not records:
        return [
            Result(value, count=count)
            for value, count in _activity_values(chosen, periods, measure)
        ]
    items = list(chosen.only(*_SHOWN).order_by("held_on", "pk"))
    evidence_texts = chosen.evidence_texts()
    folded = {}  # places text -> its folded places (the same texts recur)
    results = []
    for period in periods:
        evidence = _activity_records(
            [a for a in items if period.contains_date(a.held_on)],
            measure,
            evidence_texts,
            folded=folded,
        )
        total = sum(r.amount for r in evidence)
        results.append(Result(total, evidence, count=len(evidence)))
    return results


@lists("activities")
def activity_records(params, periods, results, *, plan, now):
    measure = params.get("measure", "count")

    def fetch(part, start, stop):
        ordered = _chosen_activities(params, [periods[part]]).order_by("held_on", "pk")
        # their columns, not model instances: a page of them costs a third less
        rows = list(ordered.values_list("pk", *_SHOWN, named=True)[start:stop])
        folded, counted = {}, set()
        if measure == "places" and start:
            # the places counted by the period's activities before this slice:
            # one column of the rows before it
            for text in ordered.values_list("places", flat=True)[:start]:
                counted |= _folded(folded, text)
        evidence_texts = Activity.objects.evidence_texts_of([a.pk for a in rows])
        return _activity_records(
            rows, measure, evidence_texts, folded=folded, counted=counted
        )

    return Records([result.count for result in results], fetch)


_SHOWN = ("kind", "held_on", "title", "places", *_MEASURE_FIELDS.values())


def _chosen_activities(params, periods):
    """The activities of the KPI's kinds held within ``periods``' span."""
    return Activity.objects.between(
        min(p.start for p in periods), max(p.end for p in periods)
    ).filter(kind__in=params.get("kinds", []))


def _folded(cache, text):
    """The folded places of a places text, through ``cache`` (texts recur)."""
    if text not in cache:
        cache[text] = Activity.fold_places(text)
    return cache[text]


def _activity_records(activities_, measure, evidence_texts, *, folded, counted=()):
    """The records of one period's activities (in order), each with what it adds
    to the figure; ``counted``: the places already counted in the period."""
    url_of = address_maker("plans:activity", "pk", 1)
    # the type labels once (get_kind_display() per row dominates thousands of rows)
    kind_labels = {value: str(label) for value, label in Activity.Kind.choices}
    places = set(counted)
    records = []
    for activity in activities_:
        if measure in _MEASURE_FIELDS:
            amount = getattr(activity, _MEASURE_FIELDS[measure]) or 0
        elif measure == "places":
            new = _folded(folded, activity.places) - places
            places |= new
            amount = len(new)
        else:
            amount = 1
        records.append(
            Record(
                kind=kind_labels.get(activity.kind, activity.kind),
                date=activity.held_on,
                title=activity.title,
                url=url_of(activity.pk),
                detail=Vietnamese("; ".join(Activity.split_places(activity.places))),
                amount=amount,
                evidence=evidence_texts.get(activity.pk, ""),
            )
        )
    return records


def _on_dates(period):
    return Q(held_on__gte=period.start, held_on__lt=period.end)


def _activity_values(queryset, periods, measure):
    """(figure, number of activities) of each period without records: counted
    or summed by the database (one query); distinct places from the one column
    they need."""
    if measure == "places":
        rows = list(queryset.values_list("held_on", "places"))
        folded = {text: Activity.fold_places(text) for text in {t for _d, t in rows}}
        values = []
        for period in periods:
            places, count = set(), 0
            for held_on, text in rows:
                if period.contains_date(held_on):
                    places |= folded[text]
                    count += 1
            values.append((len(places), count))
        return values

    def counted(period):
        return Count("pk", filter=_on_dates(period))

    if measure in _MEASURE_FIELDS:
        field_name = _MEASURE_FIELDS[measure]
        return _per_period_many(
            queryset,
            periods,
            lambda p: Sum(field_name, filter=_on_dates(p)),
            counted,
        )
    return [(n, n) for n in _per_period(queryset, periods, counted)]


@register(
    "plan_issued",
    gettext_lazy("milestone: this plan issued by a date"),
    MILESTONE,
    params_help=gettext_lazy('{"by": "2021-01-31"}'),
    cleaner=_by_cleaner,
    snapshot=True,
)
def plan_issued(params, periods, *, plan, now, records):
    """1 when the plan itself has a number and was issued on or before ``by``."""
    by = datetime.date.fromisoformat(params["by"])
    done = bool(plan.number and plan.issued_on and plan.issued_on <= by)
    evidence = []
    if records and plan.number and plan.issued_on:
        evidence.append(
            Record(
                kind=_("plan"),
                date=plan.issued_on,
                title=f"{plan.number} – {plan.title}",
                url=plan.get_absolute_url(),
                detail=Vietnamese(plan.issuer),
                amount=int(done),
            )
        )
    return [Result(int(done), list(evidence)) for _p in periods]


@register(
    "task_done",
    gettext_lazy("milestone: a plan task done by a date"),
    MILESTONE,
    params_help=gettext_lazy(
        '{"task": 1} (the order number of the task), optionally "by": "2021-06-30".'
    ),
    cleaner=_task_cleaner,
    snapshot=True,
)
def task_done(params, periods, *, plan, now, records):
    """1 when the task is done, on or before ``by`` (or the period's end)."""
    task = plan.tasks.filter(order=params["task"]).first()
    results = []
    for period in periods:
        deadline = (
            datetime.date.fromisoformat(params["by"])
            if params.get("by")
            else period.last_day
        )
        done = bool(
            task
            and task.status == task.Status.DONE
            and task.completed_on
            and task.completed_on <= deadline
        )
        evidence = []
        if records and task:
            evidence.append(
                Record(
                    kind=_("task"),
                    date=task.completed_on,
                    title=task.title,
                    url=task.get_absolute_url(),
                    detail=task.get_status_display(),
                    amount=int(done),
                )
            )
        results.append(Result(int(done), evidence))
    return results


@register(
    "tasks_led_by",
    gettext_lazy("plan tasks assigned to a lead"),
    gettext_lazy("tasks"),
    params_help=gettext_lazy('{"lead": "Văn hóa"} (part of the lead\'s name).'),
    cleaner=_lead_cleaner,
    snapshot=True,
)
def tasks_led_by(params, periods, *, plan, now, records):
    """The plan's tasks whose lead names ``lead`` (diacritics ignored)."""
    wanted = fold(params["lead"])
    tasks = [t for t in plan.tasks.all() if wanted in fold(t.lead)]
    if not records:
        return [Result(len(tasks)) for _p in periods]
    evidence = [
        Record(
            kind=_("task"),
            date=t.due_on,
            title=t.title,
            url=t.get_absolute_url(),
            detail=Vietnamese(", ".join(x for x in (t.lead, t.coordinators) if x)),
            amount=1,
        )
        for t in tasks
    ]
    return [Result(len(tasks), list(evidence)) for _p in periods]
