"""The search engine: what an index is, and the steps from a typed query to the
ranked records.

1. **As typed.** The query's units (query.py) must all be found: candidates come
   from the database's text index (backends.py), at most ``limit`` of them, and
   are ranked by ranking.py.
2. **Corrected.** If nothing is found, syllables that look mistyped are replaced
   by the nearest known ones ("dang ki khia sinh" → "dang ki khai sinh") and
   step 1 runs again; the page says what was corrected.
3. **Partly.** If still nothing, records holding most of the query (by weight)
   are listed, when ranking.accept allows it; else the nearest names are kept as
   suggestions, and the page says that nothing matched.

When nothing is listed in a filtered set (a field of the catalogue), how many
records the query finds without the filters is counted in one more query
(``wider``): the page then says the filters hide them.
"""

import functools
import hashlib
import itertools
import math
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import router, transaction
from django.db.models import DEFERRED
from django.db.models.signals import post_delete, post_save

from .. import pagecache
from ..text import search_query
from . import backends, ranking, versions, vocabulary
from .lexicon import Lexicon
from .query import analyse

LIMIT = 60
MAX_UNITS = 7  # units beyond this (the lightest) do not take part in step 3


@dataclass(frozen=True)
class SearchIndex:
    """A model whose rows are searched, by its folded columns (search form):
    the name (A), optionally official keywords (B, "|"-separated) and shared
    vocabulary (C, "|"-separated), and the other parts (D). ``newest_column``:
    news are taken newest first among equals. ``engine``: the table has the
    database objects of schema.py (else the search scans: for small tables)."""

    key: str
    model: type
    name_column: str = "search_title"
    other_column: str = "search_document"
    keywords_column: str | None = None
    vocabulary_column: str | None = None
    newest_column: str | None = None
    engine: bool = True
    lexicon_from_other: bool = True
    vector_column: str = "search_vector"
    # Called after staff change the vocabulary: recomputes the everyday names
    # stored in ``vocabulary_column``.
    refresh_vocabulary: object = None
    # What a hit shows of a record, read with the candidates (a few dozen short
    # columns) so that showing the hits costs no second query: model fields,
    # and "relation__field" with the relation's own column ("field_id") beside
    # it. ``instances()`` makes the model objects of hits from them.
    shown_columns: tuple = ()

    @property
    def table(self):
        return self.model._meta.db_table

    @property
    def fts_table(self):
        return f"{self.table}_fts"

    @property
    def fts_weights(self):
        """bm25 weights of the FTS5 columns, in the proportions of ranking.py."""
        parts = [
            (self.name_column, ranking.NAME),
            (self.keywords_column, ranking.KEYWORDS),
            (self.vocabulary_column, ranking.VOCABULARY),
            (self.other_column, ranking.OTHER),
        ]
        return [ranking.PART_WEIGHTS[part] * 10 for column, part in parts if column]

    @property
    def stamp(self):
        return f"index:{self.key}"


_indexes = {}


def register_index(index):
    """Declare ``index`` (apps do this in AppConfig.ready()); its words are
    re-read after any save or delete of its model."""
    _indexes[index.key] = index
    uid = f"search-index:{index.key}"

    def changed(using=None, **_kwargs):
        # Now, and again at the commit: a worker that rebuilt the lexicon in
        # between read the rows as they were before it.
        versions.bump(index.stamp)
        transaction.on_commit(
            lambda: versions.bump(index.stamp), using=using, robust=True
        )

    post_save.connect(changed, sender=index.model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=index.model, weak=False, dispatch_uid=uid)
    return index


def get_index(key):
    return _indexes[key]


def indexes():
    return list(_indexes.values())


def index_changed(key):
    """Call after writes that send no signal (bulk writes, ``update()``)."""
    versions.bump(f"index:{key}")


def _split(text):
    return [part for part in map(str.strip, (text or "").split("|")) if part]


def _load_lexicon(index):
    columns = [
        c
        for c in (
            index.name_column,
            index.keywords_column,
            index.vocabulary_column,
            index.other_column if index.lexicon_from_other else None,
        )
        if c
    ]
    rows = (
        index.model._default_manager.order_by()
        .values_list(*columns)
        .iterator(chunk_size=2000)
    )
    lexicon = Lexicon.build(rows)
    words = vocabulary.current()
    lexicon.add_terms(t for terms in words.meanings.values() for t in terms)
    lexicon.add_terms(p for topic in words.topics for p in topic.phrases)
    return lexicon


_lexicons = {}


def lexicon(index):
    """This worker's lexicon of ``index``: after a change to the index or to
    the vocabulary, built again by the process that made it (after its
    request) or that first needs it, and taken from the shared cache by the
    others. A scanned index (a few rows) has
    none: every word weighs the same there, and nothing is corrected."""
    if not index.engine:
        return Lexicon.uniform()
    memo = _lexicons.get(index.key)
    if memo is None:
        memo = _lexicons[index.key] = versions.Memo(
            (index.stamp, vocabulary.STAMP),
            lambda: _load_lexicon(index),
            # The vocabulary's rows are its own Memo's (vocabulary.py).
            fingerprint=lambda: versions.rows_print(index.model),
            # v1: a Lexicon as pickled now; a new version when its fields
            # change (servers of two releases may share the cache a while).
            shared=f"search:lexicon:v1:{index.key}",
        )
    return memo.get()


@dataclass(frozen=True, slots=True)
class Listed:
    """A hit or a suggestion of an outcome read back from the search cache:
    what a page shows of it (its id, date and shown columns, as
    ranking.Record has them), without the ranking's working."""

    pk: object
    newest: object
    shown: dict


@dataclass
class Found:
    """The outcome of a search. ``tier``: "exact", "corrected", "partial",
    "none" (nothing listed) or "empty" (no words to search for)."""

    query: object  # query.Query as typed
    used: object  # the reading that gave the hits (corrected or as typed)
    tier: str
    # (ranking.Record, ranking.Score); read back from the cache, (Listed, None)
    hits: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)  # ranking.Record or Listed
    more: bool = False  # candidates were cut at the limit
    # Nothing listed: how many records of the wider set (the query without the
    # page's filters) hold the reading searched; ``wider_more``: at least.
    wider: int = 0
    wider_more: bool = False

    @property
    def pks(self):
        return [record.pk for record, _score in self.hits]

    @property
    def topics(self):
        return self.query.topics

    @property
    def corrections(self):
        return self.used.corrections if self.tier != "none" else []

    def kept(self):
        """What the search cache keeps of this outcome: what a page reads of
        it. The ranking's working (each record's texts, each score) was five
        sixths of the bytes, and unpickling it most of a search served from
        the cache (docs/performance.md, *Thirteenth pass*)."""

        def rows(records):
            return [(r.pk, r.newest, r.shown) for r in records]

        hits = rows(record for record, _score in self.hits)
        return (
            self.query,
            self.used,
            self.tier,
            hits,
            rows(self.suggestions),
            self.more,
            self.wider,
            self.wider_more,
        )

    @classmethod
    def from_kept(cls, kept):
        """The outcome ``kept()`` gave: its hits ``(Listed, None)``."""
        query, used, tier, hits, suggestions, more, wider, wider_more = kept
        return cls(
            query=query,
            used=used,
            tier=tier,
            hits=[(Listed(*row), None) for row in hits],
            suggestions=[Listed(*row) for row in suggestions],
            more=more,
            wider=wider,
            wider_more=wider_more,
        )


def _records(index, rows, units):
    """ranking.Record objects from backend rows."""
    # Where each column stands in a row (see backends.Backend.candidates).
    extra = [index.keywords_column, index.vocabulary_column, index.newest_column]
    at = dict(zip([c for c in extra if c], itertools.count(2)))
    keywords, vocabulary, newest = (at.get(c) if c else None for c in extra)
    flags = 2 + len(at)  # "1" per unit found in the other parts, else "0"
    shown = index.shown_columns
    return [
        ranking.Record(
            pk=row[0],
            name=row[1] or "",
            keywords=_split(row[keywords]) if keywords else [],
            vocabulary=_split(row[vocabulary]) if vocabulary else [],
            other={i for i, flag in enumerate(row[flags]) if flag == "1"},
            newest=row[newest] if newest else None,
            shown=dict(zip(shown, row[flags + 1 :], strict=True)),
        )
        for row in rows
    ]


def instances(index, records):
    """The model objects of ``records`` as ``only(*index.shown_columns)`` with
    ``select_related`` would load them, made from what the candidates query
    read (no query); the related rows of "relation__field" columns attached."""
    own, related = _layout(index)
    db = router.db_for_read(index.model)
    objects = []
    for record in records:
        values = {"pk": record.pk, "newest": record.newest, **record.shown}
        obj = own.make(db, values)
        for relation, key, maker in related:
            made = None if record.shown[key] is None else maker.make(db, values)
            relation.set_cached_value(obj, made)
        objects.append(obj)
    return objects


class _Maker:
    """Model objects made from values read by name, as ``from_db()`` makes them
    for those columns alone, the other fields deferred; which value goes to
    which field is worked out once per index, not for each object (a search
    page makes 20 to 40 of them)."""

    def __init__(self, model, sources):
        # sources: field attname → the name of its value.
        fields = model._meta.concrete_fields
        self.model = model
        self.names = [f.attname for f in fields]
        self.places = [
            (place, sources[f.attname])
            for place, f in enumerate(fields)
            if f.attname in sources
        ]

    def make(self, db, values):
        # A value for every field, DEFERRED for those not read: what from_db()
        # itself makes of a partial row.
        row = [DEFERRED] * len(self.names)
        for place, name in self.places:
            row[place] = values[name]
        return self.model.from_db(db, self.names, row)


@functools.cache
def _layout(index):
    """(the index's model's _Maker, [(relation field, its column's name,
    the related model's _Maker)]) for ``instances``."""
    meta = index.model._meta
    sources = {meta.pk.attname: "pk"}
    if index.newest_column:
        sources[index.newest_column] = "newest"
    relations = {}
    for column in index.shown_columns:
        if "__" in column:
            relation, name = column.split("__", 1)
            relations.setdefault(relation, {})[name] = column
        else:
            sources[column] = column
    related = []
    for relation, names in relations.items():
        field = meta.get_field(relation)
        target = field.related_model
        names = {target._meta.pk.attname: field.attname, **names}
        related.append((field, field.attname, _Maker(target, names)))
    return _Maker(index.model, sources), related


def _candidates(index, backend, queryset, units, need, limit):
    """The candidates of ``units``: at most ``limit`` found anywhere (roughly
    best first, or newest first for news), and — when there were more than
    that — also at most ``limit`` of those that hold the query in their name
    (the shortest names, or the newest titles), which the ranking values most."""
    rows = backend.candidates(queryset, units, need=need, name_only=False, limit=limit)
    more = len(rows) >= limit
    if more:
        seen = {row[0] for row in rows}
        named = backend.candidates(
            queryset, units, need=need, name_only=True, limit=limit
        )
        rows += [row for row in named if row[0] not in seen]
    return _records(index, rows, units), more


def _findable(index, unit, words):
    """False when no record of ``index`` can hold ``unit``: each of its forms has
    a syllable that no record has (a typo: "khia"), known from the lexicon,
    which counts the syllables of every column searched; the query as typed then
    finds nothing, without asking the database. Only for syllables of letters,
    which every backend splits as the lexicon does."""
    if not index.engine or not index.lexicon_from_other:
        return True
    return any(
        all(words.knows(s) or not s.isalpha() for s in form.split())
        for form in unit.forms
    )


def _ranked(index, query, records, *, partial, words):
    score = ranking.scorer(query, words)
    scored = [(r, score(r)) for r in records]
    newest = bool(index.newest_column)
    scored.sort(key=lambda pair: ranking.order_key(*pair, newest_first=newest))
    accepted = ranking.acceptor(query, partial=partial)
    hits = [(r, s) for r, s in scored if accepted(s)]
    return hits, scored


def _confident(hits):
    """The best hit holds every unit in its name, keywords or vocabulary."""
    return bool(hits) and all(p in ranking.TELLING for p in hits[0][1].parts)


def _partial(query):
    """The query for step 3: unknown neighbours joined into one term, at most
    MAX_UNITS units (the heaviest), and how many of them a record must hold."""
    joined = query.unknown_terms_joined()
    heaviest = sorted(joined.units, key=lambda u: -u.weight)[:MAX_UNITS]
    joined.units = [u for u in joined.units if u in heaviest]
    n = len(joined.units)
    return joined, max(1, min(n - 1, math.ceil(n * 0.6)))


def search(index, queryset, raw, *, limit=None, cache_key=None, wider=None):
    """Search ``queryset`` (rows of ``index.model``, already filtered to what may
    be shown) for the text ``raw``. ``wider``: the rows without the page's
    filters; when ``queryset`` lists nothing, how many of them the query finds
    is counted (``Found.wider``; one query at most). With ``cache_key`` (what
    the queryset's filters are, in words), the outcome is kept in the shared cache for
    SEARCH_CACHE_SECONDS at most, under the page cache's generation of the
    index's app (it moves when an edit commits, so an edit shows at once and an
    outcome read before the commit is never served after it), the index's stamp
    (bulk writes) and the vocabulary's; and never past the app's next scheduled
    change (a news item published at a set time). Each worker also keeps a
    copy of the outcomes it stored or read there (``_outcomes``)."""
    limit = limit or LIMIT
    seconds = settings.SEARCH_CACHE_SECONDS if cache_key is not None else 0
    if not seconds:
        return _search(index, queryset, raw, limit, wider)
    # First: a bump this worker's copies find was lost (by the rows, every
    # MAX_AGE) is sent again, and the key below names the new stamps.
    words = vocabulary.current()
    lexicon(index)
    app = index.model._meta.app_label
    stamps = (
        pagecache.generation(app),
        versions.current_many((index.stamp, vocabulary.STAMP)),
    )
    digest = hashlib.sha256(
        repr(
            (stamps, cache_key, limit, wider is None, search_query(raw))
            + words.contradicted_in(raw)
        ).encode()
    ).hexdigest()[:32]
    # v5: (Found.kept(), the end of its time); v4 had no ``wider``, v2 was a
    # whole Found.
    key = f"search:found:v5:{index.key}:{digest}"
    now = time.time()
    value = _outcomes.current(key, now, _end)
    if value is None:
        value = cache.get(key)
        if value is not None:
            _copy(key, value)
    if value is not None:
        return Found.from_kept(value[0])
    until = pagecache.expiry((app,), longest=seconds)
    found = _search(index, queryset, raw, limit, wider)
    seconds = pagecache.seconds_until(until)
    if seconds > 0:
        value = (found.kept(), until)
        cache.set(key, value, seconds)
        _copy(key, value)
    return found


# Each worker's copies of the outcomes it stored or read in the shared cache,
# served without a round trip while its subscription knows every generation
# and stamp (which the key names) and until the outcome's own end, which is
# the shared entry's (pagecache.WorkerCopies; docs/performance.md,
# *Thirteenth pass*). An outcome takes about 50 KB of a worker's memory (60
# news hits with their summaries): at most 3 MB.
_outcomes = pagecache.WorkerCopies(limit=64)


def _end(value):
    return value[1]


def _copy(key, value):
    # Only where a copy can be served: with the disk cache, or Redis away,
    # no subscription tells the worker of an edit.
    if pagecache.generations_known():
        _outcomes.keep(key, value)


def _search(index, queryset, raw, limit, wider=None):
    words = vocabulary.current()
    known = lexicon(index)
    query = analyse(raw, words, known)
    if not query:
        return Found(query=query, used=query, tier="empty")
    backend = backends.for_index(index)

    def rank(used, records, partial):
        return _ranked(index, used, records, partial=partial, words=known)

    n = len(query.units)
    records, more = [], False
    if all(_findable(index, unit, known) for unit in query.units):
        records, more = _candidates(index, backend, queryset, query.units, n, limit)
    hits, _scored = rank(query, records, False)
    if hits and (n < 2 or _confident(hits)):
        return Found(query=query, used=query, tier="exact", hits=hits, more=more)
    used = query
    if not hits:
        fixed = query.corrected(known)
        if fixed is not None:
            records, more = _candidates(index, backend, queryset, fixed.units, n, limit)
            hits, _scored = rank(fixed, records, False)
            if hits and _confident(hits):
                return Found(
                    query=query, used=fixed, tier="corrected", hits=hits, more=more
                )
            used = fixed
    # Part of the query: records holding most of it, ranked together with the
    # records that hold all of it but only in their less telling parts.
    joined, need = _partial(used)
    suggestions = []
    if len(joined.units) >= 2:
        pool, more = _candidates(index, backend, queryset, joined.units, need, limit)
        hits, scored = rank(joined, pool, True)
        if hits:
            if used is not query:
                tier = "corrected"
            elif ranking.accept(joined, hits[0][1], partial=False):
                tier = "exact"
            else:
                tier = "partial"
            return Found(query=query, used=joined, tier=tier, hits=hits, more=more)
        suggestions = [r for r, s in scored if ranking.suggestible(joined, s)][:3]
    elif hits:
        tier = "corrected" if used is not query else "exact"
        return Found(query=query, used=used, tier=tier, hits=hits, more=more)
    found = Found(query=query, used=used, tier="none", suggestions=suggestions)
    if wider is not None and all(_findable(index, u, known) for u in used.units):
        found.wider, found.wider_more = _wider(
            index, backend, wider, used, limit, known
        )
    return found


def _wider(index, backend, queryset, used, limit, words):
    """How many records of ``queryset`` hold every unit of ``used`` (the reading
    that found nothing in the filtered set, corrected or as typed) and would be
    listed, and whether there are more: one candidates query, no further step."""
    units = used.units
    rows = backend.candidates(
        queryset, units, need=len(units), name_only=False, limit=limit
    )
    hits, _scored = _ranked(
        index, used, _records(index, rows, units), partial=False, words=words
    )
    return len(hits), len(rows) >= limit
