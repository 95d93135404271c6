"""Every app's models store text the same way (thachha_portal.models.NFCModel)."""

import unicodedata

import pytest

from bulletins.models import Category
from procedures.models import Field
from tests.bulletins.factories import make_bulletin
from tests.plans.factories import make_plan

pytestmark = pytest.mark.django_db

STORED = "Tuyên truyền cải cách hành chính"
PASTED = f"  {unicodedata.normalize('NFD', STORED)} \n"


def test_pasted_text_is_stored_composed_and_trimmed_in_every_app(profile):
    category = Category.objects.create(name=PASTED, description=PASTED)
    written = {
        category: ["name", "description"],
        make_bulletin(title=PASTED, summary=PASTED, category=category): [
            "title",
            "summary",
        ],
        make_plan(title=PASTED, preamble=PASTED): ["title", "preamble"],
        Field.objects.create(name=PASTED): ["name"],
    }
    profile.desk_name = PASTED
    profile.save()
    written[profile] = ["desk_name"]
    for obj, names in written.items():
        obj.refresh_from_db()
        for name in names:
            assert getattr(obj, name) == STORED, (type(obj).__name__, name)


def test_a_field_slug_is_made_from_its_name_when_cleaned():
    field = Field(name="Đất đai")
    field.full_clean()
    assert field.slug == "dat-dai"


def test_a_choices_label_is_the_active_languages_on_each_call():
    """get_FOO_display() keeps the field's choices from one call to the next
    (NFCModel): the label is still translated for each call's language, and a
    value outside the choices is shown as it is, as Django does."""
    from django.utils import translation

    from plans.models import Activity

    activity = Activity(kind=Activity.Kind.TRAINING)
    labels = []
    for language in ("vi", "en", "vi"):
        with translation.override(language):
            labels.append(activity.get_kind_display())
    assert labels == ["tập huấn", "training", "tập huấn"]
    activity.kind = "khác lạ"
    assert activity.get_kind_display() == "khác lạ"
