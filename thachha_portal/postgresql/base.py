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

It also gives ``prepared_cursor()``: statements that PostgreSQL parses and plans
once per connection, for the search's candidates queries (``PREPARED_STATEMENTS``
in the database's settings); and reads times with psycopg's own loader
(``UtcTimestamptzLoader``).
"""

import datetime
import functools
import logging
import threading
import time

import psycopg
from django.db.backends.postgresql import base
from psycopg import adapt, errors
from psycopg.pq import Format, TransactionStatus

logger = logging.getLogger(__name__)

RETRY_SECONDS = 2.0
_pooled = False  # a prepared statement did not last: prepare nothing more
# psycopg's count of a statement's runs before it prepares it unasked: never,
# in effect (Django turns the count off altogether). Only PreparedCursor asks.
PREPARE_THRESHOLD = 2**31
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


class PreparedCursor(base.ServerBindingCursor):
    """Django's server-side binding cursor whose statements psycopg prepares at
    their first run on the connection (PostgreSQL parses and plans them once;
    later runs, whatever their parameters, use that plan)."""

    def execute(self, query, params=None, *, prepare=True, **kwargs):
        try:
            return super().execute(query, params, prepare=prepare, **kwargs)
        except (
            errors.FeatureNotSupported,
            errors.InvalidSqlStatementName,
            errors.DuplicatePreparedStatement,
        ) as error:
            # Within a transaction, the error stands (its rollback makes psycopg
            # forget the connection's prepared statements); outside one, the
            # statement runs once more.
            if self.connection.info.transaction_status != TransactionStatus.IDLE:
                raise
            if isinstance(error, errors.FeatureNotSupported):
                # "cached plan must not change result type": a migration changed
                # a column the statement reads since it was prepared. Forget the
                # connection's prepared statements (psycopg does when it sees
                # DEALLOCATE ALL) and prepare it again.
                self.connection.execute("DEALLOCATE ALL")
            else:
                # A prepared statement that vanished, or a name already taken:
                # a pooler in transaction mode hands each statement to any of
                # its server connections. This process prepares nothing more.
                _stop_preparing()
                prepare = False
            return super().execute(query, params, prepare=prepare, **kwargs)


def _stop_preparing():
    global _pooled
    if not _pooled:
        _pooled = True
        logger.warning(
            "Prepared statements do not last on these PostgreSQL connections (a "
            "pooler in transaction mode?): this process no longer prepares "
            "statements. Set DATABASE_PREPARED_STATEMENTS=False (docs/deploy.md)."
        )


class UtcTimestamptzLoader(adapt.Loader):
    """A ``timestamptz`` read as psycopg reads it (in C, with psycopg-binary),
    for a connection in UTC; the same value as Django's loader gives, which
    parses it in Python and then sets its zone to UTC (5.8 µs against 0.4 µs a
    value on the benchmark machine; a news search reads 60 of them, the
    bulletins' sitemap thousands). On a connection in UTC, psycopg's own gives
    ``datetime.UTC`` too; on any other it would still give the right
    instant, where Django's would relabel the wall time as UTC."""

    # What Django's create_cursor() compares with the connection's zone.
    timezone = datetime.UTC

    def __init__(self, oid, context=None):
        super().__init__(oid, context)
        self._psycopgs = _PSYCOPG_TIMESTAMPTZ(oid, context)

    def load(self, data):
        return self._psycopgs.load(data)


_PSYCOPG_TIMESTAMPTZ = psycopg.adapters.get_loader(base.TIMESTAMPTZ_OID, Format.TEXT)


@functools.lru_cache
def _adapters(template):
    """Django's adapters for connections in UTC, times read by psycopg."""
    adapters = adapt.AdaptersMap(template)
    adapters.register_loader("timestamptz", UtcTimestamptzLoader)
    return adapters


class DatabaseOperations(base.DatabaseOperations):
    def last_executed_query(self, cursor, sql, params):
        if isinstance(cursor, PreparedCursor):
            # Its SQL travels apart from its parameters: the log shows them
            # merged, as Django does for server-side binding.
            try:
                return self.compose_sql(sql, params)
            except errors.DataError:
                return None
        return super().last_executed_query(cursor, sql, params)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
    _preparing = False

    def _option(self, name):
        return self.settings_dict.get("OPTIONS", {}).get(name)

    def get_connection_params(self):
        params = super().get_connection_params()
        if self.timezone is datetime.UTC and "context" in params:
            params["context"] = _adapters(params["context"])
        return params

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
        if self.settings_dict.get("PREPARED_STATEMENTS"):
            # Django turns psycopg's prepared statements off (None) for the sake
            # of poolers; only PreparedCursor asks for them (Django's own cursors
            # bind on the client side and are never prepared).
            connection.prepare_threshold = PREPARE_THRESHOLD
        return connection

    def prepared_cursor(self):
        """A cursor like ``cursor()`` (logged, counted, its errors Django's)
        whose statements are prepared once per connection: for statements run
        again and again with other parameters whose best plan does not depend
        on them. A plain cursor when ``PREPARED_STATEMENTS`` is off (behind a
        pooler that cannot keep prepared statements)."""
        if _pooled or not self.settings_dict.get("PREPARED_STATEMENTS"):
            return self.cursor()
        self._preparing = True
        try:
            return self.cursor()
        finally:
            self._preparing = False

    def create_cursor(self, name=None):
        if name or not self._preparing:
            return super().create_cursor(name)
        # Django's create_cursor() makes the connection's kind of cursor (and
        # sets its time zone when the connection's differs): this once, ours.
        connection = self.connection
        factory = connection.cursor_factory
        connection.cursor_factory = PreparedCursor
        try:
            return super().create_cursor(name)
        finally:
            connection.cursor_factory = factory

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
