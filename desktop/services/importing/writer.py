"""Writing new rows in bulk: compiled INSERTs fed tuples in chunks (executemany).

Ids are handed out by the writer (past the largest the table ever gave, so a deleted
row's id is never given again), so a caller can refer to a row before it is written,
and the rows one import creates form one range of ids per table. Everything runs on
the caller's connection, inside its transaction.

A caller adding many rows of one kind asks for an `adder`: it takes each row as a
tuple of the fields it names, converts only the cells that need it, and leaves out of
its INSERT the columns that would only be NULL.

During a bulk load on SQLite the rows go to the `BulkLoad`, which writes them in the
background, in the order given.
"""

from collections.abc import Callable, Sequence
from itertools import repeat

from sqlalchemy import Boolean, Column, Connection, Date, String, Table, insert, text
from sqlmodel import SQLModel

from desktop.domain.entities import Document, Link, Outlet, Side, Speaker, Statement, Story
from desktop.storage.bulk import BulkLoad
from desktop.storage.ids import largest_id_given

# Parents before children, so every foreign key points at a row already written.
MODELS: tuple[type[SQLModel], ...] = (Side, Story, Speaker, Outlet, Document, Statement, Link)
TABLES = tuple(model.__tablename__ for model in MODELS)

# sqlite3 binds None several times slower than a value, so on SQLite a nullable column
# that never holds text is bound through NULLIF and this stand-in is sent for NULL.
_NULL = ""

Adder = Callable[[tuple], int]


def _defaults(model: type[SQLModel]) -> dict[str, Callable[[], object]]:
    """A maker of each field's default value, as the entity declares it (None for a required field)."""
    makers = {}
    for name, info in model.model_fields.items():
        if info.default_factory is not None:
            makers[name] = info.default_factory
        else:
            makers[name] = lambda value=None if info.is_required() else info.get_default(): value
    return makers


def _stands_in_for_null(column: Column, dialect) -> bool:
    return dialect.name == "sqlite" and column.nullable and not isinstance(column.type, String)


class _Processed(dict):
    """A column's values as the driver takes them, each processed once: for values that repeat."""

    def __init__(self, process: Callable):
        super().__init__()
        self.process = process

    def __missing__(self, value):
        self[value] = processed = self.process(value)
        return processed


def _sqlite_literal(value) -> str:
    """A value as written into SQLite's SQL: NULL, a number, or quoted text."""
    if value is None:
        return "NULL"
    return "'" + value.replace("'", "''") + "'" if isinstance(value, str) else repr(value)


class _Insert:
    """An INSERT of some of a table's columns, and the rows queued for it.

    The columns in `fixed` take the same value in every row: on SQLite it is written into
    the SQL; elsewhere each row carries it at its end (`constants`).
    """

    def __init__(self, table: Table, columns: list[Column], fixed: dict[Column, object], dialect):
        self.names = [column.name for column in (*columns, *fixed)]
        if dialect.name == "sqlite":
            quote = dialect.identifier_preparer.quote
            slots = [f"NULLIF(?, '{_NULL}')" if _stands_in_for_null(c, dialect) else "?" for c in columns]
            slots += map(_sqlite_literal, fixed.values())
            names = ", ".join(map(quote, self.names))
            self.head, self.row_sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ", f"({', '.join(slots)})"
            self.sql, self.positional, self.constants = self.head + self.row_sql, True, ()
        else:
            compiled = insert(table).compile(dialect=dialect, column_keys=self.names)
            self.sql, self.positional, self.constants = str(compiled), compiled.positional, tuple(fixed.values())
        self.rows: list[tuple] = []

    def write(self, connection: Connection, bulk: BulkLoad | None) -> None:
        """Write the rows queued: through the bulk load when there is one (SQLite only), else at once."""
        rows, self.rows = self.rows, []
        if bulk is not None:
            bulk.insert(self.head, self.row_sql, rows)
        else:
            connection.exec_driver_sql(self.sql, rows if self.positional else [dict(zip(self.names, r)) for r in rows])


class _TableWriter:
    """One table's INSERTs, the rows queued for them, and the next id to hand out."""

    def __init__(self, connection: Connection, model: type[SQLModel]):
        self.table: Table = model.__table__
        self.dialect = connection.dialect
        self.columns = list(self.table.columns)
        self.fields = tuple(column.name for column in self.columns if column.name != "id")
        self.defaults = _defaults(model)
        self.made = {name for name, info in model.model_fields.items() if info.default_factory is not None}
        self.inserts: dict[tuple[str, ...], _Insert] = {}
        self.next_id = largest_id_given(connection, self.table.name) + 1
        self.first_id = self.next_id
        self.queued = 0

    def _converter(self, column: Column, none_becomes) -> Callable | None:
        """What turns a value for the column into what the driver takes, None becoming `none_becomes`;
        None when every value goes as it is."""
        process = column.type.dialect_impl(self.dialect).bind_processor(self.dialect)
        if process is None and none_becomes is None:
            return None
        if column.foreign_keys or isinstance(column.type, (Date, Boolean)):  # values that repeat: each processed once
            cells = _Processed(process or (lambda value: value))
            cells[None] = none_becomes
            return cells.__getitem__
        if process is None:
            return lambda value: none_becomes if value is None else value
        return lambda value: none_becomes if value is None else process(value)

    def _cell(self, column: Column, value):
        """A value as the database driver takes it for the column."""
        convert = self._converter(column, _NULL if _stands_in_for_null(column, self.dialect) else None)
        return value if convert is None else convert(value)

    def maker(self, names: tuple[str, ...]) -> tuple[_Insert, Callable[[tuple], tuple], Callable[[list], list]]:
        """The INSERT for rows given as values in `names` order, the maker of its rows, and the
        maker of many rows at once from their columns.

        The other fields take their defaults, made once; those that are NULL by default are
        left to the database. None given for a field whose default is made for each row (a
        creation time) takes that default, made once.
        """
        given = [next(c for c in self.columns if c.name == name) for name in names]
        fixed = {
            column: self._cell(column, default)
            for column in self.columns
            if column.name not in names and (default := self.defaults[column.name]()) is not None
        }
        if names not in self.inserts:
            self.inserts[names] = _Insert(self.table, given, fixed, self.dialect)
        insert = self.inserts[names]
        constants = insert.constants
        converters = [
            self._converter(
                column,
                self._cell(column, self.defaults[column.name]()) if column.name in self.made
                else _NULL if _stands_in_for_null(column, self.dialect) else None,
            )
            for column in given
        ]

        def make(values: tuple) -> tuple:
            cells = tuple(value if convert is None else convert(value) for convert, value in zip(converters, values))
            return cells + constants

        def make_many(columns: list) -> list[tuple]:
            cells = [column if convert is None else map(convert, column) for convert, column in zip(converters, columns)]
            return list(zip(*cells, *map(repeat, constants)))

        return insert, make, make_many


class ImportWriter:
    """Buffers new rows per table and writes them, parents first, `chunk_size` rows at a time.

    With an active `bulk` load, the rows go to it, and it is told the range of ids of every
    batch of rows given.
    """

    def __init__(self, connection: Connection, chunk_size: int = 1000, bulk: BulkLoad | None = None):
        self.connection = connection
        self.chunk_size = chunk_size
        self.bulk = bulk if bulk is not None and bulk.active else None
        self._tables: dict[str, _TableWriter] = {}
        self._adders: dict[tuple[str, tuple[str, ...]], Adder] = {}
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
        row = tuple(values[name] if name in values else writer.defaults[name]() for name in writer.fields)
        return self.adder(table, writer.fields)(row)

    def adder(self, table: str, names: tuple[str, ...]) -> Adder:
        """A faster `add` for many rows of a table: it takes each row as its values in `names` order.

        The fields not named take the entity's defaults, made once: every row gets the
        same creation time, say. It queues the row and returns the row's id.
        """
        if (table, names) not in self._adders:
            writer = self._table(table)
            insert, make, _make_many = writer.maker(("id", *names))

            def add(values: tuple) -> int:
                row_id = writer.next_id
                writer.next_id += 1
                insert.rows.append(make((row_id, *values)))
                writer.queued += 1
                if writer.queued >= self.chunk_size:
                    self.flush()
                return row_id

            self._adders[table, names] = add
        return self._adders[table, names]

    def rows_adder(self, table: str, names: tuple[str, ...]) -> Callable[[list[Sequence]], int]:
        """`adder` for many rows at once, given as columns (one list of values per name, in `names`
        order): it queues the rows, ids in row order, and returns the first row's id."""
        writer = self._table(table)
        insert, _make, make_many = writer.maker(("id", *names))

        def add_rows(columns: list[Sequence]) -> int:
            first_id = writer.next_id
            count = len(columns[0])
            writer.next_id += count
            insert.rows += make_many([range(first_id, writer.next_id), *columns])
            writer.queued += count
            if writer.queued >= self.chunk_size:
                self.flush()
            return first_id

        return add_rows

    def flush(self) -> None:
        """Write every queued row, parents first."""
        for name in TABLES:
            writer = self._tables.get(name)
            if writer is None or not writer.queued:
                continue
            for insert in writer.inserts.values():
                if insert.rows:
                    insert.write(self.connection, self.bulk)
            first, last = writer.next_id - writer.queued, writer.next_id - 1
            writer.queued = 0
            if self.bulk is not None:
                self.bulk.written(name, first, last)

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
