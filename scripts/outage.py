"""PostgreSQL that hangs under load: what visitors get (docs/deploy.md §5).

Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name> \
       .venv/bin/python scripts/outage.py [--hang 35] [--workers 3] [--clients 8]
       [--no-hang]

Builds ``<name>_outage`` (the demo content), starts gunicorn with production
settings whose connections to PostgreSQL go through the test suite's TCP proxy
(tests/core/servers.py), and lets ``--clients`` threads ask without pause: 1
request in 10 a search (it needs the database), the rest cached pages, half of
them a procedure's page (its views are counted). After 5 s the proxy hangs like a
frozen host (connections accepted, every byte held) for ``--hang`` seconds, then
forwards again. Prints the requests answered during the hang by kind and status,
the longest wait, how long until a search answers 200 again, and the views served
against the views counted (stored + pending). ``--no-hang``: the same load with
PostgreSQL answering, for comparison. Never touches anything but its own
database and its own proxy.
"""

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.core import servers  # noqa: E402

CODE = "1.001193"  # a procedure of the demo
DETAIL = f"/thu-tuc/{CODE}/"
CACHED = ["/gioi-thieu/", "/thu-tuc/", "/"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hang", type=float, default=35, help="seconds")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--no-hang", action="store_true")
    return parser.parse_args()


def load(server, stop, results):
    n = 0
    while not stop.is_set():
        n += 1
        if n % 10 == 0:
            kind, path = "search", f"/tim-kiem/?q=khai+sinh+{n}"
        elif n % 2:
            kind, path = "detail", DETAIL
        else:
            kind, path = "cached", CACHED[n % 3]
        started = time.monotonic()
        status = servers.request(server, path)[0]
        results.append((started, time.monotonic() - started, kind, status))


def summary(results, start, end):
    during = [r for r in results if start <= r[0] < end]
    answered = [r for r in results if start <= r[0] + r[1] < end and r[3]]
    by_kind = {}
    for _started, _took, kind, status in answered:
        by_kind.setdefault(kind, {}).setdefault(status, 0)
        by_kind[kind][status] += 1
    print(f"answered during the {end - start:.0f} s: {len(answered)} {by_kind}")
    for kind in ("cached", "detail", "search"):
        waits = [r[1] for r in during if r[2] == kind]
        if waits:
            print(f"longest wait, {kind}: {max(waits):.2f} s")


def main():
    args = parse_args()
    folder = Path(tempfile.mkdtemp(prefix="outage-"))
    url, made = servers.new_database(folder, "outage")
    if made[0] is None:
        sys.exit("DATABASE_URL must name a PostgreSQL database")
    env = servers.production_env(folder, url)
    servers.manage(env, "migrate", "--noinput")
    servers.manage(env, "load_demo", "--no-users")
    servers.manage(env, "collectstatic", "--noinput")
    proxy, server = servers.proxied_gunicorn(env, folder, workers=args.workers)
    try:
        views = servers.Views(env, CODE)
        for path in [DETAIL, *CACHED]:
            servers.request(server, path)
        results, stop = [], threading.Event()
        clients = [
            threading.Thread(target=load, args=(server, stop, results))
            for _n in range(args.clients)
        ]
        for client in clients:
            client.start()
        time.sleep(5)
        start = time.monotonic()
        if not args.no_hang:
            proxy.hang()
        time.sleep(args.hang)
        end = time.monotonic()
        proxy.release()
        while servers.request(server, "/tim-kiem/?q=x")[0] != 200:
            time.sleep(0.1)
        back = time.monotonic() - end
        time.sleep(5)
        stop.set()
        for client in clients:
            client.join()
        summary(results, start, end)
        print(f"a search answered 200 again {back:.1f} s after the hang")
        served = 1 + sum(1 for r in results if r[2] == "detail" and r[3] == 200)
        time.sleep(3)  # every worker pushes the views it holds within a second
        print(f"views served: {served}, counted: {views.now() - views.start}")
        views.db.close()
    finally:
        server.stop()
        proxy.cut()
        servers.drop_site(made)


if __name__ == "__main__":
    main()
