"""Roles of the plans app (see thachha_portal/roles.py): least privilege.

Logging what was done (an activity and its evidence) and setting what is to
be done (the plan, its tasks and its KPIs' targets) are two roles: the news
writer logs the posters and conferences, while the plan and its targets are
the office's (and the leader's who signs it). A planner who also logs
activities holds both."""


def _perms(*models):
    return [
        f"plans.{action}_{model}"
        for model in models
        for action in ("add", "change", "view")
    ]


ROLES = {
    "planner": _perms("plan", "legalbasis", "section", "task", "indicator"),
    "activities": _perms("activity", "evidence"),
    "reports": [
        "plans.view_report",
        "plans.view_plan",
        "plans.add_periodreport",
        "plans.change_periodreport",
        "plans.view_periodreport",
    ],
}
