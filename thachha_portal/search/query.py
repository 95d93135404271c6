"""From what a citizen typed to the units the index is searched for.

1. The text is put in search form (full-width letters made plain, folded, i/y
   made one: see text.search_query).
2. Question frames ("thủ tục", "cần những giấy tờ gì", "ở đâu", "bao lâu") go.
3. Phrases of the shared vocabulary become one unit each, with the official
   terms as alternative forms: "sổ đỏ" → {sổ đỏ | giấy chứng nhận quyền sử dụng
   đất}.
4. Small words that carry no subject ("làm", "cho", "ở", "được", …) go, unless
   they form a known term with a neighbour: "cho" stays in "cho thuê", "có" in
   "người có công", "đi" in "di chúc" (folded alike).
5. Every other syllable is a unit, weighted by how rare it is in the index.

``Query.corrected()`` gives the typo-corrected reading, used when the query as
typed finds nothing.
"""

import functools
import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from ..text import (
    same_i_y,
    search_query,
    search_text,
    telex_to_plain,
    typed_marks,
    vni_to_plain,
)
from .lexicon import LIKELY, typo_cost

# Question frames: removed wherever they occur (whole syllables), longest first.
FRAMES = [
    "thủ tục hành chính",
    "thủ tục",
    "hồ sơ",
    "giấy tờ gì",
    "những giấy tờ",
    "cần giấy tờ",
    "những gì",
    "như thế nào",
    "thế nào",
    "làm sao",
    "thì sao",
    "ở đâu",
    "bao lâu",
    "bao nhiêu",
    "lệ phí",
    "mức phí",
    "thời gian",
    "thời hạn",
    "hướng dẫn",
    "quy trình",
    "các bước",
    "trình tự",
    "cách thức",
    "cho hỏi",
    "xin hỏi",
    "hỏi về",
    "được không",
    "có cần",
    "ủy ban",
    "ubnd",
    "mất bao lâu",
    "mất bao nhiêu",
    "mất tiền",
    "mất phí",
    "mất mấy ngày",
    "chuẩn bị",
    "cần mang",
    "giấy phép gì",
    "hàng xóm",
    "bên cạnh",
    "bị mất",
    "từ lâu",
    "lâu rồi",
    "xã thạch hà",
    "thạch hà",
    "hà tĩnh",
]
# Small words that carry no subject in a question; each is kept when it forms a
# known pair with a neighbour that is not one of them.
SMALL_WORDS = """
làm xin muốn cần gì ở tại để thì là và với của những nhưng các một được phải có
không về như thế nào sao đâu bao lâu nhiêu ạ ơi nhé vậy đây đấy rồi chưa sẽ đã
đang mà này đó ai giùm giúp hộ họ tôi mình em anh chị bác cô chú cháu con bé
vợ chồng bố mẹ ông bà nhà cho đi nộp tiền phí xã lần mới vừa sắp nay hôm qua
nên hay hoặc thôi luôn cả nữa lại hỏi biết mang đem theo ngày tháng năm tuổi
trong ngoài trên dưới làng thôn xóm phố huyện tỉnh nội trẻ trước sau giờ bây
ngoái tuần thay
"""


def _forms(words):
    return [t for t in dict.fromkeys(map(search_text, words)) if t]


FRAME_TEXTS = sorted(_forms(FRAMES), key=lambda f: -len(f.split()))


def _by_first_syllable(frames):
    found = {}
    for frame in frames:
        found.setdefault(frame.split()[0], []).append((frame, len(frame.split())))
    return found


# The frames that can start at a word, by their first syllable: (frame, its
# length in syllables), longest first as above.
FRAMES_FROM = _by_first_syllable(FRAME_TEXTS)
SMALL = frozenset(_forms(SMALL_WORDS.split()))
NUMBER = re.compile(r"^\d+$")
NUMBER_WEIGHT = 0.2
# What follows "để" (in order to) is the purpose, and what follows "cho" (for)
# the person it is for, not the thing asked for: "xin giấy độc thân để cưới"
# asks for the certificate, "khai sinh lại cho người lớn tuổi" for the
# registration.
PURPOSE_WORDS = frozenset(["de", "cho"])
PURPOSE = 0.5
# Folded, "để" is also "đẻ" (give birth): a vocabulary phrase starting with it
# ("đẻ con") is read as one only where no request comes before it (the query's
# start, or small words: "vợ đẻ con"); after one it is the purpose ("giấy tờ
# để con nhập học"). Typed with its marks, "để" is never "đẻ" (the marks
# contradict the entry: Vocabulary.contradicted); typed without them, "de
# con" followed by what a child does later ("đi học", "nhập học", "vào lớp",
# "được hưởng", "thi", "xin", "chuyển", "sang") is the purpose too: a child
# being born does none of it ("ho so de con di hoc").
FOLDED_PURPOSE = frozenset(["de"])
PURPOSE_VERBS = frozenset(
    _forms(
        ["đi", "học", "nhập", "vào", "được", "thi", "hưởng", "xin", "chuyển", "sang"]
    )
)
# Likewise what follows a copy ("bản sao", "sao y") is the paper copied, not
# the request: "chứng thực bản sao sổ hộ khẩu" asks for a certified copy.
COPY_WORDS = ("ban sao", "sao y")
# A paper lost or torn is asked for again without saying so: "mất giấy
# khuyết tật" asks for "cấp lại". (Folded, "mất" is also "mặt" and "mật": only
# before a paper, or after "bị".)
LOST_WORDS = ("mat", "rach")
PAPERS = ("giay", "so", "the")
LOST_PAPER = re.compile(
    rf"\b(?:{'|'.join(LOST_WORDS)}) (?:{'|'.join(PAPERS)})\b"
    rf"|\bbi (?:{'|'.join(LOST_WORDS)})\b"
)
ASKED_AGAIN = "cap lai"
# Words between a paper and its "bị mất": "giấy chứng nhận kết hôn bị mất".
LOST_REACH = 6


# The vocabulary lists a phrase's official terms in the order of how often people
# mean them: the first counts fully, the others a little less, so that
# "công chứng" puts "chứng thực bản sao" before the other "chứng thực"; the
# everyday phrase itself, met in an official name, counts a little less than its
# first meaning ("công chứng" in "…tổ chức hành nghề công chứng" is incidental).
OTHER_MEANING = 0.75
AS_TYPED = 0.95
# A vocabulary phrase is a whole term, curated: it weighs more than a syllable.
PHRASE_WEIGHT = 1.5


@dataclass(frozen=True)
class Unit:
    """One thing the query asks for: a syllable, or a vocabulary phrase with
    its official terms. ``forms`` in search form, what was typed first."""

    forms: tuple[str, ...]
    weight: float
    from_vocabulary: bool = False
    corrected_from: str = ""
    known: bool = True  # the index holds the syllable (vocabulary phrases: yes)
    span: tuple[int, int] = (0, 0)  # the syllables of the query it stands for

    @property
    def typed(self):
        return self.forms[0]

    @cached_property
    def form_weights(self):
        """(form, how fully it stands for the unit) pairs."""
        if not self.from_vocabulary:
            return [(form, 1.0) for form in self.forms]
        return [
            (form, AS_TYPED if n == 0 else 1.0 if n == 1 else OTHER_MEANING)
            for n, form in enumerate(self.forms)
        ]


@dataclass
class Query:
    raw: str
    text: str  # the whole query in search form
    units: list[Unit] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # frames and small words
    topics: list = field(default_factory=list)  # vocabulary.Topic
    topic_spans: list = field(default_factory=list)  # (start, end) of their words
    respelled: list = field(default_factory=list)  # (as typed, read as): Telex

    @property
    def weight(self):
        return sum(u.weight for u in self.units)

    @property
    def asks_again(self):
        """The query says a paper was lost or torn (LOST_PAPER)."""
        return bool(LOST_PAPER.search(self.text))

    @property
    def phrase(self):
        """The units as typed, in order: "dang ki khai sinh"."""
        return " ".join(u.typed for u in self.units)

    @property
    def corrections(self):
        return self.respelled + [
            (u.corrected_from, u.typed) for u in self.units if u.corrected_from
        ]

    def __bool__(self):
        return bool(self.units)

    def topic_units(self):
        """Indexes of the units that stand for words of a matter handled
        elsewhere."""
        return {
            i
            for i, u in enumerate(self.units)
            for start, end in self.topic_spans
            if u.span[0] < end and start < u.span[1]
        }

    def corrected(self, lexicon):
        """The same query with each syllable that looks mistyped replaced by the
        nearest known one, or None when nothing looks mistyped. A syllable looks
        mistyped when the index does not know it, or when it forms no known pair
        with its neighbours while a likely slip of it does ("ket hom" → "ket
        hon"). A replacement must form a known pair with a neighbour, or, for a
        query of one syllable, be a likely slip. A query that names a matter
        handled elsewhere is left as typed."""
        if self.topics:
            return None
        units = list(self.units)
        changed = False
        for i, unit in enumerate(units):
            if unit.from_vocabulary or " " in unit.typed or NUMBER.match(unit.typed):
                continue
            word = unit.typed
            neighbours = [
                (units[j].typed.split()[-1 if j < i else 0], j < i)
                for j in (i - 1, i + 1)
                if 0 <= j < len(units)
            ]

            def pairs(candidate, neighbours=neighbours):
                return sum(
                    lexicon.pairs_with(candidate, other, before=before)
                    for other, before in neighbours
                )

            known = lexicon.knows(word)
            if known and (not neighbours or pairs(word)):
                continue
            candidates = [
                c
                for c in lexicon.near(word)
                if (pairs(c) if neighbours else typo_cost(word, c) <= LIKELY)
                and (not known or typo_cost(word, c) <= LIKELY)
            ]
            if not candidates:
                continue
            best = max(
                candidates,
                key=lambda c: (pairs(c), -typo_cost(word, c), lexicon.frequency[c]),
            )
            units[i] = Unit(
                forms=(best,),
                weight=lexicon.weight(best),
                corrected_from=word,
                span=unit.span,
            )
            changed = True
        if not changed:
            return None
        return replace(self, units=units)

    def unknown_terms_joined(self):
        """The same query with each run of neighbouring syllables the index does
        not know made one unit: together they are most likely one term ("tốt
        nghiệp"), which counts once."""
        units = []
        for unit in self.units:
            previous = units[-1] if units else None
            if previous and not previous.known and not unit.known:
                units[-1] = Unit(
                    forms=(f"{previous.typed} {unit.typed}",),
                    weight=previous.weight,
                    known=False,
                    span=(previous.span[0], unit.span[1]),
                )
            else:
                units.append(unit)
        return replace(self, units=units)


def _lost_first(words):
    """ "giấy khai sinh bị mất" read as "mất giấy khai sinh": a paper named
    first, then said lost or torn ("bị mất", "bị rách") a few words on, is the
    paper asked for again (LOST_PAPER), as when "mất" comes first; else "bị
    mất" would go as a frame and the paper be searched for as if new."""
    for k in range(len(words) - 1):
        if words[k] == "bi" and words[k + 1] in LOST_WORDS:
            if words[k + 2 : k + 3] and words[k + 2] in PAPERS:  # "bị mất giấy …"
                return [*words[:k], *words[k + 1 :]]
            papers = [p for p in range(max(0, k - LOST_REACH), k) if words[p] in PAPERS]
            if papers:
                p = papers[0]
                return [*words[:p], words[k + 1], *words[p:k], *words[k + 2 :]]
    return words


def analyse(raw, vocabulary, lexicon, *, drop=True):
    """The Query for the text ``raw`` typed by a citizen. A query made only of
    frames and small words ("thủ tục") is searched as typed."""
    respelled = []
    words = _unglued(search_query(raw).split(), vocabulary, lexicon, respelled)
    for i, word in enumerate(words):
        # Telex or VNI residue ("ddawng kys", "ky1"), read as meant when the
        # index or the vocabulary knows what it stands for and not the word
        # as typed.
        if lexicon.knows(word):
            continue
        for plain in (telex_to_plain(word), vni_to_plain(word)):
            if plain != word and (lexicon.knows(plain) or plain in vocabulary.words):
                respelled.append((word, plain))
                words[i] = plain
                break
    words = _lost_first(_spelled_out(words, vocabulary, lexicon))
    text = " ".join(words)
    marks = typed_marks(raw)
    query = Query(
        raw=raw, text=text, topics=vocabulary.topics_in(text), respelled=respelled
    )
    query.topic_spans = [
        (i, i + len(phrase.split()))
        for topic in query.topics
        for phrase in topic.phrases
        for i in range(len(words))
        if words[i : i + len(phrase.split())] == phrase.split()
    ]
    # Frames out, leaving a gap (None) so that no phrase spans them; but not
    # within the words of a matter handled elsewhere ("sổ đỏ bị mất"): there
    # they name it.
    i = 0
    kept = []  # (position, word) or None
    while i < len(words):
        for frame, size in FRAMES_FROM.get(words[i], ()) if drop else ():
            if " ".join(words[i : i + size]) == frame and not any(
                start <= i and i + size <= end for start, end in query.topic_spans
            ):
                query.dropped.append(frame)
                kept.append(None)
                i += size
                break
        else:
            kept.append((i, words[i]))
            i += 1
    pieces = _segment(kept, vocabulary, marks)
    seen = set()
    purpose = 1.0
    for n, piece in enumerate(pieces):
        if piece is None:
            continue
        word, meaning, span = piece
        if purpose == 1.0 and " ".join(words[: span[0]]).endswith(COPY_WORDS):
            purpose = PURPOSE
        if meaning:
            unit = Unit(
                forms=(word, *meaning),
                weight=PHRASE_WEIGHT * purpose,
                from_vocabulary=True,
                span=span,
            )
        else:
            if (
                drop
                and word in SMALL
                and not _pairs_with_neighbour(pieces, n, lexicon)
                and not _mistyped_pair(pieces, n, lexicon)
            ):
                query.dropped.append(word)
                if word in PURPOSE_WORDS:
                    purpose = PURPOSE
                continue
            weight = NUMBER_WEIGHT if NUMBER.match(word) else lexicon.weight(word)
            lost = word in LOST_WORDS and _next_word(pieces, n) in PAPERS
            unit = Unit(
                forms=(word, ASKED_AGAIN) if lost else (word,),
                weight=weight * purpose,
                known=lexicon.knows(word),
                span=span,
            )
        if unit.typed not in seen:
            seen.add(unit.typed)
            query.units.append(unit)
    if not query.units and drop and words:
        return analyse(raw, vocabulary, lexicon, drop=False)
    return query


def _unglued(words, vocabulary, lexicon, respelled):
    """Syllables typed without the spaces between them ("khaisinh",
    "dangkykhaisinh"), read as meant: a word neither the index nor the
    vocabulary knows that splits into known syllables (see ``_glued``). Noted
    in ``respelled``."""
    out = []
    for word in words:
        syllables = None
        if len(word) >= 4 and not lexicon.knows(word) and word not in vocabulary.words:
            syllables = _glued(word, lexicon)
        if syllables:
            respelled.append((word, " ".join(syllables)))
            out += syllables
        else:
            out.append(word)
    return out


# Letters of the longest syllable ("nghieng"), and of the longest word read
# apart (six syllables or so): beyond it, a word is no syllables run together.
SYLLABLE = 7
GLUED = 40


def _glued(word, lexicon):
    """The syllables of ``word``, typed without its spaces, or None: the
    fewest known syllables of two letters or more (i/y made one: "dangky" →
    "dang ki") of which each makes a known term with the one before or after
    it (a pair of two names or of the vocabulary's terms: "dang ki" + "khai
    sinh"). Each way on from a letter is worked out once, and only from the
    letters a known syllable reaches."""
    if not (word.isalpha() and word.isascii() and len(word) <= GLUED):
        return None
    size = len(word)

    @functools.cache
    def starting(start):
        # The known syllables at ``start``: (where each ends, the syllable).
        return [
            (end, syllable)
            for end in range(start + 2, min(size, start + SYLLABLE) + 1)
            if lexicon.knows(syllable := same_i_y(word[start:end]))
        ]

    @functools.cache
    def rest(start, before, paired):
        # The fewest syllables for word[start:] after the syllable ``before``
        # (``paired``: it makes a term with the one before it), or None.
        if start == size:
            return () if paired else None
        found = None
        for end, syllable in starting(start):
            term = bool(before) and lexicon.pairs_with(
                syllable, before, before=True, term=True
            )
            if before and not (paired or term):
                continue
            after = rest(end, syllable, term)
            if after is not None and (found is None or len(after) + 1 < len(found)):
                found = (syllable, *after)
        return found

    syllables = rest(0, "", False)
    return list(syllables) if syllables and len(syllables) > 1 else None


def _segment(kept, vocabulary, marks=None):
    """``kept`` ((position, word) or None for a gap) cut into pieces: vocabulary
    phrases and single syllables, so that phrases cover as many syllables as
    possible, then with as few pieces as possible ("công chứng" + "bằng tốt
    nghiệp" rather than "công chứng bằng" + "tốt" + "nghiệp"). A piece is
    (text, meanings or None, (start, end)); a gap stays None. A phrase whose
    typed marks contradict the entry (``marks``: the query's syllables with
    their marks, by search form) is no phrase: "để con" is not "đẻ con"."""
    marks = marks or {}

    def meaning(phrase):
        if vocabulary.contradicted(phrase, marks):
            return ()
        return vocabulary.meaning(phrase)

    n = len(kept)
    # best[i]: (syllables covered by phrases, -pieces) for kept[i:], and the
    # size of the first piece.
    best = [(0, 0, 0)] * (n + 1)
    for i in range(n - 1, -1, -1):
        if kept[i] is None:
            best[i] = (best[i + 1][0], best[i + 1][1], 0)
            continue
        choices = []
        folded_purpose = kept[i][1] in FOLDED_PURPOSE
        for size in range(1, min(vocabulary.longest, n - i) + 1):
            span = kept[i : i + size]
            if None in span:
                break
            phrase = " ".join(word for _position, word in span)
            purpose = folded_purpose and (
                _after_request(kept, i) or _purpose_follows(kept, i + size)
            )
            if size > 1 and (purpose or not meaning(phrase)):
                continue
            covered = size if meaning(phrase) else 0
            rest = best[i + size]
            choices.append((covered + rest[0], rest[1] - 1, size))
        best[i] = max(choices)
    pieces = []
    i = 0
    while i < n:
        if kept[i] is None:
            pieces.append(None)
            i += 1
            continue
        size = best[i][2]
        span = kept[i : i + size]
        phrase = " ".join(word for _position, word in span)
        pieces.append((phrase, meaning(phrase), (span[0][0], span[-1][0] + 1)))
        i += size
    return pieces


def _spelled_out(words, vocabulary, lexicon):
    """A word the vocabulary reads as a pair common to the names ("đk":
    "đăng ký", in a fifth of them or more) is that pair typed out: no term of
    its own, it says nothing more specific. As a phrase it would weigh more
    than a syllable: "đk xe" would list every "Đăng ký …" procedure where
    "đăng ký xe" names a matter handled elsewhere, and "đk hộ kinh doanh" put
    a variant's name first."""
    out = []
    for word in words:
        pair = [term.split() for term in vocabulary.meaning(word)]
        if pair and all(len(p) == 2 and lexicon.common_pair(*p) for p in pair):
            out += pair[0]
        else:
            out.append(word)
    return out


def _after_request(kept, i):
    """A word that is not a small one comes before ``kept[i]`` (gaps aside)."""
    before = [piece for piece in kept[:i] if piece is not None]
    return bool(before) and before[-1][1] not in SMALL


def _purpose_follows(kept, i):
    """The word at ``kept[i]`` (gaps aside) is what a child does later: "để
    con đi học" (PURPOSE_VERBS)."""
    after = [piece for piece in kept[i:] if piece is not None]
    return bool(after) and after[0][1] in PURPOSE_VERBS


def _next_word(pieces, n):
    following = pieces[n + 1] if n + 1 < len(pieces) else None
    return following[0].split()[0] if following else None


def _pairs_with_neighbour(pieces, n, lexicon, word=None):
    """True when the small word at ``n`` (or ``word`` in its place) makes a
    term with the syllable next to it ("cho thuê", "người có công", "di chúc",
    "bản sao", "nhà ở"): a pair of the vocabulary's terms, or one that stands
    in two names at least ("khai sinh có" stands in one name only: "có" there
    starts the next term). The neighbour must be a syllable of its own, not
    part of a vocabulary phrase."""
    word = word or pieces[n][0]
    for j, before in ((n - 1, True), (n + 1, False)):
        if not (0 <= j < len(pieces)) or pieces[j] is None or pieces[j][1]:
            continue  # a gap, or a vocabulary phrase: a whole term already
        other = pieces[j][0].split()[-1 if before else 0]
        if other in SMALL or word in PURPOSE_WORDS:
            # Two small words, or "để"/"cho": a term only if names hold it
            # ("nhà ở"), not a vocabulary phrase that has it inside.
            if lexicon.pairs_with(word, other, before=before, names=2):
                return True
        elif lexicon.pairs_with(word, other, before=before, term=True):
            return True
    return False


def _mistyped_pair(pieces, n, lexicon):
    """True when the small word at ``n`` looks like a likely slip for a syllable
    that forms a known pair with its neighbour ("ket hom" for "ket hon"): it is
    kept for the correction step."""
    word = pieces[n][0]
    return any(
        typo_cost(word, near) <= LIKELY
        and _pairs_with_neighbour(pieces, n, lexicon, word=near)
        for near in lexicon.near(word)
    )
