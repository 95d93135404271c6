"""Template helpers of the procedures pages."""

import functools

import segno
from django import template
from django.template.defaultfilters import filesizeformat
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from thachha_portal.uploads import describe

register = template.Library()


@register.simple_tag(takes_context=True)
def qr_code(context, path, label):
    """A crisp vector QR code (inline SVG, styled by classes only: the CSP forbids
    style attributes) pointing at the absolute address of ``path``."""
    return _qr_svg(context["request"].build_absolute_uri(path), label)


@functools.lru_cache(maxsize=2048)
def _qr_svg(url, label):
    """Kept in memory: encoding takes milliseconds, and a field's listing prints
    one code per procedure (the field print page was the slowest page)."""
    svg = segno.make(url, error="m").svg_inline(
        scale=4,
        border=2,
        omitsize=True,
        svgclass="qr-code",
        lineclass="qr-line",
        title=label,
    )
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(svg)  # noqa: S308 - segno output; the label is escaped


@register.filter
def counts(item):
    """“Bản chính: 1 – Bản sao: 0”, as on the official record."""
    return _("Originals: %(originals)s – Copies: %(copies)s") % {
        "originals": item.originals,
        "copies": item.copies,
    }


@register.filter
def channel_rows(procedure):
    """The channels, those with the same time and fee on one row (the A4 sheet
    says it once): [(ways to file, time, fee, [(way, description)])]."""
    rows = {}
    for channel in procedure.channels.all():
        row = rows.setdefault(
            (channel.processing_time, channel.fee),
            ([], channel.processing_time, channel.fee, []),
        )
        row[0].append(str(channel.get_kind_display()))
        if channel.description:
            row[3].append((channel.get_kind_display(), channel.description))
    return [
        (", ".join(kinds), time, fee, notes)
        for kinds, time, fee, notes in rows.values()
    ]


@register.filter
def filed_items(procedure):
    """Dossier components to file, in order (papers only shown are apart)."""
    return [item for item in procedure.dossier_items.all() if not item.presented]


@register.filter
def presented_items(procedure):
    """Papers the applicant shows at the desk and keeps (xuất trình)."""
    return [item for item in procedure.dossier_items.all() if item.presented]


@register.filter
def file_kind(field_file):
    """“Word, 24 KB” for a stored form file; the kind alone if its size cannot
    be read."""
    label, _extension = describe(field_file.name)
    try:
        return f"{label}, {filesizeformat(field_file.size)}"
    except OSError:
        return label


@register.filter
def has_forms(procedure):
    return any(item.has_form for item in procedure.dossier_items.all())


@register.filter
def has_fees(procedure):
    return any(channel.fee for channel in procedure.channels.all())
