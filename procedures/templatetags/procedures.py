"""Template helpers of the procedures pages."""

import functools

import segno
from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

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
def has_forms(procedure):
    return any(item.has_form for item in procedure.dossier_items.all())


@register.filter
def has_fees(procedure):
    return any(channel.fee for channel in procedure.channels.all())
