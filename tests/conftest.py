"""Shared fixtures. Factories for each app live in tests/<app>/factories.py."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

from thachha_portal import visitors
from thachha_portal.models import CommuneProfile
from thachha_portal.roles import ROLE_NAMES

from .sequences import Sequence


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache: pages, counters and rate limits (and
    the visitors this process remembers having recorded in it)."""
    cache.clear()
    visitors.forget_seen()
    yield
    cache.clear()
    visitors.forget_seen()


@pytest.fixture(autouse=True)
def _fresh_sequences():
    """Numbered test data (slugs, codes) starts again at every test."""
    Sequence.reset_all()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SENDFILE_ROOT = str(settings.MEDIA_ROOT)


@pytest.fixture
def profile(db):
    return CommuneProfile.objects.create(
        name="Ủy ban nhân dân xã Thạch Hà",
        short_name="UBND xã Thạch Hà",
        former_name="thị trấn Thạch Hà",
        address="xã Thạch Hà, tỉnh Hà Tĩnh",
        phone="0239 3845 123",
        email="ubnd@example.vn",
        hotline="0239 1022",
        desk_address="Trụ sở UBND xã",
        desk_hours="Thứ Hai – Thứ Sáu: 7:00 – 17:00",
    )


@pytest.fixture
def make_staff(db):
    """Build a staff user holding the given role keys (see thachha_portal/roles.py)."""

    def make(username="staff", *roles, superuser=False):
        user = get_user_model().objects.create_user(
            username=username,
            password="pw-Thach-Ha-2021",
            is_staff=True,
            is_superuser=superuser,
        )
        user.groups.set(Group.objects.filter(name__in=[ROLE_NAMES[r] for r in roles]))
        return user

    return make
