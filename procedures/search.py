"""The procedures' search: their index for the site-wide engine
(thachha_portal.search), the catalogue search and the procedures' section of
the site-wide search page."""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from thachha_portal import search
from thachha_portal.search import misses
from thachha_portal.text import Vietnamese, typed

from .models import CODE_PATTERN, Procedure
from .services import procedures_refresh_vocabulary

# What a result row and the site search show of a procedure.
RESULT_COLUMNS = (
    "code",
    "name",
    "online_level",
    "field__name",
    "field__slug",
)
INDEX = search.SearchIndex(
    key="procedures",
    model=Procedure,
    name_column="search_title",
    keywords_column="search_keywords",
    vocabulary_column="search_vocabulary",
    other_column="search_document",
    refresh_vocabulary=procedures_refresh_vocabulary,
    shown_columns=("field_id", *RESULT_COLUMNS),
)
CODE = re.compile(rf"^\s*({CODE_PATTERN})\s*$")


@dataclass
class Results:
    """A catalogue search: the ranked procedure ids and what the page says
    about them (corrections, partial matches, matters handled elsewhere,
    nearest names when nothing is listed)."""

    query: str
    found: search.Found | None = None
    pks: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)  # Procedure objects

    @property
    def tier(self):
        return self.found.tier if self.found else "exact"

    @property
    def topics(self):
        return self.found.topics if self.found else []

    @property
    def corrected_query(self):
        """The query as it was searched after correcting typos, or ""."""
        if self.found and self.found.corrections:
            return self.found.used.phrase
        return ""

    @property
    def corrections(self):
        return self.found.corrections if self.found else []

    @property
    def partial(self):
        return self.tier == "partial"

    @property
    def more(self):
        return bool(self.found and self.found.more)

    @property
    def elsewhere(self):
        """Nothing listed under the page's filters: how many procedures the
        query finds without them (0 when not counted), and whether at least."""
        if self.found is None or self.pks:
            return 0
        return self.found.wider

    @property
    def elsewhere_more(self):
        return bool(self.elsewhere and self.found.wider_more)

    def objects(self, pks):
        """The Procedure objects of ``pks`` in that order, with their field: what
        a result row shows (procedures/_results.jinja), not every part. Those the
        search found come from what it read (no query); a procedure found by
        its code is read."""
        read = {}
        if self.found:
            read = {record.pk: record for record, _score in self.found.hits}
            read.update((record.pk, record) for record in self.found.suggestions)
        if all(pk in read for pk in pks):
            return search.instances(INDEX, [read[pk] for pk in pks])
        rows = Procedure.objects.select_related("field").only(*RESULT_COLUMNS)
        by_pk = rows.order_by().in_bulk(list(pks))  # the order is ``pks``
        return [by_pk[pk] for pk in pks if pk in by_pk]

    def __iter__(self):
        return iter(self.objects(self.pks))

    def __len__(self):
        return len(self.pks)

    def first(self):
        """The best procedure, or None."""
        found = self.objects(self.pks[:1])
        return found[0] if found else None


def also_called(procedure):
    """What people call ``procedure``, from the shared vocabulary (its page
    says "còn gọi là …"; no query once the worker holds the vocabulary)."""
    return search.vocabulary.current().also_called(procedure.search_title)


def search_catalogue(query, queryset=None, filters="", *, log=True, wider=None):
    """Search the published procedures of ``queryset`` (narrowed by
    ``filters``, described in words for the search cache) for ``query``; a
    national code finds its procedure directly. ``wider``: the procedures
    without the filters, counted when the filtered ones list nothing
    (``Results.elsewhere``). With ``log``, a search that lists nothing — the
    query alone finding nothing either — is counted for staff
    (thachha_portal.search.misses)."""
    # Without a description of the filters, a queryset given cannot be cached.
    cache_key = f"published {filters}" if queryset is None or filters else None
    queryset = Procedure.objects.published() if queryset is None else queryset
    code = CODE.match(typed(query))
    if code:
        pks = list(queryset.filter(code=code.group(1)).values_list("pk", flat=True))
        if pks:
            return Results(query=query, pks=pks)
    found = search.search(INDEX, queryset, query, cache_key=cache_key, wider=wider)
    results = Results(query=query, found=found, pks=found.pks)
    if found.suggestions:
        results.suggestions = results.objects([r.pk for r in found.suggestions])
    if log and found.tier == "none" and not found.wider:
        misses.record(query, misses.kind_of(found))
    return results


def search_section(query, limit):
    """The procedures' part of the site-wide search page (the page counts a
    search that finds nothing anywhere)."""
    results = search_catalogue(query, log=False)
    procedures = results.objects(results.pks[:limit])
    return search.Section(
        key="procedures",
        label=_("Administrative procedures"),
        hits=[
            search.Hit(
                title=p.name,
                url=p.get_absolute_url(),
                meta=[p.code, Vietnamese(p.field.name)],
            )
            for p in procedures
        ],
        total=len(results.pks),
        more=results.more,
        more_url=reverse("procedures:list") + "?" + urlencode({"q": query}),
        results=results,
    )
