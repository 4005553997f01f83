"""Writing new rows in bulk: one compiled INSERT per table, fed tuples in chunks (executemany).

Ids are handed out by the writer (one past the largest in the table), so a caller can
refer to a row before it is written, and the rows one import creates form one range
of ids per table. Everything runs on the caller's connection, inside its transaction.
"""

from collections.abc import Callable

from sqlalchemy import Connection, Table, func, insert, select, text
from sqlmodel import SQLModel

from desktop.domain.entities import Document, Link, Outlet, Side, Speaker, Statement, Story

# Parents before children, so every foreign key points at a row already written.
MODELS: tuple[type[SQLModel], ...] = (Side, Story, Speaker, Outlet, Document, Statement, Link)
TABLES = tuple(model.__tablename__ for model in MODELS)


def _defaults(model: type[SQLModel]) -> dict[str, Callable[[], object]]:
    """A maker of each field's default value, as the entity declares it."""
    makers = {}
    for name, info in model.model_fields.items():
        if info.default_factory is not None:
            makers[name] = info.default_factory
        else:
            makers[name] = lambda value=info.get_default(): value
    return makers


class _TableWriter:
    def __init__(self, connection: Connection, model: type[SQLModel]):
        table: Table = model.__table__
        dialect = connection.dialect
        self.columns = [column.name for column in table.columns]
        self.defaults = _defaults(model)
        self.processors = [
            column.type.dialect_impl(dialect).bind_processor(dialect) for column in table.columns
        ]
        compiled = insert(table).compile(dialect=dialect, column_keys=self.columns)
        self.sql = str(compiled)
        self.positional = compiled.positional
        self.next_id = (connection.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        self.first_id = self.next_id
        self.rows: list[tuple] = []

    def row(self, values: dict) -> tuple:
        cells = []
        for name, process in zip(self.columns, self.processors):
            value = values[name] if name in values else self.defaults[name]()
            cells.append(process(value) if process is not None and value is not None else value)
        return tuple(cells)


class ImportWriter:
    """Buffers new rows per table and writes them, parents first, `chunk_size` rows at a time."""

    def __init__(self, connection: Connection, chunk_size: int = 1000):
        self.connection = connection
        self.chunk_size = chunk_size
        self._tables: dict[str, _TableWriter] = {}
        if connection.dialect.name == "postgresql":
            for name in TABLES:  # the ids handed out stay ours until the transaction ends
                connection.execute(text(f"LOCK TABLE {name} IN SHARE ROW EXCLUSIVE MODE"))

    def _table(self, name: str) -> _TableWriter:
        if name not in self._tables:
            self._tables[name] = _TableWriter(self.connection, MODELS[TABLES.index(name)])
        return self._tables[name]

    def first_new_id(self, table: str) -> int:
        """The first id this writer hands out in a table: rows below it were there before."""
        return self._table(table).first_id

    def add(self, table: str, values: dict) -> int:
        """Queue a new row (fields not given take the entity's defaults); returns its id."""
        writer = self._table(table)
        row_id = writer.next_id
        writer.next_id += 1
        writer.rows.append(writer.row({**values, "id": row_id}))
        if len(writer.rows) >= self.chunk_size:
            self.flush()
        return row_id

    def flush(self) -> None:
        """Write every queued row, parents first."""
        for name in TABLES:
            writer = self._tables.get(name)
            if writer is None or not writer.rows:
                continue
            rows = writer.rows if writer.positional else [dict(zip(writer.columns, row)) for row in writer.rows]
            self.connection.exec_driver_sql(writer.sql, rows)
            writer.rows = []

    def finish(self) -> None:
        """Write what is queued; on PostgreSQL, move each id sequence past the ids handed out."""
        self.flush()
        if self.connection.dialect.name == "postgresql":
            for name, (_first, last) in self.created().items():
                self.connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), :last)"), {"last": last}
                )

    def created(self) -> dict[str, tuple[int, int]]:
        """For each table written to, the first and last id of the rows created."""
        return {
            name: (writer.first_id, writer.next_id - 1)
            for name, writer in self._tables.items()
            if writer.next_id > writer.first_id
        }
