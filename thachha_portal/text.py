"""Vietnamese text helpers: storage normalisation and search folding.

Text is stored in Unicode NFC. For search, both the stored text and the query are
*folded*: decomposed (NFD), stripped of combining marks, đ/Đ mapped to d (NFD alone
leaves đ), case-folded and with runs of white space collapsed. "Đăng ký" and
"dang ky" fold to the same string, and so do "hoà" and "hòa" (tone on either vowel)
and text pasted in decomposed form.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s]")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form every stored string uses."""
    return unicodedata.normalize("NFC", text or "")


def fold(text: str) -> str:
    """Fold ``text`` for diacritic- and case-insensitive matching."""
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    stripped = _NON_WORD.sub(" ", stripped.casefold())
    return _SPACES.sub(" ", stripped).strip()


def slug_from(text: str, max_length: int = 100) -> str:
    """A web-address slug from Vietnamese text: "Người dân nộp hồ sơ" →
    "nguoi-dan-nop-ho-so". Django's slugify folds ư and ơ but drops đ ("Đăng ký"
    → "ang-ky"), and the admin's JavaScript one writes đ as "dj"."""
    return "-".join(fold(text).split())[:max_length].strip("-")


def fold_words(text: str) -> list[str]:
    """The folded words of ``text``, in order, without duplicates."""
    return list(dict.fromkeys(fold(text).split()))
