"""Everyday words the blind query set showed missing (docs/search.md, "The
blind set"), and the "mất giấy …" entries in the better order, for installs
seeded before them."""

from django.db import migrations

ADDED = [
    "chưa vợ",
    "chưa chồng",
    "chưa lập gia đình",
    "ngoại quốc",
    "lấy chồng ngoại",
    "lấy vợ ngoại",
    "lấy chồng hàn quốc",
    "lấy chồng hàn",
    "lấy chồng đài loan",
    "lấy chồng trung quốc",
    "lấy chồng nhật",
    "đóng cửa",
    "không kinh doanh nữa",
    "đổi địa chỉ",
    "thay đổi địa chỉ",
    "chuyển địa điểm kinh doanh",
    "ở trọ",
    "thuê trọ",
    "nhà trọ",
    "phòng trọ",
]


def add(apps, schema_editor):
    from thachha_portal.search.seed import add_missing

    add_missing(apps, only=ADDED)


class Migration(migrations.Migration):
    dependencies = [("thachha_portal", "0004_names_in_force")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
