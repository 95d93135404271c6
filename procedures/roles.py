"""Least privilege: the listing officer adds and changes procedures and their parts
and reads the feedback; nobody but a superuser deletes (staff withdraw instead)."""

_PARTS = ["procedure", "field", "step", "channel", "dossieritem", "legalbasis"]

ROLES = {
    "procedures": [
        f"procedures.{action}_{model}"
        for model in _PARTS
        for action in ("add", "change", "view")
    ]
    + ["procedures.view_feedback", "procedures.export_feedback"],
    "reports": ["procedures.view_feedback", "procedures.export_feedback"],
}
