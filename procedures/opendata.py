"""The open-data format of the procedure listing and its writing: the public
downloads (/thu-tuc/du-lieu-mo/) and ``export_procedures``. Reading a file back
is ``importing``.

JSON: ``{"format": ..., "generated_at": ..., "count": n, "procedures": [record, …]}``
where each record holds every part, children nested as lists of objects.
CSV: one row per procedure with the same keys as columns, every cell written by
``thachha_portal.spreadsheets``. ``COLUMNS`` is the one list of the columns: the
open-data page and docs/open-data.md (the format, in full) are written from it.
"""

import json

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from thachha_portal import spreadsheets
from thachha_portal.text import Vietnamese, compose

from .models import KEYWORD_SEPARATOR, Field, Procedure, text_limit

FORMAT = "thachha-procedures/1"
READ_ONLY = ("national_portal_url", "updated_at")


# (column, meaning); nested parts list their keys.
COLUMNS = [
    (
        "code",
        gettext_lazy("National procedure code, text (e.g. 1.001193). Key for updates."),
    ),
    ("name", gettext_lazy("Procedure name.")),
    ("field", gettext_lazy("Field (%(term)s) name; a new name creates the field.")),
    ("level", gettext_lazy("Level: commune, province or central.")),
    ("procedure_type", gettext_lazy("Type of procedure, as published.")),
    ("implementing_agency", gettext_lazy("Implementing agency.")),
    ("competent_authority", gettext_lazy("Competent authority.")),
    ("delegated_agency", gettext_lazy("Delegated agency.")),
    ("coordinating_agency", gettext_lazy("Coordinating agency.")),
    ("filing_address", gettext_lazy("Where to file.")),
    ("applicants", gettext_lazy("Who may apply.")),
    ("result", gettext_lazy("Result document.")),
    ("conditions", gettext_lazy("Requirements and conditions (empty: none).")),
    ("description", gettext_lazy("Description.")),
    ("online_level", gettext_lazy("Online service: full, partial or none.")),
    (
        "online_url",
        gettext_lazy("Online filing address when not the national portal page."),
    ),
    ("national_portal_url", gettext_lazy("Page on dichvucong.gov.vn (export only).")),
    ("decision_number", gettext_lazy("The province's publication decision number.")),
    ("decision_date", gettext_lazy("Date of that decision (YYYY-MM-DD).")),
    (
        "keywords",
        gettext_lazy(
            "Keywords and synonyms, a list; in CSV separated by “|” (a comma stays "
            "inside its keyword)."
        ),
    ),
    ("posted_at_desk", gettext_lazy("Posted at the one-stop desk: true or false.")),
    (
        "desk_checked_on",
        gettext_lazy("When the desk posting was last checked (YYYY-MM-DD)."),
    ),
    (
        "status",
        gettext_lazy("active or withdrawn (public downloads hold active ones only)."),
    ),
    ("source_note", gettext_lazy("Where the facts come from; what is unverified.")),
    ("updated_at", gettext_lazy("Last updated, ISO date and time (export only).")),
    (
        "steps",
        gettext_lazy(
            "Steps in order: a list of texts (JSON in CSV; on import a CSV cell "
            "may also be plain text, one step per line), without “%(prefix)s” (the "
            "page numbers them; the import removes such a prefix)."
        ),
    ),
    (
        "channels",
        gettext_lazy(
            "Submission channels, a list of objects: kind (direct, online, post), "
            "processing_time, fee (verbatim), fee_amount (%(currency)s or null), "
            "description."
        ),
    ),
    (
        "dossier",
        gettext_lazy(
            "Dossier components, a list of objects: case, name, presented (true "
            "for a paper only shown at the desk), originals, copies, form_name, "
            "form_url, form_file (name of a form file stored by the site, in "
            "procedures/forms/), note."
        ),
    ),
    (
        "dossier_quantity",
        gettext_lazy(
            "Number of sets of the dossier to file, as published (e.g. "
            "“%(sets)s”, “%(unset)s”); empty: not recorded."
        ),
    ),
    (
        "legal_bases",
        gettext_lazy(
            "Legal bases, a list of objects: number, summary, issued_on, issuer."
        ),
    ),
]
FIELDNAMES = [name for name, _meaning in COLUMNS]
TEXT_KEYS = [
    "name",
    "procedure_type",
    "implementing_agency",
    "competent_authority",
    "delegated_agency",
    "coordinating_agency",
    "filing_address",
    "applicants",
    "dossier_quantity",
    "result",
    "conditions",
    "description",
    "online_url",
    "decision_number",
    "source_note",
]
NESTED = ("steps", "channels", "dossier", "legal_bases")


def column_limit(name):
    """The most characters column ``name`` holds (the model's), or None."""
    if name in ("code", "keywords", *TEXT_KEYS):
        return text_limit(Procedure._meta.get_field(name))
    if name == "field":
        return text_limit(Field._meta.get_field("name"))
    return None


# The Vietnamese words that meanings quote (marked as Vietnamese on the page).
TERMS = {
    "field": {"term": "lĩnh vực"},
    "steps": {"prefix": "Bước 1:"},
    "channels": {"currency": "đồng"},
    "dossier_quantity": {"sets": "01 bộ", "unset": "Không quy định"},
}


def columns_markdown():
    """The column table of docs/open-data.md, written from ``COLUMNS`` and the
    model's length limits (tests/procedures/test_open_data_doc.py keeps the
    document in step)."""
    lines = ["| Column | Meaning | Longest text |", "|---|---|---|"]
    with translation.override("en"):
        for name, meaning, limit in documented_columns():
            meaning = str(meaning).replace("|", "\\|")
            limit = f"{limit:,}" if limit else ""
            lines.append(f"| `{name}` | {meaning} | {limit} |")
    return "\n".join(lines) + "\n"


def documented_columns():
    """(column, meaning, most characters or None) for the open-data page and
    docs/open-data.md, in the language in force."""
    return [
        (name, _meaning(name, meaning), column_limit(name)) for name, meaning in COLUMNS
    ]


def _meaning(name, meaning):
    terms = TERMS.get(name)
    if not terms:
        return meaning
    return compose(meaning, **{key: Vietnamese(word) for key, word in terms.items()})


def _iso(value):
    return value.isoformat() if value else None


def record_of(procedure, field_name, steps, channels, dossier, bases):
    """The record of ``procedure`` and the given parts (saved or not)."""
    record = {"code": procedure.code}
    record.update({key: getattr(procedure, key) for key in TEXT_KEYS})
    record.update(
        field=field_name,
        level=procedure.level,
        online_level=procedure.online_level,
        national_portal_url=procedure.national_portal_url,
        decision_date=_iso(procedure.decision_date),
        keywords=procedure.keyword_list,
        posted_at_desk=procedure.posted_at_desk,
        desk_checked_on=_iso(procedure.desk_checked_on),
        status=procedure.status,
        updated_at=_iso(
            procedure.updated_at and timezone.localtime(procedure.updated_at)
        ),
        steps=[s.text for s in steps],
        channels=[
            {
                "kind": c.kind,
                "processing_time": c.processing_time,
                "fee": c.fee,
                "fee_amount": c.fee_amount,
                "description": c.description,
            }
            for c in channels
        ],
        dossier=[
            {
                "case": d.case,
                "name": d.name,
                "presented": d.presented,
                "originals": d.originals,
                "copies": d.copies,
                "form_name": d.form_name,
                "form_url": d.form_url,
                "form_file": d.form_file.name if d.form_file else "",
                "note": d.note,
            }
            for d in dossier
        ],
        legal_bases=[
            {
                "number": b.number,
                "summary": b.summary,
                "issued_on": _iso(b.issued_on),
                "issuer": b.issuer,
            }
            for b in bases
        ],
    )
    return {name: record[name] for name in FIELDNAMES}


def serialize(procedure):
    """One record (a dict of plain JSON values) holding every part."""
    return record_of(
        procedure,
        procedure.field.name,
        procedure.steps.all(),
        procedure.channels.all(),
        procedure.dossier_items.all(),
        procedure.legal_bases.all(),
    )


# Procedures are read this many at a time (their parts prefetched per chunk), so
# that an export of the whole province's catalogue holds one chunk in memory.
CHUNK_SIZE = 200


def _each(procedures):
    if isinstance(procedures, QuerySet):
        return procedures.iterator(chunk_size=CHUNK_SIZE)
    return iter(procedures)


def to_json(procedures):
    """The JSON document, one procedure per line: compact JSON (written by the C
    encoder, several times faster than an indented one) that still reads line by
    line."""
    records = [json.dumps(serialize(p), ensure_ascii=False) for p in _each(procedures)]
    head = json.dumps(
        {
            "format": FORMAT,
            "generated_at": timezone.localtime().isoformat(timespec="seconds"),
            "count": len(records),
        },
        ensure_ascii=False,
    )
    return head[:-1] + ', "procedures": [\n' + ",\n".join(records) + "\n]}\n"


def csv_row(record):
    row = {}
    for key in FIELDNAMES:
        value = record[key]
        if key == "keywords":
            value = KEYWORD_SEPARATOR.join(value)
        elif key in NESTED:
            value = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        row[key] = "" if value is None else value
    return row


def to_csv(procedures):
    """The CSV document; text that a spreadsheet would run as a formula is
    neutralised (``thachha_portal.spreadsheets``) and restored by
    ``importing.read_csv``."""
    rows = (csv_row(serialize(procedure)) for procedure in _each(procedures))
    return spreadsheets.csv_text(
        [FIELDNAMES, *([row[key] for key in FIELDNAMES] for row in rows)]
    )
