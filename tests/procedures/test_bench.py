"""The benchmark hook: its pages exist and ``grow`` adds complete, findable
procedures."""

import io

import pytest

from procedures import bench, demo
from procedures.models import Procedure
from procedures.selectors import catalogue
from procedures.services import SEARCH_COLUMNS, search_columns

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    demo.load(io.StringIO())


def test_every_bench_page_answers(client, loaded):
    bench.grow(1)
    for name, path in bench.pages():
        response = client.get(path)
        if response.streaming:
            # Read to the end, as a browser does: a streamed file (the open
            # data) finishes its request only then, and what the request kept
            # must not outlive it.
            b"".join(response.streaming_content)
        assert response.status_code == 200, name
        if name.startswith("search"):
            assert "Thủ tục đăng ký" in response.content.decode(), name


def test_grow_adds_twenty_per_scale_spread_over_fields_with_every_part(loaded):
    before = Procedure.objects.count()
    bench.grow(2)
    extra = Procedure.objects.filter(code__startswith="9.").with_parts()
    assert Procedure.objects.count() == before + 40 == before + extra.count()
    assert extra.values("field").distinct().count() >= 6
    for procedure in extra:
        assert procedure.steps.all() and procedure.channels.all()
        assert procedure.dossier_items.all() and procedure.legal_bases.all()
        stored = {column: getattr(procedure, column) for column in SEARCH_COLUMNS}
        assert stored == search_columns(procedure, procedure.dossier_items.all())
    found = catalogue(query="sang ten so do").pks
    assert extra.filter(pk__in=found).exists()
    bench.grow(1)  # again: new codes, no clash
    assert Procedure.objects.count() == before + 60
