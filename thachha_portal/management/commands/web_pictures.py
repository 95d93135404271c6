"""Make the copies for the web of the pictures stored before they were made at
upload (thachha_portal/images.py): a news item's cover is replaced by its copy,
an activity's evidence photo gets one beside it. Run once after upgrading
(docs/deploy.md, *Upgrades*); running it again does nothing.

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

    def handle(self, *args, **options):
        made, skipped = 0, []
        for model in apps.get_models():
            if not issubclass(model, WebPicture):
                continue
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
