"""Benchmark: request time and query count of the main pages, cold and cached.

Usage: .venv/bin/python scripts/bench.py [--requests N] [--scale K]

Builds a throw-away database (SQLite in a temp folder, or the PostgreSQL database
named by BENCH_DATABASE_URL, which is flushed), loads the demo content, multiplies
the data by --scale (extra procedures, bulletins, airings and activities through
each app's ``bench`` hook when it has one), then requests each page N times with
Django's test client in-process:

* cold: the page cache is off (every request renders), the figure that matters for
  staff and for the first visitor after an edit;
* cached: anonymous page cache on (what most citizens get).

It prints median and 95th-percentile milliseconds and the number of SQL queries.
Figures depend on the machine: compare runs on the same one.
"""

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(database_url):
    os.environ["DJANGO_SETTINGS_MODULE"] = "thachha_portal.settings_test"
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()


def pages():
    """(label, path) of every page type worth timing that exists in this build."""
    from django.urls import NoReverseMatch, reverse

    found = [
        ("home", "/"),
        ("about", reverse("about")),
        ("search", "/tim-kiem/?q=khai+sinh"),
    ]
    for label in ("procedures", "bulletins", "plans"):
        try:
            module = import_module(f"{label}.bench")
        except ModuleNotFoundError:
            continue
        for name, path in module.pages():
            found.append((f"{label}: {name}", path))
    with contextlib.suppress(NoReverseMatch):
        found.append(("sitemap.xml", reverse("django.contrib.sitemaps.views.sitemap")))
    return found


def measure(client, path, requests):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    queries = 0
    status = None
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        queries = len(captured)
        status = response.status_code
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return statistics.median(timings), p95, queries, status


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="thachha-bench-")
    database_url = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3"
    )
    setup_django(database_url)

    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    for label in ("procedures", "bulletins", "plans"):
        try:
            module = import_module(f"{label}.bench")
        except ModuleNotFoundError:
            continue
        module.grow(args.scale)

    print(
        f"database: {connection.vendor}; requests per page: {args.requests}; "
        f"scale: x{args.scale}"
    )
    print(
        f"{'page':<34} {'cold ms (p50/p95)':>18} {'queries':>8} "
        f"{'cached ms (p50/p95)':>20} {'queries':>8}"
    )
    client = Client()
    for label, path in pages():
        settings.PAGE_CACHE_SECONDS = 0
        cache.clear()
        cold = measure(client, path, args.requests)
        settings.PAGE_CACHE_SECONDS = 300
        cache.clear()
        client.get(path)
        warm = measure(client, path, args.requests)
        flag = "" if cold[3] == 200 else f"  (HTTP {cold[3]})"
        print(
            f"{label:<34} {cold[0]:>8.1f} / {cold[1]:>7.1f} {cold[2]:>8} "
            f"{warm[0]:>9.1f} / {warm[1]:>7.1f} {warm[2]:>8}{flag}"
        )


if __name__ == "__main__":
    main()
