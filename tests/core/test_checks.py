"""A cache the workers do not share is refused in production: ``manage.py
check`` (which ``migrate`` runs) reports it, and gunicorn does not start on it,
as runserver does not start on a check's error (thachha_portal/checks.py)."""

import subprocess
import sys

import pytest
from django.core import checks

from thachha_portal.checks import NOT_SHARED, NOT_SUPPORTED

from .servers import BIN, ROOT, production_env

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
DUMMY = "django.core.cache.backends.dummy.DummyCache"


def found(settings, backend, **options):
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": backend, **options}}
    return [message.id for message in checks.run_checks(tags=[checks.Tags.caches])]


@pytest.mark.parametrize("backend", [LOCMEM, DUMMY])
def test_a_cache_of_each_process_is_an_error_in_production(settings, backend):
    settings.DEBUG = False
    assert NOT_SHARED in found(settings, backend)


def test_while_developing_any_cache_goes(settings):
    settings.DEBUG = True
    assert found(settings, LOCMEM) == []
    assert found(settings, DUMMY) == []


def test_the_two_caches_of_the_portal_pass(settings, tmp_path):
    settings.DEBUG = False
    disk = found(settings, "thachha_portal.caches.DiskCache", LOCATION=str(tmp_path))
    redis = found(
        settings, "thachha_portal.caches.RedisCache", LOCATION="redis://127.0.0.1:9/0"
    )
    assert disk == redis == []


def test_another_shared_cache_is_a_warning(settings, tmp_path):
    settings.DEBUG = False
    files = "django.core.cache.backends.filebased.FileBasedCache"
    assert found(settings, files, LOCATION=str(tmp_path)) == [NOT_SUPPORTED]


def production(cache_url, tmp_path):
    env = production_env(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    env["CACHE_URL"] = cache_url
    return env


def run(command, env):
    return subprocess.run(  # noqa: S603 - the test's own command lines
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.servers
@pytest.mark.parametrize("cache_url", ["locmemcache://", "dummycache://"])
def test_production_refuses_a_cache_of_each_process(cache_url, tmp_path):
    env = production(cache_url, tmp_path)
    checked = run([sys.executable, "manage.py", "check"], env)
    assert checked.returncode == 1
    assert NOT_SHARED in checked.stderr
    assert "PAGE_CACHE_SECONDS=0" in checked.stderr  # how to measure uncached
    # gunicorn loads the application before it forks: it does not start.
    served = run([BIN / "gunicorn", "-c", "gunicorn.conf.py", "--check-config"], env)
    assert served.returncode != 0
    assert "is not shared by the workers" in served.stdout + served.stderr


@pytest.mark.servers
def test_production_starts_with_the_disk_cache(tmp_path):
    env = production("", tmp_path)
    assert run([sys.executable, "manage.py", "check"], env).returncode == 0
    served = run([BIN / "gunicorn", "-c", "gunicorn.conf.py", "--check-config"], env)
    assert served.returncode == 0, served.stderr
