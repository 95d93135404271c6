"""Full-page screenshots of the main pages at phone (375 px) and desktop (1280 px)
width, for the README and for design review.

    .venv/bin/python scripts/screenshots.py             # demo server of its own
    .venv/bin/python scripts/screenshots.py --url http://127.0.0.1:8000

Without ``--url`` it starts its own server: a temporary SQLite database, migrated,
with the demo content (``load_demo``), ``runserver`` on a free port; it stops it
afterwards. ``--database-url`` uses an existing database instead (migrated, no demo
content loaded). Pages that do not exist yet (404) are skipped.

Every shot goes to screenshots-tmp/ (not committed); the README's few shots
(``--readme-pages``) are also written, cropped and palette-reduced to stay small,
to docs/screenshots/, and the gallery between the screenshots markers in README.md
is rewritten to show them.
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALL_DIR = ROOT / "screenshots-tmp"
README_DIR = ROOT / "docs/screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WIDTHS = {"mobile": (375, 740), "desktop": (1280, 900)}
README = ROOT / "README.md"
README_PAGES = "home,procedure,news,dashboard"
README_START = "<!-- screenshots:start (written by scripts/screenshots.py) -->"
README_END = "<!-- screenshots:end -->"
MAX_HEIGHT = {"mobile": 4200, "desktop": 2600}  # README images are cropped here


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own server
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server did not answer at {url}")


def start_server(database_url=None):
    """Migrate (and fill with demo content, for a temporary database), then
    runserver on a free port. Returns (base URL, process, temporary dir)."""
    tmp = tempfile.TemporaryDirectory(prefix="thachha-shots-")
    env = {
        **os.environ,
        "DEBUG": "True",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "screenshots-only-" + "x" * 40),
        "DATABASE_URL": database_url or f"sqlite:///{tmp.name}/db.sqlite3",
        "MEDIA_ROOT": f"{tmp.name}/media",
        "CACHE_URL": "locmemcache://screenshots",
        "SECURE_SSL_REDIRECT": "False",
        "DJANGO_SETTINGS_MODULE": "thachha_portal.settings",
    }
    python = sys.executable
    manage = [python, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)  # noqa: S603
    if not database_url:
        subprocess.run(  # noqa: S603
            [*manage, "load_demo"], env=env, check=True, stdout=subprocess.DEVNULL
        )
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/")
    except SystemExit:
        server.terminate()
        raise
    return base, server, tmp


def first_link(page, base, pattern):
    """The first link in <main> whose path matches the regular expression."""
    hrefs = page.eval_on_selector_all(
        "main a[href]", "links => links.map(a => a.getAttribute('href'))"
    )
    for href in hrefs:
        path = href.removeprefix(base)
        if re.fullmatch(pattern, path):
            return base + path
    return None


def page_list(page, base):
    """(name, url) of the pages to shoot; detail pages are found by following
    the first matching link, so that the script needs no knowledge of the data
    (a procedure code has digits; a news item is /tin-tuc/<slug>/)."""
    pages = [("home", base + "/")]
    pages.append(("procedures", base + "/thu-tuc/"))
    response = page.goto(base + "/thu-tuc/")
    detail = (
        response and response.ok and first_link(page, base, r"/thu-tuc/[^/]*\d[^/]*/")
    )
    if detail:
        pages.append(("procedure", detail))
        page.goto(detail)
        printable = first_link(page, base, r"/thu-tuc/[^/]+/(in|print)/")
        if printable:
            pages.append(("procedure-print", printable))
    pages.append(("news", base + "/tin-tuc/"))
    response = page.goto(base + "/tin-tuc/")
    detail = (
        response
        and response.ok
        and first_link(page, base, r"/tin-tuc/(?!chuyen-muc/|\d{4}/)[^/?#]+/")
    )
    if detail:
        pages.append(("news-detail", detail))
    pages += [
        ("dashboard", base + "/ke-hoach/"),
        ("about", base + "/gioi-thieu/"),
        ("accessibility", base + "/kha-nang-tiep-can/"),
        ("search", base + "/tim-kiem/?q=khai+sinh"),
    ]
    return pages


def shrink_png(data, max_height):
    """Crop to ``max_height`` and store as an 8-bit palette PNG if
    Pillow is installed; otherwise keep Chromium's PNG as it is."""
    try:
        from PIL import Image
    except ImportError:
        return data
    import io

    image = Image.open(io.BytesIO(data)).convert("RGB")
    if image.height > max_height:
        image = image.crop((0, 0, image.width, max_height))
    image = image.quantize(colors=96, method=Image.Quantize.MEDIANCUT, dither=0)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def write_gallery(names):
    """Rewrite the README's gallery: one row per page, phone and desktop."""
    rows = [
        "| page | phone (375 px) | desktop (1280 px) |",
        "|---|---|---|",
    ]
    for name in names:
        phone = README_DIR / f"{name}-mobile.png"
        desktop = README_DIR / f"{name}-desktop.png"
        if not (phone.exists() and desktop.exists()):
            continue
        cells = [
            f'<img src="{path.relative_to(ROOT)}" alt="{name}, {label}" '
            f'width="{width}">'
            for path, label, width in (
                (phone, "375 px", 188),
                (desktop, "1280 px", 480),
            )
        ]
        rows.append(f"| {name} | {cells[0]} | {cells[1]} |")
    text = README.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text:
        print("README.md has no screenshots markers: gallery not written")
        return
    head, rest = text.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    block = "\n".join([README_START, *rows, README_END])
    README.write_text(head + block + tail, encoding="utf-8")
    print(f"README.md gallery: {len(rows) - 2} pages")


def shoot(base, readme_pages=()):
    from playwright.sync_api import sync_playwright

    ALL_DIR.mkdir(exist_ok=True)
    README_DIR.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        page = context.new_page()
        pages = page_list(page, base)
        for name, url in pages:
            for width_name, (width, height) in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": height})
                response = page.goto(url)
                if response is None or response.status == 404:
                    print(f"skip  {name:16} {url} (404)")
                    break
                data = page.screenshot(full_page=True)
                target = ALL_DIR / f"{name}-{width_name}.png"
                target.write_bytes(data)
                line = f"saved {target.relative_to(ROOT)} ({len(data) // 1024} KB)"
                if name in readme_pages:
                    small = README_DIR / f"{name}-{width_name}.png"
                    small.write_bytes(shrink_png(data, MAX_HEIGHT[width_name]))
                    line += f", {small.relative_to(ROOT)} "
                    line += f"({small.stat().st_size // 1024} KB)"
                print(line)
        browser.close()
    if readme_pages:
        write_gallery(readme_pages)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="shoot a server that is already running")
    parser.add_argument("--database-url", help="serve this database (no demo load)")
    parser.add_argument(
        "--readme-pages",
        default=README_PAGES,
        help=f"pages shown in README.md, comma-separated (default {README_PAGES}; "
        "empty: leave docs/screenshots/ and README.md alone)",
    )
    args = parser.parse_args()
    readme_pages = [name for name in args.readme_pages.split(",") if name]
    if args.url:
        shoot(args.url.rstrip("/"), readme_pages)
        return
    base, server, tmp = start_server(args.database_url)
    try:
        shoot(base, readme_pages)
    finally:
        server.terminate()
        server.wait(timeout=10)
        tmp.cleanup()


if __name__ == "__main__":
    main()
