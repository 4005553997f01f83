"""Opening a Parallax database: engine, pragmas, schema, transactions."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlmodel import Session

from desktop.domain import entities
from desktop.storage import change_log
from desktop.storage.migrations_runner import UnknownSchemaError, bring_up_to_date, refuse_newer_sqlite_file


def database_url(target: str | Path) -> str:
    """The SQLAlchemy URL for a file path or a URL given as is."""
    target = str(target)
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser().resolve()}"


def database_file(target: str | Path) -> Path | None:
    """The file a path or an SQLite URL names; None for a server's URL or an in-memory database."""
    url = make_url(database_url(target))
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None


WRITE_WAIT = 30.0  # seconds a write waits for another program's write to end before giving up
_WRITING = "parallax_writing"  # the execution option marking a connection whose transactions write


class DatabaseBusy(Exception):
    """Another program held the database's write lock for longer than a write waits; nothing was changed."""

    def __init__(self, seconds: float):
        super().__init__(f"Another program kept the database busy for {seconds:g} s; nothing was changed. Try again.")


def _sqlite_pragmas(write_wait: float, dbapi_connection, _record) -> None:
    # sqlite3 on its own opens a transaction only before INSERT, UPDATE or DELETE, so DDL
    # (a migration, a bulk load setting indexes aside) would commit at once. Turning that off
    # and beginning every transaction explicitly (`_sqlite_begin`) makes each one whole.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute(f"PRAGMA busy_timeout = {round(write_wait * 1000)}")
    cursor.close()


def _sqlite_begin(write_wait: float, connection: Connection) -> None:
    # A write takes the write lock before it reads: a transaction that read first cannot write
    # once another program has committed since (SQLite refuses at once, whatever the busy
    # timeout), and taking the lock up front makes writers queue for up to `write_wait`.
    # Readers begin as before and never wait: WAL lets them read beside a writer.
    if not connection.get_execution_options().get(_WRITING):
        connection.exec_driver_sql("BEGIN")
        return
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    except OperationalError as error:
        if getattr(error.orig, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_BUSY:
            raise DatabaseBusy(write_wait) from error
        raise


class DatabaseOpenError(Exception):
    """The target exists but cannot be used as a Parallax database."""


class Database:
    """One open database: its engine, the transactions the services run in, and `caches`,
    where services keep data derived from the tables (each cache catches up by itself).

    On SQLite a write waits up to `write_wait` seconds for another program's write to end,
    then raises DatabaseBusy.
    """

    def __init__(self, target: str | Path, write_wait: float = WRITE_WAIT):
        self.url = database_url(target)
        self.is_sqlite = make_url(self.url).get_backend_name() == "sqlite"
        self.file = database_file(self.url)
        if self.file is not None:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            refuse_newer_sqlite_file(self.file)
        # A server may have been restarted since a pooled connection was last used.
        self.engine: Engine = create_engine(self.url, pool_pre_ping=not self.is_sqlite)
        if self.is_sqlite:
            event.listen(self.engine, "connect", partial(_sqlite_pragmas, write_wait))
            event.listen(self.engine, "begin", partial(_sqlite_begin, write_wait))
        self._writer = self.engine.execution_options(**{_WRITING: True})
        self.backup: Path | None = None
        self.caches: dict[str, object] = {}
        self._identity: str | None = None
        try:
            self._create_schema()
        except (SQLAlchemyError, UnknownSchemaError) as error:
            self.engine.dispose()
            reason = getattr(error, "orig", None) or error
            raise DatabaseOpenError(f"{self.label} cannot be opened as a Parallax database: {reason}") from error
        except BaseException:
            self.engine.dispose()
            raise

    @property
    def label(self) -> str:
        """A short name for window titles: the file name, or the URL without password."""
        if self.file is not None:
            return self.file.name
        return make_url(self.url).render_as_string(hide_password=True)

    def _create_schema(self) -> None:
        self.backup = bring_up_to_date(self.engine, self.file)
        with self.engine.begin() as connection:
            change_log.prune(connection)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed as one transaction, or rolled back on error.

        On SQLite it holds the write lock from its start: raises DatabaseBusy if that never comes.
        The change log is pruned as it goes (`change_log.prune`), so it stays small while a file is open."""
        with Session(self._writer, expire_on_commit=False) as session:
            with session.begin():
                yield session
                change_log.prune(session.connection())

    def writing_connection(self) -> Connection:
        """A connection for a transaction that writes, begun by the caller (`transaction` otherwise)."""
        return self._writer.connect()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries; objects stay usable after it closes."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @property
    def identity(self) -> str:
        """The identity this database was given when it was created (unlike its path, never reused)."""
        if self._identity is None:
            with self.engine.connect() as connection:
                self._identity = connection.exec_driver_sql("SELECT id FROM database_identity").scalar_one()
        return self._identity

    def is_empty(self) -> bool:
        """True when the database holds no side, speaker or statement yet."""
        with self.reading() as session:
            for table in (entities.Side, entities.Speaker, entities.Statement):
                if session.exec(select(func.count()).select_from(table)).one()[0]:
                    return False
        return True

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()
