"""Logging is configured once: each line is printed once, at the configured level."""

import os
import subprocess
import sys

from django.conf import settings

SCRIPT = """
import logging
import django
django.setup()
logging.getLogger("django.request").warning("Not Found: /khong-co/")
logging.getLogger("django.request").info("django detail")
logging.getLogger("plans").info("app detail")
"""


def run_with(**env):
    result = subprocess.run(  # noqa: S603 - fixed command
        [sys.executable, "-c", SCRIPT],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "thachha_portal.settings",
            "SECRET_KEY": "logging-test-secret-key-long-enough-0123456789abcdef",
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stderr.splitlines()


def test_in_development_each_log_line_prints_once():
    lines = run_with(DEBUG="True", LOG_LEVEL="INFO")
    assert lines.count("Not Found: /khong-co/") == 1
    assert lines.count("django detail") == 1
    assert lines.count("app detail") == 1


def test_log_level_applies_to_django_and_the_apps_alike():
    lines = run_with(DEBUG="True", LOG_LEVEL="WARNING")
    assert lines == ["Not Found: /khong-co/"]
