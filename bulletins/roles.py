"""Who may do what with the CCHC news (least privilege; only superusers delete)."""

_EDIT = [
    "bulletins.view_category",
    "bulletins.add_bulletin",
    "bulletins.change_bulletin",
    "bulletins.view_bulletin",
    "bulletins.submit_bulletin",
    "bulletins.add_attachment",
    "bulletins.change_attachment",
    "bulletins.view_attachment",
    "bulletins.view_statuschange",
]

ROLES = {
    "editor": _EDIT,
    "approver": [
        *_EDIT,
        "bulletins.publish_bulletin",
        "bulletins.add_category",
        "bulletins.change_category",
        "bulletins.view_airing",
    ],
    "announcer": [
        "bulletins.view_bulletin",
        "bulletins.view_category",
        "bulletins.add_airing",
        "bulletins.change_airing",
        "bulletins.view_airing",
    ],
    "moderator": [
        "bulletins.view_bulletin",
        "bulletins.view_comment",
        "bulletins.change_comment",
    ],
}
