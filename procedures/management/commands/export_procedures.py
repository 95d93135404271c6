"""Export procedures in the open-data format (CSV or JSON, chosen by the file's
extension or --format), the format that ``import_procedures`` reads back.

    manage.py export_procedures thu-tuc.json
    manage.py export_procedures thu-tuc.csv --published
    manage.py export_procedures --format csv > thu-tuc.csv

By default every procedure is exported, withdrawn ones included (the ``status``
column says which), so that an export is a full backup; --published keeps only
what the public sees, like the downloads on /thu-tuc/du-lieu-mo/.
"""

from django.core.management.base import BaseCommand, CommandError

from procedures import opendata
from procedures.models import Procedure


class Command(BaseCommand):
    help = "Export procedures as CSV or JSON (open-data format, re-importable)."

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="Output file (.csv or .json); standard output if none.",
        )
        parser.add_argument("--format", choices=["csv", "json"], help="Output format.")
        parser.add_argument(
            "--published", action="store_true", help="Only published (active) ones."
        )

    def handle(self, *args, path, format, published, **options):
        kind = format or (path.rsplit(".", 1)[-1].lower() if path else "json")
        if kind not in ("csv", "json"):
            raise CommandError("Use a .csv or .json file name, or --format.")
        procedures = Procedure.objects.with_parts().order_by("code")
        if published:
            procedures = procedures.published()
        content = (
            opendata.to_csv(procedures)
            if kind == "csv"
            else opendata.to_json(procedures)
        )
        if not path:
            self.stdout.write(content, ending="")
            return
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
        self.stderr.write(f"{len(procedures)} → {path}")
