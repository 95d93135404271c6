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
SPELLING = "spelling"  # Synonym.Kind: another spelling, not another name
# "Còn gọi là": a short name (no sentence) for most of the official one.
ALSO_CALLED_SHARE = 0.5
ALSO_CALLED_SYLLABLES = 3
ALSO_CALLED_PAPERS = ("giay", "so", "bia", "the", "bang")


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
    # what people type → (as written, with its marks; its kind), for display
    written: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def build(cls, synonyms, topics=()):
        """``synonyms``: (phrase, [official term, …]) pairs, or (phrase,
        [official term, …], kind) triples; ``topics``: Topic instances whose
        phrases are already in search form."""
        meanings = {}
        written = {}
        for phrase, officials, *kind in synonyms:
            key = search_text(phrase)
            terms = [search_text(t) for t in officials]
            terms = [t for t in dict.fromkeys(terms) if t and t != key]
            if key and terms:
                meanings[key] = tuple(
                    dict.fromkeys(meanings.get(key, ()) + tuple(terms))
                )
                written.setdefault(key, (phrase.strip(), "".join(kind)))
        spelled = {w for phrase in meanings for w in phrase.split()}
        longest = max(
            [len(p.split()) for p in meanings]
            + [len(p.split()) for t in topics for p in t.phrases]
            + [1]
        )
        return cls(
            meanings=meanings,
            topics=list(topics),
            longest=longest,
            words=spelled,
            written=written,
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

    def also_called(self, name, limit=5):
        """What people call the procedure named ``name`` (search form), as
        written, for its page ("còn gọi là …"): everyday words, old names and
        abbreviations whose first meaning is most of the name (half its
        syllables, "thủ tục" aside) and that the name does not already say;
        other spellings left out. The closest first."""
        from .query import SMALL as small  # a name has no "bố", "làm", "cho"…

        words = name.split()
        if words[:2] == ["thu", "tuc"]:
            words = words[2:]
        padded = f" {' '.join(words)} "
        found = []
        for phrase, terms in self.meanings.items():
            shown, kind = self.written.get(phrase, ("", SPELLING))
            share = len(terms[0].split()) / max(1, len(words))
            if (
                kind != SPELLING
                and share >= ALSO_CALLED_SHARE
                and len(phrase.split()) <= ALSO_CALLED_SYLLABLES
                and not set(phrase.split()) & small
                # a name of the thing, not a situation ("bố mất"): it shares a
                # word with the official term, or names a paper ("giấy độc thân")
                and (
                    set(phrase.split()) & set(terms[0].split())
                    or phrase.split()[0] in ALSO_CALLED_PAPERS
                )
                and f" {terms[0]} " in padded
                and f" {phrase} " not in padded
            ):
                found.append((-share, shown))
        return [shown for _share, shown in sorted(found)][:limit]

    def topics_in(self, text):
        """The matters handled elsewhere named in ``text`` (search form)."""
        padded = f" {text} "
        return [t for t in self.topics if any(f" {p} " in padded for p in t.phrases)]


def load():
    """The vocabulary as stored in the database."""
    from ..models import ElsewhereTopic, Synonym

    synonyms = [(s.phrase, s.official_list, s.kind) for s in Synonym.objects.all()]
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
