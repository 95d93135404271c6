"""gunicorn's master warms the portal before forking workers
(thachha_portal/warmup.py); a worker forked from it behaves as a cold one."""

import logging

import pytest
from django.db import OperationalError, connection
from django.template import engines

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
