"""Loading many statements fast: indexes and triggers set aside during the load, rebuilt once after.

Maintaining the statement and link indexes, the FTS5 index and the change log row by
row costs far more than building them once at the end (the log then says that
everything may have changed). `BulkLoad` drops them inside the caller's
transaction and puts them back before it commits, so a failed, cancelled or killed
load leaves the database exactly as it was. It is worth it only when the load is
large next to what the table already holds; a small load keeps everything in place.

The text of each batch of statements written goes into the FTS5 index in a thread of
its own, while the caller reads the next batch: sqlite3 lets go of the GIL while SQLite
works, and SQLite takes the two threads' statements on the shared connection in turn.
FTS5 does not merge its segments while the batches go in; they are merged into one
when the load is done ('optimize'), which costs less than merging as it goes and
leaves the index at its fastest to search.
"""

import queue
import threading

from sqlalchemy import Connection

from desktop.storage.change_log import BULK_TRIGGERS, create_change_log, log_everything_changed
from desktop.storage.search_index import create_search_index

_SEARCH_TRIGGERS = ("statement_fts_insert", "statement_fts_delete", "statement_fts_update")
_MIN_ROWS = 50_000
_INDEX_TEXT = "INSERT INTO statement_fts(rowid, text) SELECT id, text FROM statement WHERE id BETWEEN ? AND ?"
_MERGING = {"automerge": 4, "crisismerge": 16}  # FTS5's settings for merging as it goes, at their defaults
_SET = "INSERT INTO statement_fts(statement_fts, rank) VALUES (?, ?)"


class _SearchIndexer:
    """Adds the text of ranges of statement ids to the FTS5 index, in a thread, in the order given."""

    def __init__(self, driver_connection):
        self._cursor = driver_connection.cursor()
        self._ranges: queue.SimpleQueue[tuple[int, int] | None] = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="parallax-search-index", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (ids := self._ranges.get()) is not None:
            if self._error is None:
                try:
                    self._cursor.execute(_INDEX_TEXT, ids)
                except BaseException as error:  # handed to the caller's thread by `finish`
                    self._error = error

    def add(self, first_id: int, last_id: int) -> None:
        self._ranges.put((first_id, last_id))

    def stop(self) -> None:
        """Wait for the ranges given so far; no statement runs on the connection after this."""
        if self._thread.is_alive():
            self._ranges.put(None)
            self._thread.join()
        self._cursor.close()

    def finish(self) -> None:
        self.stop()
        if self._error is not None:
            raise self._error


class BulkLoad:
    """Set aside the statement and link indexes and triggers for a large load on SQLite; restore them after.

    Tell it every batch of statements written (`written`) and call `finish` before committing.
    Use it in a `with` block that ends before the transaction does, whatever happens.
    """

    def __init__(self, connection: Connection, expected_rows: int):
        self.connection = connection
        self.active = False
        self._indexer: _SearchIndexer | None = None
        if connection.dialect.name != "sqlite":
            return
        existing = connection.exec_driver_sql("SELECT count(*) FROM statement").scalar()
        if expected_rows <= max(_MIN_ROWS, existing):
            return
        self.active = True
        self._indexes = [
            (name, sql)
            for name, sql in connection.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master "
                "WHERE type = 'index' AND tbl_name IN ('statement', 'link') AND sql IS NOT NULL"
            )
        ]
        for name in (*_SEARCH_TRIGGERS, *BULK_TRIGGERS):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        for name, _sql in self._indexes:
            connection.exec_driver_sql(f'DROP INDEX IF EXISTS "{name}"')
        connection.exec_driver_sql(_SET, ("automerge", 0))
        connection.exec_driver_sql(_SET, ("crisismerge", 2000))  # the most segments a level may hold
        self._indexer = _SearchIndexer(connection.connection.driver_connection)

    def written(self, table: str, first_id: int, last_id: int) -> None:
        """Rows `first_id` to `last_id` of `table` are written: index the text of new statements."""
        if self._indexer is not None and table == "statement":
            self._indexer.add(first_id, last_id)

    def finish(self) -> None:
        """Build the indexes and the search index for the new rows, and put the triggers back."""
        if not self.active:
            return
        self._indexer.finish()
        connection = self.connection
        connection.exec_driver_sql("INSERT INTO statement_fts(statement_fts) VALUES ('optimize')")
        for setting, value in _MERGING.items():
            connection.exec_driver_sql(_SET, (setting, value))
        for _name, sql in self._indexes:
            connection.exec_driver_sql(sql)
        create_search_index(connection)
        create_change_log(connection)
        log_everything_changed(connection)
        limit = connection.exec_driver_sql("PRAGMA analysis_limit").scalar()
        connection.exec_driver_sql("PRAGMA analysis_limit = 1000")  # statistics from a sample: enough to plan by
        connection.exec_driver_sql("ANALYZE statement")
        connection.exec_driver_sql(f"PRAGMA analysis_limit = {limit}")
        self.active = False

    def __enter__(self) -> "BulkLoad":
        return self

    def __exit__(self, *_) -> None:
        """Stop indexing in the background: the load is finished, failed or cancelled."""
        if self._indexer is not None:
            self._indexer.stop()
