"""Is a listing complete? The parts NĐ 63/2010/NĐ-CP Art. 8(2) (as amended by NĐ
92/2017/NĐ-CP) requires of every procedure, and those TT 02/2017/TT-VPCP wants
listed where they apply (result, fees, forms right after the dossier component,
legal basis, the province's publication decision).

One definition, used by the admin list, the admin form and the test over the demo.
``check`` reads the children through ``.all()``, so a procedure fetched with
``Procedure.objects.with_parts()`` costs no further query.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Channel, Procedure

# key, label, mandatory under Art. 8(2) (a)–(g)
PARTS = [
    ("name", gettext_lazy("procedure name"), True),
    ("steps", gettext_lazy("steps"), True),
    ("channels", gettext_lazy("ways to file"), True),
    ("dossier", gettext_lazy("dossier components and quantities"), True),
    ("processing_time", gettext_lazy("processing time"), True),
    ("applicants", gettext_lazy("who may apply"), True),
    ("agency", gettext_lazy("implementing agency"), True),
    ("result", gettext_lazy("result"), False),
    ("fees", gettext_lazy("fees and charges"), False),
    ("forms", gettext_lazy("forms"), False),
    ("legal_basis", gettext_lazy("legal basis"), False),
    ("decision", gettext_lazy("publication decision"), False),
]
FORM_WORDS = ("theo mẫu", "mẫu số")


@dataclass(frozen=True)
class Part:
    key: str
    label: str | Promise
    mandatory: bool
    problem: str = ""  # empty when the part is complete

    @property
    def complete(self):
        return not self.problem


def _short(text, length=60):
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _names(items):
    return "; ".join(_short(item.name) for item in items)


def _problems(procedure):
    steps = list(procedure.steps.all())
    channels = list(procedure.channels.all())
    items = list(procedure.dossier_items.all())
    bases = list(procedure.legal_bases.all())
    filed = [item for item in items if not item.presented]
    kinds = {channel.kind for channel in channels}
    online = procedure.online_level != Procedure.OnlineLevel.NONE

    problems = {}
    if not procedure.name.strip():
        problems["name"] = _("no name")
    if not steps:
        problems["steps"] = _("no step is listed")
    if not channels:
        problems["channels"] = _("no way to file is listed")
    elif online and Channel.Kind.ONLINE not in kinds:
        problems["channels"] = _(
            "offered online, but there is no “Filed online” row with its time and fee"
        )
    elif not online and Channel.Kind.ONLINE in kinds:
        problems["channels"] = _(
            "there is a “Filed online” row, but the online service level says "
            "not online"
        )
    if not filed:
        problems["dossier"] = _("no document to file is listed")
    elif uncounted := [item for item in filed if item.originals + item.copies == 0]:
        problems["dossier"] = _("no quantity for: %(names)s") % {
            "names": _names(uncounted)
        }
    elif not procedure.dossier_quantity.strip():
        problems["dossier"] = _(
            "the number of sets to file is not recorded (e.g. “01 bộ”)"
        )
    if not channels:
        problems["processing_time"] = _("no way to file, so no time")
    elif untimed := [c for c in channels if not c.processing_time.strip()]:
        problems["processing_time"] = _("no time for: %(channels)s") % {
            "channels": ", ".join(str(c.get_kind_display()) for c in untimed)
        }
    if not procedure.applicants.strip():
        problems["applicants"] = _("not given")
    if not procedure.implementing_agency.strip():
        problems["agency"] = _("not given")
    if not procedure.result.strip():
        problems["result"] = _("not given")
    if unpriced := [c for c in channels if not c.fee.strip()]:
        problems["fees"] = _(
            "not stated for: %(channels)s (write “Không” when there is none)"
        ) % {"channels": ", ".join(str(c.get_kind_display()) for c in unpriced)}
    unattached = [
        item
        for item in items
        if (item.form_name or any(w in item.name.lower() for w in FORM_WORDS))
        and not (item.form_file or item.form_url)
    ]
    if unattached:
        problems["forms"] = _("no form file or link for: %(names)s") % {
            "names": _names(unattached)
        }
    if not bases:
        problems["legal_basis"] = _("no document is listed")
    elif partial := [b for b in bases if not (b.summary and b.issued_on and b.issuer)]:
        problems["legal_basis"] = _(
            "summary, date or issuer missing for: %(numbers)s"
        ) % {"numbers": ", ".join(b.number for b in partial)}
    if not (procedure.decision_number and procedure.decision_date):
        problems["decision"] = _("number or date not recorded")
    return problems


def check(procedure):
    """Every part of ``procedure``, in the official order, each saying what is
    missing (an empty ``problem`` when the part is complete)."""
    problems = _problems(procedure)
    return [
        Part(key, label, mandatory, problems.get(key, ""))
        for key, label, mandatory in PARTS
    ]


def missing(procedure):
    """The parts of ``procedure`` that are not complete."""
    return [part for part in check(procedure) if not part.complete]
