"""Browser tests: Debian's Chromium (/usr/bin/chromium) driven by Playwright against
the live test server, plus the two checkers every page type must pass:
axe-core (injected into the page) and the Nu Html Checker (vnu.jar).

Helpers for app authors (import them from ``tests.browser.conftest``):

* ``check_page(page, label)`` — axe at 375 px and 1280 px, no sideways scrolling at
  320 px, scrolling tables inside a labelled ``.table-wrap`` region; returns
  problems as strings that name the page and the rule.
* ``html_errors_many({label: html, ...})`` — the Nu Html Checker on many documents;
  the checker runs as a local service started once per test run (the JVM takes
  seconds to start), or, failing that, as one java run per batch
  (``NU_SERVICE=0`` forces the command line).
* ``axe_violations(page)``, ``html_errors(html, name)`` — the single-page forms.
* ``admin_login(page, site, user)`` — log a staff user in through the admin form.
* ``enlarge_text(page, site, how)`` — the text a reader enlarges: the site's A+
  control at its largest (``"A+"``) or the browser's own default font set larger
  (``"browser"``: Chrome's "Very large", Android's text scaling).
"""

import atexit
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
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
NARROW = {"width": 320, "height": 640}  # WCAG 1.4.10 reflow: 1280 px at 400 %
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
STAFF_PASSWORD = "pw-Thach-Ha-2021"  # the password make_staff gives (tests/conftest)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# Rules that count whatever their impact: two landmarks of one name ("moderate"
# for axe) leave a screen reader's list of regions with the same entry twice,
# which docs/accessibility.md forbids.
AXE_ALWAYS = {"landmark-unique"}
# Chrome's "Very large" default font (24 px instead of 16), Android's text scaling.
LARGE_BROWSER_FONT = 24


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items):
    """Every test here is a browser test; under pytest-xdist (make test) they
    all run in one process, one after another: they share its Chromium and
    live server, and two Chromiums would only compete for the two cores with
    the other tests. (Like every test with a live server, pytest-django puts
    them after the tests that roll back, as Django does: their database is
    emptied after each, the migrations' rows with it.)"""
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


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
def site(live_server, profile, settings):
    """The live server's base URL, with the commune profile in place; it is
    the portal's public address (SITE_URL) too."""
    settings.SITE_URL = live_server.url
    return live_server.url


def axe_violations(page, impacts=("serious", "critical"), label=None):
    """(Open the page with ``bypass_csp=True``: axe is injected as a script.)
    Run axe-core (WCAG 2.0/2.1 A and AA rules and best practices) on the page as it
    is now laid out; return the violations of the given impacts, and those of the
    ``AXE_ALWAYS`` rules, as strings naming the page, the rule and the first
    elements."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    where = label or page.url
    width = page.viewport_size["width"] if page.viewport_size else "?"
    found = []
    for violation in result["violations"]:
        if violation["impact"] in impacts or violation["id"] in AXE_ALWAYS:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
            found.append(
                f"{where} @{width}px: axe {violation['id']} ({violation['impact']}): "
                f"{violation['help']} — {targets}"
            )
    return found


def overflow_problems(page, label=None):
    """Sideways scrolling of the whole page, and wide tables that scroll without
    the keyboard-reachable, labelled region around them (see docs/accessibility.md,
    "Patterns for templates")."""
    where = label or page.url
    width = page.viewport_size["width"]
    problems = []
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        wide = page.evaluate(
            """(limit) => {
                const clipped = e => {
                    for (let p = e.parentElement; p && p !== document.body;
                         p = p.parentElement) {
                        if (getComputedStyle(p).overflowX !== 'visible') return true;
                    }
                    return false;
                };
                return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > limit + 1)
                .filter(e => !clipped(e) || getComputedStyle(e).position === 'absolute')
                .slice(0, 3).map(e => e.tagName.toLowerCase()
                    + (e.id ? '#' + e.id : '')
                    + (e.className && typeof e.className === 'string'
                       ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));
            }""",
            width,
        )
        problems.append(
            f"{where} @{width}px: scrolls sideways ({scroll_width}px wide; {wide})"
        )
    bad_wraps = page.evaluate(
        """() => [...document.querySelectorAll('.table-wrap')]
            .filter(w => w.scrollWidth > w.clientWidth + 1)
            .filter(w => w.getAttribute('tabindex') !== '0'
                || w.getAttribute('role') !== 'region'
                || !(w.getAttribute('aria-label') || w.getAttribute('aria-labelledby')))
            .map(w => w.outerHTML.slice(0, 80))"""
    )
    for wrap in bad_wraps:
        problems.append(
            f"{where} @{width}px: table-wrap scrolls but lacks tabindex=0, "
            f'role="region" and a label: {wrap}'
        )
    return problems


def check_page(
    page,
    label=None,
    viewports=(PHONE, DESKTOP),
    impacts=("serious", "critical"),
    reflow=True,
):
    """axe at each viewport (the page is resized, not reloaded) and, with
    ``reflow``, no sideways scrolling at 320 px. The page must have been opened
    with ``bypass_csp=True``. Returns the problems (empty when all is well)."""
    problems = []
    for viewport in viewports:
        page.set_viewport_size(viewport)
        problems += axe_violations(page, impacts=impacts, label=label)
        if reflow:
            problems += overflow_problems(page, label=label)
    if reflow:
        page.set_viewport_size(NARROW)
        problems += overflow_problems(page, label=label)
    return problems


def _safe_name(label):
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", label).strip("_")[:80] or "page"


class _NuService:
    """The Nu checker as a local HTTP service, started once per test run: the JVM
    takes seconds to start, a check then takes a tenth of a second. If it cannot
    start, checks fall back to one command-line run per batch."""

    url = None
    tried = False

    @classmethod
    def start(cls, java):
        if cls.tried or os.environ.get("NU_SERVICE", "1") == "0":
            return cls.url
        cls.tried = True
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        process = subprocess.Popen(  # noqa: S603 - fixed command
            [
                java,
                "-XX:TieredStopAtLevel=1",
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "-cp",
                str(VNU),
                "nu.validator.servlet.Main",
                str(port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        atexit.register(process.terminate)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                    cls.url = f"http://127.0.0.1:{port}/?out=json"
                    break
            except OSError:
                time.sleep(0.2)
        return cls.url

    @classmethod
    def check(cls, html):
        request = urllib.request.Request(  # noqa: S310 - our own local service
            cls.url,
            data=html.encode(),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            return json.load(response)["messages"]


def _nu_command_line(java, target_dir, labels):
    completed = subprocess.run(  # noqa: S603 - fixed command, our own files
        [
            java,
            "-XX:TieredStopAtLevel=1",  # starts quicker; the run is short
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--exit-zero-always",
            *(str(target_dir / name) for name in labels),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(completed.stderr or completed.stdout or '{"messages": []}')
    return [
        (labels.get(m.get("url", "").rsplit("/", 1)[-1], m.get("url", "?")), m)
        for m in messages["messages"]
    ]


def html_errors_many(documents):
    """Validate many HTML documents ({label: html}) with the Nu Html Checker (the
    local service, else one java run for the batch); return its errors as
    "label:line: message" strings. The files stay in test-artifacts/html/ for a
    look after a failure."""
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.fail("The Nu Html Checker needs java and `npm install` (vnu-jar)")
    if not documents:
        return []
    target_dir = ARTIFACTS / "html"
    target_dir.mkdir(parents=True, exist_ok=True)
    labels = {}
    for label, html in documents.items():
        target = (target_dir / f"{_safe_name(label)}.html").resolve()
        target.write_text(html, encoding="utf-8")
        labels[target.name] = label
    if _NuService.start(java):
        found = [
            (label, message)
            for label, html in documents.items()
            for message in _NuService.check(html)
        ]
    else:
        found = _nu_command_line(java, target_dir, labels)
    return [
        f"{label}:{m.get('lastLine', '?')}: Nu: {m['message']}"
        for label, m in found
        if m["type"] in ("error", "non-document-error")
    ]


def html_errors(html, name="page"):
    """Validate one HTML document with the Nu Html Checker; return its errors."""
    return html_errors_many({name: html})


def admin_login(page, site, user, password=STAFF_PASSWORD):
    """Log ``user`` in through the admin login form (as a person would)."""
    page.goto(site + "/quan-tri/login/?next=/quan-tri/")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", password)
    page.press("#id_password", "Enter")
    page.wait_for_url(site + "/quan-tri/")


def enlarge_text(page, site, how):
    """Enlarge the text of ``page`` for the pages it opens next: ``"A+"`` is the
    site's own control at its largest (remembered in localStorage, applied by
    a11y-init.js before the first paint), ``"browser"`` the browser's default font
    at ``LARGE_BROWSER_FONT`` px (what rem, em and ``medium`` are measured from,
    media queries included)."""
    if how == "A+":
        page.goto(site + "/")
        page.evaluate("localStorage.setItem('a11y-size', 'text-larger')")
    elif how == "browser":
        cdp = page.context.new_cdp_session(page)
        cdp.send("Page.enable")
        cdp.send(
            "Page.setFontSizes",
            {"fontSizes": {"standard": LARGE_BROWSER_FONT, "fixed": 20}},
        )
    else:
        raise ValueError(how)
