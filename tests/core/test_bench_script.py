"""scripts/bench.py: the page types it loads, and its reference page, the bare
≈10 KB page the figures are compared with."""

import gzip
import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from bulletins import demo as bulletins_demo
from plans import demo as plans_demo
from scripts import bench

ROOT = Path(__file__).resolve().parents[2]


def test_modes_are_both_or_named_and_anything_else_is_refused():
    """``--modes both`` (as its help says) ran no portal at all and failed on
    an IndexError."""
    assert bench._modes("both") == bench._modes("cached,uncached")
    assert bench._modes("both") == ["cached", "uncached"]
    assert bench._modes("uncached") == ["uncached"]
    with pytest.raises(Exception, match="cached, uncached or both"):
        bench._modes("cahced")


@pytest.mark.django_db
def test_the_benchmark_names_every_page_type_it_loads(profile):
    """The names map to the hooks' pages (each hook's tests/*/test_bench.py
    checks that its pages answer)."""
    bulletins_demo.load()
    plans_demo.load()
    pages = bench.all_pages()
    main = [name for name, _hook, _key in bench.MAIN_PAGES]
    assert list(pages)[: len(main)] == main
    assert pages["home"] == "/" and pages["feed"] == "/tin-tuc/atom/"
    assert pages["sitemap of bulletins"] == "/sitemap-bulletins.xml"
    assert {"procedures: field print", "plans: plan document"} <= set(pages)
    assert bench.select_pages(pages, "home,dashboard") == {
        "home": "/",
        "dashboard": pages["dashboard"],
    }
    month = "plans: drill-down, a month"  # a name with a comma of its own
    assert list(bench.select_pages(pages, f"home, {month},dashboard")) == [
        "home",
        month,
        "dashboard",
    ]


@pytest.mark.django_db
def test_the_open_data_file_is_also_asked_for_as_a_browser_asks(client, profile):
    """Beside wrk's bare request, the 7 MB file is loaded as browsers and HTTP
    libraries ask for it, compressed: the same address, the same document."""
    bulletins_demo.load()
    plans_demo.load()
    pages = bench.all_pages()
    names = list(pages)
    assert names[names.index("open data") + 1] == "open data, compressed"
    assert pages["open data, compressed"] == pages["open data"]
    assert "open data, compressed" in bench.select_pages(pages, "main")

    def get(name):
        return client.get(pages[name], headers=bench.request_headers(name))

    plain, zipped = get("open data"), get("open data, compressed")
    assert "Content-Encoding" not in plain
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(b"".join(zipped)) == b"".join(plain)


def test_reference_page_is_about_ten_kilobytes_without_a_database():
    code = (
        "import django; django.setup()\n"
        "from django.db import connections\n"
        "from django.test import Client\n"
        "response = Client(HTTP_HOST='127.0.0.1').get('/')\n"
        "engine = connections['default'].settings_dict['ENGINE']\n"
        "print(response.status_code, len(response.content), engine)\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bare_site.settings",
        "BARE_SECRET_KEY": "reference-page-test-key",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT / "scripts",
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    status, size, database = result.stdout.split()
    assert status == "200"
    assert 9_000 <= int(size) <= 11_000
    assert database == "django.db.backends.dummy"  # no database configured


@pytest.mark.django_db
def test_the_template_share_of_a_page_is_measured_and_the_engine_left_as_found(
    client, profile, settings
):
    from django.template.backends.jinja2 import Template as JinjaTemplate
    from django.template.base import Template

    settings.PAGE_CACHE_SECONDS = 0  # as the benchmark's "uncached"
    renders = (Template.render, JinjaTemplate.render)
    # a public page (Jinja2) and an admin page (Django's engine)
    for path in ("/kha-nang-tiep-can/", "/quan-tri/login/"):
        page, page_templates = bench.cpu_ms_and_templates(
            lambda path=path: client.get(path), 3
        )
        assert 0 < page_templates <= page, path
    bare, bare_templates = bench.cpu_ms_and_templates(lambda: client.get("/healthz"), 3)
    assert bare_templates == 0
    assert (Template.render, JinjaTemplate.render) == renders


def test_the_cpu_a_process_spends_is_read_from_proc():
    stat = Path("/proc/self/stat")
    before = bench._stat_seconds(stat.read_text(), reaped=False)
    started = time.process_time()
    while time.process_time() - started < 0.3:
        pass
    assert bench._stat_seconds(stat.read_text(), reaped=False) - before >= 0.2


def test_the_cpu_split_is_per_request_and_per_process(capsys):
    target = bench.Target("home", "uncached", "http://x/", None)
    cpu = {"workers": 2.0, "PostgreSQL": 0.5, "Redis": 0.1, "wrk": 0.4}
    target.runs = [{"cpu": cpu, "requests": 1000}]
    bench.print_cpu_split([target], markdown=True)
    assert (
        "| home | uncached | 3.00 | 2.00 | 0.50 | 0.10 | 0.40 |"
        in capsys.readouterr().out
    )


def test_the_cached_target_judges_only_pages_the_page_cache_serves(capsys):
    """A search is never stored as a page: its "cached" run (the search
    results cache) is shown, not judged against the page cache's 3×; its
    uncached run is judged as any page's."""

    def target(page, mode, rps, stored=True):
        found = bench.Target(page, mode, "http://x/", None, stored=stored)
        found.runs = [{"rps": rps, "p99": 50, "bare_rps": 100}]
        return found

    by_key = {
        ("home", "cached"): target("home", "cached", 100),
        ("home", "uncached"): target("home", "uncached", 60),
        ("typo search", "cached"): target("typo search", "cached", 100, False),
        ("typo search", "uncached"): target("typo search", "uncached", 20),
    }
    bench.print_verdicts(by_key, ["home", "typo search"])
    out = capsys.readouterr().out
    assert "home cached < 3.0×" in out
    assert "typo search cached" not in out
    assert "typo search uncached < 0.5×" in out
    assert "home uncached" not in out


def test_each_page_is_compared_with_a_bare_run_made_just_before_its_own(
    monkeypatch, tmp_path
):
    """The machine's speed moves within minutes: every round runs the bare page
    again before each page's runs, and a page's ratio is the median of its
    rounds' ratios to those runs, not to the bare page's median."""
    order = []
    speed = iter([100, 50, 40, 200, 100, 80, 100, 60, 50] * 3)

    def wrk(url, *_args, **_kwargs):
        order.append(url)
        return {"rps": next(speed), "p50": 1, "p99": 2, "requests": 1, "errors": 0}

    class Server:
        def drain(self, workers):
            pass

        def sample_memory(self):
            pass

    monkeypatch.setattr(bench, "wrk", wrk)
    monkeypatch.setattr(bench, "cpu_by_process", lambda _server: {})
    server = Server()
    bare = bench.Target("bare Django page", "reference", "bare", server)
    home = [
        bench.Target("home", m, f"home {m}", server) for m in ("cached", "uncached")
    ]
    args = SimpleNamespace(warmup=0, rounds=1, duration=1, workers=2)
    args.connections, args.threads = 16, 2
    bench.run_load([bare, *home], [server], args, tmp_path)
    warm_up = ["bare", "home cached", "home uncached"]
    assert order == warm_up + ["bare", "home cached", "home uncached"]
    assert [run["bare_rps"] for run in home[0].runs] == [200]
    assert home[0].ratio() == 0.5 and home[1].ratio() == 0.4

    # Three rounds on a machine whose speed moves: a page as fast as five
    # bare pages in two rounds of three is 5× (against the median bare run,
    # 2,000 req/s would read 3.3×).
    order.clear()
    args.rounds = 3
    speed = iter([1] * 3 + [400, 2000, 200, 800, 4000, 400, 600, 1800, 300])
    for target in (bare, *home):
        target.runs = []
    bench.run_load([bare, *home], [server], args, tmp_path)
    assert home[0].ratio() == 5.0 and home[1].ratio() == 0.5


def test_a_checkout_compared_is_served_with_its_own_project_package(tmp_path):
    """``--portal-root``: the gunicorn settings file imports the project package,
    so the checkout compared must come first when it is read, even when the
    benchmark runs from this checkout (the current directory)."""
    other = tmp_path / "before"
    (other / "thachha_portal").mkdir(parents=True)
    (other / "thachha_portal" / "__init__.py").write_text("")
    (other / "gunicorn.conf.py").write_text(
        "import thachha_portal\norigin = thachha_portal.__file__\n"
    )
    config = bench.gunicorn_config(tmp_path, 2, other)
    read = f"exec(open({str(config)!r}).read())\nprint(origin, workers, threads)"
    shown = subprocess.run(  # noqa: S603
        [sys.executable, "-c", read], cwd=ROOT, capture_output=True, text=True
    )
    assert shown.stdout.split() == [
        str(other / "thachha_portal" / "__init__.py"),
        "2",
        "1",
    ]


def test_the_request_log_writes_each_request_a_worker_answers(tmp_path):
    """``--request-log``: gunicorn hooks that keep the portal's own
    ``post_request`` and write when each request began and ended in the worker,
    and its address, to a file named by the master and the worker."""
    root = tmp_path / "portal"
    root.mkdir()
    (root / "gunicorn.conf.py").write_text(
        "calls = []\n"
        "def post_request(worker, req, environ, resp):\n"
        "    calls.append(req.path)\n"
    )
    folder = tmp_path / "requests"
    folder.mkdir()
    config = bench.gunicorn_config(tmp_path, 2, root, folder)
    served = (
        "import os, types\n"
        f"exec(open({str(config)!r}).read())\n"
        "worker = types.SimpleNamespace()\n"
        "req = types.SimpleNamespace(path='/tim-kiem/', query='q=khai+sinh')\n"
        "pre_request(worker, req)\n"
        "post_request(worker, req, {}, None)\n"
        "print(calls, os.getppid(), os.getpid())\n"
    )
    shown = subprocess.run(  # noqa: S603
        [sys.executable, "-c", served], capture_output=True, text=True, check=True
    )
    calls, master, worker = shown.stdout.split()
    assert calls == "['/tim-kiem/']"
    [(*pids, began, ended, address)] = bench.read_request_log(folder)
    assert pids == [int(master), int(worker)]
    assert address == "/tim-kiem/?q=khai+sinh"
    assert began <= ended


def test_the_slowest_requests_say_which_worker_and_whose_first_they_were():
    server = SimpleNamespace(process=SimpleNamespace(pid=100))
    target = bench.Target("site search", "cached", "http://h:1/tim-kiem/?q=x", server)
    search = "/tim-kiem/?q=x"
    rows = [
        (100, 1, 0.0, 0.004, "/thu-tuc/"),  # the worker's first request
        (100, 1, 60.0, 60.469, search),  # ...and its first search
        *[(100, 1, 70.5 + n, 70.504 + n, search) for n in range(97)],
        (100, 1, 65.0, 65.010, search),
        (200, 9, 61.0, 62.0, search),  # another server's worker
    ]
    assert bench.slowest_requests(rows, [target], count=2) == [
        "site search (cached): 99 requests, in the workers 4.0 / 469.0 / 469.0 "
        "ms (p50 / p99 / longest)",
        "    469.0 ms, worker 1, its first request for this address, 60 s after "
        "its first request",
        "    10.0 ms, worker 1, 65 s after its first request",
    ]
