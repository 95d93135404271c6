"""The unit's names on each date (docs/glossary.md): one definition, the profile
and its former names, asked through ``CommuneProfile.names_on``."""

import datetime

import pytest

from thachha_portal import demo as portal_demo
from thachha_portal.models import CommuneProfile, FormerName

pytestmark = pytest.mark.django_db
D = datetime.date
TOWN_DESK = "Bộ phận Một cửa thị trấn Thạch Hà"
CENTRE = "Trung tâm Phục vụ hành chính công xã Thạch Hà"


def test_the_demo_names_the_desk_as_it_was_called_on_each_date():
    portal_demo.load(with_users=False)
    profile = CommuneProfile.current()
    assert profile.names_on(D(2021, 12, 31)).desk_name == TOWN_DESK
    assert profile.names_on(D(2025, 6, 30)).desk_name == TOWN_DESK
    assert profile.names_on(D(2025, 7, 1)).desk_name == CENTRE
    assert profile.names_on(D(2026, 12, 5)).desk_name == profile.desk_name == CENTRE
    assert profile.names_on(D(2021, 12, 31)).short_name == "UBND thị trấn Thạch Hà"


def test_a_former_name_without_a_desk_keeps_the_desk_of_the_names_after_it(profile):
    profile.desk_name = CENTRE
    profile.save()
    FormerName.objects.create(
        profile=profile,
        in_force_until=D(2015, 12, 31),
        name="Ủy ban nhân dân thị trấn Thạch Hà",
        short_name="UBND thị trấn Thạch Hà",
    )
    assert CommuneProfile.current().names_on(D(2010, 1, 1)).desk_name == CENTRE
    FormerName.objects.create(
        profile=profile,
        in_force_until=D(2025, 6, 30),
        name="Ủy ban nhân dân thị trấn Thạch Hà",
        short_name="UBND thị trấn Thạch Hà",
        desk_name=TOWN_DESK,
    )
    names = CommuneProfile.current().names_on(D(2010, 1, 1))
    assert names.desk_name == TOWN_DESK and names.short_name == "UBND thị trấn Thạch Hà"


def test_loading_the_demo_again_gives_an_older_install_its_former_desk_name():
    portal_demo.load(with_users=False)
    FormerName.objects.update(desk_name="")
    portal_demo.load(with_users=False)
    assert FormerName.objects.get().desk_name == TOWN_DESK
