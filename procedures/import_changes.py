"""What an import changes in a stored procedure, said as the preview says it
before anything is written: the parts it empties (and the stored form files its
dossier no longer names), the others it changes, and a change of status (a
withdrawn procedure made public again). A column left out of a file is empty
(docs/open-data.md), so a file of a few columns empties the others: the preview
names each part, and the admin asks the staff member to accept those losses
before it writes them.

Records are compared as ``opendata.record_of`` writes them; nothing here reads
the database.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import NamedTuple

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thachha_portal.dates import format_date

from . import opendata
from .models import Procedure

# List column → the procedure's relation to its parts, where the names differ.
LIST_RELATIONS = {"dossier": "dossier_items"}


def column_name(key):
    """The Vietnamese name of a column (“cơ quan thực hiện”); a list column is
    named by its parts (“thành phần hồ sơ”); "" for none."""
    try:
        found = Procedure._meta.get_field(LIST_RELATIONS.get(key, key))
    except FieldDoesNotExist:
        return ""
    if found.one_to_many:
        return str(found.related_model._meta.verbose_name_plural)
    return str(getattr(found, "verbose_name", ""))


def column_label(key):
    """“steps” (trình tự thực hiện): a column as the file and the staff name it."""
    name = column_name(key)
    return _("“%(key)s”%(name)s") % {"key": key, "name": f" ({name})" if name else ""}


def _count(key, n):
    """“5 bước”: how many parts of list column ``key``."""
    texts = {
        "steps": ngettext("%(n)s step", "%(n)s steps", n),
        "channels": ngettext(
            "%(n)s submission channel", "%(n)s submission channels", n
        ),
        "dossier": ngettext("%(n)s dossier component", "%(n)s dossier components", n),
        "legal_bases": ngettext("%(n)s legal basis", "%(n)s legal bases", n),
    }
    return texts[key] % {"n": n}


CHOICES = {
    "level": Procedure.Level,
    "online_level": Procedure.OnlineLevel,
}
# Short values, shown old → new; a long text is named only.
SHOWN = (
    "field",
    "level",
    "online_level",
    "decision_number",
    "decision_date",
    "posted_at_desk",
    "desk_checked_on",
    "dossier_quantity",
)
DATES = ("decision_date", "desk_checked_on")


# The stored form files a row's dossier no longer names, among ``Changes.cleared``:
# the files themselves leave the site when the import is written.
FORM_FILES = "form_file"


def _cleared(key, old):
    """“5 bước”, “số quyết định công bố”, “tệp mẫu đơn to-khai.docx”: what
    clearing column ``key`` (stored value ``old``) takes away."""
    if key == FORM_FILES:
        names = ", ".join(PurePosixPath(name).name for name in old)
        return ngettext("form file %(names)s", "form files %(names)s", len(old)) % {
            "names": names
        }
    if key in opendata.NESTED:
        return _count(key, len(old))
    return column_name(key)


def _form_files(record):
    return {
        item["form_file"] for item in record.get("dossier") or [] if item["form_file"]
    }


def _value(key, value):
    if value in (None, ""):
        return _("empty")
    if key in CHOICES:
        return str(CHOICES[key](value).label)
    if key in DATES:
        return format_date(datetime.date.fromisoformat(value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


def _empty(value):
    return value is None or value == "" or value == []


class Sentence(NamedTuple):
    text: str
    loss: bool  # takes something away: shown strong


@dataclass
class Changes:
    """What one row changes in its stored procedure: ``cleared``, the (column,
    old value) it empties; ``changed``, the (column, old, new) it changes
    otherwise; ``status``, the new status when it withdraws or restores it."""

    cleared: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    status: str = ""

    @property
    def losses(self):
        """Whether the row takes something away that the staff member should
        accept knowingly: a part emptied, or the procedure's publicity."""
        return bool(self.cleared or self.status)

    def sentences(self):
        """The changes as the preview and the command list them, each a
        ``Sentence``: “Xóa: 5 bước, số quyết định công bố” (a loss)."""
        sentences = []
        if self.status == Procedure.Status.ACTIVE:
            text = _(
                "Withdrawn now (Bãi bỏ, thu hồi): the import makes it public again."
            )
            sentences.append(Sentence(text, True))
        elif self.status:
            text = _("The import withdraws it: hidden from the public pages.")
            sentences.append(Sentence(text, True))
        if self.cleared:
            parts = [_cleared(key, old) for key, old in self.cleared]
            text = _("Clears: %(parts)s") % {"parts": ", ".join(parts)}
            sentences.append(Sentence(text, True))
        if self.changed:
            parts = [
                f"{column_name(key)} ({_value(key, old)} → {_value(key, new)})"
                if key in SHOWN
                else column_name(key)
                for key, old, new in self.changed
            ]
            text = _("Changes: %(parts)s") % {"parts": ", ".join(parts)}
            sentences.append(Sentence(text, False))
        return sentences

    def __str__(self):
        return "; ".join(sentence.text for sentence in self.sentences())


def changes_of(before, after):
    """The ``Changes`` of writing the record ``after`` over the stored record
    ``before`` (columns that only the export writes are not compared). A
    stored form file that no dossier item of ``after`` names is cleared too,
    whatever else the dossier does: the file leaves the site with it."""
    changes = Changes()
    for key in opendata.FIELDNAMES:
        old, new = before.get(key), after.get(key)
        if key in opendata.READ_ONLY or old == new:
            continue
        if key == "status":
            changes.status = new
        elif _empty(new):
            changes.cleared.append((key, old))
        else:
            changes.changed.append((key, old, new))
    if lost := _form_files(before) - _form_files(after):
        changes.cleared.append((FORM_FILES, sorted(lost)))
    return changes


def losses_key(rows):
    """A short fingerprint of the losses of ``rows`` (ImportRow with changes):
    the admin's confirmation carries the one the staff member accepted, and
    the import writes only while its losses are still those. "" for none."""
    losses = [
        (row.code, row.changes.cleared, row.changes.status)
        for row in rows
        if row.changes and row.changes.losses
    ]
    if not losses:
        return ""
    text = json.dumps(losses, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def missing_columns(rows):
    """The columns no row of the file has (read-only ones aside): they are
    empty in every row."""
    present = set()
    for row in rows:
        if isinstance(row.record, dict):
            present.update(row.record)
    return [
        key
        for key in opendata.FIELDNAMES
        if key not in present and key not in opendata.READ_ONLY
    ]
