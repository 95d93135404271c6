"""The ranking, in one place: how well one record answers one query, and whether
it is listed at all.

A record has up to four parts, from the most to the least telling:

==================  ======  =================================  ==============
part                weight  procedures                         news, plans
==================  ======  =================================  ==============
name                 1.00   the official name                  the title
official keywords    0.80   "Từ khóa" of the record            —
shared vocabulary    0.70   everyday names the vocabulary      —
                            gives the record ("sổ đỏ")
other parts          0.35   field, result, applicants,         summary, body
                            agency, dossier, description
==================  ======  =================================  ==============

Each unit of the query (a syllable, or a vocabulary phrase with its official
terms: see query.py) counts where it is found best, as whole syllables, times its
own weight (rare words weigh more, vocabulary phrases most). A vocabulary phrase
found through its first official term counts fully, as typed 0.95, through a
further term 0.75. In the vocabulary part only the phrase as typed is looked for,
as a whole entry. Then:

* **relevance** = Σ unit weight × part weight / Σ unit weight (0…1);
* **phrase**: +0.20 × the share of neighbouring query units that are also
  neighbours, in the same order, in the name (Vietnamese meaning lives in pairs:
  "khai sinh", "kết hôn"), +0.15 more when the whole query stands in the name
  as one phrase; +0.15 × that share in a keyword instead;
* **exact**: +0.30 when the query is one whole official keyword of the record,
  or its whole name (a vocabulary phrase: its first official term);
* **closeness**: +0.25 × the share of the name that the query covers, each
  syllable counted by its weight: the shorter, closer name wins ("Thủ tục đăng
  ký khai sinh" before "Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm
  y tế…", whose extra words are rare);
* **variant**: −0.20 for each word of the name that makes it a variant of a
  base procedure (lại, thay đổi, điều chỉnh, chấm dứt, lưu động, kết hợp, có yếu
  tố nước ngoài, …) and that the query does not say, at most two: "đăng ký hộ
  kinh doanh" means setting one up, not "Đăng ký thay đổi nội dung đăng ký hộ
  kinh doanh".

Ties left after that go to the shorter name (procedures) or the newer item (news).

What is listed (``accept``): when every unit is found, every record that the
query finds; when only part of the query is found (or it names a matter handled
elsewhere), see ``accept``.
"""

from dataclasses import dataclass, field
from typing import NamedTuple

NAME, KEYWORDS, VOCABULARY, OTHER = "name", "keywords", "vocabulary", "other"
TELLING = (NAME, KEYWORDS, VOCABULARY)
PART_WEIGHTS = {NAME: 1.0, KEYWORDS: 0.8, VOCABULARY: 0.7, OTHER: 0.35}
PHRASE_IN_NAME = 0.20
WHOLE_PHRASE_IN_NAME = 0.15
PHRASE_IN_KEYWORD = 0.15
EXACT = 0.30
CLOSENESS = 0.25
VARIANT = 0.2
MAX_VARIANTS = 2
# Words that make a name a variant of a base procedure: done again, changed,
# ended, or for a special case.
VARIANT_MARKERS = (
    "lai",
    "thay doi",
    "dieu chinh",
    "gia han",
    "cham dut",
    "tam ngung",
    "thoi huong",
    "xoa",
    "huy",
    "cai chinh",
    "bo sung",
    "luu dong",
    "ket hop",
    "yeu to nuoc ngoai",
    "doi cap",
)
PARTIAL_COVERAGE = 0.65
SPECIFIC = 1.0  # weight of a request specific enough to stand on its own
SUGGESTION_COVERAGE = 0.4


@dataclass
class Record:
    """What the ranking needs of one record, every text in search form."""

    pk: object
    name: str
    keywords: list[str] = field(default_factory=list)
    vocabulary: list[str] = field(default_factory=list)
    other: set = field(default_factory=set)  # indexes of units found elsewhere
    newest: object = None  # for news: the publication time
    shown: dict = field(default_factory=dict)  # the index's shown_columns

    def __post_init__(self):
        self._name = f" {self.name} "
        self._keywords = f" {' | '.join(self.keywords)} " if self.keywords else ""
        self._entries = set(self.vocabulary)
        self.words = self.name.split()
        self.length = len(self.words)


@dataclass
class Score:
    total: float
    relevance: float
    coverage: float  # share of the query's weight found anywhere
    parts: list  # for each unit: the part where it was found best, or None
    phrase: float
    exact: bool
    closeness: float
    variants: int
    anchored: bool  # a term of the query stands in the record (see accept)
    name_pairs: list = field(default_factory=list)  # neighbours i, i+1 in name

    @property
    def telling(self):
        """Found at least one unit in the name, keywords or vocabulary."""
        return any(p in TELLING for p in self.parts)

    def explain(self):
        return (
            f"{self.total:.3f} = relevance {self.relevance:.2f} (parts: "
            f"{', '.join(p or '—' for p in self.parts)}) + phrase {self.phrase:.2f}"
            f" + exact {EXACT if self.exact else 0:.2f} + closeness "
            f"{CLOSENESS * self.closeness:.2f} − variants "
            f"{VARIANT * min(self.variants, MAX_VARIANTS):.2f}; "
            f"coverage {self.coverage:.2f}"
        )


class _Look(NamedTuple):
    """What is looked for of one unit in every record, worked out once per
    query: (form as whole syllables, part weight × how fully the form stands
    for the unit) in the name and in the keywords; the form typed, looked for
    as a whole vocabulary entry."""

    name: tuple
    keywords: tuple
    entry: str


def _look(unit):
    def tests(part):
        return tuple(
            (f" {form} ", PART_WEIGHTS[part] * fully)
            for form, fully in unit.form_weights
        )

    return _Look(name=tests(NAME), keywords=tests(KEYWORDS), entry=unit.typed)


def _wholes(phrases):
    """For each phrase, how it stands as one whole official keyword, as the
    whole name, as the whole name after "thủ tục" (see ``_whole``)."""
    return [(f"| {p} |", f" {p} ", f" thu tuc {p} ") for p in phrases]


def _whole(wholes, record):
    """One of the phrases of ``wholes`` is one whole official keyword of
    ``record``, or its whole name (a leading "thủ tục" aside)."""
    if wholes:
        keywords = f"|{record._keywords}|"
        for keyword, name, named in wholes:
            if keyword in keywords or record._name in (name, named):
                return True
    return False


def _pairs(units):
    """For each neighbouring units (i, i + 1), their forms side by side as
    whole syllables."""
    return [
        [f" {a} {b} " for a in unit.forms for b in following.forms]
        for unit, following in zip(units, units[1:], strict=False)
    ]


def _neighbours(pairs, padded):
    """The indexes i of the neighbouring units (i, i + 1) that are neighbours,
    in that order, in ``padded`` (``pairs``: see ``_pairs``)."""
    found = []
    if padded:
        for i, texts in enumerate(pairs):
            for text in texts:
                if text in padded:
                    found.append(i)
                    break
    return found


def score(query, record, words=None):
    """How well ``record`` answers ``query`` (a query.Query); ``words``: the
    index's lexicon (syllable weights, common pairs), by default every
    syllable alike."""
    return scorer(query, words)(record)


def scorer(query, words=None):
    """``score`` of ``query`` as a function of the record, for ranking many
    records: what depends on the query alone (its weight, its syllables, the
    variant words it does not say, which of its neighbouring units make a
    common pair) is worked out once, not once per record."""
    words = words or _ALIKE
    weigh = words.weight
    weigh_name = words.name_weight
    units = query.units
    weight = query.weight or 1.0
    pairs = max(1, len(units) - 1)
    whole = units[0].forms[:2] if len(units) == 1 else [query.phrase] if units else []
    # The weight of each syllable the query asks for.
    asked = {w: weigh(w) for u in units for form in u.forms for w in form.split()}
    # A paper lost asks for it again without saying "lại" (query.LOST_PAPER).
    said = f" {query.text} " + (" lai | doi cap " if query.asks_again else "")
    unsaid = [f" {marker} " for marker in VARIANT_MARKERS if f" {marker} " not in said]
    common = [_common(a, b, words) for a, b in zip(units, units[1:], strict=False)]
    few_known = sum(u.known for u in units) <= 1
    looks = [_look(u) for u in units]
    heft = [u.weight for u in units]
    phrases = [i for i, u in enumerate(units) if u.from_vocabulary]
    # Neighbouring units that make no common pair anchor a record (see accept).
    uncommon = {i for i, is_common in enumerate(common) if not is_common}
    neighbours = _pairs(units)
    wholes = _wholes(whole)

    # The part weights as locals: the function below runs for every
    # candidate (75 a typo search).
    in_vocabulary, elsewhere = PART_WEIGHTS[VOCABULARY], PART_WEIGHTS[OTHER]
    several = len(units) > 1
    whole_phrase = len(units) - 1

    def score_record(record):
        name, keywords = record._name, record._keywords
        entries, other = record._entries, record.other
        # Where each unit is found best (the most telling part, the fullest
        # form), its weight times that part's added in unit order.
        parts = []
        relevance = coverage = 0.0
        for i, (in_name, in_keywords, entry) in enumerate(looks):
            part, value = None, 0.0
            for form, weight_there in in_name:
                if weight_there > value and form in name:
                    part, value = NAME, weight_there
            if keywords:
                for form, weight_there in in_keywords:
                    if weight_there > value and form in keywords:
                        part, value = KEYWORDS, weight_there
            # The vocabulary part holds everyday phrases: only what was typed
            # is looked for there, as one whole entry.
            if value < in_vocabulary and entry in entries:
                part, value = VOCABULARY, in_vocabulary
            if part is None and i in other:
                part, value = OTHER, elsewhere
            parts.append(part)
            relevance += heft[i] * value
            if part:
                coverage += heft[i]
        relevance /= weight
        coverage /= weight
        name_pairs = _neighbours(neighbours, name)
        keyword_pairs = _neighbours(neighbours, keywords) if keywords else []
        in_name, in_keyword = len(name_pairs), len(keyword_pairs)
        phrase = (
            PHRASE_IN_NAME * in_name / pairs
            + PHRASE_IN_KEYWORD * max(0, in_keyword - in_name) / pairs
        )
        if several and in_name == whole_phrase:
            phrase += WHOLE_PHRASE_IN_NAME
        exact = _whole(wholes, record)
        name_weight = weigh_name(record.name)
        closeness = (
            sum([asked[w] for w in record.words if w in asked]) / name_weight
            if name_weight
            else 0.0
        )
        variants = len([marker for marker in unsaid if marker in name])
        anchored = (
            any(parts[i] in TELLING for i in phrases)
            or not uncommon.isdisjoint(name_pairs)
            or not uncommon.isdisjoint(keyword_pairs)
            or (few_known and any(p in TELLING for p in parts))
        )
        total = (
            relevance
            + phrase
            + (EXACT if exact else 0.0)
            + CLOSENESS * closeness
            - VARIANT * min(variants, MAX_VARIANTS)
        )
        return Score(
            total=total,
            relevance=relevance,
            coverage=coverage,
            parts=parts,
            phrase=phrase,
            exact=exact,
            closeness=closeness,
            variants=variants,
            anchored=anchored,
            name_pairs=name_pairs,
        )

    return score_record


class _Alike:
    @staticmethod
    def weight(word):
        return 1.0

    @staticmethod
    def name_weight(name):
        return float(len(name.split()))

    @staticmethod
    def common_pair(a, b):
        return False


_ALIKE = _Alike()


def _common(unit, following, words):
    """Two neighbouring units make a common pair ("đăng ký") in every reading."""
    return all(
        words.common_pair(a.split()[-1], b.split()[0])
        for a in unit.forms
        for b in following.forms
    )


def accept(query, found, *, partial):
    """Whether a record with Score ``found`` is listed for ``query``.

    * Every unit found: listed.
    * Part of the query found (``partial``: the query as a whole found
      nothing good enough): listed when the record holds PARTIAL_COVERAGE of
      the query's weight and is anchored — a vocabulary phrase of the query in
      its name, keywords or vocabulary, or two neighbouring query units side by
      side in its name or keywords that are not a pair common to a fifth of
      the names ("khai sinh", not "đăng ký"), or the one unit of the query
      that the index knows in one of those parts; and it holds there the
      heaviest unit of the query that the index knows. Words scattered over a
      record, or generic ones ("đăng ký"), are not enough.
    * The query names a matter handled elsewhere ("bằng lái", "hộ chiếu"): only
      a record that carries that matter's words in its name, keywords or
      vocabulary ("Đăng ký tạm trú" for "tạm trú"), however many words match
      elsewhere; or one that carries all the rest of the query there, when the
      rest is a specific request of its own ("chứng thực bản sao" of "sổ hộ
      khẩu"): then the matter is what the request is about.
    """
    return acceptor(query, partial=partial)(found)


def acceptor(query, *, partial):
    """``accept`` of ``query`` as a function of the Score, for many records:
    what depends on the query alone (the units of a matter handled elsewhere,
    the weights added up) worked out once."""
    units = range(len(query.units))
    weights = [u.weight for u in query.units]

    def counted(indexes):
        # (the units, Σ their weights): what a record's coverage is of.
        return indexes, sum(weights[i] for i in indexes) or 1.0

    everything = counted(units)
    topical = rest = None
    if query.topics:
        topical = query.topic_units()
        rest = counted([i for i in units if i not in topical])

    def accepted(found):
        parts = found.parts
        indexes, total = everything
        if topical is not None and not all(parts[i] in TELLING for i in topical):
            if not _request_of_its_own(query, found, rest[0]):
                return False
            indexes, total = rest
        covered = sum(weights[i] for i in indexes if parts[i]) / total
        if covered >= 0.999:
            return True
        return (
            partial
            and covered >= PARTIAL_COVERAGE
            and found.anchored
            and _holds_heaviest(query, found, indexes)
        )

    return accepted


def _holds_heaviest(query, found, indexes):
    """The record holds, in its name, keywords or vocabulary, the heaviest unit
    of the query that the index knows: it answers the most specific thing
    asked ("đăng ký sim chính chủ" is not answered by "đăng ký" alone)."""
    known = [i for i in indexes if query.units[i].known]
    if not known:
        return False
    heaviest = max(query.units[i].weight for i in known)
    return any(
        found.parts[i] in TELLING
        for i in known
        if query.units[i].weight >= heaviest - 1e-9
    )


def _request_of_its_own(query, found, rest):
    """The units ``rest`` (the query but for a matter handled elsewhere) make a
    request of their own that the record answers: heavy enough, all in its
    name, keywords or vocabulary, and either a vocabulary phrase or one phrase
    of its name ("chứng thực bản sao" in "chứng thực bản sao sổ hộ khẩu"; not
    "cấp … hộ kinh doanh" in "cấp mã số thuế hộ kinh doanh")."""
    if not rest or sum(query.units[i].weight for i in rest) < SPECIFIC:
        return False
    if not all(found.parts[i] in TELLING for i in rest):
        return False
    if any(query.units[i].from_vocabulary for i in rest):
        return True
    neighbours = set(found.name_pairs)
    return all(i + 1 in rest and i in neighbours for i in rest[:-1])


def suggestible(query, found):
    """Close enough to be offered as a nearest name when nothing is listed: the
    index knows every word of the query, just not together, and this name
    holds a term of it."""
    return (
        not query.topics
        and all(u.known for u in query.units)
        and found.coverage >= SUGGESTION_COVERAGE
        and found.anchored
        and NAME in found.parts
    )


def order_key(record, found, *, newest_first=False):
    """Sort key: best first; ties to the shorter name, or to the newer item."""
    rounded = round(found.total, 3)
    if newest_first:
        newest = record.newest
        stamp = getattr(newest, "timestamp", None)
        stamp = stamp() if stamp else newest.toordinal() if newest else 0
        return (-rounded, -stamp, record.name)
    return (-rounded, record.length, record.name)
