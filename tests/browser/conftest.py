"""Browser tests: Debian's Chromium (/usr/bin/chromium) driven by Playwright against
the live test server, plus the two checkers every page type must pass:
axe-core (injected into the page) and the Nu Html Checker (vnu.jar)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; the ORM calls made by
# the tests themselves are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(settings.BASE_DIR)
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = ROOT / "node_modules/axe-core/axe.min.js"
VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
ARTIFACTS = ROOT / "test-artifacts"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Open a page: ``new_page(viewport=PHONE, javascript=True)``."""
    contexts = []

    def open_page(viewport=DESKTOP, javascript=True, **options):
        context = browser.new_context(
            viewport=viewport,
            java_script_enabled=javascript,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            accept_downloads=True,
            **options,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def site(live_server, profile):
    """The live server's base URL, with the commune profile in place."""
    return live_server.url


def axe_violations(page, impacts=("serious", "critical")):
    """(Open the page with ``bypass_csp=True``: axe is injected as a script.)
    Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page; return the violations
    of the given impacts as readable strings naming the rule and the elements."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"""
    )
    found = []
    for violation in result["violations"]:
        if violation["impact"] in impacts:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
            found.append(
                f"{page.url}: {violation['id']} ({violation['impact']}): "
                f"{violation['help']} — {targets}"
            )
    return found


def html_errors(html, name="page"):
    """Validate HTML with the Nu Html Checker; return its errors as strings."""
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.fail("The Nu Html Checker needs java and `npm install` (vnu-jar)")
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / f"{name}.html"
    target.write_text(html, encoding="utf-8")
    completed = subprocess.run(  # noqa: S603 - fixed command, our own file
        [java, "-jar", str(VNU), "--format", "json", "--exit-zero-always", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(completed.stderr or completed.stdout or '{"messages": []}')
    return [
        f"{name}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages["messages"]
        if m["type"] == "error"
    ]
