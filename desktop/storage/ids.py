"""Ids are never handed out twice (see the entities): what a writer that hands out ids itself must start past."""

from sqlalchemy import Connection, text


def largest_id_given(connection: Connection, table: str) -> int:
    """The largest id `table` has ever handed out, its deleted rows' included (0 for none)."""
    if connection.dialect.name == "sqlite":
        query = (
            f'SELECT max(coalesce((SELECT max(id) FROM "{table}"), 0), '
            "coalesce((SELECT seq FROM sqlite_sequence WHERE name = :table), 0))"
        )
    elif connection.dialect.name == "postgresql":
        query = (
            f'SELECT greatest(coalesce((SELECT max(id) FROM "{table}"), 0), '
            "coalesce(pg_sequence_last_value(pg_get_serial_sequence(:table, 'id')::regclass), 0))"
        )
    else:
        query = f'SELECT coalesce(max(id), 0) FROM "{table}"'
    return connection.execute(text(query), {"table": table}).scalar()
