from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulletinsConfig(AppConfig):
    name = "bulletins"
    verbose_name = _("CCHC news")

    def ready(self):
        from thachha_portal import pagecache
        from thachha_portal import search as site_search

        from . import search

        site_search.register(search.provider)
        pagecache.register_next_change(search.next_publication)
