"""Loading many statements fast: one compiled INSERT fed tuples, indexes built after the load.

Everything happens in the caller's single transaction, so a failed or cancelled load
leaves nothing behind. When the load is large next to what the table already holds,
the statement indexes and the search triggers are dropped first and rebuilt once at
the end (much faster than maintaining them row by row); a small load into a large
table keeps them and only indexes its own rows.
"""

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from sqlalchemy import Connection, text

from desktop.storage.change_log import STATEMENT_TRIGGERS, create_change_log, log_everything_changed
from desktop.storage.search_index import create_search_index

CHUNK = 10_000

STATEMENT_COLUMNS = (
    "id", "text", "is_quote", "said_on", "speaker_id", "side_id", "outlet_id", "document_id",
    "span_start", "span_end", "story_id", "note", "created_at", "updated_at",
)
_TRIGGERS = ("statement_fts_insert", "statement_fts_delete", "statement_fts_update", *STATEMENT_TRIGGERS)


def _chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _statement_indexes(connection: Connection) -> list[str]:
    return [
        sql
        for (sql,) in connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'statement' AND sql IS NOT NULL"
        )
    ]


def insert_statements(
    connection: Connection,
    rows: Iterable[tuple],
    *,
    expected: int,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Insert statement tuples (in STATEMENT_COLUMNS order) inside the open transaction.

    Returns how many were inserted. `expected` (an estimate is fine) chooses between
    rebuilding the indexes after the load and keeping them. Raises InterruptedError
    when `cancelled()` turns true; the caller's rollback then undoes everything.
    """
    before = connection.execute(text("SELECT count(*) FROM statement")).scalar()
    first_new = (connection.execute(text("SELECT max(id) FROM statement")).scalar() or 0) + 1
    rebuild = expected > max(50_000, before)
    indexes = _statement_indexes(connection) if rebuild else []
    if rebuild:
        for name in _TRIGGERS:
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        for sql in indexes:
            connection.exec_driver_sql(f"DROP INDEX IF EXISTS {sql.split()[2]}")
    placeholders = ", ".join("?" for _ in STATEMENT_COLUMNS)
    insert = f"INSERT INTO statement ({', '.join(STATEMENT_COLUMNS)}) VALUES ({placeholders})"
    cursor = connection.connection.driver_connection.cursor()
    done = 0
    for chunk in _chunks(rows, CHUNK):
        if cancelled and cancelled():
            raise InterruptedError("The import was cancelled; nothing was changed.")
        cursor.executemany(insert, chunk)
        done += len(chunk)
        if progress:
            progress(done)
    if rebuild:
        for sql in indexes:
            connection.exec_driver_sql(sql)
        if before:
            connection.exec_driver_sql(
                "INSERT INTO statement_fts(rowid, text) SELECT id, text FROM statement WHERE id >= ?", (first_new,)
            )
        else:
            connection.exec_driver_sql("INSERT INTO statement_fts(statement_fts) VALUES ('rebuild')")
        create_search_index(connection)
        create_change_log(connection)
        log_everything_changed(connection)
    connection.exec_driver_sql("ANALYZE")
    return done
