"""Roles of the plans app (see thachha_portal/roles.py): least privilege."""

_EDIT = [
    f"plans.{action}_{model}"
    for model in (
        "plan",
        "legalbasis",
        "section",
        "task",
        "indicator",
        "activity",
        "evidence",
    )
    for action in ("add", "change", "view")
]

ROLES = {
    "planner": _EDIT,
    "reports": [
        "plans.view_report",
        "plans.view_plan",
        "plans.add_periodreport",
        "plans.change_periodreport",
        "plans.view_periodreport",
    ],
}
