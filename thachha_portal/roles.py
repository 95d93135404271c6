"""Staff roles as Django groups, each with the least privilege its work needs.

Each app lists the permissions of each role in its own ``roles.py`` (a ``ROLES``
dict: role key → permission strings "app_label.codename", wired in
``wiring.APPS``); the groups are brought
in line after every ``migrate``, so a deployment never needs to click them
together. Staff are put into groups in the admin.
"""

from django.apps import apps

from . import wiring

# Group names are data that staff see in the admin, so they are Vietnamese here.
ROLE_NAMES = {
    "editor": "Biên tập viên (viết tin)",
    "approver": "Lãnh đạo (duyệt, xuất bản tin)",
    "announcer": "Phát thanh viên (ghi nhận phát loa)",
    "moderator": "Kiểm duyệt bình luận",
    "procedures": "Cán bộ niêm yết thủ tục",
    "planner": "Quản lý kế hoạch, chỉ tiêu",
    "activities": "Ghi nhận hoạt động tuyên truyền",
    "reports": "Xem và tải báo cáo",
    "site": "Quản lý thông tin đơn vị",
}

ROLES = {
    "site": [
        "thachha_portal.view_communeprofile",
        "thachha_portal.change_communeprofile",
    ],
    # The listing officer keeps the search vocabulary: they know how citizens
    # ask at the desk, and read the searches that found nothing to grow it.
    "procedures": [
        *(
            f"thachha_portal.{action}_{model}"
            for model in ("synonym", "elsewheretopic")
            for action in ("add", "change", "delete", "view")
        ),
        "thachha_portal.view_searchmiss",
        "thachha_portal.delete_searchmiss",
    ],
}


def collected_roles():
    """Role key → set of permission strings, gathered from every app."""
    merged = {key: set() for key in ROLE_NAMES}
    for roles in (ROLES, *(app.roles for app in wiring.APPS)):
        for role, perms in roles.items():
            merged[role].update(perms)
    return merged


def sync_roles():
    from django.contrib.auth.models import Group, Permission

    for role, perms in collected_roles().items():
        group, _created = Group.objects.get_or_create(name=ROLE_NAMES[role])
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.extend(
                Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                )
            )
        group.permissions.set(wanted)


def sync_roles_after_migrate(sender, **kwargs):
    # Permissions are created app by app after migrate; the last app's signal is
    # the first moment at which all of them exist.
    # (Apps without models, such as django_cleanup, send none.)
    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if sender.label == with_models[-1].label:
        sync_roles()
