"""A log of which rows changed, written by triggers in the database.

Every writer (this process, another editor's, a command-line import) leaves its
trace, so caches derived from the tables can catch up by reading only what changed,
and an open window can tell that someone else changed something.

On PostgreSQL each writing statement also takes one transaction-level advisory lock
before it touches a row, so writers commit their log entries in `seq` order (a reader
that has seen entry n never misses a smaller one committed later), and sends a
NOTIFY on `CHANNEL` that wakes the other editors' windows at commit.
"""

from sqlalchemy import Connection, text

CHANNEL = "parallax_changes"
LOGGED_TABLES = ("statement", "speaker", "outlet", "side", "link", "story")
KEPT = 50_000  # entries kept when the log is pruned
_PRUNED = "pruned"  # the table named by the mark a prune leaves

_SQLITE_TRIGGERS = {
    f"change_log_{table}_{event}": f"AFTER {event.upper()} ON {table} BEGIN "
    f"INSERT INTO change_log (tbl, row_id) VALUES ('{table}', {'old' if event == 'delete' else 'new'}.id); END"
    for table in LOGGED_TABLES
    for event in ("insert", "update", "delete")
}
BULK_TRIGGERS = tuple(name for name in _SQLITE_TRIGGERS if "_statement_" in name or "_link_" in name)  # set aside by a bulk load

_POSTGRES_FUNCTIONS = (
    """CREATE OR REPLACE FUNCTION parallax_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            INSERT INTO change_log (tbl, row_id) VALUES (TG_TABLE_NAME, OLD.id);
        ELSE
            INSERT INTO change_log (tbl, row_id) VALUES (TG_TABLE_NAME, NEW.id);
        END IF;
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION parallax_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('{CHANNEL}'));
        PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME);
        RETURN NULL;
    END $$""",
)


_TABLE = "CREATE TABLE IF NOT EXISTS change_log (seq {} PRIMARY KEY{}, tbl TEXT NOT NULL, row_id INTEGER NOT NULL)"
_POSTGRES_TRIGGERS = (
    ("change_log_{}", "AFTER INSERT OR UPDATE OR DELETE ON {} FOR EACH ROW", "parallax_log_change"),
    ("change_log_{}_announce", "BEFORE INSERT OR UPDATE OR DELETE ON {} FOR EACH STATEMENT", "parallax_announce_change"),
)


def _create_postgres_log(connection: Connection) -> None:
    connection.exec_driver_sql(_TABLE.format("BIGSERIAL", ""))
    for function in _POSTGRES_FUNCTIONS:
        connection.exec_driver_sql(function)
    for table in LOGGED_TABLES:
        for name, timing, function in _POSTGRES_TRIGGERS:
            name, timing = name.format(table), timing.format(table)
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            connection.exec_driver_sql(f"CREATE TRIGGER {name} {timing} EXECUTE FUNCTION {function}()")


def create_change_log(connection: Connection) -> None:
    """Create the log table and its triggers if they are missing."""
    if connection.dialect.name == "postgresql":
        _create_postgres_log(connection)
        return
    connection.exec_driver_sql(_TABLE.format("INTEGER", " AUTOINCREMENT"))
    for name, body in _SQLITE_TRIGGERS.items():
        connection.exec_driver_sql(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def log_everything_changed(connection: Connection) -> None:
    """Record that every statement may have changed (after a bulk load without triggers)."""
    connection.execute(text("INSERT INTO change_log (tbl, row_id) VALUES ('all', 0)"))


def latest(connection: Connection) -> int:
    """The sequence number of the newest entry (0 when empty)."""
    return connection.execute(text("SELECT coalesce(max(seq), 0) FROM change_log")).scalar()


def changes_since(connection: Connection, seq: int, limit: int | None = None) -> list[tuple[str, int]]:
    """(table, row id) of every entry after `seq` (the first `limit` of them, if given); just ('all', 0)
    when entries after `seq` were pruned."""
    query = "SELECT tbl, row_id FROM change_log WHERE seq > :seq ORDER BY seq"
    if limit is not None:
        query += f" LIMIT {int(limit)}"
    entries = connection.execute(text(query), {"seq": seq}).all()
    if any(table == _PRUNED and cutoff > seq for table, cutoff in entries):
        return [("all", 0)]
    return [(table, row_id) for table, row_id in entries if table != _PRUNED]


def prune(connection: Connection, kept: int | None = None) -> None:
    """Once the log holds twice `kept` entries, forget all but the newest `kept`. A mark holding the
    last seq forgotten is left, so a reader that was further behind reads everything again
    (`changes_since`). `kept` is KEPT unless given."""
    kept = KEPT if kept is None else kept
    newest = latest(connection)
    cutoff = newest - kept
    old = "SELECT 1 FROM change_log WHERE seq <= :seq AND tbl != :pruned LIMIT 1"
    if connection.execute(text(old), {"seq": newest - 2 * kept, "pruned": _PRUNED}).first() is None:
        return
    if connection.dialect.name == "postgresql":  # in seq order with every other writer (see above)
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:channel))"), {"channel": CHANNEL})
    connection.execute(text("DELETE FROM change_log WHERE seq <= :cutoff"), {"cutoff": cutoff})
    connection.execute(text("INSERT INTO change_log (tbl, row_id) VALUES (:pruned, :cutoff)"),
                       {"pruned": _PRUNED, "cutoff": cutoff})
