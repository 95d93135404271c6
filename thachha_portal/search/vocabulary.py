"""The shared vocabulary as the search uses it: everyday words, old names and
abbreviations mapped to the official terms of procedure names (``Synonym``), and
matters handled by other offices (``ElsewhereTopic``).

Both live in the database, edited by staff in the admin; each worker keeps a
compiled copy (``current()``) that is rebuilt when the stamp "vocabulary" moves
(see versions.py). Everything here compares text in ``search_text`` form.
"""

from dataclasses import dataclass, field

from django.db import transaction

from ..text import search_text
from . import versions

STAMP = "vocabulary"


@dataclass(frozen=True)
class Topic:
    """A matter handled elsewhere, as shown to the citizen."""

    pk: int
    title: str
    authority: str
    advice: str
    url: str
    phrases: tuple[str, ...]


@dataclass
class Vocabulary:
    # what people type → the official terms it stands for
    meanings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    topics: list[Topic] = field(default_factory=list)
    longest: int = 1  # syllables in the longest phrase
    words: set = field(default_factory=set)  # syllables of the everyday phrases

    @classmethod
    def build(cls, synonyms, topics=()):
        """``synonyms``: (phrase, [official term, …]) pairs; ``topics``: Topic
        instances whose phrases are already in search form."""
        meanings = {}
        for phrase, officials in synonyms:
            key = search_text(phrase)
            terms = [search_text(t) for t in officials]
            terms = [t for t in dict.fromkeys(terms) if t and t != key]
            if key and terms:
                meanings[key] = tuple(
                    dict.fromkeys(meanings.get(key, ()) + tuple(terms))
                )
        spelled = {w for phrase in meanings for w in phrase.split()}
        longest = max(
            [len(p.split()) for p in meanings]
            + [len(p.split()) for t in topics for p in t.phrases]
            + [1]
        )
        return cls(
            meanings=meanings, topics=list(topics), longest=longest, words=spelled
        )

    def meaning(self, phrase):
        """The official terms of ``phrase`` (search form), or ()."""
        return self.meanings.get(phrase, ())

    def everyday_names(self, *texts):
        """The phrases people type whose official terms occur, as whole
        syllables, in one of ``texts`` (search form): what a procedure is also
        called. Used to fill its “shared vocabulary” search column."""
        padded = [f" {t} " for t in texts if t]
        return [
            phrase
            for phrase, terms in self.meanings.items()
            if any(f" {term} " in text for term in terms for text in padded)
        ]

    def topics_in(self, text):
        """The matters handled elsewhere named in ``text`` (search form)."""
        padded = f" {text} "
        return [t for t in self.topics if any(f" {p} " in padded for p in t.phrases)]


def load():
    """The vocabulary as stored in the database."""
    from ..models import ElsewhereTopic, Synonym

    synonyms = [(s.phrase, s.official_list) for s in Synonym.objects.all()]
    topics = [
        Topic(
            pk=t.pk,
            title=t.title,
            authority=t.authority,
            advice=t.advice,
            url=t.url,
            phrases=tuple(
                dict.fromkeys(p for p in map(search_text, t.phrase_list) if p)
            ),
        )
        for t in ElsewhereTopic.objects.all()
    ]
    return Vocabulary.build(synonyms, topics)


_memo = versions.Memo(STAMP, load)


def current():
    """This worker's compiled copy of the vocabulary (rebuilt after a change)."""
    return _memo.get()


def changed(*, refresh=False, **_signal_kwargs):
    """The vocabulary changed (a signal receiver for its models): every worker
    rebuilds its copy — now, and again once the change is committed, so that
    no worker keeps a copy read before the commit. With ``refresh``, the
    indexes that keep everyday names (procedures) recompute them."""
    versions.bump(STAMP)
    transaction.on_commit(lambda: versions.bump(STAMP))
    if refresh:
        from .engine import indexes

        for index in indexes():
            if index.refresh_vocabulary:
                index.refresh_vocabulary()


def connect():
    """Rebuild every worker's copy after any save or delete of the vocabulary's
    models (called by wiring.connect at start-up)."""
    from django.db.models.signals import post_delete, post_save

    from ..models import ElsewhereTopic, Synonym

    for model in (Synonym, ElsewhereTopic):
        uid = f"search-vocabulary:{model.__name__}"
        post_save.connect(changed, sender=model, dispatch_uid=uid)
        post_delete.connect(changed, sender=model, dispatch_uid=uid)
