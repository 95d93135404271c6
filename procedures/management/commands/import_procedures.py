"""Import procedures from a CSV or JSON file in the open-data format (see
procedures/opendata.py and /thu-tuc/du-lieu-mo/).

Every row is validated first; each bad row is reported with its row as Excel
numbers it (CSV) or its record number (JSON), the column and the reason, and
then NOTHING is written. A file that cannot be read at all (not UTF-8, a
workbook renamed .csv, no “code” column …) is refused with what to do. The
rules: docs/open-data.md. When every row
is good, all are written in one transaction: new codes are created, existing codes
updated (their steps, channels, dossier and legal bases replaced), identical rows
left untouched — so importing the same file twice changes nothing.

Each created or changed procedure gets an entry in its admin history (“Who
changed what”) naming the file. The entries are recorded under the staff account
given with --user, or else under the inactive system account “he-thong”
(“Hệ thống”, created on first use; nobody can log in as it).

    manage.py import_procedures thu-tuc.csv --dry-run
    manage.py import_procedures thu-tuc.json --user motcua
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from procedures import importing, services


class Command(BaseCommand):
    help = (
        "Import procedures from a CSV or JSON file (open-data format). Validates "
        "every row and writes nothing if any row is bad; updates existing codes."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .csv or .json file.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and say what would change, without writing.",
        )
        parser.add_argument(
            "--user",
            help=(
                "Username the admin history entries are recorded under "
                f"(default: the inactive system account “{services.SYSTEM_USERNAME}”)."
            ),
        )

    def handle(self, *args, path, dry_run, user, verbosity, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._import(path, dry_run, user, verbosity)

    def _import(self, path, dry_run, username, verbosity):
        user = None
        if username:
            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                raise CommandError(_("No user named “%(name)s”.") % {"name": username})
        try:
            rows = importing.read_file(path)
        except FileNotFoundError as error:
            raise CommandError(
                _("File not found: %(path)s") % {"path": path}
            ) from error
        except IsADirectoryError as error:
            raise CommandError(
                _("“%(path)s” is a folder, not a file.") % {"path": path}
            ) from error
        except importing.FileError as error:
            raise CommandError(str(error)) from error

        def progress(done, total, code):
            if verbosity >= 2 or done == total or done % 50 == 0:
                self.stdout.write(f"  [{done}/{total}] {code}")

        report = services.procedures_import(
            rows=rows,
            user=user,
            file_name=Path(path).name,
            dry_run=dry_run,
            progress=progress,
        )
        for label, message in report.errors:
            self.stderr.write(f"{label}: {message}")
        if report.errors:
            message = (
                _("%(bad)s of %(total)s records have errors; nothing was written.")
                if report.by_record
                else _("%(bad)s of %(total)s rows have errors; nothing was written.")
            )
            raise CommandError(
                message % {"bad": len(report.errors), "total": len(rows)}
            )
        self._changes(report, dry_run, verbosity)
        summary = report.summary()
        if dry_run:
            self.stdout.write(
                _("Dry run, nothing written: %(summary)s") % {"summary": summary}
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(_("Imported: %(summary)s") % {"summary": summary})
            )

    def _changes(self, report, dry_run, verbosity):
        """What each changed procedure loses and gains (a dry run, or -v 2),
        and a warning when some lose content or change status."""
        if dry_run or verbosity >= 2:
            for row in report.rows:
                if row.changes:
                    self.stdout.write(f"{row.label} ({row.code}): {row.changes}")
        if report.losses:
            self.stdout.write(
                self.style.WARNING(
                    ngettext(
                        "%(n)s procedure loses content or changes whether it is "
                        "public (a column left out of the file counts as empty).",
                        "%(n)s procedures lose content or change whether they are "
                        "public (a column left out of the file counts as empty).",
                        len(report.losses),
                    )
                    % {"n": len(report.losses)}
                )
            )
