"""Waiting for other writers' changes: LISTEN/NOTIFY on PostgreSQL, a poll of the change log elsewhere.

A wake-up only says that something may have changed; the change log (change_log.py)
says what. The GUI runs `ChangeListener.wait` on a thread of its own.
"""

import threading
import time

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from desktop.storage import change_log

POLL_SECONDS = 0.5  # between two looks at the change log where there is no NOTIFY


def newest_change(engine: Engine) -> int | None:
    """The change log's newest sequence number, or None when the database cannot be reached."""
    try:
        with engine.connect() as connection:
            return change_log.latest(connection)
    except SQLAlchemyError:
        return None


class ChangeListener:
    """Blocks until another connection may have changed the database, or `stop` is called."""

    def __init__(self, engine: Engine):
        self._engine = engine
        self._notified = engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg"
        self._connection = None
        self._stopped = threading.Event()
        self._seen = None if self._notified else newest_change(self._engine)

    def wait(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds; True when a change may have arrived."""
        if self._stopped.is_set():
            return False
        if self._notified:
            return self._wait_for_notification(timeout)
        deadline = time.monotonic() + timeout
        while not self._stopped.wait(max(0.0, min(POLL_SECONDS, deadline - time.monotonic()))):
            newest = newest_change(self._engine)
            if newest != self._seen:
                self._seen = newest
                return True
            if time.monotonic() >= deadline:
                return False
        return False

    def _wait_for_notification(self, timeout: float) -> bool:
        import psycopg  # only PostgreSQL needs it: the optional `team` extra

        try:
            if self._connection is None:
                args, options = self._engine.dialect.create_connect_args(self._engine.url)
                self._connection = psycopg.connect(*args, **options, autocommit=True)
                self._connection.execute(f"LISTEN {change_log.CHANNEL}")
            return any(True for _ in self._connection.notifies(timeout=timeout, stop_after=1))
        except psycopg.Error:
            # Notifications sent while the connection was down are lost: say "maybe" and reconnect.
            self._close_connection()
            return not self._stopped.wait(timeout)

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    def wait_stopped(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for `stop`; True when it was called."""
        return self._stopped.wait(timeout)

    def stop(self) -> None:
        """End the current wait as soon as possible (within its timeout on PostgreSQL) and every later one."""
        self._stopped.set()

    def close(self) -> None:
        """Release the listening connection (call from the thread that waits)."""
        self._close_connection()

    def _close_connection(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
