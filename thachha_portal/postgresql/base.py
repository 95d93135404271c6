"""Django's PostgreSQL backend with every wait for the server bounded, for a
PostgreSQL that hangs (host frozen, packets dropped) rather than refusing.

libpq bounds opening a connection (``connect_timeout``) and the kernel bounds
unacknowledged data (``tcp_user_timeout``) and silent idle connections
(keepalives), but nothing bounds a reply that never comes on an open connection
whose packets are still acknowledged (a proxy or a stalled server): a worker
would wait until gunicorn kills it. Here:

* every round trip waits at most ``reply_timeout()`` seconds (``statement_timeout``
  plus ``connect_timeout``: the server cancels a slow statement itself first),
  and the health check at the start of a request at most ``connect_timeout``;
  the connection is then closed and the query fails with ``OperationalError``
  (the 503 page, views.server_error);
* after PostgreSQL failed to answer, this process does not try again for
  ``RETRY_SECONDS`` (requests get the 503 page at once instead of each waiting
  out a timeout); the first connection after that is the test that it is back.
"""

import threading
import time

import psycopg
from django.db.backends.postgresql import base
from psycopg import errors

RETRY_SECONDS = 2.0
_down_until = 0.0  # monotonic time before which no connection is attempted
_lock = threading.Lock()


def _failed():
    global _down_until
    with _lock:
        _down_until = time.monotonic() + RETRY_SECONDS


def forget_failures():
    """Try the database at once again (tests)."""
    global _down_until
    _down_until = 0.0


class BoundedConnection(psycopg.Connection):
    """A psycopg connection whose waits for the server end after
    ``reply_timeout`` seconds (closing it: the protocol state is unknown)."""

    reply_timeout = None  # seconds, set per connection; None waits forever

    def wait(self, gen, interval=0.1, timeout=None):
        if timeout is not None:  # psycopg's own bounded wait (notifies): its rules
            return super().wait(gen, interval=interval, timeout=timeout)
        timeout = self.reply_timeout
        try:
            return super().wait(gen, interval=interval, timeout=timeout)
        except errors._WaitTimeout:
            _failed()
            self.pgconn.finish()
            raise psycopg.OperationalError(
                f"PostgreSQL did not answer within {timeout:g} s"
            ) from None


class DatabaseWrapper(base.DatabaseWrapper):
    def _option(self, name):
        return self.settings_dict.get("OPTIONS", {}).get(name)

    def get_new_connection(self, conn_params):
        if time.monotonic() < _down_until:
            raise psycopg.OperationalError(
                "PostgreSQL did not answer a moment ago: not tried again yet"
            )
        try:
            connection = super().get_new_connection(conn_params)
        except psycopg.OperationalError:
            _failed()
            raise
        connection.__class__ = BoundedConnection
        connection.reply_timeout = self.reply_timeout()
        return connection

    def reply_timeout(self):
        """``statement_timeout`` + ``connect_timeout`` (seconds), or None when
        statements have no time limit."""
        statement = self.settings_dict.get("STATEMENT_TIMEOUT") or 0
        return statement + (self._option("connect_timeout") or 0) if statement else None

    def is_usable(self):
        """The health check at a request's start: a ``SELECT 1`` that takes
        longer than opening a connection would means a server that hangs."""
        if self.connection is None:
            return False
        bound = self.connection.reply_timeout
        self.connection.reply_timeout = self._option("connect_timeout") or bound
        try:
            return super().is_usable()
        finally:
            self.connection.reply_timeout = bound
