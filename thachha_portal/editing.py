"""Two members of staff editing the same record in the admin: the second save
does not silently replace the first.

Django's admin writes what a form holds over whatever the record has become
since the form was opened: an officer correcting a procedure's fees while a
colleague adds its legal basis loses one of the two edits without a word. A
change form here carries the record's ``updated_at`` as it was when the form
was drawn; a save whose record has been saved since (by anyone, an import
included) is refused with who saved it and when, and what was typed is shown
again, unsaved. The form then carries the new ``updated_at``: saving again
replaces the other version deliberately. The record is read ``FOR UPDATE``
inside the admin's transaction, so two saves at the same moment are ordered.
"""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .dates import format_date

FIELD = "_edited_at"  # the hidden input (templates/admin/change_form.html)


class EditConflictMixin:
    """For the ModelAdmin of a model with ``updated_at`` (auto_now)."""

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None and obj.pk is not None:
            context["edited_at"] = obj.updated_at.isoformat()
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is None:
            return form

        class Checked(form):
            def clean(self):
                cleaned = super().clean()
                conflict = _conflict(self.instance, self.data.get(FIELD, ""))
                if conflict:
                    self.add_error(None, conflict)
                return cleaned

        Checked.__name__ = form.__name__
        return Checked


def _conflict(instance, seen):
    """The ValidationError for a save over a version the form did not show,
    or None. A form without the field (drawn before this existed) is not
    checked."""
    seen = parse_datetime(seen or "")
    if seen is None:
        return None
    model = type(instance)
    current = (
        model._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("updated_at", flat=True)
        .first()
    )
    if current is None or current == seen:
        return None
    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=str(instance.pk),
            action_time__gte=seen,
        )
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    who = (
        (entry.user.get_full_name() or entry.user.get_username())
        if entry
        else _("another user or an import")
    )
    return ValidationError(
        _(
            "This was saved by %(user)s at %(time)s, while you were editing it. "
            "What you typed is below and is not saved yet. To keep their "
            "changes, open the page again in another tab and copy yours into "
            "it; to replace their version with yours, press Save again."
        ),
        code="edit_conflict",
        params={"user": who, "time": format_date(current)},
    )
