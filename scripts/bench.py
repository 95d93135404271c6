"""HTTP benchmark: the portal at province scale beside a bare Django page.

Usage: make bench [BENCH_ARGS="--quick"]
       .venv/bin/python scripts/bench.py [--quick] [--pages home,dashboard] ...

1. Data: a PostgreSQL database (BENCH_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/thachha_bench) holding the demo grown by the
   apps' bench hooks (procedures/bench.py, bulletins/bench.py, plans/bench.py) to
   province scale: 3,000+ procedures, 20,000+ bulletins, 40,000+ airings and the
   plans activities. Built once, with a progress display; a later run reuses it
   unless the hooks or the volumes changed (or --rebuild). Migrations are applied
   on every run.
2. Servers, all under the same gunicorn settings (the project's gunicorn.conf.py,
   2 sync workers by default, access log off):
   * the portal with production settings (DEBUG off, Redis cache on the shared
     Redis under a key prefix of its own, never flushed), page cache on: "cached";
   * the same with the page cache off (PAGE_CACHE_SECONDS=0): "uncached";
   * a bare reference Django page (scripts/bare_site: a ≈10 KB template, default
     middleware, no database); a static file is fetched from the portal through
     whitenoise.
3. Load: wrk -t2 -c16, a warm-up of every URL, then interleaved rounds (3 × 10 s by
   default) in which each page's runs follow a run of the bare page; medians of
   req/s, p50 and p99, peak RSS per worker, and the ratio to the bare page: the
   median of the rounds' ratios, each to the bare run just before. SQL queries
   and HTML size per page are counted in-process (one uncached request each).

Figures depend on the machine and on what else runs on it: compare runs of the
same day; docs/performance.md records the protocol and the figures.
"""

import argparse
import contextlib
import hashlib
import json
import os
import resource
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
WORK = ROOT / ".bench"  # collected static files (kept between runs, gitignored)
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/thachha_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
WRK = "/usr/bin/wrk"
# The environment the servers start from: this process's own, before Django is set
# up in it (the servers must not inherit its settings module or database).
BASE_ENV = dict(os.environ)
REFERENCE_MARK = "Trang tham chiếu của scripts/bench.py"

# How many times each hook's grow() runs: its unit × this many. Procedures: 20 a
# unit, bulletins: 50 and 100 airings a unit, plans: 200 activities a unit.
VOLUME = {"procedures": 150, "bulletins": 400, "plans": 10}
CHUNK = {"procedures": 10, "bulletins": 10, "plans": 2}

# The page types the issue names, in the order they are printed. Each is
# (name, where the path comes from, name of the page in that hook's pages()).
MAIN_PAGES = [
    ("home", "core", "home"),
    ("catalogue", "procedures", "list"),
    ("procedure", "procedures", "detail"),
    ("procedure print", "procedures", "print sheet"),
    ("news list", "bulletins", "news list"),
    ("bulletin", "bulletins", "bulletin"),
    ("feed", "bulletins", "Atom feed"),
    ("dashboard", "plans", "dashboard"),
    ("drill-down", "plans", "drill-down, activities"),
    ("drill-down of every month", "plans", "drill-down, every month"),
    ("catalogue search", "procedures", "search, no diacritics"),
    ("typo search", "procedures", "search, typo"),
    ("site search", "bulletins", "site search"),
    ("open data", "procedures", "open data JSON"),
]
# Pages asked for as a browser asks for them, beside the same address asked
# for with wrk's bare request (name → the page whose address it is): the open
# data file is 7 MB as such, and every browser and HTTP library (requests,
# curl --compressed) asks for it compressed, which the portal has written once
# per version beside it.
COMPRESSED = {"open data, compressed": "open data"}
BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate, br"}


def request_headers(name):
    """The headers a request for page ``name`` carries besides the proxy's."""
    return BROWSER_HEADERS if name in COMPRESSED else {}


def with_proxy(headers=None):
    """``headers`` and the TLS proxy's, as production's requests carry it."""
    return {"X-Forwarded-Proto": "https", **(headers or {})}


# What the "uncached" server (and the in-process figures) turn off: the page
# cache and the search results cache (a load generator asks the same search again
# and again; people rarely do). What stays on, as in production: the commune
# profile, the per-version figures (news archive counts, plans dashboard figures,
# open-data documents), the search vocabulary in each worker's memory.
UNCACHED = {"PAGE_CACHE_SECONDS": "0", "SEARCH_CACHE_SECONDS": "0"}
TARGETS = {"cached": 3.0, "uncached": 0.5, "dashboard": 0.3, "p99_ms": 150}

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK-JSON {\\"requests\\": %d, \\"duration_us\\": %d, \\"bytes\\": %d, "
    .. "\\"p50_us\\": %d, \\"p99_us\\": %d, \\"max_us\\": %d, "
    .. "\\"errors\\": %d, \\"non2xx\\": %d}\\n",
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


# ---------------------------------------------------------------- data ----------


def _connect(database_url, dbname=None):
    import psycopg

    url = urlparse(database_url)
    return psycopg.connect(
        host=url.hostname or "127.0.0.1",
        port=url.port or 5432,
        user=url.username or "postgres",
        password=url.password,
        dbname=dbname or url.path.lstrip("/"),
        autocommit=True,
    )


def fingerprint():
    """What the data depend on: the volumes and the hooks' code."""
    digest = hashlib.sha256(json.dumps(VOLUME, sort_keys=True).encode())
    for label in VOLUME:
        digest.update((ROOT / label / "bench.py").read_bytes())
    return digest.hexdigest()[:16]


def prepare_database(database_url, rebuild):
    """Create the database if needed; say whether its data must be (re)built.

    The database records what it holds as a comment (COMMENT ON DATABASE); a
    database that holds something else is dropped only if its name says it is
    a benchmark database."""
    name = urlparse(database_url).path.lstrip("/")
    wanted = f"thachha-bench {fingerprint()}"
    with _connect(database_url, "postgres") as admin:
        row = admin.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
            "WHERE datname = %s",
            [name],
        ).fetchone()
        if row is not None and row[0] == wanted and not rebuild:
            return False
        if row is not None:
            if "bench" not in name:
                sys.exit(
                    f"Refusing to drop database {name!r}: its name does not say "
                    "'bench'. Point BENCH_DATABASE_URL at a database of its own."
                )
            print(f"Dropping database {name} (it holds other data)…")
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return True


def mark_database(database_url):
    name = urlparse(database_url).path.lstrip("/")
    with _connect(database_url, "postgres") as admin:
        admin.execute(
            f"COMMENT ON DATABASE \"{name}\" IS 'thachha-bench {fingerprint()}'"
        )


def progress(label, done, total, started):
    width = 30
    filled = int(width * done / total) if total else width
    bar = "#" * filled + "." * (width - filled)
    line = (
        f"  {label:<11} [{bar}] {done:>3}/{total} units  {time.time() - started:5.0f} s"
    )
    if sys.stdout.isatty():
        print("\r" + line, end="" if done < total else "\n", flush=True)
    elif done == total or done % max(1, total // 4) < CHUNK.get(label, 1):
        print(line, flush=True)


def build_data():
    """The demo, then each hook's grow() in chunks, then ANALYZE."""
    from django.core.management import call_command
    from django.db import connection

    from bulletins import bench as bulletins_bench
    from plans import bench as plans_bench
    from procedures import bench as procedures_bench

    print("Loading the demo…", flush=True)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    hooks = {
        "procedures": procedures_bench.grow,
        "bulletins": bulletins_bench.grow,
        "plans": plans_bench.grow,
    }
    print("Growing to province scale (bulk inserts):", flush=True)
    for label, grow in hooks.items():
        total, step, done = VOLUME[label], CHUNK[label], 0
        started = time.time()
        while done < total:
            grow(min(step, total - done))
            done = min(total, done + step)
            progress(label, done, total, started)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def volumes():
    from bulletins.models import Airing, Bulletin
    from plans.models import Activity
    from procedures.models import Procedure

    return {
        "procedures": Procedure.objects.count(),
        "bulletins": Bulletin.objects.count(),
        "airings": Airing.objects.count(),
        "activities": Activity.objects.count(),
    }


# ---------------------------------------------------------------- pages ---------


def all_pages():
    """name → path of every page type; the main ones first."""
    from django.urls import reverse

    from bulletins import bench as bulletins_bench
    from plans import bench as plans_bench
    from procedures import bench as procedures_bench

    by_hook = {
        "core": {
            "home": reverse("home"),
            "about": reverse("about"),
            "sitemap.xml": reverse("sitemap-index"),
            "sitemap of bulletins": reverse(
                "django.contrib.sitemaps.views.sitemap", kwargs={"section": "bulletins"}
            ),
        },
        "procedures": dict(procedures_bench.pages()),
        "bulletins": dict(bulletins_bench.pages()),
        "plans": dict(plans_bench.pages()),
    }
    pages = {}
    for name, hook, key in MAIN_PAGES:
        pages[name] = by_hook[hook].pop(key)
        pages.update((c, pages[name]) for c, of in COMPRESSED.items() if of == name)
    for hook, rest in by_hook.items():
        for key, path in rest.items():
            pages[key if hook == "core" else f"{hook}: {key}"] = path
    return pages


class InProcess(NamedTuple):
    """One page's in-process figures (see count_queries)."""

    queries: int
    size: int
    status: int
    cpu_ms: float
    template_ms: float
    hit_ms: float | None


def count_queries(pages, repeat=5):
    """Per page, in-process: SQL queries, HTML bytes and status of one uncached
    request, the median CPU milliseconds of ``repeat`` uncached requests (this
    process only: the database's own work is not in it) and of the part spent
    rendering templates, and the median CPU milliseconds of a page-cache hit
    (local-memory cache: the cache server's work is not in it either). Uncached
    means as the "uncached" server: page cache and search results cache off
    (see UNCACHED)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    found = {}
    for name, path in pages.items():
        for setting, value in UNCACHED.items():
            setattr(settings, setting, int(value))
        headers = request_headers(name)

        def get(path=path, headers=headers):
            return client.get(path, secure=True, headers=headers)

        get()  # warm this process's lazy state
        with CaptureQueriesContext(connection) as captured:
            response = get()
        count = len(captured)  # now: the next requests empty the log
        body = b"".join(response) if response.streaming else response.content
        uncached, rendering = cpu_ms_and_templates(get, repeat)
        settings.PAGE_CACHE_SECONDS = 300
        get()  # stored
        hit = get().get("X-Page-Cache") == "hit"
        hit_ms = cpu_ms(get, repeat * 4)
        found[name] = InProcess(
            count,
            len(body),
            response.status_code,
            uncached,
            rendering,
            hit_ms if hit else None,
        )
    return found


def cpu_ms_and_templates(call, repeat):
    """The median CPU milliseconds of ``repeat`` calls, and of the part of each
    spent rendering templates (outermost renderings only, of either engine:
    the public pages' Jinja2 templates, Django's for the rest; summed per
    call)."""
    from django.template.backends.jinja2 import Template as JinjaTemplate
    from django.template.base import Template

    depth, rendering = 0, 0.0

    def timed(render):
        def render_timed(self, *args, **kwargs):
            nonlocal depth, rendering
            depth += 1
            start = time.process_time()
            try:
                return render(self, *args, **kwargs)
            finally:
                depth -= 1
                if not depth:
                    rendering += time.process_time() - start

        return render_timed

    templates = []

    def measured():
        nonlocal rendering
        rendering = 0.0
        call()
        templates.append(rendering * 1000)

    renders = {Template: Template.render, JinjaTemplate: JinjaTemplate.render}
    for cls, render in renders.items():
        cls.render = timed(render)
    try:
        spent = cpu_ms(measured, repeat)
    finally:
        for cls, render in renders.items():
            cls.render = render
    return spent, statistics.median(templates)


def cpu_ms(call, repeat):
    spent = []
    for _ in range(repeat):
        start = time.process_time()
        call()
        spent.append((time.process_time() - start) * 1000)
    return statistics.median(spent)


BARE_CPU = """
import statistics, time
import django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
client.get("/")
spent = []
for _ in range(50):
    start = time.process_time()
    client.get("/")
    spent.append((time.process_time() - start) * 1000)
print(statistics.median(spent))
"""


def bare_cpu_ms(secret_key):
    """The bare page's median CPU milliseconds, in-process like count_queries."""
    env = {
        **BASE_ENV,
        "DJANGO_SETTINGS_MODULE": "bare_site.settings",
        "BARE_SECRET_KEY": secret_key,
    }
    completed = subprocess.run(  # noqa: S603
        [sys.executable, "-c", BARE_CPU],
        cwd=SCRIPTS,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(completed.stdout)


# ------------------------------------------------------- CPU per process -------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SERVICES = {"postgres": "PostgreSQL", "redis-server": "Redis"}


def _stat_seconds(stat_text, reaped=True):
    """User + system CPU seconds of a /proc/<pid>/stat line, with its reaped
    children's (``reaped``: a gunicorn master's recycled workers, PostgreSQL's
    ended backends)."""
    fields = stat_text.rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    if reaped:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / CLOCK_TICKS


def service_cpu():
    """CPU seconds so far of the database and cache servers of this machine."""
    found = dict.fromkeys(SERVICES.values(), 0.0)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            text = stat.read_text()
            name = text[text.index("(") + 1 : text.rindex(")")]
            service = SERVICES.get(name)
            if service:
                found[service] += _stat_seconds(text)
    return found


def children_cpu():
    """CPU seconds of this process's ended children (the wrk runs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# ---------------------------------------------------------------- servers -------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    name: str
    app: str
    env: dict
    chdir: Path
    port: int = 0
    process: subprocess.Popen | None = None
    peak_rss_kb: int = 0
    log: Path | None = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, config, tmp):
        self.port = free_port()
        self.log = Path(tmp) / f"{self.name}.log"
        env = {**BASE_ENV, **self.env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "-c",
                str(config),
                "--chdir",
                str(self.chdir),
                self.app,
            ],
            env=env,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, path="/", timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                break
            with contextlib.suppress(OSError):
                fetch(self.base + path)
                return
            time.sleep(0.3)
        sys.exit(f"{self.name} did not start; its log:\n{self.log.read_text()}")

    def workers(self):
        """PIDs of the gunicorn workers (children of the master)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.process.pid:
                    found.append(int(stat.parent.name))
        return found

    def cpu_seconds(self):
        """CPU seconds of the master and of its workers, recycled ones
        included."""
        total = 0.0
        for pid in (self.process.pid, *self.workers()):
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = Path(f"/proc/{pid}/stat").read_text()
                total += _stat_seconds(stat, reaped=pid == self.process.pid)
        return total

    def sample_memory(self):
        for pid in self.workers():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        kb = int(line.split()[1])
                        self.peak_rss_kb = max(self.peak_rss_kb, kb)

    def drain(self, workers, quick=0.25, timeout=120):
        """Wait until the requests wrk left queued are answered (a slow page
        leaves a backlog that would be counted against the next URL): until
        ``workers`` simultaneous requests for a tiny page all answer quickly."""
        deadline = time.time() + timeout
        url = self.base + ("/" if self.name == "bare" else "/robots.txt")
        with ThreadPoolExecutor(workers) as pool:
            while time.time() < deadline:
                started = time.time()
                list(pool.map(lambda _n: fetch(url), range(workers)))
                if time.time() - started < quick:
                    return

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def fetch(url, headers=None):
    request = urllib.request.Request(  # noqa: S310 (http://127.0.0.1 only)
        url, headers=with_proxy(headers)
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status, dict(response.headers), response.read()


def gunicorn_config(tmp, workers, root=ROOT, request_log=None):
    """The gunicorn.conf.py of the checkout at ``root`` with the access log off
    (a log line per request would be measured too) and sync workers. That
    checkout comes first on the path: the file imports the project package, and
    whichever copy it imports is the one every worker serves (``--chdir`` comes
    too late for it). With ``request_log`` (a folder), each worker also writes
    every request's start, end and address there (``REQUEST_HOOKS``)."""
    path = Path(tmp) / f"gunicorn.{hashlib.sha256(bytes(root)).hexdigest()[:8]}.py"
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(root)!r})\n"
        f"exec(open({str(root / 'gunicorn.conf.py')!r}).read())\n"
        "accesslog = None\n"
        f"workers = {workers}\n"
        "threads = 1\n"
        "control_socket_disable = True\n"
        + (
            f"REQUEST_LOG = {str(request_log)!r}\n{REQUEST_HOOKS}"
            if request_log
            else ""
        )
    )
    return path


# ``--request-log``: gunicorn hooks that write, for each request a worker
# answers, when it began and ended in the worker (queueing before it is not
# in it) and its address, to requests-<master pid>-<worker pid>.log. What
# found the site search's long-run tail: each new worker's first search
# (docs/performance.md, *Fourteenth pass*).
REQUEST_HOOKS = """
import os as _os, time as _time
_portal_post_request = globals().get("post_request")
def pre_request(worker, req):
    worker.request_began = _time.time()
def post_request(worker, req, environ, resp):
    if _portal_post_request:
        _portal_post_request(worker, req, environ, resp)
    address = req.path + ("?" + req.query if req.query else "")
    name = f"requests-{_os.getppid()}-{_os.getpid()}.log"
    with open(_os.path.join(REQUEST_LOG, name), "a") as log:
        log.write(f"{worker.request_began:.4f} {_time.time():.4f} {address}\\n")
"""


def read_request_log(folder):
    """The requests of ``--request-log``: (master pid, worker pid, began,
    ended, address), in the order they began."""
    rows = []
    for path in Path(folder).glob("requests-*-*.log"):
        master, worker = (int(n) for n in path.stem.split("-")[1:])
        for line in path.read_text().splitlines():
            began, ended, address = line.split(" ", 2)
            rows.append((master, worker, float(began), float(ended), address))
    return sorted(rows, key=lambda row: row[2])


def slowest_requests(rows, targets, count=3):
    """For each target, lines saying how long its requests took in the
    workers (p50, p99, the longest) and its ``count`` slowest: which worker,
    whether it was that worker's first request for the address, and how long
    after the worker's first request of all."""
    first_seen = {}  # worker, and (worker, address) → its first request's start
    by_address = {}  # (master, address) → its requests
    for row in rows:
        master, worker, began, _ended, address = row
        first_seen.setdefault(worker, began)
        first_seen.setdefault((worker, address), began)
        by_address.setdefault((master, address), []).append(row)
    lines = []
    for target in targets:
        parts = urlparse(target.url)
        address = parts.path + (f"?{parts.query}" if parts.query else "")
        mine = by_address.get((target.server.process.pid, address))
        if not mine:
            continue
        ms = sorted((ended - began) * 1000 for _m, _w, began, ended, _a in mine)
        lines.append(
            f"{target.page} ({target.mode}): {len(ms):,} requests, in the "
            f"workers {ms[len(ms) // 2]:.1f} / {ms[int(len(ms) * 0.99)]:.1f} / "
            f"{ms[-1]:.1f} ms (p50 / p99 / longest)"
        )
        slow = sorted(mine, key=lambda row: row[2] - row[3])[:count]
        for _master, worker, began, ended, _address in slow:
            first = first_seen[(worker, address)] == began
            lines.append(
                f"    {(ended - began) * 1000:.1f} ms, worker {worker}"
                f"{', its first request for this address' if first else ''}, "
                f"{began - first_seen[worker]:.0f} s after its first request"
            )
    return lines


def redis_keys(redis_url, prefix, delete=False):
    """Count (and optionally delete) this benchmark's own keys, never others'."""
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if delete and keys:
        for start in range(0, len(keys), 500):
            client.delete(*keys[start : start + 500])
    return len(keys)


# ---------------------------------------------------------------- load ----------


@dataclass
class Target:
    page: str
    mode: str  # "cached", "uncached" or "reference"
    url: str
    server: Server
    runs: list = field(default_factory=list)
    size: int = 0  # bytes of the body
    stored: bool = True  # a "cached" page the page cache serves (not a search)
    headers: dict = field(default_factory=dict)  # besides the proxy's

    def median(self, key):
        values = [run[key] for run in self.runs]
        return statistics.median(values) if values else 0.0

    def ratio(self):
        """req/s over the bare page's, the median of the rounds' ratios, each
        to the bare page's run just before this page's (``bare_rps``)."""
        values = [run["rps"] / run["bare_rps"] for run in self.runs if run["bare_rps"]]
        return statistics.median(values) if values else 0.0


def wrk(url, seconds, connections, threads, script, headers=None):
    completed = subprocess.run(  # noqa: S603
        [
            WRK,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            *(
                arg
                for name, value in with_proxy(headers).items()
                for arg in ("-H", f"{name}: {value}")
            ),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    for line in completed.stdout.splitlines():
        if line.startswith("WRK-JSON "):
            raw = json.loads(line[len("WRK-JSON ") :])
            return {
                "rps": raw["requests"] / (raw["duration_us"] / 1e6),
                "p50": raw["p50_us"] / 1000,
                "p99": raw["p99_us"] / 1000,
                "requests": raw["requests"],
                "errors": raw["errors"] + raw["non2xx"],
            }
    raise RuntimeError(f"wrk printed no result for {url}:\n{completed.stdout}")


def check_targets(targets):
    """Every URL answers 200; cached ones are served from the page cache."""
    for target in targets:
        status, headers, body = fetch(target.url, target.headers)
        target.size = len(body)
        if status != 200:
            sys.exit(f"{target.page} ({target.mode}): HTTP {status} at {target.url}")
        if target.page == "bare Django page" and REFERENCE_MARK not in body.decode():
            sys.exit(f"The reference server does not serve scripts/bare_site: {body!r}")
        if target.mode == "cached":
            _status, headers, _body = fetch(target.url, target.headers)
            target.stored = headers.get("X-Page-Cache") == "hit"
            if not target.stored:
                print(
                    f"  note: {target.page} is not served from the page cache "
                    "(by design for searches and the open-data files)"
                )


def cpu_by_process(server):
    """CPU seconds so far of ``server``'s workers, the services and wrk."""
    return {"workers": server.cpu_seconds(), **service_cpu(), "wrk": children_cpu()}


def run_load(targets, servers, args, tmp):
    script = Path(tmp) / "report.lua"
    script.write_text(WRK_SCRIPT)

    def load(target, seconds):
        before = cpu_by_process(target.server)
        result = wrk(
            target.url,
            seconds,
            args.connections,
            args.threads,
            script,
            target.headers,
        )
        after = cpu_by_process(target.server)
        result["cpu"] = {name: after[name] - before[name] for name in after}
        target.server.drain(args.workers)
        return result

    print(f"Warm-up: {args.warmup} s per URL…", flush=True)
    for target in targets:
        load(target, args.warmup)
    bare, *others = targets
    groups = [
        [t for t in others if t.page == page]
        for page in dict.fromkeys(t.page for t in others)
    ]
    for number in range(1, args.rounds + 1):
        print(
            f"Round {number}/{args.rounds} ({len(others)} URLs, each page's "
            "runs after one of the bare page)…",
            flush=True,
        )
        for group in groups:
            # The machine's speed moves within minutes: each page is compared
            # with a bare-page run made just before its own.
            reference = load(bare, args.duration)
            reference["bare_rps"] = reference["rps"]
            bare.runs.append(reference)
            for target in group:
                run = load(target, args.duration)
                run["bare_rps"] = reference["rps"]
                target.runs.append(run)
                target.server.sample_memory()
    for server in servers:
        server.sample_memory()


# ---------------------------------------------------------------- report --------


def report(targets, servers, queries, bare_cpu, meta, markdown):
    by_key = {(t.page, t.mode): t for t in targets}
    reference = by_key[("bare Django page", "reference")]

    def cell(target):
        if target is None:
            return "—"
        rps = target.median("rps")
        flag = (
            " !"
            if any(run["errors"] or not run["requests"] for run in target.runs)
            else ""
        )
        return (
            f"{rps:,.0f} ({target.ratio():.2f}×), "
            f"{target.median('p50'):,.0f} / {target.median('p99'):,.0f} ms{flag}"
        )

    lines = []
    if markdown:
        lines += [
            "| page | cached: req/s (× bare), p50 / p99 | uncached: req/s (× bare), "
            "p50 / p99 | queries | CPU ms (templates) | hit CPU ms | KB |",
            "|---|---|---|---|---|---|---|",
        ]
    else:
        lines.append(
            f"{'page':<24} {'cached: req/s (× bare), p50 / p99':<38} "
            f"{'uncached: req/s (× bare), p50 / p99':<38} {'queries':>7} "
            f"{'CPU ms (tpl)':>12} {'hit ms':>6} {'KB':>6}"
        )
    pages = list(dict.fromkeys(t.page for t in targets))
    for page in pages:
        cached, uncached = by_key.get((page, "cached")), by_key.get((page, "uncached"))
        other = by_key.get((page, "reference"))
        figures = queries.get(page)
        count = figures.queries if figures else ""
        cpu = f"{figures.cpu_ms:.1f} ({figures.template_ms:.1f})" if figures else ""
        hit = "" if not figures else "—" if figures.hit_ms is None else figures.hit_ms
        hit = f"{hit:.2f}" if isinstance(hit, float) else hit
        if page == "bare Django page":
            cpu = f"{bare_cpu:.1f}"
        kb = f"{(other or cached or uncached).size / 1024:.1f}"
        first = cell(other) if other else cell(cached)
        second = "" if other else cell(uncached)
        if markdown:
            lines.append(
                f"| {page} | {first} | {second} | {count} | {cpu} | {hit} | {kb} |"
            )
        else:
            lines.append(
                f"{page:<24} {first:<38} {second:<38} {count!s:>7} {cpu:>12} "
                f"{hit:>6} {kb:>6}"
            )
    print()
    print(meta)
    print("\n".join(lines))
    print(
        "\nPeak RSS per worker: "
        + ", ".join(f"{s.name} {s.peak_rss_kb / 1024:.0f} MB" for s in servers)
    )
    print("'!' marks runs with errors, non-2xx answers or no request finished.")
    print(
        "CPU ms: median CPU time of one uncached request in-process (no server; "
        "uncached = page cache and search results cache off); (tpl): the part\n"
        "of it spent rendering templates.\n"
        "hit ms: the same for a page-cache hit ('—': a page never stored, "
        "e.g. a search)."
    )
    print_cpu_split(targets, markdown)
    print(
        f"Bare page: {len(reference.runs)} runs, one before each page's, "
        f"{min(r['rps'] for r in reference.runs):,.0f}–"
        f"{max(r['rps'] for r in reference.runs):,.0f} req/s; × bare: the median "
        "of the rounds' ratios, each to the bare run just before."
    )
    print_verdicts(by_key, pages)


def print_cpu_split(targets, markdown):
    """Where the machine's CPU went per request under load: the server's
    workers, PostgreSQL, Redis and wrk (medians of the runs)."""
    groups = ("workers", *SERVICES.values(), "wrk")

    def per_request(target, group=None):
        return statistics.median(
            1000
            * (run["cpu"][group] if group else sum(run["cpu"].values()))
            / max(run["requests"], 1)
            for run in target.runs
        )

    head = ("page", "server", "all ms", *groups)
    rows = [
        (
            target.page,
            target.mode,
            f"{per_request(target):.2f}",
            *(f"{per_request(target, group):.2f}" for group in groups),
        )
        for target in targets
        if target.runs
    ]
    print("\nCPU per request under load, ms (all processes of the machine's run):")
    if markdown:
        print("| " + " | ".join(head) + " |\n|" + "---|" * len(head))
        print("\n".join("| " + " | ".join(row) + " |" for row in rows))
    else:
        for row in (head, *rows):
            print(f"{row[0]:<24} {row[1]:<10} " + " ".join(f"{v:>10}" for v in row[2:]))


def print_verdicts(by_key, pages):
    missed = []
    for page in pages:
        cached, uncached = by_key.get((page, "cached")), by_key.get((page, "uncached"))
        # The cached target is the page cache's: a search or an open-data file
        # is never stored as a page (its "cached" run is the search results
        # cache, shown but not judged).
        stored = cached and cached.stored
        if stored and cached.ratio() < TARGETS["cached"]:
            missed.append(f"{page} cached < {TARGETS['cached']}×")
        if uncached:
            floor = TARGETS["dashboard" if page == "dashboard" else "uncached"]
            if uncached.ratio() < floor:
                missed.append(f"{page} uncached < {floor}×")
            if uncached.median("p99") >= TARGETS["p99_ms"]:
                missed.append(f"{page} uncached p99 ≥ {TARGETS['p99_ms']} ms")
    print(
        "Targets: all met."
        if not missed
        else "Targets missed:\n  " + "\n  ".join(missed)
    )


# ---------------------------------------------------------------- main ----------


def _modes(text):
    """The page-cache modes asked for: ``both``, or a comma-separated list of
    ``cached`` and ``uncached`` (anything else is refused, not run as none)."""
    modes = ["cached", "uncached"] if text == "both" else text.split(",")
    modes = [mode.strip() for mode in modes]
    if not modes or any(mode not in ("cached", "uncached") for mode in modes):
        raise argparse.ArgumentTypeError(f"{text!r}: say cached, uncached or both")
    return modes


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="1 round of 5 s, 1 s warm-up"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds per run")
    parser.add_argument("--warmup", type=int, default=3, help="seconds per URL")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--pages",
        default="main",
        help="comma-separated page names, 'main' (the issue's list, default) "
        "or 'all' (every page of the hooks, sitemap.xml …)",
    )
    parser.add_argument(
        "--modes",
        type=_modes,
        default="both",
        help="cached, uncached, or both (also written cached,uncached)",
    )
    parser.add_argument("--rebuild", action="store_true", help="rebuild the data")
    parser.add_argument(
        "--portal-root",
        type=Path,
        help="serve the portal from this checkout (a `git worktree add` of an "
        "older commit, say) for a before/after comparison; the data, the page "
        "list and the in-process figures stay this checkout's",
    )
    parser.add_argument("--list", action="store_true", help="list the page names")
    parser.add_argument("--markdown", action="store_true", help="a Markdown table")
    parser.add_argument("--json", type=Path, help="write the raw runs to this file")
    parser.add_argument(
        "--request-log",
        type=Path,
        help="folder where every worker writes each request's start and end; "
        "the slowest of each page are printed (diagnosis: it costs the "
        "workers a file write a request)",
    )
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.duration, args.warmup = 1, 5, 1
    return args


def setup_django(database_url, secret_key):
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "thachha_portal.settings",
            "DATABASE_URL": database_url,
            "DEBUG": "False",
            "SECRET_KEY": secret_key,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CACHE_URL": "locmemcache://bench-build",
            "STATIC_ROOT": str(WORK / "static"),
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _page_names(wanted, known):
    """The names of a comma-separated list, where a name may hold a comma
    itself ("plans: drill-down, a month"): the longest known run of parts."""
    parts = [part.strip() for part in wanted.split(",")]
    names, start = [], 0
    while start < len(parts):
        for stop in range(len(parts), start, -1):
            name = ", ".join(parts[start:stop])
            if name in known or stop == start + 1:
                break
        if name:
            names.append(name)
        start = stop
    return names


def select_pages(pages, wanted):
    if wanted == "all":
        return pages
    if wanted == "main":
        names = [name for name, _hook, _key in MAIN_PAGES]
        return {
            name: path
            for name, path in pages.items()
            if COMPRESSED.get(name, name) in names
        }
    names = _page_names(wanted, pages)
    unknown = [name for name in names if name not in pages]
    if unknown:
        sys.exit(f"Unknown pages: {', '.join(unknown)}. Known: {', '.join(pages)}")
    return {name: pages[name] for name in names}


def main():
    args = parse_args()
    run_started = time.time()
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    if not database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("The benchmark runs on PostgreSQL: set BENCH_DATABASE_URL.")
    dbname = urlparse(database_url).path.lstrip("/")
    prefix = f"bench-{dbname}"
    secret_key = secrets.token_urlsafe(50)

    if not args.list and not Path(WRK).exists():
        sys.exit(f"{WRK} not found: install Debian's wrk (sudo apt-get install wrk).")
    build = prepare_database(database_url, args.rebuild)
    setup_django(database_url, secret_key)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    if build:
        started = time.time()
        build_data()
        mark_database(database_url)
        print(f"Data built in {time.time() - started:.0f} s.")
    else:
        print("Reusing the data built by an earlier run (--rebuild to build again).")
    pages = all_pages()
    if args.list:
        print("\n".join(pages))
        return
    pages = select_pages(pages, args.pages)
    data = volumes()
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.contrib.staticfiles.storage import staticfiles_storage

    static_path = staticfiles_storage.url("css/site.css")
    queries = count_queries(pages)
    for name, figures in queries.items():
        if figures.status != 200:
            sys.exit(f"{name}: HTTP {figures.status} at {pages[name]}")
    connection.close()

    portal_root = (args.portal_root or ROOT).resolve()
    static_root = WORK / "static"
    if portal_root != ROOT:
        static_root, static_path = collect_static_of(portal_root, database_url)
    redis_keys(redis_url, prefix, delete=True)  # the previous run's pages
    portal_env = {
        "DJANGO_SETTINGS_MODULE": "thachha_portal.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "False",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BEHIND_HTTPS_PROXY": "True",
        "CACHE_URL": f"{redis_url}?key_prefix={prefix}",
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "WARNING",
    }
    modes = args.modes
    servers = [
        Server(
            "bare",
            "bare_site.wsgi:application",
            {
                "BARE_SECRET_KEY": secret_key,
                "DJANGO_SETTINGS_MODULE": "bare_site.settings",
            },
            SCRIPTS,
        )
    ]
    if "cached" in modes:
        servers.append(
            Server(
                "cached",
                "thachha_portal.wsgi:application",
                {**portal_env, "PAGE_CACHE_SECONDS": "300"},
                portal_root,
            )
        )
    if "uncached" in modes:
        servers.append(
            Server(
                "uncached",
                "thachha_portal.wsgi:application",
                {**portal_env, **UNCACHED},
                portal_root,
            )
        )
    tmp = tempfile.mkdtemp(prefix="thachha-bench-")
    if args.request_log:
        args.request_log = args.request_log.resolve()
        args.request_log.mkdir(parents=True, exist_ok=True)
    try:
        for server in servers:
            root = portal_root if server.name != "bare" else ROOT
            config = gunicorn_config(tmp, args.workers, root, args.request_log)
            server.start(config, tmp)
        for server in servers:
            server.wait_ready()
        bare, portals = servers[0], servers[1:]
        targets = [
            Target("bare Django page", "reference", bare.base + "/", bare),
            Target(
                "static file (whitenoise)",
                "reference",
                portals[0].base + static_path,
                portals[0],
            ),
        ]
        for name, path in pages.items():
            for server in portals:
                targets.append(
                    Target(
                        name,
                        server.name,
                        server.base + path,
                        server,
                        headers=request_headers(name),
                    )
                )
        check_targets(targets)
        run_load(targets, servers, args, tmp)
    finally:
        for server in servers:
            server.stop()
        with contextlib.suppress(Exception):
            redis_keys(redis_url, prefix, delete=True)
    meta = (
        f"{time.strftime('%Y-%m-%d %H:%M')} · commit {git_commit(portal_root)} · "
        f"{data['procedures']:,} procedures, {data['bulletins']:,} bulletins, "
        f"{data['airings']:,} airings, {data['activities']:,} activities · "
        f"gunicorn {args.workers} sync workers · wrk -t{args.threads} "
        f"-c{args.connections}, {args.rounds} × {args.duration} s, medians · "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    if portal_root != ROOT:
        meta += (
            f"\nPortal served from {portal_root}; the queries and CPU columns are "
            f"of this checkout ({git_commit()})."
        )
    report(targets, servers, queries, bare_cpu_ms(secret_key), meta, args.markdown)
    if args.request_log:
        print(f"\nRequests in the workers ({args.request_log}):")
        for line in slowest_requests(read_request_log(args.request_log), targets):
            print(line)
    print(f"The whole run took {(time.time() - run_started) / 60:.1f} minutes.")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "meta": meta,
                    "runs": [t.__dict__ | {"server": t.server.name} for t in targets],
                    "queries": queries,
                    "peak_rss_kb": {s.name: s.peak_rss_kb for s in servers},
                },
                indent=1,
                default=str,
            )
        )


def collect_static_of(root, database_url):
    """Static files of another checkout, collected with its own settings; the
    address of its site.css."""
    target = WORK / f"static-{git_commit(root)}"
    env = {
        **BASE_ENV,
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(target),
    }
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=root,
        env=env,
        check=True,
    )
    manifest = json.loads((target / "staticfiles.json").read_text())
    return target, "/static/" + manifest["paths"]["css/site.css"]


def git_commit(root=ROOT):
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        return subprocess.run(  # noqa: S603
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    return "unknown"


if __name__ == "__main__":
    main()
