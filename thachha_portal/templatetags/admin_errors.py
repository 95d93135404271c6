"""The error summary at the top of an admin form sent back with mistakes
(templates/admin/change_form.html): Django says only “Please correct the errors
below.”, and a news item's form is some 3,860 pixels tall on a phone. Each
field in error is listed by its label with its message, a link to its box
(WCAG 3.3.1), in the order of the page; an inline's rows by the inline's name
and the row as its heading says it (“#2”, or the saved record), and what a
whole inline or row is refused for, a link to it. The form's own messages
(not of a field) are Django's, just above."""

from django import template
from django.contrib.admin.utils import flatten_fieldsets
from django.forms.widgets import ChoiceWidget, MultiWidget
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst

register = template.Library()


def _box(bound):
    """The id of the box a person types or chooses in for ``bound``: the
    first of a pair of date and time boxes, the first option of a choice."""
    if bound.id_for_label:
        return bound.id_for_label
    widget = getattr(bound.field.widget, "widget", bound.field.widget)  # wrapped
    if bound.auto_id and isinstance(widget, MultiWidget | ChoiceWidget):
        return f"{bound.auto_id}_0"
    return bound.auto_id or ""


def _field_errors(form, fieldsets, name="", row_id=""):
    """(target id, label, messages) of each field of ``form`` in error, in
    the order of ``fieldsets``; a hidden field's lead to ``row_id``."""
    shown = [n for n in flatten_fieldsets(fieldsets) if n in form.fields]
    order = shown + [n for n in form.fields if n not in shown]
    for field in order:
        errors = form.errors.get(field)
        if not errors:
            continue
        bound = form[field]
        label = capfirst(bound.label)
        target = row_id if bound.is_hidden else _box(bound)
        yield target, f"{name} – {label}" if name else label, errors


def _row_name(inline, form, number):
    original = getattr(form, "instance", None)
    row = f"“{original}”" if original is not None and original.pk else f"#{number}"
    return f"{capfirst(inline.opts.verbose_name)} {row}"


def summary_items(adminform, inline_admin_formsets):
    """(target id, label, messages) of every mistake the form was sent back
    for but the form's own messages, in the order of the page."""
    items = list(_field_errors(adminform.form, adminform.fieldsets))
    for inline in inline_admin_formsets:
        formset = inline.formset
        if formset.non_form_errors():
            name = capfirst(inline.opts.verbose_name_plural)
            items.append((f"{formset.prefix}-group", name, formset.non_form_errors()))
        for index, form in enumerate(formset.forms):
            if not form.errors:
                continue
            row_id = f"{formset.prefix}-{index}"
            name = _row_name(inline, form, index + 1)
            if form.non_field_errors():
                items.append((row_id, name, form.non_field_errors()))
            fieldsets = inline.fieldsets
            items.extend(_field_errors(form, fieldsets, name, row_id))
    return items


@register.simple_tag(takes_context=True)
def admin_error_summary(context):
    adminform = context.get("adminform")
    if adminform is None:
        return ""
    items = summary_items(adminform, context.get("inline_admin_formsets") or [])
    if not items:
        return ""

    def line(target, label, messages):
        text = format_html("{}: {}", label, " ".join(str(m) for m in messages))
        if not target:
            return format_html("<li>{}</li>", text)
        return format_html('<li><a href="#{}">{}</a></li>', target, text)

    return format_html(
        '<ul class="admin-error-summary" id="error-summary">{}</ul>',
        format_html_join("", "{}", ((line(*item),) for item in items)),
    )
