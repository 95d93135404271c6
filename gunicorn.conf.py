"""gunicorn settings for `make serve` and production.

Values come from the same ``.env`` as Django's settings (``ENV_FILE``; the process
environment wins over the file), so the ``GUNICORN_*`` lines of ``.env.example``
take effect.
Each variable is listed in ``.env.example``; docs/deploy.md says how to run it.
"""

import gc
import multiprocessing
import os
from pathlib import Path

import environ

from thachha_portal import envfile

envfile.read(Path(__file__).resolve().parent)
env = environ.Env()

bind = env("GUNICORN_BIND", default="127.0.0.1:8000")
workers = env.int("GUNICORN_WORKERS", default=multiprocessing.cpu_count() * 2 + 1)
threads = env.int("GUNICORN_THREADS", default=2)
timeout = env.int("GUNICORN_TIMEOUT", default=30)
# A worker is replaced after GUNICORN_MAX_REQUESTS requests (give or take a
# tenth), or sooner when it has grown past GUNICORN_WORKER_MAX_MB (resident
# memory, read every CHECK_EVERY requests: post_request below). Replaced every
# 2,000, a worker under load was new every ten seconds, and the requests queued
# on it waited for the new one (the searches' p99 in the benchmark,
# docs/performance.md).
max_requests = env.int("GUNICORN_MAX_REQUESTS", default=10000)
max_requests_jitter = max_requests // 10
worker_max_mb = env.int("GUNICORN_WORKER_MAX_MB", default=128)
CHECK_EVERY = 64
YOUNG_OBJECTS = 10_000  # the collector's first threshold in a worker (pre_fork)
accesslog = env("GUNICORN_ACCESS_LOG", default="-") or None
errorlog = "-"
forwarded_allow_ips = env("FORWARDED_ALLOW_IPS", default="127.0.0.1")
wsgi_app = "thachha_portal.wsgi:application"
# The control socket (gunicornc) is per instance: a path of its own, or none. The
# default would be one path per user, shared by every gunicorn on the host.
control_socket = env("GUNICORN_CONTROL_SOCKET", default="")
control_socket_disable = not control_socket
# The portal is loaded once, in the master, which then does what a worker's
# first requests would (thachha_portal/warmup.py): each worker, and each one
# that replaces a worker after max_requests, starts ready (1.2 s of CPU less
# for each). Code changes need a restart (`systemctl restart`), not a reload.
preload_app = env.bool("GUNICORN_PRELOAD", default=True)


def when_ready(server):
    # Only the portal is warmed (scripts/bench.py serves its bare reference page
    # with these settings too).
    if server.cfg.preload_app and server.app.app_uri == wsgi_app:
        from thachha_portal.warmup import warm

        warm()
        gc.collect()  # the warm-up's garbage, before the rest is frozen


def resident_mb():
    """This process's resident memory in MB; 0 where /proc cannot tell."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def post_request(worker, req, environ, resp):
    if worker_max_mb and worker.nr % CHECK_EVERY == 0:
        size = resident_mb()
        if size > worker_max_mb:
            worker.log.info(
                "Worker %s uses %.0f MB (GUNICORN_WORKER_MAX_MB=%s): replaced",
                worker.pid,
                size,
                worker_max_mb,
            )
            worker.alive = False  # gunicorn ends it after this request


def pre_fork(server, worker):
    # What the master holds (the app and, warmed, its templates, catalogues,
    # lexicons) lives as long as every worker. Frozen, it is left out of the
    # collector's passes: each worker's full pass walked it all, 70 to 90 ms
    # every few hundred requests, while the requests queued on that worker
    # waited (a p99 of its own); and the pass no longer writes to the shared
    # pages, so they stay shared. Objects a worker makes are collected as ever.
    gc.freeze()
    # A page holds a few thousand objects at once (a search's candidates and
    # their scores): with Python's 700, the collector ran through them once a
    # request, 0.17-0.23 ms of a search's CPU. Most die with the request,
    # counted off as they go, so the count rarely reaches YOUNG_OBJECTS.
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])
