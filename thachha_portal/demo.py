"""Demo content for the portal itself: the commune profile and one staff login per
role. Idempotent: loading twice changes nothing."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .models import CommuneProfile, FormerName
from .roles import ROLE_NAMES, sync_roles

PROFILE = {
    "name": "Ủy ban nhân dân xã Thạch Hà",
    "short_name": "UBND xã Thạch Hà",
    "former_name": "thị trấn Thạch Hà, huyện Thạch Hà (trước 01/07/2025)",
    "parent_name": "UBND tỉnh Hà Tĩnh",
    "place_name": "Thạch Hà",
    "province": "Hà Tĩnh",
    "address": "Tổ dân phố 4, xã Thạch Hà, tỉnh Hà Tĩnh (dữ liệu mẫu)",
    "phone": "0239 3845 123",
    "email": "ubnd.thachha@hatinh.gov.vn",
    "hotline": "0239 1022",
    "desk_name": "Trung tâm Phục vụ hành chính công xã Thạch Hà",
    "desk_address": "Tầng 1, trụ sở UBND xã Thạch Hà, tỉnh Hà Tĩnh",
    "desk_hours": (
        "Thứ Hai – Thứ Sáu: sáng 7:00 – 11:30, chiều 13:30 – 17:00\n"
        "Thứ Bảy: sáng 7:30 – 11:30 (chỉ nhận hồ sơ hộ tịch, chứng thực)"
    ),
    "about": (
        "Xã Thạch Hà, tỉnh Hà Tĩnh được thành lập từ ngày 01/07/2025 trên cơ sở sắp "
        "xếp thị trấn Thạch Hà và các xã lân cận khi cả nước tổ chức chính quyền địa "
        "phương hai cấp.\n\n"
        "Cổng thông tin này công khai các thủ tục hành chính thuộc thẩm quyền của xã, "
        "đăng tin tuyên truyền cải cách hành chính hằng tháng và kết quả thực hiện kế "
        "hoạch tuyên truyền cải cách hành chính.\n\n"
        "Địa chỉ, số điện thoại và giờ làm việc trên trang này là dữ liệu mẫu để chạy "
        "thử; đơn vị sửa trong trang quản trị."
    ),
}

# The names in force before the 2025 rearrangement (NQ 1665/NQ-UBTVQH15): the
# 2021 documents were issued by UBND thị trấn Thạch Hà under UBND huyện Thạch Hà.
FORMER_NAMES = [
    {
        "in_force_until": datetime.date(2025, 6, 30),
        "name": "Ủy ban nhân dân thị trấn Thạch Hà",
        "short_name": "UBND thị trấn Thạch Hà",
        "parent_name": "UBND huyện Thạch Hà",
        "place_name": "Thạch Hà",
        # Bộ phận Tiếp nhận và Trả kết quả, called Bộ phận Một cửa (NĐ 61/2018, Điều 3)
        "desk_name": "Bộ phận Một cửa thị trấn Thạch Hà",
    },
]

# username → (full name, roles); the password is printed by `make run`.
DEMO_PASSWORD = "ThachHa@2021"  # noqa: S105 - demo logins only, printed by make run
USERS = {
    "bientap": (
        "Nguyễn Thị Lan (công chức Văn hóa – xã hội)",
        ["editor", "announcer", "activities"],
    ),
    "lanhdao": (
        "Trần Văn Hùng (Phó Chủ tịch UBND xã)",
        ["approver", "moderator", "reports", "editor"],
    ),
    "motcua": (
        "Lê Thị Hoa (công chức Trung tâm Phục vụ hành chính công)",
        ["procedures"],
    ),
    "vanphong": (
        "Phạm Quốc Anh (Văn phòng HĐND và UBND xã)",
        ["planner", "activities", "reports", "site"],
    ),
}


def load(stdout=None, with_users=True):
    profile, created = CommuneProfile.objects.get_or_create(pk=1, defaults=PROFILE)
    for former in FORMER_NAMES:
        row, _created = FormerName.objects.get_or_create(
            profile=profile,
            in_force_until=former["in_force_until"],
            defaults=former,
        )
        if not row.desk_name:  # loaded before former names had a desk name
            row.desk_name = former["desk_name"]
            row.save()
    if stdout:
        stdout.write(f"Hồ sơ đơn vị: {'tạo mới' if created else 'đã có'}")
    if with_users:
        load_users(stdout)


def load_users(stdout=None):
    sync_roles()
    User = get_user_model()
    for username, (full_name, roles) in USERS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": full_name,
                "is_staff": True,
                "email": f"{username}@example.vn",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.set(Group.objects.filter(name__in=[ROLE_NAMES[r] for r in roles]))
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
