"""Instructions per uncached request of each page, counted by valgrind: figures
that do not move with the machine's load, for comparing two checkouts.

Usage: make instructions [INSTRUCTIONS_ARGS="--portal-root /tmp/before"]
       .venv/bin/python scripts/instructions.py [--pages home,procedure] [--requests 10]

Timings on a shared machine moved by up to 30 % between runs minutes apart
(docs/performance.md), more than most single optimisations buy. valgrind's
callgrind counts the instructions the Python process executes instead: the same
count for the same code and data whatever else runs. Each page is requested in
one process as the benchmark's in-process figures request it (production
settings, page cache and search results cache off, a local-memory cache), on the
benchmark's database (``make bench`` builds it; BENCH_DATABASE_URL); after a
warm-up, ``--requests`` requests of each page are counted, and only those
(callgrind collects inside ``operator.call`` alone, which wraps them, and writes
one total per page). PostgreSQL's own work and the kernel's are not counted: this
measures the portal's Python, which is where a page's time goes (see the CPU
split of ``make bench``).

Needs valgrind (``apt-get install valgrind``). A run of the main pages takes
about 90 s: valgrind runs Python about 50 times slower.
"""

import argparse
import gc
import json
import operator
import os
import runpy
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNTED = "_operator_call"  # the C function around the requests counted


def measure(args):
    """Inside valgrind: request each page, the counted requests wrapped."""
    root = Path(args.portal_root or ROOT).resolve()
    sys.path.insert(0, str(root / "scripts"))
    import bench

    if root != bench.ROOT:
        sys.exit(f"{root}/scripts/bench.py was not the one imported")
    database_url = os.environ.get("BENCH_DATABASE_URL", bench.DEFAULT_DATABASE_URL)
    bench.setup_django(database_url, "instructions-" + "x" * 50)
    from django.conf import settings
    from django.test import Client

    for setting, value in bench.UNCACHED.items():
        setattr(settings, setting, int(value))
    pages = bench.select_pages(bench.all_pages(), args.pages)
    for name in ("open data", *bench.COMPRESSED):
        pages.pop(name, None)  # a file handed to the socket: no page drawn
    client = Client(HTTP_HOST="127.0.0.1")
    for name, path in pages.items():
        for _ in range(3):
            status = client.get(path, secure=True).status_code
            if status != 200:
                sys.exit(f"{name} ({path}) answered {status}")

    # The collector as in a worker forked from the warmed master (gunicorn.conf.py:
    # what is held frozen out of its passes, its first threshold raised). With
    # Python's own, a full pass over the lexicons fell into whichever page was
    # counted when it came: the same page counted 26.9 M or 37.0 M instructions
    # by its place in --pages.
    gc.collect()
    runpy.run_path(str(root / "gunicorn.conf.py"))["pre_fork"](None, None)

    def requests(path):
        for _ in range(args.requests):
            client.get(path, secure=True)

    print("PAGES " + json.dumps(list(pages)), flush=True)
    for path in pages.values():
        operator.call(requests, path)


def run(args):
    """Run this script under callgrind and read one total per page."""
    with tempfile.TemporaryDirectory(prefix="instructions-") as folder:
        out = Path(folder) / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            f"--toggle-collect={COUNTED}",
            f"--dump-after={COUNTED}",
            sys.executable,
            __file__,
            "--inside",
            "--pages",
            args.pages,
            "--requests",
            str(args.requests),
        ]
        if args.portal_root:
            command += ["--portal-root", str(args.portal_root)]
        try:
            done = subprocess.run(  # noqa: S603
                command, capture_output=True, text=True, cwd=ROOT, check=False
            )
        except FileNotFoundError:
            sys.exit("valgrind is needed: apt-get install valgrind")
        if done.returncode != 0:
            sys.exit(done.stdout[-2000:] + done.stderr[-3000:])
        line = next(x for x in done.stdout.splitlines() if x.startswith("PAGES "))
        names = json.loads(line[len("PAGES ") :])
        dumps = out.parent.glob(out.name + ".*")
        dumps = sorted(dumps, key=lambda dump: int(dump.suffix[1:]))
        totals = [_total(dump) for dump in dumps]
    if len(totals) != len(names):
        sys.exit(f"{len(totals)} totals for {len(names)} pages")
    return {
        name: total / args.requests for name, total in zip(names, totals, strict=True)
    }


def _total(dump):
    for line in dump.read_text().splitlines():
        if line.startswith("summary:"):
            return int(line.split()[1])
    raise RuntimeError(f"no total in {dump}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default="main", help="as make bench's --pages")
    parser.add_argument("--requests", type=int, default=10, help="counted per page")
    parser.add_argument(
        "--portal-root", type=Path, help="count this checkout instead (see bench.py)"
    )
    parser.add_argument("--json", type=Path, help="write the counts to this file")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        return measure(args)
    counts = run(args)
    print(f"{'page':<28} {'instructions a request':>24}")
    for name, count in counts.items():
        print(f"{name:<28} {count / 1e6:>22.2f} M")
    if args.json:
        args.json.write_text(json.dumps(counts, indent=1))


if __name__ == "__main__":
    main()
