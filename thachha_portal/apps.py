from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PortalAdminConfig(AdminConfig):
    default_site = "thachha_portal.admin_site.PortalAdminSite"


class PortalConfig(AppConfig):
    name = "thachha_portal"
    verbose_name = _("Commune portal")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import checks, release, roles, staff_sessions, wiring  # noqa: F401
        from .search import schema

        wiring.connect()
        # Once per process, in gunicorn's master before it forks (preload_app).
        release.stamp()
        post_migrate.connect(
            roles.sync_roles_after_migrate, dispatch_uid="portal-sync-roles"
        )
        post_migrate.connect(
            schema.repair_after_migrate,
            sender=self,
            dispatch_uid="portal-search-triggers",
        )
