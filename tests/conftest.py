"""Shared fixtures and the suite's calendar and order discipline (docs/testing.md).

* ``--frozen-at=ISO`` (or ``TEST_FROZEN_AT``) runs the whole session with the
  clock travelled to that moment (time-machine, still ticking);
  ``make test-calendar`` runs the fast suite once per awkward moment.
* After every test, state that a later test would read (settings, environment,
  working directory, registries, logging) must be as it was before: a test that
  leaks fails at teardown. The language and time zone a request activated are put
  back to the defaults.

Factories for each app live in tests/<app>/factories.py.
"""

import datetime
import logging
import os
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.template.backends.jinja2 import Template as Jinja2Template
from django.test.signals import template_rendered
from django.utils import timezone, translation

from thachha_portal import caches as cache_backends
from thachha_portal import counters, pagecache, search, visitors
from thachha_portal.models import CommuneProfile, FormerName
from thachha_portal.roles import ROLE_NAMES
from thachha_portal.search import engine as search_engine
from thachha_portal.search import versions

from .sequences import Sequence

# A test's database is its own connection's (a transaction): the counters'
# background thread could not see it, so their database work stays on the request.
counters.BACKGROUND_DATABASE = False

# --- the frozen clock -------------------------------------------------------------


def pytest_addoption(parser):
    parser.addoption(
        "--frozen-at",
        metavar="ISO",
        default=os.environ.get("TEST_FROZEN_AT") or None,
        help="run the session with the clock travelled to this moment, still "
        "ticking (ISO 8601; without an offset, Vietnam time). Also TEST_FROZEN_AT.",
    )


def frozen_moment(text):
    """The aware moment ``text`` names; a naive one is read in Vietnam time."""
    moment = datetime.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(django_settings.TIME_ZONE))
    return moment


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    text = config.getoption("frozen_at")
    if not text:
        return
    try:
        moment = frozen_moment(text)
    except ValueError as error:
        raise pytest.UsageError(f"--frozen-at={text}: {error}") from None
    # tick=True: time still runs from there, so "now" moves on between two saves
    # and ordering by timestamps works as it does on a real clock.
    # In UTC: given a ZoneInfo, time-machine would also set the process's TZ,
    # which Django already sets from TIME_ZONE.
    traveller = time_machine.travel(moment.astimezone(datetime.UTC), tick=True)
    traveller.start()
    config.add_cleanup(traveller.stop)
    config.stash[_FROZEN_AT] = moment


_FROZEN_AT = pytest.StashKey[datetime.datetime]()


def pytest_report_header(config):
    moment = config.stash.get(_FROZEN_AT, None)
    if moment is not None:
        local = moment.astimezone(ZoneInfo(django_settings.TIME_ZONE))
        return (
            f"clock: travelled to {local:%d/%m/%Y %H:%M %z} (Vietnam time), "
            f"{moment.astimezone(datetime.UTC):%d/%m/%Y %H:%M} UTC; ticking"
        )
    return None


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, request):
    """A travelled session has a test database of its own (named after the
    moment), so the passes of make test-calendar run side by side."""
    moment = request.config.stash.get(_FROZEN_AT, None)
    if moment is None:
        return
    for database in django_settings.DATABASES.values():
        if database["ENGINE"] == "django.db.backends.sqlite3":
            continue  # in memory: one per process already
        test = database.setdefault("TEST", {})
        name = test.get("NAME") or f"test_{database['NAME']}"
        test["NAME"] = f"{name}_at_{moment.astimezone(datetime.UTC):%Y%m%d%H%M}"


def pytest_terminal_summary(terminalreporter, config):
    """Last lines of a run: where the clock was, and how to replay the order."""
    moment = config.stash.get(_FROZEN_AT, None)
    if moment is not None:
        terminalreporter.write_line(f"Clock travelled to {moment.isoformat()}")
    if config.pluginmanager.hasplugin("randomly"):
        seed = config.getoption("randomly_seed")
        terminalreporter.write_line(
            f"Random order, seed {seed}: replay with --randomly-seed={seed}"
        )


# --- what a page was drawn from --------------------------------------------------


@pytest.fixture(autouse=True, scope="session")
def jinja_templates_report_their_context():
    """The test client's ``response.context`` is what the view gave its
    template: Django reports it for its own engine's templates
    (``setup_test_environment``), and here for the Jinja2 ones of the public
    pages (thachha_portal/templating.py)."""
    render = Jinja2Template.render

    def reported(self, context=None, request=None):
        template_rendered.send(sender=self, template=self, context=context or {})
        return render(self, context, request)

    Jinja2Template.render = reported
    yield
    Jinja2Template.render = render


# --- no state leaks from one test into another --------------------------------------


def _state():
    return {
        "settings object": id(django_settings._wrapped),
        "settings": {
            name: id(value) for name, value in vars(django_settings._wrapped).items()
        },
        "environment": {
            k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"
        },
        "working directory": os.getcwd(),
        "search providers": dict(search._providers),
        "search indexes": dict(search_engine._indexes),
        "page cache change providers": list(pagecache._next_change_providers),
        "logging disabled at": logging.root.manager.disable,
    }


def _changed_keys(before, after):
    return sorted(
        k for k in before.keys() | after.keys() if before.get(k) != after.get(k)
    )


def _leaks(before, after):
    hints = {
        "settings": "use the settings fixture",
        "environment": "use monkeypatch.setenv",
    }
    leaks = []
    for what, value in after.items():
        if what in hints:
            changed = _changed_keys(before[what], value)
            if changed:
                leaks.append(f"{what} changed ({hints[what]}): {changed}")
        elif value != before[what]:
            leaks.append(f"{what} changed: {before[what]!r} -> {value!r}")
    return leaks


@pytest.fixture(autouse=True)
def _no_leaked_state():
    """Fails a test that leaves state behind for the next one. Session fixtures are
    in place before any function fixture, and function fixtures are undone in
    reverse order, so what this sees after the test is what the next test gets."""
    before = _state()
    yield
    # A request activates its language (as Django's own LocaleMiddleware does) and
    # nothing deactivates it: back to the defaults for the next test.
    translation.activate(django_settings.LANGUAGE_CODE)
    timezone.deactivate()
    leaks = _leaks(before, _state())
    if leaks:
        pytest.fail(
            "the test left state behind for the next one:\n  " + "\n  ".join(leaks)
        )


# --- fixtures -------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache: pages, counters and rate limits (and
    the visitors this process remembers having recorded in it)."""
    cache.clear()
    visitors.forget_seen()
    counters.forget_process_state()
    cache_backends.forget_recovery()
    pagecache.forget_kept()
    versions.forget_unsent()
    yield
    cache_backends.forget_recovery()
    pagecache.forget_kept()
    versions.forget_unsent()
    cache.clear()
    visitors.forget_seen()
    counters.forget_process_state()


@pytest.fixture(autouse=True)
def _fresh_sequences():
    """Numbered test data (slugs, codes) starts again at every test."""
    Sequence.reset_all()


@pytest.fixture(autouse=True)
def _media_root(_no_leaked_state, settings, tmp_path):
    # (after the leak check has looked, before the settings fixture is set up)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SENDFILE_ROOT = str(settings.MEDIA_ROOT)
    settings.DOCUMENTS_DIR = tmp_path / "documents"


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
def names(profile, django_capture_on_commit_callbacks):
    """Names in force: thị trấn under the district until 30/06/2025, then xã
    under the province (committed: the cached profile is dropped)."""
    CommuneProfile.objects.filter(pk=1).update(parent_name="UBND tỉnh Hà Tĩnh")
    with django_capture_on_commit_callbacks(execute=True):
        FormerName.objects.create(
            profile_id=1,
            in_force_until=datetime.date(2025, 6, 30),
            name="Ủy ban nhân dân thị trấn Thạch Hà",
            short_name="UBND thị trấn Thạch Hà",
            parent_name="UBND huyện Thạch Hà",
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
