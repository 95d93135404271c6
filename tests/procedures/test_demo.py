import io

import pytest

from procedures import demo
from procedures.models import Field, Procedure
from procedures.selectors import catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    demo.load(io.StringIO())


def test_demo_has_real_procedures_in_many_fields_and_loads_once(loaded):
    assert Procedure.objects.published().count() >= 15
    assert Field.objects.filter(procedures__isnull=False).distinct().count() >= 6
    demo.load(io.StringIO())
    assert Procedure.objects.count() == len(demo.RECORDS)


@pytest.mark.parametrize("code", ["1.001193", "1.000894", "2.000815"])
def test_three_demo_procedures_are_complete_in_every_part(loaded, code):
    procedure = Procedure.objects.with_parts().get(code=code)
    for part in ("steps", "channels", "dossier_items", "legal_bases"):
        assert getattr(procedure, part).exists(), part
    for value in (
        procedure.result,
        procedure.conditions,
        procedure.applicants,
        procedure.implementing_agency,
        procedure.decision_number,
        procedure.keywords,
    ):
        assert value
    assert procedure.decision_date is not None


def test_demo_marks_what_is_unverified_and_what_is_posted(loaded):
    assert Procedure.objects.filter(source_note__icontains="chưa kiểm chứng").exists()
    posted = Procedure.objects.filter(posted_at_desk=True)
    assert posted.exists()
    assert not posted.filter(desk_checked_on__isnull=True).exists()


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("dang ky khai sinh", "1.001193"),
        ("làm giấy khai sinh", "1.001193"),
        ("sổ đỏ", "1.013978"),
        ("sao y", "2.000815"),
        ("công chứng", "2.000815"),
        ("giấy độc thân", "1.004873"),
        ("báo tử", "1.000656"),
        ("GPXD", "1.013225"),
        ("giay phep xay dung", "1.013225"),
    ],
)
def test_everyday_searches_find_the_demo_procedure_first(loaded, query, code):
    assert catalogue(query=query).first().code == code
