"""Site-wide search: one engine for the procedures, the news and the plans.

* engine.py — what an index is; the steps from a typed query to ranked records;
* query.py — what a query asks for (question frames out, vocabulary phrases in,
  small words out, typos corrected);
* ranking.py — the ranking, explainable in one place;
* backends.py — candidates through the database's own text index (PostgreSQL
  full-text search, SQLite FTS5; a scan where neither exists);
* schema.py — the database objects those backends use, made by migrations;
* statements.py — the candidates queries' SQL, built once per shape;
* vocabulary.py — the shared vocabulary and the matters handled elsewhere;
* lexicon.py — each index's words: their weight, typo correction;
* misses.py — the log of searches without a result, for staff.

Apps declare their index (``register_index``) and contribute a section to the
one search page (``register``). docs/search.md describes the whole.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from ..text import search_query, search_text
from . import misses, vocabulary
from .engine import (
    Found,
    SearchIndex,
    get_index,
    index_changed,
    indexes,
    instances,
    register_index,
    search,
)

__all__ = [
    "Found",
    "Hit",
    "SearchIndex",
    "Section",
    "build_document",
    "get_index",
    "index_changed",
    "indexes",
    "instances",
    "keywords_document",
    "misses",
    "national_search_url",
    "register",
    "register_index",
    "search",
    "search_everything",
    "search_sections",
    "sections_named",
    "topics_for",
]


def build_document(*parts):
    """The search-form document made from text parts (None and blanks skipped)."""
    return search_text(" ".join(str(p) for p in parts if p))


def keywords_document(phrases):
    """Phrases in search form between bars ("|so do|giay do|"): a keyword column."""
    folded = [search_text(p) for p in phrases]
    folded = list(dict.fromkeys(f for f in folded if f))
    return "|" + "|".join(folded) + "|" if folded else ""


@dataclass
class Hit:
    """One result: ``title`` and ``summary`` are the record's own words (in
    Vietnamese whatever the interface's language), ``title_prefix`` what it is
    in the interface's (“Plan 135/KH-UBND: ”), ``meta`` short facts
    (``text.Vietnamese`` for a record's words)."""

    title: str
    url: str
    summary: str = ""
    date: datetime.date | None = None
    meta: list[str] = field(default_factory=list)
    title_prefix: str = ""


@dataclass
class Section:
    key: str
    label: str
    hits: list[Hit]
    total: int
    more_url: str = ""
    more: bool = False  # ``total`` is a lower bound
    results: object = None  # the section's own search outcome, for its notes


_providers = {}  # key → (provider, the phrases that name its section)


_alone = {}  # key → the phrases that ask for its section when said alone


def register(provider, key, names=(), alone=()):
    """Register a callable ``provider(query, limit) -> Section | None`` under the
    key of the section it gives (thachha_portal/wiring.py does, at start-up);
    ``names``: what people type to ask for that section ("tin tức");
    ``alone``: what asks for it only when it is all the query says ("thông
    báo", also the start of a procedure's name)."""
    _providers[key] = (provider, tuple(f" {search_text(n)} " for n in names))
    _alone[key] = frozenset(search_text(n) for n in (*names, *alone))
    return provider


def sections_named(query):
    """The keys of the sections ``query`` names (``register``'s names, as
    whole syllables: "tin tức cải cách hành chính"), and of those it asks for
    and nothing else — small words and numbers aside ("tin tức", "xem bản tin
    tháng 11", "thông báo") — as a pair of lists."""
    padded = f" {search_query(query)} "
    named = [key for key, (_p, names) in _providers.items() if _holds(padded, names)]
    alone = [key for key, phrases in _alone.items() if _only(padded, phrases)]
    return [*named, *(key for key in alone if key not in named)], alone


def _holds(padded, names):
    return any(name in padded for name in names)


def _only(padded, phrases):
    """``padded`` is one of ``phrases`` with small words and numbers around."""
    from .query import NUMBER, SMALL

    for phrase in phrases:
        if f" {phrase} " in padded:
            rest = padded.replace(f" {phrase} ", " ", 1).split()
            if all(w in SMALL or NUMBER.match(w) for w in rest):
                return True
    return False


def search_sections(query, limit=10, only=None):
    """One section per app, empty ones included (a section may have notes to
    show, such as corrections), in registration order — but a section the
    query names comes first: "tin tức", "bản tin tháng" ask for the news, not
    for the procedures that hold "tin" and "tức" apart ("thông tin", "thủ
    tục"); ``only``: the key of one section."""
    named = sections_named(query)[0]
    providers = [
        (key not in named, n, provider)
        for n, (key, (provider, _names)) in enumerate(_providers.items())
        if only in (None, key)
    ]
    sections = [provider(query, limit) for *_order, provider in sorted(providers)]
    return [s for s in sections if s is not None]


def search_everything(query, limit=10):
    """The sections that found something, in the order of search_sections."""
    return [s for s in search_sections(query, limit) if s.total]


def topics_for(query):
    """The matters handled elsewhere that ``query`` names."""
    return vocabulary.current().topics_in(search_query(query))


NATIONAL_SEARCH_PATH = "p/home/dvc-tthc-thu-tuc-hanh-chinh.html"


def national_search_url(portal_url, query):
    """The national public-service portal's procedure search, ``query`` filled
    in (``portal_url``: the portal's address from the commune profile)."""
    base = (portal_url or "https://dichvucong.gov.vn/").rstrip("/")
    return f"{base}/{NATIONAL_SEARCH_PATH}?{urlencode({'keyword': query})}"
