"""English UI keeps the Vietnamese date order, so printed dates never change meaning."""

from thachha_portal.formats.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
