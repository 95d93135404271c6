"""What an index knows of its own words: how many records hold each syllable
(for the weight of a query word: rare words say more) and which syllable pairs
occur (for typo correction in context: "khia sinh" → "khai sinh").

Built from the index's columns in one query per worker and kept until the
index's stamp moves (see versions.py).
"""

import math
from collections import Counter
from dataclasses import dataclass, field

from ..text import telex_to_plain

# A query word found in no record weighs this much: it is either a typo (then it
# gets corrected), or a word the index cannot judge — the object of a request
# ("công chứng bằng tốt nghiệp"), or the subject of a matter the commune does
# not handle.
UNKNOWN_WEIGHT = 0.6
MIN_WEIGHT = 0.2
COMMON_PAIR = 0.2  # share of the names that makes a pair common


@dataclass
class Lexicon:
    records: int = 0
    frequency: Counter = field(default_factory=Counter)  # syllable → records
    pairs: Counter = field(default_factory=Counter)  # "a b" side by side → names
    terms: set = field(default_factory=set)  # pairs of the vocabulary's terms
    _deletes: dict | None = None
    _weights: dict = field(default_factory=dict)
    _name_weights: dict = field(default_factory=dict)

    @classmethod
    def build(cls, rows):
        """``rows``: for each record, its name then its other texts, in search
        form. Syllable frequencies count every text; pairs come from the names
        only, where two neighbouring syllables make a term (keywords are
        everyday phrases full of small words: "khai sinh cho con")."""
        lexicon = cls()
        for name, *others in rows:
            lexicon.records += 1
            seen = set((name or "").split())
            for text in others:
                seen.update((text or "").replace("|", " ").split())
            lexicon.frequency.update(seen)
            words = (name or "").split()
            lexicon.pairs.update(set(zip(words, words[1:], strict=False)))
        lexicon.pairs = Counter({f"{a} {b}": n for (a, b), n in lexicon.pairs.items()})
        return lexicon

    def __getstate__(self):
        """What another process takes of it (search/versions.py, ``Memo``'s
        ``shared``): the counts, not what each process derives from them when
        it needs them (the weights; the correction index, which would double
        what every process reads back, the news' 436 KB to 949 KB, for the
        searches that correct a typo)."""
        return {**self.__dict__, "_deletes": None, "_weights": {}, "_name_weights": {}}

    @classmethod
    def uniform(cls):
        """A lexicon that knows every word and weighs them alike."""
        return _Uniform()

    def knows(self, word):
        return word in self.frequency

    def pairs_with(self, word, other, *, before, term=False, names=0):
        """True when ``other`` then ``word`` (``before``) or ``word`` then
        ``other`` stand side by side in a name or a vocabulary term; with
        ``term``, only when they make a term: in a vocabulary term or in two
        names at least (one name alone may just put two terms side by side);
        with ``names``, only in that many names."""
        pair = f"{other} {word}" if before else f"{word} {other}"
        if names:
            return self.pairs[pair] >= names
        if pair in self.terms:
            return True
        return self.pairs[pair] >= (2 if term else 1)

    def common_pair(self, a, b):
        """True when ``a b`` stands in a fifth of the names or more: a pair
        such as "đăng ký" or "thủ tục" that says nothing specific."""
        return self.records > 0 and self.pairs[f"{a} {b}"] >= COMMON_PAIR * self.records

    def add_terms(self, terms):
        """Make the pairs of ``terms`` (search form) known: the vocabulary's."""
        for term in terms:
            words = term.split()
            self.terms.update(
                f"{a} {b}" for a, b in zip(words, words[1:], strict=False)
            )

    def weight(self, word):
        """How much ``word`` says about what is searched, from MIN_WEIGHT (found
        in most records) to 1 (found in one or none): a smoothed inverse record
        frequency, scaled by the size of the index."""
        known = self._weights.get(word)
        if known is not None:
            return known
        if self.records == 0 or word not in self.frequency:
            return UNKNOWN_WEIGHT
        scale = math.log(1 + self.records)
        idf = math.log(1 + self.records / (self.frequency[word] + 1))
        weight = self._weights[word] = max(MIN_WEIGHT, min(1.0, idf / scale))
        return weight

    def name_weight(self, name):
        """The weights of the syllables of ``name`` (search form) added up, in
        their order; kept, as each name is weighed at every search that ranks
        it (at most one entry per name of the index)."""
        known = self._name_weights.get(name)
        if known is None:
            weigh = self.weight
            known = self._name_weights[name] = sum([weigh(w) for w in name.split()])
        return known

    def correction_index(self):
        """The index that typo correction (``near``) looks syllables up in:
        each known syllable under each of its one-letter deletions. Built at
        its first use (10 to 20 ms for a few thousand syllables), or ahead of
        it (thachha_portal/warmup.py)."""
        if self._deletes is None:
            deletes = {}
            for word in self.frequency:
                for variant in _deletions(word):
                    deletes.setdefault(variant, []).append(word)
            self._deletes = deletes
        return self._deletes

    def near(self, word):
        """Known syllables one edit away from ``word`` (a letter left out, added,
        changed, or two neighbours swapped), and what the Telex keyboard
        residue in ``word`` stands for ("kys" → "ky"); the likeliest first (see
        ``typo_cost``), then the most frequent. Words shorter than three letters
        are not corrected: too many of them are one edit away from each other."""
        found = set()
        plain = telex_to_plain(word)
        if plain != word and plain in self.frequency:
            found.add(plain)
        if len(word) >= 3 and not any(c.isdigit() for c in word):
            deletes = self.correction_index()
            candidates = set(deletes.get(word, ()))
            for variant in _deletions(word):
                if variant in self.frequency:
                    candidates.add(variant)
                candidates.update(deletes.get(variant, ()))
            found.update(c for c in candidates if _one_edit(word, c))
        found.discard(word)
        return sorted(found, key=lambda w: (typo_cost(word, w), -self.frequency[w], w))


# Keys next to each other on the keyboards people type on (QWERTY rows).
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_ADJACENT = {
    (row[i], row[j])
    for row in _ROWS
    for i in range(len(row))
    for j in (i - 1, i + 1)
    if 0 <= j < len(row)
}
LIKELY = 0.5


def typo_cost(typed, meant):
    """How likely ``typed`` is a slip for ``meant`` (one edit apart): 0 for
    Telex residue, LIKELY for a swap of neighbouring letters, a key next to the
    right one, a doubled or dropped double letter; 1 otherwise."""
    if telex_to_plain(typed) == meant:
        return 0.0
    if len(typed) == len(meant):
        diff = [i for i in range(len(typed)) if typed[i] != meant[i]]
        if len(diff) == 2:
            return LIKELY  # two neighbours swapped
        a, b = typed[diff[0]], meant[diff[0]]
        return LIKELY if (a, b) in _ADJACENT else 1.0
    long, short = (typed, meant) if len(typed) > len(meant) else (meant, typed)
    for i in range(len(long)):
        if long[:i] + long[i + 1 :] == short:
            doubled = (i > 0 and long[i - 1] == long[i]) or (
                i + 1 < len(long) and long[i + 1] == long[i]
            )
            return LIKELY if doubled else 1.0
    return 1.0


def _deletions(word):
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(a, b):
    """True when ``b`` is ``a`` with one letter left out, added, changed, or two
    neighbouring letters swapped (optimal string alignment distance 1)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


class _Uniform(Lexicon):
    def knows(self, word):
        return True

    def weight(self, word):
        return 1.0

    def pairs_with(self, word, other, *, before, term=False, names=0):
        return False

    def near(self, word):
        return []

    def common_pair(self, a, b):
        return False
