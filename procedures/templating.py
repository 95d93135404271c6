"""What the procedures' Jinja2 templates use besides the environment's own
(thachha_portal/templating.py loads ``GLOBALS`` and ``FILTERS``). The parts of a
procedure are read through the models (``Procedure.channel_rows()``,
``DossierItem.counts`` …)."""

import functools

import jinja2
import segno
from django.utils.html import escape
from django.utils.safestring import mark_safe

from thachha_portal.addresses import site_address


@jinja2.pass_context
def qr_code(context, path, label):
    """A crisp vector QR code (inline SVG, styled by classes only: the CSP forbids
    style attributes) pointing at the absolute address of ``path``:
    ``{{ qr_code(procedure.get_absolute_url(), label) }}``, from SITE_URL
    (``addresses.site_address``): a sheet printed from a page opened as
    localhost or by the server's IP address must still lead to the portal."""
    return _qr_svg(site_address(path, context["request"]), label)


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


GLOBALS = {"qr_code": qr_code}
