"""What a worker would otherwise do at its first requests, done once in
gunicorn's master before it forks the workers (gunicorn.conf.py: the app is
preloaded, then ``warm()`` runs in ``when_ready``).

A worker's first page costs 50 to 250 ms more than the next ones: compiling
the page's templates and the forms' widget templates, reading the translation
catalogues, filling the URL resolver, reading the search vocabulary and each
index's lexicon (the news index reads every title), building the lexicon's
index for typo correction. gunicorn replaces each worker after
``max_requests`` requests, so under load a worker is new every ten to twenty
seconds and pays that again. Done in the master, every worker, first or
replacement, starts with it, and shares those pages of memory with the others.

What is read from the database is kept with its version stamp, as in a worker
(search/versions.py): a worker forked after an edit reads it again. The
master's connections are closed before any worker is forked; a database or
cache that does not answer leaves the rest to the workers, as before.
"""

import logging

from django.conf import settings
from django.db import connections
from django.forms.renderers import get_default_renderer
from django.template import engines
from django.urls import get_resolver
from django.utils import translation

from thachha_portal.renderers import FormRenderer

logger = logging.getLogger(__name__)


def warm():
    """Compile the pages' templates and the forms' widget templates, read the
    catalogues and the addresses, then (if the database answers) the search
    vocabulary and lexicons, with their index for typo correction."""
    jinja = engines["jinja2"].env
    for name in jinja.list_templates(extensions=["jinja"]):
        jinja.get_template(name)
    forms = get_default_renderer()
    if isinstance(forms, FormRenderer):  # Django's widget templates, through Jinja2
        widgets = forms.jinja2.env
        for name in widgets.list_templates(extensions=["html"]):
            widgets.get_template(name)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Home")
    get_resolver().reverse_dict  # noqa: B018 - fills the resolver's tables
    try:
        from thachha_portal.search import engine, vocabulary

        vocabulary.current()
        for index in engine.indexes():
            engine.lexicon(index).correction_index()
    except Exception:  # the workers will read them when the services answer
        logger.warning("Warm-up: the search's words were not read", exc_info=True)
    finally:
        connections.close_all()
