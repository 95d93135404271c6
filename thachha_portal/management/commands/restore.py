"""Restore an archive made by ``manage.py backup`` into an empty database (or,
with --replace, over the current one) and MEDIA_ROOT, then check every model's
row count against the archive's manifest."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from thachha_portal import backups, pagecache
from thachha_portal.dates import format_date


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu (make restore FILE=…) và kiểm tra số bản ghi."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Tệp thachha-….tar.gz")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Ghi đè cơ sở dữ liệu đang có dữ liệu (mặc định: chỉ vào CSDL trống).",
        )

    def handle(self, *args, **options):
        try:
            manifest = backups.restore(options["archive"], replace=options["replace"])
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        counts = backups.row_counts()
        wrong = {
            label: (expected, counts.get(label))
            for label, expected in manifest["counts"].items()
            if counts.get(label) != expected
        }
        if wrong:
            lines = [
                f"  {k}: sao lưu {e}, sau khôi phục {g}" for k, (e, g) in wrong.items()
            ]
            raise CommandError("Số bản ghi không khớp:\n" + "\n".join(lines))
        pagecache.invalidate()  # pages cached before now show other data
        created = format_date(datetime.datetime.fromisoformat(manifest["created"]))
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục bản sao lưu ngày {created}: "
                f"{sum(manifest['counts'].values())} bản ghi, số lượng khớp."
            )
        )
