from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Plans and targets")

    def ready(self):
        from django.db.models.signals import post_migrate

        from bulletins import selectors as bulletin_selectors

        from . import selectors

        # The news admin's "this month" box counts as the plan in force does.
        bulletin_selectors.month_rule = selectors.month_promise
        post_migrate.connect(
            keep_issued_figures_after_migrate,
            sender=self,
            dispatch_uid="plans-keep-issued-figures",
        )


def keep_issued_figures_after_migrate(
    sender, using="default", verbosity=1, stdout=None, plan=None, **kwargs
):
    """post_migrate receiver: the figures of every report issued without kept
    ones are kept by ``migrate`` itself, so that an activity logged after an
    upgrade cannot reach them (docs/plans.md). Not on ``flush`` (no plan), nor
    on a database left short of the code's migrations (its tables are not the
    models')."""
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    if plan is None:
        return
    executor = MigrationExecutor(connections[using])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    from . import services

    kept = services.period_reports_issued_before_kept()
    if kept and verbosity and stdout is not None:
        stdout.write(f"  Figures of {kept} issued report(s) kept as they are now.")
