"""The open-data format of the procedure listing, shared by the public downloads
(/thu-tuc/du-lieu-mo/), ``export_procedures`` and ``import_procedures``.

JSON: ``{"format": ..., "generated_at": ..., "count": n, "procedures": [record, …]}``
where each record holds every part, children nested as lists of objects.
CSV (UTF-8 with BOM, so Excel reads the Vietnamese): one row per procedure, the same
keys as columns; ``keywords`` is "|"-separated and the nested parts (``steps``,
``channels``, ``dossier``, ``legal_bases``) are JSON inside their cell.
Dates are ISO (YYYY-MM-DD). ``COLUMNS`` below documents each column; the open-data
page and the README are written from it.
"""

import csv
import io
import json

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thachha_portal import pagecache, spreadsheets
from thachha_portal.text import fold, slug_from

from .models import Channel, DossierItem, Field, LegalBasis, Procedure, Step
from .services import procedure_refresh_search

FORMAT = "thachha-procedures/1"
READ_ONLY = ("national_portal_url", "updated_at")


# (column, meaning); nested parts list their keys.
COLUMNS = [
    (
        "code",
        gettext_lazy("National procedure code, text (e.g. 1.001193). Key for updates."),
    ),
    ("name", gettext_lazy("Procedure name.")),
    ("field", gettext_lazy("Field (lĩnh vực) name; a new name creates the field.")),
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
    ("keywords", gettext_lazy("Keywords and synonyms; in CSV separated by “|”.")),
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
    ("steps", gettext_lazy("Steps in order: a list of texts (JSON in CSV).")),
    (
        "channels",
        gettext_lazy(
            "Submission channels, a list of objects: kind (direct, online, post), "
            "processing_time, fee (verbatim), fee_amount (đồng or null), "
            "description."
        ),
    ),
    (
        "dossier",
        gettext_lazy(
            "Dossier components, a list of objects: case, name, presented (true "
            "for a paper only shown at the desk), originals, copies, form_name, "
            "form_url, form_file (stored file name), note."
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
    "result",
    "conditions",
    "description",
    "online_url",
    "decision_number",
    "source_note",
]
NESTED = ("steps", "channels", "dossier", "legal_bases")


def _iso(value):
    return value.isoformat() if value else None


def _record(procedure, field_name, steps, channels, dossier, bases):
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
    return _record(
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
            value = "|".join(value)
        elif key in NESTED:
            value = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        row[key] = "" if value is None else value
    return row


def to_csv(procedures):
    """The CSV document; text that a spreadsheet would run as a formula is
    neutralised (``thachha_portal.spreadsheets``) and restored by ``read_csv``."""
    rows = (csv_row(serialize(procedure)) for procedure in _each(procedures))
    return spreadsheets.csv_text(
        [FIELDNAMES, *([row[key] for key in FIELDNAMES] for row in rows)]
    )


# Reading -------------------------------------------------------------------


class FormatError(ValueError):
    """The file as a whole cannot be read."""


def read_json(text):
    """[(label, record)] from a JSON export (or a plain list of records)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(
            _("Not valid JSON (line %(line)s): %(error)s")
            % {"line": error.lineno, "error": error.msg}
        ) from error
    if isinstance(data, dict):
        data = data.get("procedures")
    if not isinstance(data, list):
        raise FormatError(_("The JSON file must hold a list “procedures”."))
    return [(_("Record %(n)s") % {"n": n}, r) for n, r in enumerate(data, start=1)]


def read_csv(text):
    """[(label, record)] from a CSV export; nested cells are decoded later."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    if not reader.fieldnames or "code" not in reader.fieldnames:
        raise FormatError(_("The CSV file needs a header row with a “code” column."))
    unknown = [name for name in reader.fieldnames if name not in FIELDNAMES]
    if unknown:
        raise FormatError(
            _("Unknown columns in the CSV file: %(names)s")
            % {"names": ", ".join(unknown)}
        )
    rows = []
    start = 2
    for row in reader:
        rows.append((_("Line %(n)s") % {"n": start}, _decode_csv_row(row)))
        start = reader.line_num + 1
    return rows


def _decode_csv_row(row):
    record = {
        key: spreadsheets.restore(value or "")
        for key, value in row.items()
        if key in FIELDNAMES
    }
    problems = []
    if "keywords" in record:
        record["keywords"] = [k for k in (record["keywords"] or "").split("|") if k]
    for key in NESTED:
        cell = (record.get(key) or "").strip()
        if not cell:
            record[key] = []
            continue
        try:
            record[key] = json.loads(cell)
        except json.JSONDecodeError:
            problems.append(
                _("column “%(column)s” is not valid JSON") % {"column": key}
            )
    if "posted_at_desk" in record:
        record["posted_at_desk"] = (record["posted_at_desk"] or "").strip().lower()
    if problems:
        record["__problems__"] = problems
    return record


def read_text(text, name):
    """[(label, record)] from the text of a file called ``name``: JSON when the
    name ends in .json, CSV otherwise. The command and the admin upload both read
    through here."""
    text = text.lstrip("\ufeff")
    if str(name).lower().endswith(".json"):
        return read_json(text)
    return read_csv(text)


def read_file(path):
    with open(path, encoding="utf-8-sig") as handle:
        return read_text(handle.read(), path)


# Validation and writing ---------------------------------------------------------


TRUE = {"true", "1", "yes", "có", "co", "x"}
FALSE = {"false", "0", "no", "không", "khong", ""}


class RecordError(Exception):
    pass


def _date(value, label):
    if value in (None, ""):
        return None
    parsed = parse_date(str(value)) if isinstance(value, str) else None
    if parsed is None:
        raise RecordError(
            _("%(label)s “%(value)s” is not a date YYYY-MM-DD")
            % {"label": label, "value": value}
        )
    return parsed


def _bool(value):
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise RecordError(_("posted_at_desk must be true or false"))


def _messages(error, model=None):
    """Readable text of a ValidationError, field by field: the field's Vietnamese
    name, then the column it comes from, e.g. “cơ quan thực hiện
    (implementing_agency): …”."""
    if not hasattr(error, "message_dict"):
        return " ".join(error.messages)

    def label(key):
        try:
            field = model._meta.get_field(key)
        except (AttributeError, FieldDoesNotExist):  # not a field: the key alone
            return key
        return f"{field.verbose_name} ({key})"

    def text(messages):
        return " ".join(messages).rstrip(".")

    return "; ".join(
        f"{label(key)}: {text(messages)}" if key != "__all__" else text(messages)
        for key, messages in error.message_dict.items()
    )


def _check(instance, exclude=()):
    from django.core.exceptions import ValidationError

    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False)
    except ValidationError as error:
        raise RecordError(_messages(error, type(instance))) from error


def _as_list(record, key):
    value = record.get(key) or []
    if not isinstance(value, list):
        raise RecordError(_("“%(key)s” must be a list") % {"key": key})
    return value


def _child_dicts(record, key, allowed):
    items = _as_list(record, key)
    for item in items:
        if not isinstance(item, dict):
            raise RecordError(
                _("each item of “%(key)s” must be an object") % {"key": key}
            )
        unknown = set(item) - set(allowed)
        if unknown:
            raise RecordError(
                _("unknown keys in “%(key)s”: %(names)s")
                % {"key": key, "names": ", ".join(sorted(unknown))}
            )
    return items


def build(record, fields, current):
    """An unsaved Procedure and its unsaved children from ``record``, checked
    field by field. ``fields``: field name → Field (new ones unsaved) so that a
    file may introduce a field once for many rows; ``current``: code → the
    stored Procedure, updated in place when the code exists."""
    if not isinstance(record, dict):
        raise RecordError(_("the record is not an object"))
    if record.get("__problems__"):
        raise RecordError("; ".join(record["__problems__"]))
    unknown = set(record) - set(FIELDNAMES)
    if unknown:
        raise RecordError(
            _("unknown keys: %(names)s") % {"names": ", ".join(sorted(unknown))}
        )
    code = str(record.get("code") or "").strip()
    if not code:
        raise RecordError(_("the code is missing"))
    field_name = " ".join(str(record.get("field") or "").split())
    if not field_name:
        raise RecordError(_("the field (lĩnh vực) is missing"))
    field = fields.get(fold(field_name))
    if field is None:
        field = Field(name=field_name, slug=slug_from(field_name, 200))
        _check(field, exclude=["slug"] if not field.slug else ())
        if not field.slug:
            raise RecordError(_("the field name has no letters"))
        fields[fold(field_name)] = field
    procedure = current.get(code) or Procedure(code=code)
    for key in TEXT_KEYS:
        setattr(procedure, key, str(record.get(key) or ""))
    procedure.level = record.get("level") or Procedure.Level.COMMUNE
    procedure.online_level = record.get("online_level") or Procedure.OnlineLevel.NONE
    procedure.status = record.get("status") or Procedure.Status.ACTIVE
    procedure.decision_date = _date(record.get("decision_date"), "decision_date")
    procedure.desk_checked_on = _date(record.get("desk_checked_on"), "desk_checked_on")
    procedure.posted_at_desk = _bool(record.get("posted_at_desk"))
    keywords = record.get("keywords") or []
    if isinstance(keywords, str):
        keywords = keywords.split("|")
    procedure.keywords = "\n".join(str(k).strip() for k in keywords if str(k).strip())
    procedure._pending_field = field
    _check(procedure, exclude=["field"])

    steps = []
    for text in _as_list(record, "steps"):
        step = Step(text=str(text or ""))
        _check(step, exclude=["procedure"])
        steps.append(step)
    channels = [
        Channel(
            **{k: ("" if v is None and k != "fee_amount" else v) for k, v in c.items()}
        )
        for c in _child_dicts(
            record,
            "channels",
            ("kind", "processing_time", "fee", "fee_amount", "description"),
        )
    ]
    dossier = []
    for item in _child_dicts(
        record,
        "dossier",
        (
            "case",
            "name",
            "presented",
            "originals",
            "copies",
            "form_name",
            "form_url",
            "form_file",
            "note",
        ),
    ):
        item = dict(item)
        form_file = item.pop("form_file", "") or ""
        dossier_item = DossierItem(**{k: v for k, v in item.items() if v is not None})
        if form_file:
            from django.core.files.storage import default_storage

            if ".." in form_file or not default_storage.exists(form_file):
                raise RecordError(
                    _("form file “%(name)s” is not stored on this site")
                    % {"name": form_file}
                )
            dossier_item.form_file.name = form_file
        dossier.append(dossier_item)
    bases = []
    for item in _child_dicts(
        record, "legal_bases", ("number", "summary", "issued_on", "issuer")
    ):
        bases.append(
            LegalBasis(
                number=str(item.get("number") or ""),
                summary=str(item.get("summary") or ""),
                issuer=str(item.get("issuer") or ""),
                issued_on=_date(item.get("issued_on"), "legal_bases.issued_on"),
            )
        )
    for child in channels + dossier + bases:
        _check(child, exclude=["procedure"])
    kinds = [c.kind for c in channels]
    if len(kinds) != len(set(kinds)):
        raise RecordError(_("each way to file may appear once in “channels”"))
    return procedure, {
        "steps": steps,
        "channels": channels,
        "dossier_items": dossier,
        "legal_bases": bases,
    }


def _comparable(record):
    return {k: v for k, v in record.items() if k not in READ_ONLY}


class ImportRow:
    """What the import makes of one row; ``outcome``: NEW, CHANGED, UNCHANGED, ERROR."""

    NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"
    LABELS = {
        NEW: gettext_lazy("New"),
        CHANGED: gettext_lazy("Changed"),
        UNCHANGED: gettext_lazy("Unchanged"),
        ERROR: gettext_lazy("Error"),
    }

    def __init__(self, label, record, outcome, message=""):
        self.label = label
        self.code = str(record.get("code") or "") if isinstance(record, dict) else ""
        self.name = str(record.get("name") or "") if isinstance(record, dict) else ""
        self.outcome = outcome
        self.message = message

    @property
    def outcome_label(self):
        return self.LABELS[self.outcome]


class ImportReport:
    def __init__(self):
        self.errors = []  # (label, message)
        self.created = []
        self.updated = []
        self.unchanged = []
        self.rows = []  # ImportRow, in file order

    @property
    def ok(self):
        return not self.errors

    @property
    def changes(self):
        return len(self.created) + len(self.updated)

    def summary(self):
        return _("%(created)s new, %(updated)s updated, %(unchanged)s unchanged.") % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
        }


def import_records(rows, *, dry_run=False, progress=None):
    """Validate every row, then (unless ``dry_run`` or any row is bad) write them
    all in one transaction: new codes are created, existing ones updated with
    their children replaced, identical ones left untouched. Nothing is written
    when a single row is bad."""
    report = ImportReport()
    fields = {fold(f.name): f for f in Field.objects.all()}
    codes = {
        str(record.get("code") or "").strip()
        for _label, record in rows
        if isinstance(record, dict)
    }
    # The stored procedures of the file's codes and what they hold now, in a
    # few queries whatever the number of rows.
    current = {p.code: p for p in Procedure.objects.with_parts().filter(code__in=codes)}
    before = {code: _comparable(serialize(p)) for code, p in current.items()}
    for procedure in current.values():
        procedure._prefetched_objects_cache = {}  # the children get replaced
    seen = {}
    planned = []
    for index, (label, record) in enumerate(rows, start=1):
        try:
            procedure, children = build(record, fields, current)
            if procedure.code in seen:
                raise RecordError(
                    _("the code %(code)s is repeated (first at %(first)s)")
                    % {"code": procedure.code, "first": seen[procedure.code]}
                )
            seen[procedure.code] = label
        except RecordError as error:
            report.errors.append((label, str(error)))
            report.rows.append(ImportRow(label, record, ImportRow.ERROR, str(error)))
            continue
        incoming = _record(
            procedure,
            procedure._pending_field.name,
            children["steps"],
            children["channels"],
            children["dossier_items"],
            children["legal_bases"],
        )
        if procedure.pk and before[procedure.code] == _comparable(incoming):
            report.unchanged.append(procedure.code)
            outcome = ImportRow.UNCHANGED
        elif procedure.pk:
            report.updated.append(procedure.code)
            planned.append((procedure, children))
            outcome = ImportRow.CHANGED
        else:
            report.created.append(procedure.code)
            planned.append((procedure, children))
            outcome = ImportRow.NEW
        report.rows.append(ImportRow(label, record, outcome))
        if progress:
            progress(index, len(rows), procedure.code)
    if report.errors or dry_run:
        return report
    with transaction.atomic():
        for procedure, children in planned:
            field = procedure._pending_field
            if field.pk is None:
                field.save()
            procedure.field = field
            procedure.save()
            for relation, items in children.items():
                getattr(procedure, relation).all().delete()
                for order, child in enumerate(items, start=1):
                    child.procedure = procedure
                    child.order = order
                    child.save()
            procedure_refresh_search(procedure=procedure)
    if planned:
        pagecache.invalidate("procedures")
    return report
