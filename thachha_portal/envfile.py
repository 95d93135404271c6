"""The ``.env`` file that Django's settings and gunicorn.conf.py both read.

``ENV_FILE`` names it (default: ``.env`` in the project folder); ``ENV_FILE=``
(empty) reads none. The test settings set it empty, so a developer's ``.env``
never changes a test's result, nor that of the servers and commands the tests
start (they inherit the variable). Values already in the process environment win
over the file's.
"""

from pathlib import Path

import environ

ROOT = Path(__file__).resolve().parent.parent


def read(folder=ROOT):
    """Load ``ENV_FILE`` (default ``folder/.env``) into the process environment."""
    path = environ.Env.ENVIRON.get("ENV_FILE", str(Path(folder) / ".env"))
    if path:
        environ.Env.read_env(path, overwrite=False)
