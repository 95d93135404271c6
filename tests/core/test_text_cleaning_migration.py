"""Rows saved before stored text lost XML's refused control characters are
cleaned by a migration (thachha_portal 0009): afterwards the
feeds answer and read, and nothing else in those rows, or in other rows, changes."""

import importlib

import feedparser
import pytest
from django.apps import apps
from django.utils.xmlutils import UnserializableContentError

from bulletins.models import Bulletin
from plans.models import Plan
from procedures.models import Procedure

from ..bulletins.factories import make_bulletin
from ..plans.factories import make_plan
from ..procedures.factories import make_procedure

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "thachha_portal.migrations.0009_text_without_control_characters"
)


def run():
    migration.clean(apps, None)


def test_old_bulletins_lose_words_breaks_and_the_feeds_read_again(client, profile):
    pasted = make_bulletin(title="Tin cũ")
    untouched = make_bulletin(title="Tin\tcó tab", summary="Dòng một\r\ndòng hai")
    # As saved before: an update() skips the normalisation that save() does now.
    Bulletin.objects.filter(pk=pasted.pk).update(
        title="Tin dán\x0btừ Word", summary="Dòng một\x0bdòng hai\x0c\x01\x1f hết"
    )
    with pytest.raises(UnserializableContentError):  # a 500 for a visitor
        client.get("/tin-tuc/rss/")

    run()

    pasted.refresh_from_db()
    assert pasted.title == "Tin dán\ntừ Word"
    assert pasted.summary == "Dòng một\ndòng hai\n hết"
    before = (untouched.title, untouched.summary, untouched.body, untouched.slug)
    untouched.refresh_from_db()
    assert (
        untouched.title,
        untouched.summary,
        untouched.body,
        untouched.slug,
    ) == before
    for url in ("/tin-tuc/rss/", "/tin-tuc/atom/"):
        response = client.get(url)
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert "Tin dán\ntừ Word" in [e.title for e in feed.entries] or (
            "Tin dán từ Word" in [e.title for e in feed.entries]
        )


def test_procedures_and_plans_are_cleaned_too(profile):
    procedure = make_procedure()
    plan = make_plan()
    Procedure.objects.filter(pk=procedure.pk).update(name="Thủ tục\x0c dán\x02")
    Plan.objects.filter(pk=plan.pk).update(title="Kế hoạch\x0bnăm")
    run()
    procedure.refresh_from_db()
    plan.refresh_from_db()
    assert procedure.name == "Thủ tục\n dán"
    assert plan.title == "Kế hoạch\nnăm"
