from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulletinsConfig(AppConfig):
    name = "bulletins"
    verbose_name = _("CCHC news")

    def ready(self):
        from thachha_portal import pagecache
        from thachha_portal import search as site_search

        from . import search
        from .models import Bulletin

        site_search.register(search.provider)
        # No cached page outlives the moment the next scheduled item appears.
        pagecache.register_next_change(
            Bulletin.objects.next_scheduled_time, app="bulletins"
        )
