import pytest

from .factories import make_category


@pytest.fixture
def category(db):
    return make_category()


@pytest.fixture
def editor(make_staff):
    return make_staff("bientap", "editor")


@pytest.fixture
def approver(make_staff):
    return make_staff("lanhdao", "approver")


@pytest.fixture
def announcer(make_staff):
    return make_staff("phatthanh", "announcer")


@pytest.fixture
def moderator(make_staff):
    return make_staff("kiemduyet", "moderator")
