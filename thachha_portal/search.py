"""Site-wide search: folding-based matching that works on SQLite and PostgreSQL,
typo tolerance with pg_trgm on PostgreSQL, and a registry through which each app
contributes its results to the one search page.

A searchable model keeps two folded columns, maintained on save:
``search_title`` (the folded name/title) and ``search_document`` (the folded name,
keywords and other text worth finding). Queries are folded the same way
(``text.fold``), so "dang ky khai sinh" finds "Đăng ký khai sinh".
"""

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Greatest

from .text import fold, fold_words

# Filler words people add around what they look for ("xin cách làm giấy khai sinh").
# Kept short on purpose: folded words are ambiguous ("so" is sổ, số and sở; "dau"
# is đâu and đầu), so only words that never carry the subject are dropped.
STOPWORDS = frozenset(["lam", "xin", "cach", "muon", "toi", "minh", "gi"])
MIN_SIMILARITY = 0.45


def query_words(query):
    words = fold_words(query)
    kept = [w for w in words if w not in STOPWORDS]
    return kept or words


def search_queryset(queryset, query, *, fuzzy=True):
    """Rank ``queryset`` rows (with search_title/search_document columns) against
    ``query``.

    1. Rows containing every word; the whole phrase in the title ranks first,
       then all words in the title, then the rest.
    2. Failing that, on PostgreSQL, rows whose words are close to the query's
       (pg_trgm word similarity), for typos.
    3. Failing that, rows containing most of the words.
    Returns a queryset annotated with ``rank`` and ordered by it.
    """
    words = query_words(query)
    if not words:
        return queryset.none()
    phrase = " ".join(words)
    every = Q()
    for word in words:
        every &= Q(search_document__contains=word)
    title_all = Q()
    for word in words:
        title_all &= Q(search_title__contains=word)
    exact = queryset.filter(every).annotate(
        rank=Case(
            When(search_title__contains=phrase, then=Value(300)),
            When(title_all, then=Value(200)),
            default=Value(100),
            output_field=IntegerField(),
        )
    )
    if exact.exists():
        return exact.order_by("-rank", "search_title")
    if fuzzy and connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramWordSimilarity

        similar = (
            queryset.annotate(
                similarity=Greatest(
                    TrigramWordSimilarity(phrase, "search_title"),
                    TrigramWordSimilarity(phrase, "search_document"),
                )
            )
            .filter(similarity__gte=MIN_SIMILARITY)
            .annotate(rank=Value(50, output_field=IntegerField()))
        )
        if similar.exists():
            return similar.order_by("-similarity", "search_title")
    if len(words) < 2:
        return queryset.none()
    matched = sum(
        (
            Case(
                When(search_document__contains=w, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for w in words
        ),
        Value(0, output_field=IntegerField()),
    )
    return (
        queryset.annotate(rank=matched)
        .filter(rank__gte=max(2, (len(words) + 1) // 2))
        .order_by("-rank", "search_title")
    )


def build_document(*parts):
    """The folded search document made from text parts (None and blanks skipped)."""
    return fold(" ".join(str(p) for p in parts if p))


@dataclass
class Hit:
    title: str
    url: str
    summary: str = ""
    date: datetime.date | None = None
    meta: list[str] = field(default_factory=list)


@dataclass
class Section:
    key: str
    label: str
    hits: list[Hit]
    total: int
    more_url: str = ""


_providers = []


def register(provider):
    """Register a callable ``provider(query, limit) -> Section | None``. Apps do this
    in their AppConfig.ready()."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def search_everything(query, limit=10):
    """One section per app, in registration order, leaving out empty ones."""
    sections = [provider(query, limit) for provider in _providers]
    return [s for s in sections if s is not None and s.total]
