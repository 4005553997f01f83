"""A log of which statements and speakers changed, written by triggers in the database.

Every writer (this process, another editor's, a command-line import) leaves its
trace, so caches derived from the tables can catch up by reading only what changed.
"""

from sqlalchemy import Connection

_TRIGGERS = {
    "change_log_statement_insert": "AFTER INSERT ON statement BEGIN "
    "INSERT INTO change_log (tbl, row_id) VALUES ('statement', new.id); END",
    "change_log_statement_update": "AFTER UPDATE ON statement BEGIN "
    "INSERT INTO change_log (tbl, row_id) VALUES ('statement', new.id); END",
    "change_log_statement_delete": "AFTER DELETE ON statement BEGIN "
    "INSERT INTO change_log (tbl, row_id) VALUES ('statement', old.id); END",
    "change_log_speaker_update": "AFTER UPDATE OF side_id ON speaker BEGIN "
    "INSERT INTO change_log (tbl, row_id) VALUES ('speaker', new.id); END",
}
STATEMENT_TRIGGERS = tuple(name for name in _TRIGGERS if "statement" in name)


def create_change_log(connection: Connection) -> None:
    """Create the log table and its triggers if they are missing."""
    connection.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS change_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, row_id INTEGER NOT NULL)"
    )
    for name, body in _TRIGGERS.items():
        connection.exec_driver_sql(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def log_everything_changed(connection: Connection) -> None:
    """Record that every statement may have changed (after a bulk load without triggers)."""
    connection.exec_driver_sql("INSERT INTO change_log (tbl, row_id) VALUES ('all', 0)")


def latest(connection: Connection) -> int:
    """The sequence number of the newest entry (0 when empty)."""
    return connection.exec_driver_sql("SELECT coalesce(max(seq), 0) FROM change_log").scalar()


def changes_since(connection: Connection, seq: int) -> list[tuple[str, int]]:
    """(table, row id) of every entry after `seq`."""
    return list(connection.exec_driver_sql("SELECT tbl, row_id FROM change_log WHERE seq > ?", (seq,)).all())
