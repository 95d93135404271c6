"""Back up the database and the uploaded files into one timestamped archive
(thachha_portal/backups.py says what it holds)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from thachha_portal import backups


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp tải lên vào một tệp .tar.gz có ghi giờ."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            default=str(settings.BACKUP_DIR),
            help="Thư mục chứa bản sao lưu (mặc định BACKUP_DIR).",
        )

    def handle(self, *args, **options):
        try:
            archive, manifest = backups.create(options["dir"])
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(f"Đã sao lưu {rows} bản ghi và tệp tải lên: {archive}")
        )
