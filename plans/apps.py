from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Plans and targets")

    def ready(self):
        from bulletins import selectors as bulletin_selectors

        from . import selectors

        # The news admin's "this month" box counts as the plan in force does.
        bulletin_selectors.month_rule = selectors.month_promise
