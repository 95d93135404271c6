"""Load the demo content: the commune profile, staff logins, then each app's demo
(procedures, bulletins, plans) in dependency order.

Idempotent: every loader looks records up by their natural key (code, slug,
number) and leaves existing ones alone, so running it twice doubles nothing.

The demo logins have a published password: with DEBUG off (a production server)
they are created only when asked for explicitly (``--demo-logins``).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

import bulletins.demo
import plans.demo
import procedures.demo
from thachha_portal import demo
from thachha_portal.roles import ROLE_NAMES


class Command(BaseCommand):
    help = "Load the demo content (safe to run again: nothing is doubled)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-users",
            action="store_true",
            help="Do not create the demo staff logins.",
        )
        parser.add_argument(
            "--demo-logins",
            action="store_true",
            help="Create the demo logins even with DEBUG off (a trial server only).",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if options["no_users"] and options["demo_logins"]:
            raise CommandError("Chọn --no-users hoặc --demo-logins, không chọn cả hai.")
        with_users = not options["no_users"]
        if with_users and not settings.DEBUG and not options["demo_logins"]:
            with_users = False
            self.stderr.write(
                "DEBUG đang tắt: không tạo tài khoản mẫu (mật khẩu của chúng được "
                "công bố). Thêm --demo-logins nếu đây là máy chạy thử."
            )
        demo.load(self.stdout, with_users=with_users)
        procedures.demo.load(self.stdout)
        bulletins.demo.load(self.stdout)  # links procedures
        plans.demo.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu."))
        if with_users:
            self.stdout.write(f"Tài khoản mẫu (mật khẩu: {demo.DEMO_PASSWORD}):")
            for username, (full_name, roles) in demo.USERS.items():
                # The roles as staff see them in the admin; “; ” as names hold commas.
                names = "; ".join(ROLE_NAMES[role] for role in roles)
                self.stdout.write(f"  {username:<9} {full_name} — {names}")
            self.stdout.write("  admin     quản trị hệ thống (toàn quyền)")
