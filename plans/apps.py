from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Plans and targets")

    def ready(self):
        from thachha_portal import search

        from .search import ACTIVITY_INDEX, PLAN_INDEX, provider

        search.register_index(PLAN_INDEX)
        search.register_index(ACTIVITY_INDEX)
        search.register(provider)
