"""Crash safety: `parallax import` and an editing session killed with SIGKILL at random moments.

After every kill the database must pass SQLite's integrity check (and the search
index its own), the import must be there entirely or not at all, with the indexes and
triggers a bulk load sets aside back in place, and every edit the editing session
reported as committed must still be there. Kill moments come from a
seeded random generator, one in each slice of the import's measured run time, so the
reading, the writing, the index and search-index building and the commit all get hit.

Run with `-s` to see every kill and what was found after it (docs/RELIABILITY.md).
"""

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.services.demo_archive import ArchiveSize, write_csv
from crash_editor import MARK, version_of
from desktop.services.seed import load_seed
from desktop.storage.database import Database

ROWS = 50_000  # large enough for the bulk path (indexes and triggers set aside, rebuilt at the end)
IMPORT_KILLS = 16
EDIT_KILLS = 10
SEED = 20211112
EDITOR = Path(__file__).with_name("crash_editor.py")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """A newsroom CSV of ROWS statements, made once for the module."""
    path = tmp_path_factory.mktemp("archive") / "archive.csv"
    write_csv(path, ArchiveSize(ROWS))
    return path


@pytest.fixture(scope="module")
def seeded_file(tmp_path_factory) -> Path:
    """A closed database file holding the seed story (its write-ahead log folded in)."""
    path = tmp_path_factory.mktemp("template") / "seeded.parallax"
    db = Database(path)
    load_seed(db)
    db.close()
    assert not Path(f"{path}-wal").exists()
    return path


def _import(archive: Path, db_path: Path, stderr=subprocess.DEVNULL) -> subprocess.Popen:
    command = [sys.executable, "-m", "desktop", "import", str(archive), "--db", str(db_path)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)


def _kill(process: subprocess.Popen) -> bool:
    """SIGKILL the process if it is still running; True when the kill ended it (not its own exit)."""
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    return process.wait() == -signal.SIGKILL


def _query(path: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def _assert_sound(path: Path) -> int:
    """The checks every kill must pass; returns how many statements the database holds."""
    assert _query(path, "PRAGMA integrity_check") == [("ok",)]
    assert _query(path, "PRAGMA foreign_key_check") == []
    _query(path, "INSERT INTO statement_fts(statement_fts, rank) VALUES ('integrity-check', 1)")
    Database(path).close()  # the app opens it as it is
    return _query(path, "SELECT count(*) FROM statement")[0][0]


def _schema(path: Path) -> set[tuple]:
    return set(_query(path, "SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger')"))


def _edits_in(path: Path) -> dict[int, int]:
    rows = _query(path, f"SELECT id, text FROM statement WHERE note = '{MARK}'")
    return {row_id: version_of(text) for row_id, text in rows}


def _edit_and_kill(db_path: Path, first: int, delay: float, reported: dict[int, int]) -> int:
    """Run the editing session, kill it `delay` seconds after its first commit; returns the commits it reported."""
    editor = subprocess.Popen(
        [sys.executable, str(EDITOR), str(db_path), str(first)], stdout=subprocess.PIPE, text=True, bufsize=1
    )
    lines = [editor.stdout.readline()]
    assert lines[0], "the editing session stopped before its first commit"
    time.sleep(delay)
    assert _kill(editor)
    lines += editor.stdout.readlines()
    editor.stdout.close()
    for line in lines:
        if not line.strip() or not line.endswith("\n"):  # a line cut short by the kill reports nothing
            continue
        row_id, version = map(int, line.split())
        reported[row_id] = max(reported.get(row_id, -1), version)
    return len(lines)


def test_killed_imports_and_edits_leave_a_sound_database(archive, seeded_file, tmp_path):
    rng = random.Random(SEED)
    before = _query(seeded_file, "SELECT count(*) FROM statement")[0][0]

    durations = []
    for attempt in range(2):  # the faster of two runs, so the kill moments fall inside a warm run
        desk = tmp_path / f"desk-{attempt}.parallax"
        shutil.copy(seeded_file, desk)
        started = time.monotonic()
        reference = _import(archive, desk, stderr=subprocess.PIPE)
        assert reference.wait() == 0, reference.stderr.read()
        reference.stderr.close()
        durations.append(time.monotonic() - started)
        assert _assert_sound(desk) == before + ROWS
    duration = min(durations)

    outcomes = []
    for number in range(IMPORT_KILLS):
        target = tmp_path / f"import-{number}.parallax"
        shutil.copy(seeded_file, target)
        delay = duration * (0.03 + 0.87 * (number + rng.random()) / IMPORT_KILLS)
        process = _import(archive, target)
        time.sleep(delay)
        killed = _kill(process)
        count = _assert_sound(target)
        assert count in (before, before + ROWS), f"a partial import survived: {count - before} of {ROWS} rows"
        assert _schema(target) == _schema(seeded_file), "the statement indexes or triggers did not come back"
        state = "absent" if count == before else "complete"
        outcomes.append(("import", killed, f"{delay / duration:.0%} of the run", f"import {state}, indexes and triggers intact"))
        target.unlink()

    reported: dict[int, int] = {}
    for number in range(EDIT_KILLS):
        commits = _edit_and_kill(desk, number * 10_000, rng.uniform(0.05, 0.8), reported)
        count = _assert_sound(desk)
        stored = _edits_in(desk)
        lost = {row_id: v for row_id, v in reported.items() if stored.get(row_id, -1) < v}
        assert not lost, f"edits reported committed are missing or older: {lost}"
        assert count == before + ROWS + len(stored)
        outcomes.append(("edit", True, f"{commits} commits reported", f"all {len(reported)} edited statements present"))

    kills = sum(killed for _, killed, _, _ in outcomes)
    print(f"\n{kills} kills ({ROWS:,}-row import runs {duration:.1f} s here):")
    for kind, killed, when, found in outcomes:
        print(f"  {kind:6} {'killed' if killed else 'ended first'}  {when:22} {found}")
    assert kills >= 20


def test_a_killed_bulk_import_keeps_the_statement_indexes_and_triggers(archive, seeded_file, tmp_path):
    """Killed after it has set them aside: they are dropped in its transaction, so they come back with the rollback."""
    target = tmp_path / "bulk.parallax"
    shutil.copy(seeded_file, target)
    process = _import(archive, target)
    wal = Path(f"{target}-wal")
    deadline = time.monotonic() + 60
    while process.poll() is None and (not wal.exists() or wal.stat().st_size < 2**20):  # rows spill once the load is under way
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert _kill(process), "the import ended before it had written 1 MiB"
    assert _assert_sound(target) == _query(seeded_file, "SELECT count(*) FROM statement")[0][0]
    assert _schema(target) == _schema(seeded_file)
