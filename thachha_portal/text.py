"""Vietnamese text helpers: storage normalisation and search folding.

Text is stored in Unicode NFC. For search, both the stored text and the query are
*folded*: decomposed (NFD), stripped of combining marks, đ/Đ mapped to d (NFD alone
leaves đ), case-folded and with runs of white space collapsed. "Đăng ký" and
"dang ky" fold to the same string, and so do "hoà" and "hòa" (tone on either vowel)
and text pasted in decomposed form. A typed query is also put in compatibility
form first (full-width letters: ``search_query``).
"""

import html
import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s]")


# The control characters that XML 1.0 cannot carry (the feeds, Word and Excel
# files refuse them), which text pasted from Word brings: its manual line break
# (vertical tab) and page break become line breaks, the rest is dropped.
XML_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BREAKS = re.compile(r"[\x0b\x0c]")
# Invisible format characters that hide or reorder text where it is shown: a
# name with U+202E (right-to-left override) reads reversed in a page's heading,
# its title and its share preview; zero-width spaces and joiners, word joiners
# and a byte-order mark inside text make a code or a name differ from the one
# it looks like. No Vietnamese text needs them. A zero-width joiner between two
# pictographs stays: it makes one emoji of them ("family", "woman
# firefighter"), which it would otherwise split into several.
_PICTOGRAPHS = "\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
FORMAT_HIDDEN = re.compile(
    "[\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
    f"|(?<![{_PICTOGRAPHS}\ufe0f])\u200d|\u200d(?![{_PICTOGRAPHS}])"
)


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form every stored string uses, with
    Word's line and page breaks as line breaks and no other control
    character but tab, line feed and carriage return, nor any invisible
    format character (``FORMAT_HIDDEN``)."""
    text = unicodedata.normalize("NFC", text or "")
    return FORMAT_HIDDEN.sub("", XML_REFUSED.sub("", _BREAKS.sub("\n", text)))


def fold(text: str) -> str:
    """Fold ``text`` for diacritic- and case-insensitive matching."""
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    stripped = _NON_WORD.sub(" ", stripped.casefold())
    return _SPACES.sub(" ", stripped).strip()


# Syllables spelt with a final y or i alike (ký/kí, lý/lí, sỹ/sĩ, quý/quí): a
# consonant onset directly followed by y. "uy" (thủy, huy) and "ay" are other vowels
# and stay as they are.
_Y_FINAL = re.compile(r"\b(qu|ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|[bcdghklmnprstvx])y\b")


def same_i_y(folded: str) -> str:
    """``folded`` (text already folded) with the i/y spelling variants made
    one, as ``search_text`` makes them: "ky" → "ki", "sy" → "si"."""
    return _Y_FINAL.sub(r"\1i", folded)


def search_text(text: str) -> str:
    """The form in which the search index and queries compare text: folded, and
    with the i/y spelling variants made one ("đăng kí" = "đăng ký" →
    "dang ki"; "liệt sỹ" = "liệt sĩ" → "liet si")."""
    words = fold(text).replace("_", " ").split()
    return same_i_y(" ".join(words))


def typed(text: str) -> str:
    """A search query as typed, in Unicode's compatibility form (NFKC): the
    full-width letters, digits and spaces of an input method left in
    full-width mode ("ｋｅｔ ｈｏｎ", "１.００１１９３") become the plain ones.
    Queries only: stored text is folded as written, and NFKC would change more
    of it than widths ("m²" → "m2"), which the search columns would then hold
    only once each record was saved again."""
    return unicodedata.normalize("NFKC", text or "")


def search_query(text: str) -> str:
    """A typed query in search form (``typed``, then ``search_text``):
    "ｄａｎｇ ｋｙ ｋｈａｉ ｓｉｎｈ" → "dang ki khai sinh"."""
    return search_text(typed(text))


# The marks that make a letter another letter (â, ê, ô; ă; ơ, ư), not a
# tone: "để" is not "đẻ" (give birth), though both fold to "de". With đ (its
# own letter in Unicode) they are what ``letter_marks`` reads.
_LETTER_MARKS = frozenset("\u0302\u0306\u031b")


def letter_marks(syllable: str) -> list[frozenset]:
    """For each letter of ``syllable`` as typed, the marks that make it another
    letter ("đ" for đ): "để" → [{đ}, {circumflex}]. Tones are left out:
    people mistype them more than letters (hỏi for ngã; in Hà Tĩnh's speech
    ngã and nặng are one), and a word's vowels decide what it is."""
    letters = []
    for ch in unicodedata.normalize("NFD", syllable.casefold()):
        if not unicodedata.combining(ch):
            letters.append(frozenset("đ") if ch == "đ" else frozenset())
        elif ch in _LETTER_MARKS and letters:
            letters[-1] = letters[-1] | {ch}
    return letters


def marks_contradict(typed_syllable: str, written: str) -> bool:
    """True when ``typed_syllable`` carries a letter's mark that ``written``
    (the same syllable folded) lacks at that letter: "để" typed is not "đẻ".
    A mark left out is no contradiction ("de", "đe" may be either), nor a
    different tone (see ``letter_marks``)."""
    typed_letters, written_letters = letter_marks(typed_syllable), letter_marks(written)
    if len(typed_letters) != len(written_letters):
        return False
    return any(t - w for t, w in zip(typed_letters, written_letters, strict=True))


def typed_marks(text: str) -> dict[str, set[str]]:
    """The syllables of ``text`` by search form, each with the forms it was
    typed in ({"de": {"để"}}): what the vocabulary's contradictions read."""
    typed = {}
    for key, form in marked_words(text):
        typed.setdefault(key, set()).add(form)
    return typed


def has_letter_marks(syllable: str) -> bool:
    """Whether ``syllable`` carries a letter's mark (đ, ê, ư…; not a tone)."""
    return any(letter_marks(syllable))


def marked_words(text: str) -> list[tuple[str, str]]:
    """The syllables of ``text`` in its search form, each with its marks as
    written (lower case): "Hồ sơ để" → [("ho", "hồ"), ("so", "sơ"), ("de",
    "để")]. A word whose search form is not one syllable is left out."""
    decomposed = unicodedata.normalize("NFD", typed(text).casefold())
    spaced = "".join(
        ch if ch.isalnum() or unicodedata.combining(ch) else " " for ch in decomposed
    )
    found = []
    for token in spaced.split():
        key = search_text(token)
        if key and " " not in key:
            found.append((key, unicodedata.normalize("NFC", token)))
    return found


# A tag, not text that happens to sit between "<" and ">" ("<tổ chức>").
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|tr|td|th|blockquote)>|<br\s*/?>", re.I)


def markup_text(value: str, *, lines: bool = False) -> str:
    """The text a reader sees of ``value`` (an item's body, or text typed with
    no markup at all): a paragraph ends a line, other tags go, entities are
    read. With ``lines``, a paragraph (or line break) a line; else one line."""
    text = html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", str(value or ""))))
    return text.strip() if lines else " ".join(text.split())


# Keys of the Telex input method left in the text when it is typed with the
# method switched off ("ddawng kys" for "đăng ký"), longest first.
_TELEX_LETTERS = (
    ("dd", "d"),
    ("uow", "uo"),
    ("aw", "a"),
    ("aa", "a"),
    ("ee", "e"),
    ("oo", "o"),
    ("ow", "o"),
    ("uw", "u"),
    ("w", "u"),
)


def telex_to_plain(word: str) -> str:
    """What a syllable typed in Telex without the input method means, folded:
    "ddawng" → "dang", "kys" → "ki", "chuwngs" → "chung". A Vietnamese syllable
    never ends in s, f, r, x or j, so such an ending is a tone key."""
    if len(word) > 2 and word[-1] in "sfrxj":
        word = word[:-1]
    for keys, letter in _TELEX_LETTERS:
        word = word.replace(keys, letter)
    return same_i_y(word)


# The VNI input method types each mark as a digit after its letter: 1 sắc,
# 2 huyền, 3 hỏi, 4 ngã, 5 nặng, 6 circumflex, 7 horn, 8 breve, 9 đ ("ky1" for
# "ký", "d9a8ng" for "đăng"). A word of letters with such digits after some of
# them, not a number nor a code with a zero ("2021", "ct01").
_VNI_WORD = re.compile(r"[a-z]+(?:[1-9]{1,2}[a-z]+)*[1-9]{0,2}")
_VNI_KEYS = re.compile(r"[1-9]")


def vni_to_plain(word: str) -> str:
    """What a syllable typed in VNI without the input method means, folded:
    "ky1" → "ki", "sinh2" → "sinh", "d9a8ng" → "dang". Other words, and a
    letter with a digit ("a1", "m2": a class, a unit), as they are."""
    if not _VNI_WORD.fullmatch(word):
        return word
    plain = _VNI_KEYS.sub("", word)
    return same_i_y(plain) if 1 < len(plain) < len(word) else word


def slug_from(text: str, max_length: int = 100) -> str:
    """A web-address slug from Vietnamese text: "Người dân nộp hồ sơ" →
    "nguoi-dan-nop-ho-so". Django's slugify folds ư and ơ but drops đ ("Đăng ký"
    → "ang-ky"); the admin's JavaScript one drops ư and ơ and writes đ as "dj"
    ("Người Đăng" → "ngi-djang")."""
    return "-".join(fold(text).split())[:max_length].strip("-")


def fold_words(text: str) -> list[str]:
    """The folded words of ``text``, in order, without duplicates."""
    return list(dict.fromkeys(fold(text).split()))


def document_date(day) -> str:
    """The date as NĐ 30/2020 writes it in a document's date line: “ngày 05 tháng
    01 năm 2027”, “ngày 29 tháng 6 năm 2019” (a zero before days under 10 and
    months 1 and 2 only)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def lower_first(text) -> str:
    """Lower-case the first letter, for a label used inside a sentence: “Kế
    hoạch giao” → “kế hoạch giao”; “UBND xã tự đặt…” is unchanged (an
    abbreviation keeps its capitals, which a plain ``lower`` would break)."""
    if isinstance(text, Composed) and not text.template.startswith("%("):
        return Composed(lower_first(text.template), text.values)
    text = str(text)
    first = text.split(" ", 1)[0]
    if first.isupper():
        return text
    return text[:1].lower() + text[1:]


# --- the language of a text -------------------------------------------------------
# What staff write (names, addresses, procedures, news, the plan) is Vietnamese
# whatever the interface's language. A text that reaches a page through Python
# (a breadcrumb, a search hit, a KPI's target in words) says so with these two;
# the public pages mark it lang="vi" in the English interface (the ``marked``
# filter, thachha_portal/templating.py). Anywhere else (Word, Excel, CSV, feeds)
# they are plain strings.


class Vietnamese(str):
    """A text written in Vietnamese (a record's name or text)."""

    __slots__ = ()


class Composed(str):
    """``template % values`` (an interface text with values in it, “at least
    %(n)s %(unit)s every month”), which remembers its values: those that are
    ``Vietnamese`` (or ``Composed`` in turn) keep their language on a page."""

    def __new__(cls, template, values):
        template = str(template)  # a lazy translation: in the language in force
        composed = super().__new__(cls, template % values)
        composed.template = template
        composed.values = values
        return composed

    def __getnewargs__(self):
        return (self.template, self.values)


def compose(template, **values) -> Composed:
    """``template % values``, its Vietnamese values kept as such: ``compose(
    _("at least %(n)s %(unit)s every month"), n=1, unit=Vietnamese("tin, bài"))``."""
    return Composed(template, values)


def parts_of(value):
    """``value`` in values JSON keeps, with what is Vietnamese in it
    (``from_parts`` gives it back): a figure kept in words for a document
    still marks its unit on a page."""
    if isinstance(value, Vietnamese):
        return {"vi": str(value)}
    if isinstance(value, Composed):
        values = {name: parts_of(part) for name, part in value.values.items()}
        return {"template": value.template, "values": values}
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def from_parts(parts):
    """The text ``parts_of`` kept: ``Vietnamese``, ``Composed`` or as it was."""
    if not isinstance(parts, dict):
        return parts
    if "vi" in parts:
        return Vietnamese(parts["vi"])
    values = {name: from_parts(part) for name, part in parts["values"].items()}
    return Composed(parts["template"], values)
