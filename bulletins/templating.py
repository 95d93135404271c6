"""The news pages' own helpers for their Jinja2 templates
(``thachha_portal/templating.py`` loads them)."""

from django.utils.formats import localize

# ``localize``: a number as Django's templates printed it, in the active
# language's format (the average rating: 3,5 in Vietnamese, 3.5 in English).
FILTERS = {"localize": localize}
