"""gunicorn's master warms the portal before forking workers
(thachha_portal/warmup.py); a worker forked from it behaves as a cold one."""

import logging

import pytest
from django.db import OperationalError, connection
from django.template import engines

from tests.procedures.factories import make_procedure
from thachha_portal import templating, warmup
from thachha_portal.search import vocabulary

pytestmark = pytest.mark.django_db(transaction=True)


def _closed():
    """The master holds no connection to the database (an in-memory SQLite
    database of the tests is kept open by Django: closing it would lose it)."""
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    return in_memory or connection.connection is None


def test_every_page_template_is_compiled_and_no_connection_is_left_open(monkeypatch):
    warmup.warm()
    assert _closed()  # a forked worker opens its own

    def unread(*_args):
        raise AssertionError("read again after the warm-up")

    monkeypatch.setattr(templating.JinjaFiles, "get_source", unread)
    env = engines["jinja2"].env
    for name in ("home.jinja", "procedures/procedure_detail.jinja", "search.jinja"):
        assert env.get_template(name).render  # from the compiled copy


def test_a_database_that_does_not_answer_leaves_the_search_words_to_workers(
    monkeypatch, caplog
):
    def down():
        raise OperationalError("connection refused")

    monkeypatch.setattr(vocabulary, "current", down)
    with caplog.at_level(logging.WARNING, logger="thachha_portal.warmup"):
        warmup.warm()  # does not raise: the master starts its workers
    assert "search's words were not read" in caplog.text
    assert _closed()


def test_typo_correction_and_the_forms_widgets_are_ready_after_the_warm_up(
    monkeypatch, profile
):
    """A worker's first search with a typo finds the lexicon's index for typo
    correction built, and its first form finds Django's widget templates
    compiled."""
    import jinja2
    from django.forms.renderers import get_default_renderer

    from procedures.search import INDEX
    from thachha_portal.search import engine, lexicon

    make_procedure("Thủ tục đăng ký khai sinh")
    warmup.warm()
    built = []
    deletions = lexicon._deletions
    monkeypatch.setattr(
        lexicon, "_deletions", lambda word: built.append(word) or deletions(word)
    )
    assert "khai" in engine.lexicon(INDEX).near("khia")
    assert built == ["khia"]  # the word's own variants; no syllable of the index

    def unread(*_args):
        raise AssertionError("read again after the warm-up")

    monkeypatch.setattr(jinja2.FileSystemLoader, "get_source", unread)
    widgets = get_default_renderer().jinja2.env
    assert widgets.get_template("django/forms/widgets/select.html").render
