"""The shared vocabulary as the search uses it: everyday words, old names and
abbreviations mapped to the official terms of procedure names (``Synonym``), and
matters handled by other offices (``ElsewhereTopic``).

Both live in the database, edited by staff in the admin; each worker keeps a
compiled copy (``current()``) that is rebuilt when the stamp "vocabulary" moves
(see versions.py). Everything here compares text in ``search_text`` form.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.db import transaction

from ..text import (
    has_letter_marks,
    marked_words,
    marks_contradict,
    search_text,
    typed_marks,
)
from . import versions

STAMP = "vocabulary"
# "Còn gọi là": a name of a procedure belongs to one whose name is mostly its
# first official term ("làm giấy khai sinh" is not the name of "đăng ký khai
# sinh có yếu tố nước ngoài").
ALSO_CALLED_SHARE = 0.5


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
    # the phrases staff marked as another name of a procedure → as written,
    # with its marks, for its page (Synonym.other_name)
    names: dict[str, str] = field(default_factory=dict)
    # each phrase written with its marks → its syllables as written ("đẻ con"
    # → ("đẻ", "con")): a query whose marks contradict them does not mean it
    written: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, synonyms, topics=()):
        """``synonyms``: (phrase, [official term, …]) pairs, or (phrase,
        [official term, …], another name of the procedure?) triples;
        ``topics``: Topic instances whose phrases are already in search form."""
        meanings = {}
        names = {}
        written = {}
        for phrase, officials, *other_name in synonyms:
            key = search_text(phrase)
            terms = [search_text(t) for t in officials]
            terms = [t for t in dict.fromkeys(terms) if t and t != key]
            if key and terms:
                meanings[key] = tuple(
                    dict.fromkeys(meanings.get(key, ()) + tuple(terms))
                )
                if any(other_name):
                    names.setdefault(key, phrase.strip())
                syllables = marked_words(phrase)
                if not phrase.isascii() and [k for k, _w in syllables] == key.split():
                    written.setdefault(key, tuple(w for _k, w in syllables))
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
            names=names,
            written=written,
        )

    def meaning(self, phrase):
        """The official terms of ``phrase`` (search form), or ()."""
        return self.meanings.get(phrase, ())

    def contradicted_in(self, raw):
        """The phrases the marks typed in ``raw`` deny (``contradicted``), in
        order: with its search form, all that decides how a query is read,
        so that "dang ky khai sinh" and "đăng ký khai sinh" share one kept
        outcome while "để con" and "đẻ con" do not. Only the phrases with a
        syllable typed with a letter's mark can be."""
        typed = typed_marks(raw)
        marked = [k for k, forms in typed.items() if any(map(has_letter_marks, forms))]
        if not marked:  # most queries: nothing to look up
            return ()
        candidates = set().union(*(self.written_with.get(k, ()) for k in marked))
        return tuple(
            phrase for phrase in sorted(candidates) if self.contradicted(phrase, typed)
        )

    @cached_property
    def written_with(self):
        """Each syllable (search form) → the phrases written with marks that
        hold it: the only ones its typed marks can deny."""
        found = {}
        for phrase in self.written:
            for key in phrase.split():
                found.setdefault(key, []).append(phrase)
        return found

    def contradicted(self, phrase, typed):
        """True when the marks a citizen typed deny the phrase (search form):
        "để con" is not the entry "đẻ con". ``typed``: the query's syllables
        with their marks (``text.marked_words``), by search form; a syllable
        typed several times contradicts only if every time. An entry written
        without marks says nothing of them."""
        written = self.written.get(phrase, ())
        return any(
            typed.get(key) and all(marks_contradict(form, meant) for form in typed[key])
            for key, meant in zip(phrase.split(), written, strict=False)
        )

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
        written, for its page ("còn gọi là …"): the entries staff marked as
        another name of a procedure whose first meaning is most of the name
        (half its syllables, "thủ tục" aside) and that the name does not
        already say. Words that only help the search are never shown. The
        closest first, then the shortest."""
        words = name.split()
        if words[:2] == ["thu", "tuc"]:
            words = words[2:]
        padded = f" {' '.join(words)} "
        found = []
        for phrase, shown in self.names.items():
            first = self.meanings[phrase][0]
            share = len(first.split()) / max(1, len(words))
            if (
                share >= ALSO_CALLED_SHARE
                and f" {first} " in padded
                and f" {phrase} " not in padded
            ):
                found.append((-share, len(phrase.split()), phrase, shown))
        return [shown for *_order, shown in sorted(found)][:limit]

    def topics_in(self, text):
        """The matters handled elsewhere named in ``text`` (search form), as
        whole syllables, in the order of ``topics``: each run of syllables of
        ``text`` looked up among their phrases (a search asks this of every
        section's query)."""
        words = text.split()
        named = set()
        for size in range(1, min(self.longest, len(words)) + 1):
            for i in range(len(words) - size + 1):
                named.update(
                    self._topics_by_phrase.get(" ".join(words[i : i + size]), ())
                )
        return [self.topics[n] for n in sorted(named)]

    @cached_property
    def _topics_by_phrase(self):
        """Each phrase of the topics (search form) → the positions of the
        topics it names."""
        found = {}
        for n, topic in enumerate(self.topics):
            for phrase in topic.phrases:
                found.setdefault(phrase, set()).add(n)
        return found


def load():
    """The vocabulary as stored in the database."""
    from ..models import ElsewhereTopic, Synonym

    synonyms = [
        (s.phrase, s.official_list, s.other_name) for s in Synonym.objects.all()
    ]
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


def fingerprint():
    """A cheap reading of the vocabulary's rows (versions.rows_print): by it a
    bump lost by a process that ended while the cache was away is caught
    within MAX_AGE and sent again, which moves the lexicons (they hold its
    terms) as well."""
    from ..models import ElsewhereTopic, Synonym

    return versions.rows_print(Synonym, ElsewhereTopic)


_memo = versions.Memo(STAMP, load, fingerprint=fingerprint)


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
