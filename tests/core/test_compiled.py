"""Querysets whose SQL is built once per shape (thachha_portal/compiled.py): the
same rows and objects as the ORM gives, for any values of their filters, and a
queryset changed after it was marked gets SQL of its own."""

import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bulletins.models import Bulletin
from tests.bulletins.factories import make_bulletin, make_category
from thachha_portal import compiled as compiled_module
from thachha_portal.compiled import compiled

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_shapes():
    compiled_module.forget()
    yield
    compiled_module.forget()


@pytest.fixture
def builds(monkeypatch):
    """How many times the ORM built a SELECT's columns (once per built SQL)."""
    calls = []
    original = SQLCompiler.setup_query

    def counted(self, *args, **kwargs):
        calls.append(self.query.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "setup_query", counted)
    return calls


def _summary(bulletins):
    return [(b.pk, b.title, b.slug, b.category.name) for b in bulletins]


def test_the_same_objects_as_the_orm_for_each_value_asked(builds):
    news = make_category("tin-tuc", "Tin tức")
    notices = make_category("thong-bao", "Thông báo")
    first = make_bulletin(title="Lịch tiếp công dân", category=news)
    second = make_bulletin(title="Thông báo nghỉ lễ", category=notices)
    for bulletin in (first, second, first):
        found = Bulletin.objects.published().select_related("category")
        with CaptureQueriesContext(connection) as queries:
            got = compiled(found).get(slug=bulletin.slug)
        assert len(queries) == 1
        assert _summary([got]) == _summary([found.get(slug=bulletin.slug)])
        # the category came with it, as select_related gives it
        with CaptureQueriesContext(connection) as queries:
            assert got.category.name == bulletin.category.name
        assert not queries
    built_for_compiled = [model for model in builds if model is Bulletin]
    # 3 ORM references + the compiled queryset's first build only
    assert len(built_for_compiled) == 4


def test_a_filter_whose_value_is_the_time_follows_the_time():
    """published() compares with the moment of each call: an item scheduled
    for later appears when its time has come, through the same built SQL."""
    soon = timezone.now() + datetime.timedelta(hours=1)
    make_bulletin(title="Tin đã đăng")
    make_bulletin(title="Tin hẹn giờ", published_at=soon)
    before = compiled(Bulletin.objects.published()).for_list()
    after = compiled(Bulletin.objects.published(now=soon)).for_list()
    assert [b.title for b in before] == ["Tin đã đăng"]
    assert [b.title for b in after] == ["Tin hẹn giờ", "Tin đã đăng"]


def test_a_queryset_changed_after_it_was_marked_has_sql_of_its_own():
    bulletins = [make_bulletin() for _ in range(4)]
    marked = compiled(Bulletin.objects.published()).select_related("category")
    newest_first = list(marked.order_by("-published_at"))
    oldest_first = list(marked.order_by("published_at"))
    assert newest_first == sorted(bulletins, key=lambda b: b.published_at)[::-1]
    assert oldest_first == newest_first[::-1]
    assert list(marked.order_by("published_at")[1:3]) == oldest_first[1:3]
    assert list(marked.order_by("published_at")[:1]) == oldest_first[:1]
    titles = marked.filter(pk=bulletins[0].pk).only("title", "category")
    assert [b.title for b in titles] == [bulletins[0].title]
    assert list(marked.filter(pk__in=[])) == []
    assert marked.count() == 4


def test_what_more_than_filters_makes_goes_through_the_orm():
    make_bulletin(title="Tin một")
    marked = compiled(Bulletin.objects.published())
    annotated = marked.annotate(shown=F("title")).values_list("shown", flat=True)
    assert list(annotated) == ["Tin một"]
    assert marked.exists()
    assert list(marked.values_list("title", flat=True)) == ["Tin một"]
    assert compiled_module._shapes == {}  # none of them was kept
