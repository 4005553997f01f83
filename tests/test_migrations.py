"""Schema migrations: old files are upgraded safely, newer ones are refused untouched."""

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlmodel import SQLModel

from desktop.domain import entities  # noqa: F401
from desktop.services.stats import statement_stats
from desktop.storage.database import Database, DatabaseOpenError
from desktop.storage.migrations_runner import (
    BackupFailedError,
    SchemaTooNewError,
    backup_sqlite,
    head_revision,
)

FIRST_RELEASE = Path(__file__).parent / "fixtures" / "schema-0001.parallax"


def _revision(path: Path) -> str | None:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    except sqlite3.OperationalError:
        return None
    finally:
        connection.close()


def test_a_new_database_is_created_at_the_newest_schema(tmp_path):
    db = Database(tmp_path / "new.parallax")
    db.close()
    assert _revision(tmp_path / "new.parallax") == head_revision()
    assert db.backup is None


def test_the_first_released_schema_opens_with_its_data(tmp_path):
    copy = tmp_path / "first.parallax"
    shutil.copy(FIRST_RELEASE, copy)
    db = Database(copy)
    try:
        assert statement_stats(db)["statements"] == 16
    finally:
        db.close()
    assert _revision(copy) == head_revision()


def test_a_database_from_before_migrations_is_recognised_and_stamped(tmp_path):
    path = tmp_path / "unversioned.parallax"
    engine = create_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    engine.dispose()
    db = Database(path)
    db.close()
    assert _revision(path) == head_revision()


def test_a_database_from_a_newer_parallax_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "future.parallax"
    shutil.copy(FIRST_RELEASE, path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = 'ffff-from-the-future'")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="newer version of Parallax"):
        Database(path)
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


def test_the_backup_is_a_checked_copy_next_to_the_file(tmp_path):
    path = tmp_path / "desk.parallax"
    shutil.copy(FIRST_RELEASE, path)
    backup = backup_sqlite(path, "0001")
    assert backup.parent == tmp_path and backup.name.startswith("desk.before-upgrade-0001-")
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT count(*) FROM statement").fetchone()[0] == 16
    copy.close()


def test_a_backup_that_fails_its_check_stops_the_upgrade(tmp_path, monkeypatch):
    path = tmp_path / "desk.parallax"
    shutil.copy(FIRST_RELEASE, path)
    monkeypatch.setattr("desktop.storage.migrations_runner.integrity_check", lambda _file: "row 3 missing from index")
    with pytest.raises(BackupFailedError, match="integrity check"):
        Database(path)
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001", "nothing was upgraded"
    columns = {row[1] for row in connection.execute("PRAGMA table_info(statement)")}
    connection.close()
    assert "verdict" not in columns


def test_a_file_that_is_not_a_database_is_reported(tmp_path):
    path = tmp_path / "notes.parallax"
    path.write_text("not a database at all\n" * 100)
    with pytest.raises(DatabaseOpenError, match="notes.parallax"):
        Database(path)


def _statements(path: Path) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT id, text, said_on, speaker_id, outlet_id, span_start, span_end FROM statement ORDER BY id"
        ).fetchall()
    finally:
        connection.close()


def test_the_first_released_schema_upgrades_past_0002_verdicts_with_a_verified_backup(tmp_path):
    copy = tmp_path / "first.parallax"
    shutil.copy(FIRST_RELEASE, copy)
    before = _statements(copy)
    db = Database(copy)
    try:
        assert db.backup is not None and db.backup.parent == tmp_path
        assert db.backup.name.startswith("first.before-upgrade-0001-")
        with db.reading() as session:
            rows = session.exec(select(entities.Statement)).scalars().all()
        assert {(row.url, row.verdict, row.rating_value, row.verdict_explanation) for row in rows} == {("", "", None, "")}
    finally:
        db.close()
    assert _revision(copy) == head_revision() >= "0002"
    assert len(before) == 16 and _statements(copy) == before
    assert _revision(db.backup) == "0001" and _statements(db.backup) == before
    check = sqlite3.connect(db.backup)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()


def _dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def _beside(path: Path) -> list[str]:
    """The files in the database's folder but its own (SQLite's -wal and -shm included)."""
    return sorted(p.name for p in path.parent.iterdir() if not p.name.startswith(path.name))


def test_a_database_without_its_version_table_that_cannot_be_upgraded_is_left_as_it_was(tmp_path):
    path = tmp_path / "desk.parallax"
    Database(path).close()
    connection = sqlite3.connect(path)
    connection.execute("DROP TABLE alembic_version")
    connection.commit()
    connection.close()
    before = _dump(path)
    for _attempt in range(3):
        with pytest.raises(DatabaseOpenError, match=r"desk.parallax cannot be opened .* without the record of their version .* nothing in it was changed"):
            Database(path)
        assert _revision(path) is None, "not stamped"
        assert _dump(path) == before
        assert _beside(path) == [], "no backup copy is left at any attempt"


def test_no_room_for_the_backup_refuses_the_upgrade_before_anything_is_written(tmp_path, monkeypatch):
    path = tmp_path / "desk.parallax"
    shutil.copy(FIRST_RELEASE, path)
    before = _dump(path)
    room = shutil.disk_usage(tmp_path)._replace(free=path.stat().st_size // 2)
    monkeypatch.setattr("desktop.storage.migrations_runner.shutil.disk_usage", lambda _folder: room)
    with pytest.raises(BackupFailedError, match=r"no room on the disk for the copy of desk.parallax .* MB needed, 0.1 MB free\); nothing was changed"):
        Database(path)
    assert _revision(path) == "0001" and _dump(path) == before and _beside(path) == []


_LIMITED_OPEN = """
import resource, signal, sys
from desktop.storage.database import Database
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing the process
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), resource.RLIM_INFINITY))
try:
    Database(sys.argv[2])
except Exception as error:
    print(f"{type(error).__name__}: {error}")
"""


def test_a_backup_cut_short_by_a_full_disk_leaves_no_file_and_nothing_upgraded(tmp_path):
    """The kernel itself refuses writes past half the database's size (RLIMIT_FSIZE), as a disk that fills."""
    path = tmp_path / "desk.parallax"
    shutil.copy(FIRST_RELEASE, path)
    before = _dump(path)
    limit = path.stat().st_size // 2
    assert limit > 40_000  # room for SQLite's shared memory file (32 KiB)
    for _attempt in range(2):
        result = subprocess.run([sys.executable, "-c", _LIMITED_OPEN, str(limit), str(path)], capture_output=True, text=True, timeout=120)
        assert result.stdout.startswith("BackupFailedError: The copy of desk.parallax kept before an upgrade could not be written ("), result
        assert result.stdout.rstrip().endswith("; nothing was changed.")
        assert _revision(path) == "0001" and _dump(path) == before and _beside(path) == []
