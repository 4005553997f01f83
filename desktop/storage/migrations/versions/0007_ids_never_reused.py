"""Ids are never handed out twice: on SQLite every table with an integer id is rebuilt with
AUTOINCREMENT, keeping its rows, indexes and triggers, and remembers the largest id it
ever gave, deleted rows the change log still names included. (PostgreSQL's sequences
never go back already.)

The runner turns foreign keys off for the upgrade (`migrations_runner`), as SQLite's own
procedure for changing a table asks: dropping the old table would otherwise delete or
refuse the rows that refer to it.

Revision ID: 0007
Revises: 0006
"""

import re

from alembic import op
from sqlalchemy import Connection

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLES = ("side", "story", "speaker", "outlet", "document", "statement", "link")
_KEY_CONSTRAINT = re.compile(r',\s*(CONSTRAINT\s+\S+\s+)?PRIMARY KEY\s*\(\s*"?id"?\s*\)', re.IGNORECASE)
_KEY_COLUMN = re.compile(r'(\(\s*"?id"?\s+INTEGER(\s+NOT NULL)?)(?=\s*,)', re.IGNORECASE)
_KEY_COLUMN_DECLARED = re.compile(r'(\(\s*"?id"?\s+INTEGER(\s+NOT NULL)?\s+PRIMARY KEY)(?=\s*,)', re.IGNORECASE)
_NAME = re.compile(r'^\s*CREATE TABLE\s+("?)(\w+)\1', re.IGNORECASE)


def _with_autoincrement(sql: str, table: str, name: str) -> str:
    """The CREATE TABLE of `table` under `name`, its id declared INTEGER PRIMARY KEY AUTOINCREMENT."""
    if _KEY_COLUMN_DECLARED.search(sql):
        sql = _KEY_COLUMN_DECLARED.sub(r"\1 AUTOINCREMENT", sql, count=1)
    elif _KEY_CONSTRAINT.search(sql) and _KEY_COLUMN.search(sql):
        sql = _KEY_COLUMN.sub(r"\1 PRIMARY KEY AUTOINCREMENT", _KEY_CONSTRAINT.sub("", sql, count=1), count=1)
    else:
        raise RuntimeError(f"The {table} table's id is not declared as Parallax declares it: {sql}")
    return _NAME.sub(f'CREATE TABLE "{name}"', sql, count=1)


def _columns(connection: Connection, table: str) -> list[tuple]:
    return [tuple(row) for row in connection.exec_driver_sql(f'PRAGMA table_info("{table}")')]


def _rebuild(connection: Connection, table: str) -> None:
    """SQLite's way of changing a table: a new one, the rows copied, the old one dropped, the new one
    renamed, then the old one's indexes and triggers made again as they were written."""
    sql = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).scalar_one()
    if "AUTOINCREMENT" in sql.upper():
        return
    if connection.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError("Tables are rebuilt with foreign keys off only: the runner turns them off.")
    dependants = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL",
        (table,),
    ).scalars().all()
    new = f"_parallax_new_{table}"
    connection.exec_driver_sql(_with_autoincrement(sql, table, new))
    if _columns(connection, new) != _columns(connection, table):
        raise RuntimeError(f"The {table} table would not keep its columns as they are; nothing was changed.")
    connection.exec_driver_sql(f'INSERT INTO "{new}" SELECT * FROM "{table}"')
    count = f'SELECT (SELECT count(*) FROM "{new}") = (SELECT count(*) FROM "{table}")'
    if not connection.exec_driver_sql(count).scalar():
        raise RuntimeError(f"The {table} table's rows could not all be copied; nothing was changed.")
    connection.exec_driver_sql(f'DROP TABLE "{table}"')
    connection.exec_driver_sql(f'ALTER TABLE "{new}" RENAME TO "{table}"')
    for statement in dependants:
        connection.exec_driver_sql(statement)


def _remember_largest_ids(connection: Connection) -> None:
    """Start each table's sequence past every id it holds or the change log remembers it held."""
    for table in TABLES:
        largest = connection.exec_driver_sql(
            f"SELECT max(coalesce((SELECT max(id) FROM \"{table}\"), 0), "
            "coalesce((SELECT max(row_id) FROM change_log WHERE tbl = ?), 0), "
            "coalesce((SELECT max(seq) FROM sqlite_sequence WHERE name = ?), 0))",
            (table, table),
        ).scalar()
        connection.exec_driver_sql("DELETE FROM sqlite_sequence WHERE name = ?", (table,))
        connection.exec_driver_sql("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, largest))


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    for table in TABLES:
        _rebuild(connection, table)
    _remember_largest_ids(connection)


def downgrade() -> None:
    """The tables keep AUTOINCREMENT: ids that are never reused do no harm to an older schema."""
