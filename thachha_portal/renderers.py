"""How forms draw their fields.

Django ships its form and widget templates twice, for its own template
language and for Jinja2, and keeps the two in step. The Jinja2 ones render
the same HTML (less the blank lines between a select's options) in a fraction
of the time: a public page's dozen fields cost 1–5 ms of CPU through the
Django ones, most of a cheap page's budget (docs/performance.md, *Fifth
pass*). Every other template a form names — the admin's widgets, any of
ours — still comes from the Django engine, as with Django's default renderer.
"""

from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.template.backends.jinja2 import Jinja2
from django.utils.functional import cached_property

DJANGO_FORMS = "django/forms/"


class FormRenderer(DjangoTemplates):
    """Django's own form and widget templates through Jinja2; the rest as
    Django's default renderer finds them."""

    @cached_property
    def jinja2(self):
        return Jinja2(
            {
                "APP_DIRS": False,
                "DIRS": [Path(django.forms.__file__).parent / "jinja2"],
                "NAME": "djangoforms-jinja2",
                "OPTIONS": {},
            }
        )

    def get_template(self, template_name):
        if template_name.startswith(DJANGO_FORMS):
            return self.jinja2.get_template(template_name)
        return super().get_template(template_name)
