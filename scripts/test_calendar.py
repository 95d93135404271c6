"""Run the fast test suite once per moment, the clock travelled there (make
test-calendar; docs/testing.md says why these moments).

Usage: python scripts/test_calendar.py [--jobs N] MOMENT... [-- PYTEST_ARGS...]

Each pass is its own pytest process with ``--frozen-at=MOMENT`` and its own test
database (tests/conftest.py names it after the moment), so ``--jobs`` passes run
side by side. A pass's output is printed whole when it fails, its last lines when
it passes; a table of the results ends the run, then one closing line with the
totals. Exits 1 if any pass failed.
"""

import argparse
import concurrent.futures
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNT = re.compile(r"(\d+) (passed|failed|errors?|skipped|deselected)")
SEED = re.compile(r"--randomly-seed=(\d+)")


def run_pass(moment, pytest_args, workdir):
    """One pass: returns (moment, exit code, output, seconds)."""
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "pytest",
            "-m",
            # (tests that start servers: other processes do not see the clock;
            # clockless: nothing in them reads the date)
            "not browser and not servers and not clockless",
            "-q",
            f"--frozen-at={moment}",
            # Each pass its own temporary folders: concurrent sessions would
            # otherwise clean up each other's.
            f"--basetemp={workdir / re.sub(r'[^0-9A-Za-z]', '', moment)}",
            *pytest_args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    output = result.stdout + result.stderr
    return moment, result.returncode, output, time.monotonic() - started


def counts(output):
    """The figures of pytest's closing line: {"passed": n, "failed": n, ...}."""
    closing = [line for line in output.splitlines() if COUNT.search(line)]
    found = {}
    for number, word in COUNT.findall(closing[-1] if closing else ""):
        found["errors" if word.startswith("error") else word] = int(number)
    return found


def main(argv):
    split = argv.index("--") if "--" in argv else len(argv)
    own, pytest_args = argv[:split], argv[split + 1 :]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="passes side by side")
    parser.add_argument("moments", nargs="+", help="ISO 8601 moments")
    options = parser.parse_args(own)
    results = {}
    with (
        tempfile.TemporaryDirectory(prefix="test-calendar-") as workdir,
        concurrent.futures.ThreadPoolExecutor(max(1, options.jobs)) as pool,
    ):
        futures = [
            pool.submit(run_pass, moment, pytest_args, Path(workdir))
            for moment in options.moments
        ]
        for future in concurrent.futures.as_completed(futures):
            moment, code, output, seconds = future.result()
            results[moment] = (code, counts(output), seconds, SEED.findall(output))
            print(f"── clock at {moment}: {'passed' if code == 0 else 'FAILED'}")
            lines = output.rstrip().splitlines()
            print("\n".join(lines if code else lines[-3:]), flush=True)
    print(f"\n{'moment':<26} {'passed':>7} {'failed':>7} {'errors':>7} {'s':>5}  seed")
    for moment in options.moments:
        code, figures, seconds, seed = results[moment]
        print(
            f"{moment:<26} {figures.get('passed', 0):>7} {figures.get('failed', 0):>7}"
            f" {figures.get('errors', 0):>7} {seconds:>5.0f}  {''.join(seed[-1:])}"
            + ("" if code == 0 else f"  (exit {code})")
        )
    failed = [m for m in options.moments if results[m][0] != 0]
    total = {
        key: sum(results[m][1].get(key, 0) for m in options.moments)
        for key in ("passed", "failed")
    }
    print(f"calendar: {total['passed']} passed, {total['failed']} failed")
    if failed:
        print(f"Failed at: {' '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
