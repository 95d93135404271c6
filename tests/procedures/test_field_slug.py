import pytest

from procedures.models import Field

pytestmark = pytest.mark.django_db


def test_field_slug_is_made_from_its_name_and_kept_unique():
    first = Field(name="Người có công")
    first.full_clean()
    first.save()
    assert first.slug == "nguoi-co-cong"
    # Another name that folds to the same words gets its own address.
    second = Field.objects.create(name="Nguoi co cong", slug="")
    assert second.slug == "nguoi-co-cong-2"
