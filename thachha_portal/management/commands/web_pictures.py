"""Make the copies for the web of the pictures stored before they were made at
upload (thachha_portal/images.py): a news item's cover is replaced by its copy,
an activity's evidence photo gets one beside it. Run once after upgrading
(docs/deploy.md, *Upgrades*); running it again does nothing. ``--dry-run``
counts what it would make, by kind, and writes nothing.

Every model with a ``WebPicture`` takes part, found through Django's app
registry: the shared package imports no app."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from thachha_portal.images import WebPicture


class Command(BaseCommand):
    help = (
        "Tạo bản ảnh cho trang web (thu nhỏ, đúng chiều, bỏ nơi và giờ chụp) cho "
        "ảnh bìa và ảnh kiểm chứng đã tải lên trước khi có tính năng này."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ đếm số ảnh cần tạo, theo loại; không ghi gì.",
        )

    def handle(self, *args, dry_run=False, **options):
        models = [m for m in apps.get_models() if issubclass(m, WebPicture)]
        if dry_run:
            counts = [(m, m.web_copies_missing().count()) for m in models]
            by_kind = ", ".join(f"{m._meta.verbose_name} {n}" for m, n in counts)
            self.stdout.write(
                f"Cần tạo ảnh cho trang web cho {sum(n for _m, n in counts)} ảnh "
                f"({by_kind}). Chưa ghi gì (--dry-run)."
            )
            return
        made, skipped = 0, []
        for model in models:
            for record in model.web_copies_missing().iterator():
                try:
                    record.make_web_copy()
                except (OSError, ValidationError) as error:
                    reason = "; ".join(getattr(error, "messages", [])) or str(error)
                    skipped.append(f"{model._meta.verbose_name} {record.pk}: {reason}")
                else:
                    made += 1
        for line in skipped:
            self.stderr.write(f"Bỏ qua {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tạo {made} ảnh cho trang web; bỏ qua {len(skipped)} "
                "(tệp thiếu hoặc hỏng, xem trên)."
            )
        )
