"""Opening a Parallax database: engine, pragmas, schema, transactions."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from desktop.domain import entities
from desktop.storage import change_log
from desktop.storage.migrations_runner import bring_up_to_date, refuse_newer_sqlite_file


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


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # sqlite3 on its own opens a transaction only before INSERT, UPDATE or DELETE, so DDL
    # (a migration, a bulk load setting indexes aside) would commit at once. Turning that off
    # and beginning every transaction explicitly (`_sqlite_begin`) makes each one whole.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


def _sqlite_begin(connection) -> None:
    connection.exec_driver_sql("BEGIN")


class DatabaseOpenError(Exception):
    """The target exists but cannot be used as a Parallax database."""


class Database:
    """One open database: its engine, the transactions the services run in, and `caches`,
    where services keep data derived from the tables (each cache catches up by itself)."""

    def __init__(self, target: str | Path):
        self.url = database_url(target)
        self.is_sqlite = make_url(self.url).get_backend_name() == "sqlite"
        self.file = database_file(self.url)
        if self.file is not None:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            refuse_newer_sqlite_file(self.file)
        # A server may have been restarted since a pooled connection was last used.
        self.engine: Engine = create_engine(self.url, pool_pre_ping=not self.is_sqlite)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        self.backup: Path | None = None
        self.caches: dict[str, object] = {}
        self._identity: str | None = None
        try:
            self._create_schema()
        except SQLAlchemyError as error:
            self.engine.dispose()
            reason = getattr(error, "orig", None) or error
            raise DatabaseOpenError(f"{self.label} cannot be opened as a Parallax database: {reason}") from error

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
        """A session whose work is committed as one transaction, or rolled back on error."""
        with Session(self.engine, expire_on_commit=False) as session:
            with session.begin():
                yield session

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
