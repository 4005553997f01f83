"""Bringing a database's schema up to date with Alembic, safely.

A new database is created by running every migration. One made before migrations
existed is recognised by its tables and stamped with the baseline. An older schema
is upgraded only after a verified backup of the file; a newer one is refused and
left untouched.
"""

import itertools
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect
from sqlalchemy.exc import SQLAlchemyError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"
_ROOM_TO_SPARE = 1_000_000  # bytes left free after the backup, for the upgrade's own log


class SchemaTooNewError(Exception):
    """The database was written by a newer Parallax."""


class UnknownSchemaError(Exception):
    """A database with Parallax's tables but no record of their version, which cannot be upgraded as the first one."""


class BackupFailedError(Exception):
    """The copy taken before an upgrade did not pass its integrity check."""


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision this version of Parallax knows."""
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The revision stamped in the database, or None if it has none."""
    return MigrationContext.configure(connection).get_current_revision()


def integrity_check(database_file: Path) -> str:
    """SQLite's verdict on a database file: "ok", or what is wrong with it."""
    connection = sqlite3.connect(database_file)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


def backup_sqlite(database_file: Path, revision: str) -> Path:
    """Copy the database next to itself with VACUUM INTO and check the copy's integrity.

    Refused before anything is written when the disk has no room for the copy; a copy that
    cannot be written whole, or fails its check, is removed: no attempt leaves a file behind."""
    _refuse_without_room(database_file)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = database_file.with_name(f"{database_file.stem}.before-upgrade-{revision}-{stamp}{database_file.suffix}")
    for number in itertools.count(2):  # another attempt in the same second
        if not target.exists():
            break
        target = target.with_name(f"{database_file.stem}.before-upgrade-{revision}-{stamp}-{number}{database_file.suffix}")
    # VACUUM cannot run inside a transaction, so it gets a plain connection of its own.
    source = sqlite3.connect(database_file)
    try:
        source.execute("VACUUM INTO ?", (str(target),))
        verdict = integrity_check(target)
    except sqlite3.Error as error:
        target.unlink(missing_ok=True)
        raise BackupFailedError(
            f"The copy of {database_file.name} kept before an upgrade could not be written ({error}); nothing was changed."
        ) from error
    finally:
        source.close()
    if verdict != "ok":
        target.unlink(missing_ok=True)
        raise BackupFailedError(f"The backup {target.name} failed its integrity check ({verdict}); nothing was upgraded.")
    return target


def _refuse_without_room(database_file: Path) -> None:
    """Raise BackupFailedError when the disk cannot hold a copy of the database (its file and its write-ahead log)."""
    log = database_file.with_name(database_file.name + "-wal")
    needed = database_file.stat().st_size + (log.stat().st_size if log.exists() else 0) + _ROOM_TO_SPARE
    free = shutil.disk_usage(database_file.parent).free
    if free < needed:
        raise BackupFailedError(
            f"There is no room on the disk for the copy of {database_file.name} kept before upgrading it "
            f"({_megabytes(needed)} needed, {_megabytes(free)} free); nothing was changed. Free some space and open it again."
        )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def _known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}


def _refuse_if_newer(revision: str | None) -> None:
    if revision is not None and revision not in _known_revisions():
        raise SchemaTooNewError(
            f"This database was written by a newer version of Parallax (schema {revision}); "
            "it was left untouched. Please update Parallax to open it."
        )


def refuse_newer_sqlite_file(database_file: Path) -> None:
    """Check an existing SQLite file read-only, before anything may write to it."""
    if not database_file.exists() or database_file.stat().st_size == 0:
        return
    connection = sqlite3.connect(f"{database_file.as_uri()}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return
    finally:
        connection.close()
    _refuse_if_newer(row[0] if row else None)


def bring_up_to_date(engine: Engine, database_file: Path | None) -> Path | None:
    """Create, stamp or upgrade the schema; returns the backup taken before an upgrade, if any.

    Nothing is changed before the backup is verified, and then everything in one transaction: a
    stamp for a database from before migrations and the upgrade together. If the upgrade fails,
    the database is as it was and the backup, identical to it, is removed rather than left to pile
    up at each attempt."""
    head = head_revision()
    with engine.connect() as connection:
        revision = current_revision(connection)
        has_tables = inspect(connection).has_table("statement")
    _refuse_if_newer(revision)
    if revision == head:
        return None
    unversioned = revision is None and has_tables
    backup = None
    if (revision is not None or unversioned) and database_file is not None:
        backup = backup_sqlite(database_file, revision or BASELINE)
    try:
        with engine.connect() as connection, _foreign_keys_off(connection), connection.begin():
            if unversioned:
                command.stamp(_config(connection), BASELINE)
            command.upgrade(_config(connection), "head")
    except BaseException as error:
        if backup is not None:
            backup.unlink(missing_ok=True)
        if unversioned and isinstance(error, SQLAlchemyError):
            reason = getattr(error, "orig", None) or error
            raise UnknownSchemaError(
                "it holds Parallax's tables without the record of their version (its alembic_version table), "
                f"and they are not those of the first version either ({reason}); nothing in it was changed"
            ) from error
        raise
    return backup


@contextmanager
def _foreign_keys_off(connection: Connection) -> Iterator[None]:
    """Foreign keys off on SQLite for a migration, as SQLite's procedure for rebuilding a table asks
    (dropping the old copy would otherwise delete or refuse the rows referring to it); on again after.
    The pragma is set before the transaction begins: inside one it does nothing."""
    if connection.dialect.name != "sqlite":
        yield
        return
    driver = connection.connection.driver_connection
    driver.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        driver.execute("PRAGMA foreign_keys = ON")
