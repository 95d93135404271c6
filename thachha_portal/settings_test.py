"""Settings for the test suite: the real settings, made fast and deterministic.

No ``.env`` is read (``ENV_FILE`` empty, inherited by the servers and commands the
tests start): a developer's ``.env`` must never change a test's result. What a
test needs it sets itself; ``DATABASE_URL`` comes from the command line
(``DATABASE_URL=… make test``)."""

import os

os.environ["ENV_FILE"] = ""
os.environ.setdefault(
    "SECRET_KEY", "test-only-secret-key-that-is-long-enough-0123456789"
)

from .settings import *  # noqa: E402,F403
from .settings import CACHES  # noqa: E402

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    **CACHES,
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
# The public address is the test client's host, as an install's SITE_URL is the
# name it serves; a test of another address sets it (browser tests: the live
# server's, tests/browser/conftest.py).
SITE_URL = "http://testserver"
