"""Django's own texts that its Vietnamese catalogue leaves in English.

Django 5.x added admin texts (“Show counts” above every list filter, the hidden
table headings of the sidebar) and validation messages (invalid JSON, a bad
“Đường dẫn”, a NUL character) that its ``vi`` catalogue never received, and its
“Please correct the error below.” exists only in the old, singular form, so every
refused admin form began in English; a text Django has changed since (the
password's minimum length) is missing from it likewise. Marking them here puts
them in our catalogue (``LOCALE_PATHS`` is looked up before Django's own), where
``makemessages`` keeps them and ``scripts/po_fill.py`` translates them. Nothing
calls these at run time.

``CLEARER`` are texts Django does translate, but in words that mislead here:
“History” as “Bản ghi nhớ” (a memo; the staff guide says “Lịch sử”), the action
menu as “Hoạt động:” (on the list of “Hoạt động tuyên truyền”!), its button as
“Đi đến”, list filters as “Bởi …”, “Add” as “Thêm vào”, the selection
counter as “0 của 1 được chọn”, a wrong date as “Nhập một ngày hợp lệ.” with
no word of the form expected. Our catalogue gives the words the staff guide
uses.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

TEXTS = (
    # Admin pages every staff member sees.
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Breadcrumbs"),
    gettext_noop("Sidebar"),
    gettext_noop("Toggle navigation"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Select this object for an action - {}"),
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("Error:"),
    gettext_noop("Added:"),
    gettext_noop("Changed:"),
    gettext_noop("Deleted:"),
    # Validation messages the admin's forms can give.
    gettext_noop("Null characters are not allowed."),
    gettext_noop(
        "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."
    ),
    gettext_noop(
        "Enter a valid “slug” consisting of Unicode letters, numbers, underscores, "
        "or hyphens."
    ),
    gettext_noop("Value must be valid JSON."),
    gettext_noop("Enter a valid JSON."),
    gettext_noop("Enter a valid duration."),
    gettext_noop("Enter a complete value."),
    gettext_noop("Enter a valid domain name."),
    gettext_noop(
        "File extension “%(extension)s” is not allowed. Allowed extensions are: "
        "%(allowed_extensions)s."
    ),
    gettext_noop("Ensure this value is a multiple of step size %(limit_value)s."),
    gettext_noop("Constraint “%(name)s” is violated."),
    gettext_noop("“%(pk)s” is not a valid value."),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    gettext_noop("The inline value did not match the parent instance."),
    gettext_noop(
        "ManagementForm data is missing or has been tampered with. Missing fields: "
        "%(field_names)s. You may need to file a bug report if the issue persists."
    ),
)

CLEARER = (
    gettext_noop("History"),
    gettext_noop("Action:"),
    gettext_noop("Action"),
    gettext_noop("Go"),
    gettext_noop("Run the selected action"),
    gettext_noop("No action selected."),
    gettext_noop(
        "Items must be selected in order to perform actions on them. No items have "
        "been changed."
    ),
    gettext_noop(" By %(filter_title)s "),
    gettext_noop("Add"),
    gettext_noop("Add %(name)s"),
    gettext_noop("Recent actions"),
    gettext_noop("My actions"),
    gettext_noop("0 of %(cnt)s selected"),  # the JavaScript's own: djangojs.po
    # “Nhập một ngày hợp lệ.” says neither what is wrong nor how to write it:
    # 31/02/2026, 2026/12/01, 07.12.2026, or a publication time with its date
    # left empty (“Bây giờ” clicked without “Hôm nay”) all got it.
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid time."),
    gettext_noop("Enter a valid date/time."),
)

PLURAL_TEXTS = (
    ngettext_lazy(
        "Please correct the error below.", "Please correct the errors below.", 1
    ),
    ngettext_lazy(
        "Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", 1
    ),
    ngettext_lazy(
        "Please submit at least %(num)d form.",
        "Please submit at least %(num)d forms.",
        1,
    ),
    ngettext_lazy("%(size)d byte", "%(size)d bytes", 1),
    # Django 5.2 writes the password's minimum length with "%d" where its
    # catalogue's entry has "%(min_length)d": the changed text has none, and a
    # new password too short was refused in English on the password change page.
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        1,
    ),
)
