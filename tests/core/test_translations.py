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
