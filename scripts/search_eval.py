"""Search evaluation: ``make search-eval``.

Runs the queries of tests/data/search_queries.tsv, then the held-out set
written blind (tests/data/search_queries_blind.tsv), against the demo procedures
(with and without their keywords) and against real national-database
procedures imported without keywords (tests/data/procedures_national.json), on
SQLite and, when DATABASE_URL names a PostgreSQL database, on PostgreSQL too
(in a throw-away test database next to it, as the test suite does). Prints
first-result accuracy, mean reciprocal rank, and for the queries about matters
the commune does not handle how many list anything and how many show guidance;
then every miss. See docs/search.md.

Usage: .venv/bin/python scripts/search_eval.py [--database-url URL]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run_one(database_url):
    os.environ["DJANGO_SETTINGS_MODULE"] = "thachha_portal.settings_test"
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from procedures import evaluation

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        start = time.perf_counter()
        reports = evaluation.evaluate()
        print(evaluation.format_report(reports, connection.vendor, "main set"))
        held_out = evaluation.evaluate(cases=evaluation.read_blind_cases())
        print()
        print(
            evaluation.format_report(
                held_out, connection.vendor, "held-out set, written blind"
            )
        )
        seconds = time.perf_counter() - start
        searches = sum(len(r.outcomes) for r in reports + held_out)
        print(f"{searches} searches in {seconds:.1f} s (listings loaded included)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="Evaluate on this database only.")
    args = parser.parse_args()
    if args.database_url:
        return run_one(args.database_url)
    urls = [f"sqlite:///{tempfile.mkdtemp(prefix='thachha-eval-')}/eval.sqlite3"]
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://")):
        urls.append(configured)
    else:
        print("(PostgreSQL: set DATABASE_URL=postgres://… to evaluate it too.)")
    status = 0
    for url in urls:
        done = subprocess.run(  # noqa: S603 - this script, our own arguments
            [sys.executable, __file__, "--database-url", url], check=False
        )
        status = status or done.returncode
        print()
    return status


if __name__ == "__main__":
    sys.exit(main())
