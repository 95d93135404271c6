from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale/vi/LC_MESSAGES"


def test_vietnamese_catalogue_is_complete():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"


def test_compiled_catalogue_matches_the_source():
    po = {
        e.msgid: e.msgstr
        for e in polib.pofile(str(CATALOGUE / "django.po"))
        if e.msgstr
    }
    mo = {
        e.msgid: e.msgstr
        for e in polib.mofile(str(CATALOGUE / "django.mo"))
        if e.msgstr
    }
    assert po == mo, "run `make messages` to recompile django.mo"


# Texts that speak of the names before 01/07/2025 (examples of former names and of
# a plan issued then): there, "thị trấn" is right.
FORMER_NAME_EXAMPLES = {
    "As issued at the time, e.g. “UBND thị trấn Thạch Hà” for the 2021 plan.",
    "E.g. “thị trấn Thạch Hà, huyện Thạch Hà (before 01/07/2025)”.",
    "In full, e.g. “Ủy ban nhân dân thị trấn Thạch Hà”.",
    "E.g. “UBND thị trấn Thạch Hà”.",
    "E.g. “Bộ phận Một cửa thị trấn Thạch Hà”. Blank: the desk kept the name of "
    "the names after these.",
}


def test_todays_unit_and_desk_are_named_as_they_are_now():
    """docs/glossary.md: the commune is a xã since 01/07/2025 and its desk the
    Trung tâm Phục vụ hành chính công; the old names appear only where a text
    speaks of the time before."""
    wrong = []
    for entry in polib.pofile(str(CATALOGUE / "django.po")):
        texts = [entry.msgid, entry.msgstr, *entry.msgstr_plural.values()]
        if entry.msgid in FORMER_NAME_EXAMPLES:
            continue
        for text in texts:
            if any(old in text for old in ("thị trấn", "Một cửa", "GDMC")):
                wrong.append(text)
    assert not wrong, wrong
