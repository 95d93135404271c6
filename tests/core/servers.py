"""Real servers for tests whose behaviour depends on processes: gunicorn with
production settings, a throw-away redis-server, a TCP proxy the test can cut.

Every server picks a free port, uses the test run's own database (a separate one,
``<configured name>_served``, or an SQLite file) and is stopped by the test.
"""

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import environ

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
ADMIN = ("ops", "Ops-Thach-Ha-2021!")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, seconds=30, process=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing answered on port {port}")


def configured_database():
    """The database the suite was asked to use (DATABASE_URL), as a dict."""
    url = os.environ.get("DATABASE_URL", "")
    return environ.Env.db_url_config(url) if url else None


def postgres_admin(sql, database):
    import psycopg

    with psycopg.connect(
        host=database["HOST"] or "127.0.0.1",
        port=database["PORT"] or 5432,
        user=database["USER"],
        password=database["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(sql)


def manage(env, *args, timeout=180):
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=timeout,
    )


def new_database(folder, suffix):
    """An empty database of the run's kind: ``<configured name>_<suffix>`` on
    PostgreSQL (and the pytest-xdist worker's name: ``make test`` runs the fast
    tests in two processes), else an SQLite file in ``folder``. (url, handle
    for drop_site)."""
    configured = configured_database()
    if configured and "postgresql" in configured["ENGINE"]:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "")
        name = f"{configured['NAME']}_{suffix}{worker and f'_{worker}'}"
        postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', configured)
        postgres_admin(f'CREATE DATABASE "{name}"', configured)
        user = configured["USER"]
        password = f":{configured['PASSWORD']}" if configured["PASSWORD"] else ""
        host = configured["HOST"] or "127.0.0.1"
        port = configured["PORT"] or 5432
        return f"postgres://{user}{password}@{host}:{port}/{name}", (name, configured)
    return f"sqlite:///{Path(folder) / f'{suffix}.sqlite3'}", (None, None)


def production_env(folder, database_url):
    """The environment of a production process (DEBUG off) on this machine."""
    folder = Path(folder)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_", "CACHE_", "PYTEST"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="thachha_portal.settings",
        DEBUG="False",
        SECRET_KEY="served-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="False",
        SESSION_COOKIE_SECURE="False",
        CSRF_COOKIE_SECURE="False",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=database_url,
        CACHE_URL="",
        CACHE_DIR=str(folder / "cache"),
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        BACKUP_DIR=str(folder / "backups"),
        MEDIA_SENDFILE="django",
        LOG_LEVEL="WARNING",
        LOGIN_RATE="5/m",
        PUBLIC_FORM_RATE="10/h",
        RATELIMIT_ENABLE="True",
        PAGE_CACHE_SECONDS="300",
        TRUSTED_PROXY_COUNT="0",
        GUNICORN_CONTROL_SOCKET="",
    )
    return env


def prepare_site(folder):
    """A database with the demo content and an admin login, collected static
    files, a media folder: the environment every server of the run shares."""
    database_url, served = new_database(folder, "served")
    env = production_env(folder, database_url)
    collecting = subprocess.Popen(  # noqa: S603 - meanwhile, on the other core
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo", "--no-users")
    if collecting.wait(300) != 0:
        raise RuntimeError("collectstatic failed")
    manage(
        {**env, "DJANGO_SUPERUSER_PASSWORD": ADMIN[1]},
        "createsuperuser",
        "--noinput",
        "--username",
        ADMIN[0],
        "--email",
        "ops@example.vn",
    )
    return env, served


def drop_site(served):
    name, configured = served
    if name:
        postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', configured)


class Gunicorn:
    """gunicorn with the project's gunicorn.conf.py and production settings."""

    def __init__(self, env, folder, workers=2, **extra):
        self.port = free_port()
        self.folder = Path(folder)
        self.log = self.folder / f"gunicorn-{self.port}.log"
        self.access = self.folder / f"access-{self.port}.log"
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_THREADS": "1",
            "GUNICORN_ACCESS_LOG": str(self.access),
            # the worker's pid in every access line: which worker answered
            "GUNICORN_CMD_ARGS": "--access-logformat '%(p)s %(s)s %(r)s'",
            **extra,
        }
        with open(self.log, "wb") as output:
            self.process = subprocess.Popen(  # noqa: S603
                [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"],
                cwd=ROOT,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_for_port(self.port, process=self.process)
            deadline = time.monotonic() + 30
            while request(self, "/healthz")[0] != 200:
                if time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not become healthy")
                time.sleep(0.1)
        except Exception:
            self.stop()
            raise RuntimeError(self.log.read_text(errors="replace")[-3000:]) from None

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)

    def worker_pids(self, since_line=0):
        """The worker pids in the access log from line ``since_line`` on."""
        lines = self.access.read_text().splitlines()[since_line:]
        return {line.split()[0] for line in lines if line.strip()}

    def access_lines(self):
        return len(self.access.read_text().splitlines()) if self.access.exists() else 0


def request(server, path, method="GET", body=None, headers=None, cookies=None):
    """One request on a new connection (so the kernel may give it to any
    worker): (status, headers dict, body bytes). Redirects are not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    headers = dict(headers or {})
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if body is not None and not isinstance(body, bytes):
        body = urlencode(body).encode()
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    except OSError:
        return 0, {}, b""
    finally:
        connection.close()


class Browser:
    """Cookies kept across requests (and across servers, like a load balancer
    sending one visitor to different app servers)."""

    def __init__(self):
        self.cookies = {}

    def go(self, server, path, method="GET", body=None, headers=None):
        status, headers_in, content = request(
            server, path, method, body, headers, self.cookies
        )
        for name, value in headers_in.items():
            if name.lower() == "set-cookie":
                cookie = SimpleCookie(value)
                for key, morsel in cookie.items():
                    self.cookies[key] = morsel.value
        return status, headers_in, content

    def log_in(self, server, username=ADMIN[0], password=ADMIN[1]):
        return self.go(
            server,
            "/quan-tri/login/",
            "POST",
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": self.csrf_token(server, "/quan-tri/login/"),
                "next": "/quan-tri/",
            },
        )

    def csrf_token(self, server, path):
        _status, _headers, content = self.go(server, path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        return match.group(1).decode()

    def set_procedure_status(self, server, code, action):
        """Withdraw or restore a procedure with the admin's list action."""
        path = "/quan-tri/procedures/procedure/"
        _s, _h, listing = self.go(server, f"{path}?q={code}")
        pk = re.search(rb'name="_selected_action" value="(\d+)"', listing).group(1)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', listing)
        return self.go(
            server,
            path,
            "POST",
            {
                "action": action,
                "_selected_action": pk.decode(),
                "index": "0",
                "select_across": "0",
                "csrfmiddlewaretoken": token.group(1).decode(),
            },
        )


class RedisServer:
    """A throw-away redis-server on a free port (no persistence)."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, process=self.process)

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


class Proxy:
    """A TCP proxy to ``target`` that the test can cut (every connection
    closed, nothing accepted) and restore, on the same port; or make hang like
    a frozen host (connections accepted and kept, their bytes acknowledged by
    the kernel but held, nothing answered) and release (what was held goes on)."""

    def __init__(self, target_port, port=None):
        self.target_port = target_port
        self.port = port or free_port()
        self.connections = []
        self.lock = threading.Lock()
        self.listener = None
        self.flowing = threading.Event()
        self.flowing.set()
        self.open()

    def open(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(64)
        threading.Thread(
            target=self._accept, args=(self.listener,), daemon=True
        ).start()

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            with self.lock:
                self.connections.append(client)
            threading.Thread(target=self._connect, args=(client,), daemon=True).start()

    def _connect(self, client):
        self.flowing.wait()  # accepted while hanging: held until released
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
        except OSError:
            client.close()
            return
        with self.lock:
            self.connections.append(upstream)
        for source, sink in ((client, upstream), (upstream, client)):
            threading.Thread(
                target=self._pipe, args=(source, sink), daemon=True
            ).start()

    def _pipe(self, source, sink):
        try:
            while data := source.recv(65536):
                self.flowing.wait()
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()

    def hang(self):
        self.flowing.clear()

    def release(self):
        self.flowing.set()

    def cut(self):
        self.flowing.set()  # the held connections end with the others
        # shutdown() wakes the thread blocked in accept(); close() alone would
        # leave the port listening.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        with self.lock:
            for end in self.connections:
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()
            self.connections = []

    def restore(self):
        self.open()


def proxied_gunicorn(env, folder, workers=2, **extra):
    """gunicorn whose connections to PostgreSQL go through a Proxy the caller
    controls: (proxy, server)."""
    proxy = Proxy(int(configured_database()["PORT"] or 5432))
    through = re.sub(r"@[^/]+/", f"@127.0.0.1:{proxy.port}/", env["DATABASE_URL"])
    return proxy, Gunicorn(env, folder, workers=workers, DATABASE_URL=through, **extra)


def pending_views(cache_dir, pk):
    from diskcache import FanoutCache

    with FanoutCache(str(cache_dir), shards=8) as cache:
        return cache.get(f":1:count:procedures.procedure:pk={pk}:view_count") or 0


class Views:
    """The views of the procedure ``code``, stored and pending, read straight
    from PostgreSQL and the cache (not through a Proxy)."""

    def __init__(self, env, code):
        import psycopg

        url = env["DATABASE_URL"].replace("postgres://", "postgresql://")
        self.db = psycopg.connect(url, autocommit=True)
        self.cache_dir = env["CACHE_DIR"]
        self.pk = self.db.execute(
            "SELECT id FROM procedures_procedure WHERE code = %s", [code]
        ).fetchone()[0]
        self.start = self.now()

    def now(self):
        stored = self.db.execute(
            "SELECT view_count FROM procedures_procedure WHERE id = %s", [self.pk]
        ).fetchone()[0]
        return stored + pending_views(self.cache_dir, self.pk)

    def added(self, expected):
        """Views added since the start, once ``expected`` are (a worker pushes
        the views it holds within a second: counters.py), or after 15 s."""
        deadline = time.monotonic() + 15
        while (added := self.now() - self.start) < expected:
            if time.monotonic() > deadline:
                break
            time.sleep(0.3)
        self.db.close()
        return added
