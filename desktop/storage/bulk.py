"""Loading many statements fast: the writes in a thread of their own, indexes and triggers
set aside during the load and rebuilt once after.

Maintaining the statement and link indexes, the FTS5 index and the change log row by
row costs far more than building them once at the end (the log then says that
everything may have changed). `BulkLoad` drops them inside the caller's
transaction and puts them back before it commits, so a failed, cancelled or killed
load leaves the database exactly as it was. It is worth it only when the load is
large next to what the table already holds; a small load keeps everything in place.

The rows a load writes, and the text of new statements for the FTS5 index, are written
by a thread of its own, in the order given, while the caller reads the next rows:
sqlite3 lets go of the GIL while SQLite works. Rows go in as INSERTs of many rows at
once, each bound in one call and run in one step, so that thread takes the GIL once per
few hundred rows; `executemany` takes it for every row, and two threads passing it back
and forth that often wait on each other for most of the load. Anything else run on the
connection during the load waits until the writes given before it are done.
FTS5 does not merge its segments while the batches go in; they are merged into one
when the load is done ('optimize'), which costs less than merging as it goes and
leaves the index at its fastest to search.
"""

import queue
import sqlite3
import sys
import threading
from collections.abc import Callable, Sequence
from itertools import chain

from sqlalchemy import Connection, event
from sqlalchemy.exc import DBAPIError

from desktop.storage.change_log import BULK_TRIGGERS, create_change_log, log_everything_changed
from desktop.storage.search_index import create_search_index

_SEARCH_TRIGGERS = ("statement_fts_insert", "statement_fts_delete", "statement_fts_update")
_MIN_ROWS = 50_000
_INDEX_TEXT = "INSERT INTO statement_fts(rowid, text) SELECT id, text FROM statement WHERE id BETWEEN ? AND ?"
_MERGING = {"automerge": 4, "crisismerge": 16}  # FTS5's settings for merging as it goes, at their defaults
_SET = "INSERT INTO statement_fts(statement_fts, rank) VALUES (?, ?)"
_ROWS_PER_INSERT = 500
_WAITING = 4  # batches of writes given and not yet done, at most: they hold their rows in memory
_SWITCH_INTERVAL = 0.0005  # seconds a thread runs Python before another waiting for the GIL takes it


class _Writer:
    """Runs writes on the connection in a thread of its own, in the order given."""

    def __init__(self, driver_connection: sqlite3.Connection):
        self._cursor = driver_connection.cursor()
        self._variables = driver_connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        self._sql_length = driver_connection.getlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH)
        self._jobs: queue.Queue = queue.Queue(_WAITING)
        self._error: BaseException | None = None
        self._discard = False
        # The writing thread gets the GIL back soon after SQLite is done; the interval is the whole
        # process's, so it is changed only by a load run on the main thread (the command line).
        self._switch_interval = sys.getswitchinterval() if threading.current_thread() is threading.main_thread() else None
        if self._switch_interval is not None:
            sys.setswitchinterval(_SWITCH_INTERVAL)
        self._thread = threading.Thread(target=self._run, name="parallax-bulk-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            if self._error is None and not self._discard:
                try:
                    job()
                except BaseException as error:  # handed to the caller's thread by `wait`
                    self._error = error
            self._jobs.task_done()
        self._jobs.task_done()

    def _give(self, job: Callable[[], object]) -> None:
        if self._error is not None:  # a write failed: say so now rather than at the end of the load
            self.wait()
        self._jobs.put(job)

    def execute(self, sql: str, parameters: Sequence = ()) -> None:
        """Run one statement after those given before."""
        self._give(lambda: self._cursor.execute(sql, parameters))

    def insert(self, head: str, row_sql: str, rows: list[tuple]) -> None:
        """Insert the rows after the writes given before: `head` + `row_sql` is the INSERT of one row.

        Raises the error of a write that failed before, as `wait` does."""
        if not rows:
            return
        size = min(
            _ROWS_PER_INSERT,
            self._variables // len(rows[0]),
            (self._sql_length - len(head)) // (len(row_sql) + 2),
        )
        whole = head + ", ".join([row_sql] * size)

        def write() -> None:
            for start in range(0, len(rows), size):
                part = rows[start : start + size]
                sql = whole if len(part) == size else head + ", ".join([row_sql] * len(part))
                self._cursor.execute(sql, list(chain.from_iterable(part)))

        self._give(write)

    def wait(self) -> None:
        """Wait for every write given so far; raise the error one met, as SQLAlchemy would."""
        self._jobs.join()
        if self._error is not None:
            error, self._error = self._error, None
            self._discard = True  # the writes after a failed one are not made
            if isinstance(error, sqlite3.Error):
                raise DBAPIError.instance(None, None, error, sqlite3.Error) from error
            raise error

    def stop(self) -> None:
        """End the thread, making none of the writes not yet begun; nothing runs on the connection after."""
        if self._thread.is_alive():
            self._discard = True
            self._jobs.put(None)
            self._thread.join()
            if self._switch_interval is not None:
                sys.setswitchinterval(self._switch_interval)
        self._cursor.close()


class _SetAside:
    """The indexes of some tables, the FTS5 triggers and the change-log triggers, dropped inside the
    caller's transaction for a large change on SQLite, and put back by `_restore`."""

    def __init__(self, connection: Connection, active: bool, tables: tuple[str, ...]):
        self.connection = connection
        self.active = active
        if not active:
            return
        names = ", ".join(f"'{table}'" for table in tables)
        self._indexes = [
            (name, sql)
            for name, sql in connection.exec_driver_sql(
                f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({names})"
            )
        ]
        for name in (*_SEARCH_TRIGGERS, *BULK_TRIGGERS):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        for name, _sql in self._indexes:
            connection.exec_driver_sql(f'DROP INDEX IF EXISTS "{name}"')
        connection.exec_driver_sql(_SET, ("automerge", 0))
        connection.exec_driver_sql(_SET, ("crisismerge", 2000))  # the most segments a level may hold

    def _steps(self) -> int:
        return len(self._indexes) + 2

    def _restore(self, step_done: Callable[[int, int], None], first_step: int, steps: int) -> None:
        """Merge the search index, build the indexes, put the triggers back and log that everything may
        have changed, calling `step_done` after each step from `first_step` on."""
        connection = self.connection
        connection.exec_driver_sql("INSERT INTO statement_fts(statement_fts) VALUES ('optimize')")
        for setting, value in _MERGING.items():
            connection.exec_driver_sql(_SET, (setting, value))
        step_done(first_step, steps)
        for step, (_name, sql) in enumerate(self._indexes, start=first_step + 1):
            connection.exec_driver_sql(sql)
            step_done(step, steps)
        create_search_index(connection)
        create_change_log(connection)
        log_everything_changed(connection)
        limit = connection.exec_driver_sql("PRAGMA analysis_limit").scalar()
        connection.exec_driver_sql("PRAGMA analysis_limit = 1000")  # statistics from a sample: enough to plan by
        connection.exec_driver_sql("ANALYZE statement")
        connection.exec_driver_sql(f"PRAGMA analysis_limit = {limit}")
        self.active = False
        step_done(steps, steps)


def _stored_statements(connection: Connection) -> int:
    return connection.exec_driver_sql("SELECT count(*) FROM statement").scalar()


class BulkLoad(_SetAside):
    """Set aside the statement and link indexes and triggers for a large load on SQLite; restore them after.

    When `active`, give it the load's rows (`insert`) and tell it every batch of statements
    written (`written`); call `finish` before committing. Use it in a `with` block that ends
    before the transaction does, whatever happens.
    """

    def __init__(self, connection: Connection, expected_rows: int):
        sqlite = connection.dialect.name == "sqlite"
        super().__init__(
            connection, sqlite and expected_rows > max(_MIN_ROWS, _stored_statements(connection)), ("statement", "link")
        )
        self._writer: _Writer | None = None
        if self.active:
            self._writer = _Writer(connection.connection.driver_connection)
            self._after_writes = lambda *_: self._writer.wait()
            event.listen(connection, "before_cursor_execute", self._after_writes)

    def insert(self, head: str, row_sql: str, rows: list[tuple]) -> None:
        """Write the rows after those given before, in the background: `head` + `row_sql` is the
        INSERT of one row, `row_sql` its parenthesised values."""
        self._writer.insert(head, row_sql, rows)

    def written(self, table: str, first_id: int, last_id: int) -> None:
        """Rows `first_id` to `last_id` of `table` are given: index the text of new statements."""
        if table == "statement":
            self._writer.execute(_INDEX_TEXT, (first_id, last_id))

    def _stop_writing(self) -> None:
        if self._writer is not None:
            event.remove(self.connection, "before_cursor_execute", self._after_writes)
            self._writer.stop()
            self._writer = None

    def finish(self, step_done: Callable[[int, int], None] = lambda step, steps: None) -> None:
        """Wait for the rows, build the indexes and the search index, and put the triggers back.

        `step_done(step, steps)` is called after each step; what it raises ends the load there.
        """
        if not self.active:
            return
        steps = self._steps() + 1
        self._writer.wait()
        self._stop_writing()
        step_done(1, steps)
        self._restore(step_done, 2, steps)

    def __enter__(self) -> "BulkLoad":
        return self

    def __exit__(self, *_) -> None:
        """Stop writing in the background: the load is finished, failed or cancelled."""
        self._stop_writing()


class BulkDelete(_SetAside):
    """Set aside the statement indexes and triggers to delete most of the statements at once on SQLite
    (undoing a large import, say), and rebuild them and the search index over those that stay.

    Deleting a statement costs FTS5 far more than indexing one, so when more go than stay the
    search index is built again from those that stay. The link indexes stay: the foreign keys
    find the links of each statement deleted through them. Call `finish` before committing.
    """

    def __init__(self, connection: Connection, deleting: int):
        sqlite = connection.dialect.name == "sqlite"
        super().__init__(
            connection,
            sqlite and deleting >= _MIN_ROWS and deleting > _stored_statements(connection) - deleting,
            ("statement",),
        )

    def finish(self) -> None:
        """Build the search index and the indexes over the statements left, and put the triggers back."""
        if self.active:
            self.connection.exec_driver_sql("INSERT INTO statement_fts(statement_fts) VALUES ('rebuild')")
            self._restore(lambda step, steps: None, 1, self._steps())
