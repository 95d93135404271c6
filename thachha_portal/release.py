"""The release stamp: a digest of the code this process serves (the project's
Python packages, templates, translations, static sources, the declared
dependencies and the installed Django and Jinja2). Everything the portal keeps
that is derived from its code (pages, open-data documents, fragments and
values kept per content version, search outcomes) is keyed on it as well as on
the content's version: after an upgrade nothing the old code made is served,
even before the first edit, and during a rolling upgrade servers on two
releases sharing one Redis never serve each other's pages as their own.

It is read from the files' contents, not from git or their times: any commit
deployed by any means (a template or a translation alone included) changes
it, and two servers with the same code agree on it. Computed once per process
(``PortalConfig.ready``: in gunicorn's master before it forks, with
``preload_app``), about 40 ms."""

import hashlib
from pathlib import Path

from django.conf import settings

# What the pages are made of besides the apps' own folders, relative to BASE_DIR.
SHARED_SOURCES = (
    "templates",
    "locale",
    "static",
    "pyproject.toml",
    "package-lock.json",
)
SKIPPED = {"__pycache__", ".pytest_cache", "node_modules"}

_stamp = []


def sources(base):
    """What the stamp reads, relative to ``base``: the folder of every
    installed app that is the project's own (the project package and each app,
    a new one included without a list to keep; not the installed packages,
    which a virtual environment inside ``base`` holds too), then
    ``SHARED_SOURCES``."""
    from django.apps import apps

    base = Path(base).resolve()
    folders = set()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if not path.is_relative_to(base):
            continue
        relative = path.relative_to(base)
        if "site-packages" in relative.parts or relative.parts[0].startswith("."):
            continue
        folders.add(str(relative))
    return (*sorted(folders), *SHARED_SOURCES)


def compute(base):
    """The digest of the sources under ``base``: their relative paths and
    contents, in a fixed order, with the versions of Django and Jinja2."""
    import django
    import jinja2

    digest = hashlib.sha256(f"{django.__version__}|{jinja2.__version__}".encode())
    base = Path(base)
    for name in sources(base):
        root = base / name
        files = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in files:
            if not path.is_file() or SKIPPED.intersection(path.parts):
                continue
            if path.suffix in (".pyc", ".pyo"):
                continue
            digest.update(str(path.relative_to(base)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def stamp():
    """This process's release stamp (computed at its first call)."""
    if not _stamp:
        _stamp.append(compute(settings.BASE_DIR))
    return _stamp[0]
