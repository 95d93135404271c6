"""The role “Cán bộ kế hoạch, hoạt động tuyên truyền” gave whoever logged an
activity the plans and their KPIs' targets too (the news writer could lower a
target). It is split in two (plans/roles.py): its members keep logging
activities (“Ghi nhận hoạt động tuyên truyền”); those of them who also hold
the reports role (the office, the leader) keep the plans and KPIs (“Quản lý
kế hoạch, chỉ tiêu”). The groups' permissions are set after ``migrate``
(thachha_portal/roles.py); this moves the members once. Group names are
written out: they are data as they were then."""

from django.conf import settings
from django.db import migrations

OLD = "Cán bộ kế hoạch, hoạt động tuyên truyền"
ACTIVITIES = "Ghi nhận hoạt động tuyên truyền"
PLANNER = "Quản lý kế hoạch, chỉ tiêu"
REPORTS = "Xem và tải báo cáo"


def split(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    old = Group.objects.filter(name=OLD).first()
    if old is None:
        return
    members = User.objects.filter(groups=old)
    activities, _ = Group.objects.get_or_create(name=ACTIVITIES)
    planner, _ = Group.objects.get_or_create(name=PLANNER)
    activities.user_set.add(*members)
    planner.user_set.add(*members.filter(groups__name=REPORTS))
    old.delete()


def merge(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    parts = Group.objects.filter(name__in=[ACTIVITIES, PLANNER])
    if not parts.exists():
        return
    old, _ = Group.objects.get_or_create(name=OLD)
    old.user_set.add(*User.objects.filter(groups__in=parts).distinct())
    parts.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0009_evidence_photo_avif"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(split, merge)]
