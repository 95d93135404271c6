from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PortalAdminConfig(AdminConfig):
    default_site = "thachha_portal.admin_site.PortalAdminSite"


class PortalConfig(AppConfig):
    name = "thachha_portal"
    verbose_name = _("Commune portal")

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save

        from . import pagecache, roles
        from .models import ElsewhereTopic, Synonym
        from .search import vocabulary

        pagecache.connect_invalidation()
        for model in (Synonym, ElsewhereTopic):
            uid = f"search-vocabulary:{model.__name__}"
            post_save.connect(vocabulary.changed, sender=model, dispatch_uid=uid)
            post_delete.connect(vocabulary.changed, sender=model, dispatch_uid=uid)
        post_migrate.connect(
            roles.sync_roles_after_migrate, dispatch_uid="portal-sync-roles"
        )
