from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "procedures"
    verbose_name = _("Administrative procedures")

    def ready(self):
        from thachha_portal import search

        from .search import INDEX, search_section

        search.register_index(INDEX)
        search.register(search_section)
