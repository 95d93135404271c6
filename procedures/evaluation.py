"""The search evaluation: queries typed the way citizens type
(tests/data/search_queries.tsv), each with the procedure that should come first
or "-" for matters the commune does not handle, run against three listings:

* ``demo`` — the demo procedures, with the keywords written for them;
* ``demo-bare`` — the same procedures with their keywords removed;
* ``national`` — real national-database procedures (tests/data/
  procedures_national.json) imported through ``import_procedures`` without
  keywords, the way records arrive from the province.

Figures per listing: first-result accuracy and mean reciprocal rank over the
queries the commune handles; for the others, how many list any procedure
(noise) and how many show guidance. ``make search-eval`` prints them for SQLite
and PostgreSQL; tests/procedures/test_search_eval.py keeps them at the targets.
docs/search.md explains the figures.
"""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from thachha_portal.search import vocabulary

from . import demo
from .models import Procedure
from .search import search_catalogue

DATA = Path(settings.BASE_DIR) / "tests" / "data"
QUERIES = DATA / "search_queries.tsv"
# Held out: written by someone outside the project who never saw the code or
# the other queries, and first run before any change (docs/search.md).
BLIND = DATA / "search_queries_blind.tsv"
NATIONAL = DATA / "procedures_national.json"
LISTINGS = ("demo", "demo-bare", "national")
TARGET_FIRST = 0.95


@dataclass(frozen=True)
class Case:
    query: str
    expected: str  # a procedure code, or "-" for "not handled here"
    kinds: tuple[str, ...]
    scope: str = ""  # "demo", "national" or "" (wherever it applies)

    @property
    def elsewhere(self):
        return self.expected == "-"

    @property
    def text(self):
        """The query as typed; "nfd" cases are typed decomposed."""
        if "nfd" in self.kinds:
            return unicodedata.normalize("NFD", self.query)
        return self.query

    def applies(self, listing, codes):
        if self.scope and not listing.startswith(self.scope):
            return False
        return self.elsewhere or self.expected in codes


def read_cases(path=QUERIES):
    cases = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        query, expected, kinds, *scope = line.split("\t")
        cases.append(
            Case(query, expected.strip(), tuple(kinds.split()), "".join(scope).strip())
        )
    return cases


def read_blind_cases(path=BLIND):
    """The held-out set, kept as its writer wrote it: a header line, then
    listing ("demo" or "national"), query, expected code or "-", a note."""
    cases = []
    lines = Path(path).read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        if not line.strip():
            continue
        listing, query, expected, *_note = line.split("\t")
        expected = expected.strip()
        kinds = ("blind", "outscope") if expected == "-" else ("blind",)
        cases.append(Case(query, expected, kinds, listing.strip()))
    return cases


@dataclass
class Outcome:
    case: Case
    listed: list  # codes, best first
    guidance: bool  # a matter handled elsewhere named, or the not-found help
    topics: list

    @property
    def rank(self):
        if self.case.expected in self.listed:
            return self.listed.index(self.case.expected) + 1
        return None

    @property
    def right(self):
        if self.case.elsewhere:
            return not self.listed and self.guidance
        return self.rank == 1


@dataclass
class Report:
    listing: str
    outcomes: list = field(default_factory=list)
    # Cases written for this listing whose expected procedure it does not hold.
    absent: list = field(default_factory=list)

    @property
    def handled(self):
        return [o for o in self.outcomes if not o.case.elsewhere]

    @property
    def elsewhere(self):
        return [o for o in self.outcomes if o.case.elsewhere]

    @property
    def first(self):
        return _share(o.rank == 1 for o in self.handled)

    @property
    def mrr(self):
        handled = self.handled
        return sum(1 / o.rank for o in handled if o.rank) / len(handled or [1])

    @property
    def noise(self):
        return _share(bool(o.listed) for o in self.elsewhere)

    @property
    def guided(self):
        return _share(o.guidance for o in self.elsewhere)

    @property
    def named(self):
        """Share of the not-handled queries that name a matter of the
        vocabulary, so that the page says where to go specifically."""
        return _share(bool(o.topics) for o in self.elsewhere)

    def by_kind(self):
        kinds = defaultdict(list)
        for o in self.handled:
            for kind in o.case.kinds:
                kinds[kind].append(o.rank == 1)
        return {k: (sum(v), len(v)) for k, v in sorted(kinds.items())}

    @property
    def misses(self):
        return [o for o in self.outcomes if not o.right]


def _share(flags):
    flags = list(flags)
    return sum(flags) / len(flags) if flags else 1.0


def load_listing(listing):
    """Replace the procedures with those of ``listing``."""
    Procedure.objects.all().delete()
    if listing == "national":
        call_command("import_procedures", str(NATIONAL), verbosity=0, stdout=_Null())
        return
    demo.load()
    if listing == "demo-bare":
        from .services import procedure_refresh_search

        for procedure in Procedure.objects.exclude(keywords=""):
            procedure.keywords = ""
            procedure.save(update_fields=["keywords"])
            procedure_refresh_search(procedure=procedure)


def run_listing(listing, cases):
    """Search every case that applies to ``listing`` (already loaded)."""
    codes = dict(Procedure.objects.values_list("pk", "code"))
    report = Report(listing)
    for case in cases:
        if not case.applies(listing, set(codes.values())):
            if case.scope and listing.startswith(case.scope):
                report.absent.append(case)
            continue
        results = search_catalogue(case.text)
        listed = [codes[pk] for pk in results.pks]
        report.outcomes.append(
            Outcome(
                case=case,
                listed=listed,
                guidance=bool(results.topics) or not listed,
                topics=[t.title for t in results.topics],
            )
        )
    return report


def evaluate(listings=LISTINGS, cases=None):
    cases = read_cases() if cases is None else cases
    vocabulary.changed()
    reports = []
    for listing in listings:
        load_listing(listing)
        reports.append(run_listing(listing, cases))
    return reports


def format_report(reports, database, title=""):
    lines = [f"Database: {database}" + (f" — {title}" if title else "")]
    lines.append(
        f"{'listing':<10} {'queries':>7} {'first':>7} {'MRR':>6} "
        f"{'not here':>8} {'noise':>6} {'guided':>7} {'named':>6}"
    )
    for r in reports:
        lines.append(
            f"{r.listing:<10} {len(r.handled):>7} {r.first:>7.1%} {r.mrr:>6.3f} "
            f"{len(r.elsewhere):>8} {r.noise:>6.1%} {r.guided:>7.1%} {r.named:>6.1%}"
        )
    for r in reports:
        kinds = ", ".join(f"{k} {a}/{n}" for k, (a, n) in r.by_kind().items())
        lines.append(f"  {r.listing} by kind: {kinds}")
    for r in reports:
        for o in r.misses:
            got = ", ".join(o.listed[:3]) or "nothing"
            lines.append(
                f"  MISS {r.listing}: “{o.case.query}” expected {o.case.expected},"
                f" got {got}"
            )
        for case in r.absent:
            lines.append(
                f"  NOT IN {r.listing}: “{case.query}” expects {case.expected}"
            )
    return "\n".join(lines)


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass
