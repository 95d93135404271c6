"""Least privilege: the listing officer adds and changes procedures and their parts
and reads the feedback. Only a superuser deletes a procedure or a field (staff
withdraw a procedure instead); the officer may delete a wrong child row (step,
channel, dossier component, legal basis) while editing its procedure."""

_PARTS = ["procedure", "field", "step", "channel", "dossieritem", "legalbasis"]
_CHILDREN = ["step", "channel", "dossieritem", "legalbasis"]

ROLES = {
    "procedures": [
        f"procedures.{action}_{model}"
        for model in _PARTS
        for action in ("add", "change", "view")
    ]
    + [f"procedures.delete_{model}" for model in _CHILDREN]
    + ["procedures.view_feedback", "procedures.export_feedback"],
    "reports": ["procedures.view_feedback", "procedures.export_feedback"],
}
