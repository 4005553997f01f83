"""Loading many statements fast: indexes and triggers set aside during the load, rebuilt once after.

Maintaining the statement indexes, the FTS5 index and the change log row by row costs
far more than building them once at the end. `BulkLoad` drops them inside the caller's
transaction and puts them back before it commits, so a failed, cancelled or killed
load leaves the database exactly as it was. It is worth it only when the load is
large next to what the table already holds; a small load keeps everything in place.
"""

from sqlalchemy import Connection

from desktop.storage.change_log import STATEMENT_TRIGGERS, create_change_log, log_everything_changed
from desktop.storage.search_index import create_search_index

_SEARCH_TRIGGERS = ("statement_fts_insert", "statement_fts_delete", "statement_fts_update")
_MIN_ROWS = 50_000


class BulkLoad:
    """Set aside the statement indexes and triggers for a large load on SQLite; restore them after."""

    def __init__(self, connection: Connection, expected_rows: int):
        self.connection = connection
        self.first_new_id = 0
        self.active = False
        if connection.dialect.name != "sqlite":
            return
        existing = connection.exec_driver_sql("SELECT count(*) FROM statement").scalar()
        if expected_rows <= max(_MIN_ROWS, existing):
            return
        self.active = True
        self._had_rows = existing > 0
        self.first_new_id = (connection.exec_driver_sql("SELECT max(id) FROM statement").scalar() or 0) + 1
        self._indexes = [
            (name, sql)
            for name, sql in connection.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'statement' AND sql IS NOT NULL"
            )
        ]
        for name in (*_SEARCH_TRIGGERS, *STATEMENT_TRIGGERS):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        for name, _sql in self._indexes:
            connection.exec_driver_sql(f'DROP INDEX IF EXISTS "{name}"')

    def finish(self) -> None:
        """Build the indexes and the search index for the new rows, and put the triggers back."""
        if not self.active:
            return
        connection = self.connection
        for _name, sql in self._indexes:
            connection.exec_driver_sql(sql)
        if self._had_rows:
            connection.exec_driver_sql(
                "INSERT INTO statement_fts(rowid, text) SELECT id, text FROM statement WHERE id >= ?", (self.first_new_id,)
            )
        else:
            connection.exec_driver_sql("INSERT INTO statement_fts(statement_fts) VALUES ('rebuild')")
        create_search_index(connection)
        create_change_log(connection)
        log_everything_changed(connection)
        connection.exec_driver_sql("ANALYZE statement")
        self.active = False
