"""Row versions for optimistic locking, counted up by the database itself.

Parallax's own edits set `version` to one more than the version they were made from,
with `WHERE version = <that version>`, so a stale edit changes nothing. These triggers
count up the version of a row any other writer changes (an article review adding a
speaker's alias, a script), so such changes too make a stale edit stale.
"""

from sqlalchemy import Connection

VERSIONED_TABLES = ("statement", "speaker", "outlet", "side")

_POSTGRES_FUNCTION = """CREATE OR REPLACE FUNCTION parallax_next_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.version = OLD.version THEN
        NEW.version := OLD.version + 1;
    END IF;
    RETURN NEW;
END $$"""


def create_version_triggers(connection: Connection) -> None:
    """Create the triggers that count up a row's version on every change, if they are missing."""
    postgres = connection.dialect.name == "postgresql"
    if postgres:
        connection.exec_driver_sql(_POSTGRES_FUNCTION)
    for table in VERSIONED_TABLES:
        if postgres:
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_version ON {table}")
            connection.exec_driver_sql(
                f"CREATE TRIGGER {table}_version BEFORE UPDATE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION parallax_next_version()"
            )
        else:
            connection.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS {table}_version AFTER UPDATE ON {table} WHEN new.version = old.version "
                f"BEGIN UPDATE {table} SET version = old.version + 1 WHERE id = new.id; END"
            )


def drop_version_triggers(connection: Connection) -> None:
    """Remove what `create_version_triggers` made."""
    postgres = connection.dialect.name == "postgresql"
    for table in VERSIONED_TABLES:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_version" + (f" ON {table}" if postgres else ""))
    if postgres:
        connection.exec_driver_sql("DROP FUNCTION IF EXISTS parallax_next_version()")
