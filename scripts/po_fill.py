"""Fill Vietnamese translations into locale/vi/LC_MESSAGES/django.po.

Usage: python scripts/po_fill.py translations.json [--check]

The JSON file maps msgid → msgstr (for plurals: msgid → [singular, plural]).
Entries already translated are kept unless the JSON gives a new text. Prints the
msgids that are still untranslated and exits 1 if there are any.
"""

import json
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "locale/vi/LC_MESSAGES/django.po"


def main(argv):
    po = polib.pofile(str(PO))
    given = {}
    for arg in argv:
        if arg != "--check":
            given.update(json.loads(Path(arg).read_text(encoding="utf-8")))
    for entry in po:
        if entry.msgid in given:
            value = given[entry.msgid]
            if entry.msgid_plural:
                values = value if isinstance(value, list) else [value, value]
                entry.msgstr_plural = {0: values[0]}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.metadata["Language"] = "vi"
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.save()
    missing = [e.msgid for e in po if not e.translated() and not e.obsolete]
    for msgid in missing:
        print("untranslated:", json.dumps(msgid, ensure_ascii=False))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
