"""Building benchmark databases: Parallax's bulk path, and the raw sqlite3 baseline."""

import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path

from benchmarks.archive import SIDES, ArchiveSize, link_rows, outlets, speakers, statement_rows
from desktop.storage.bulk import insert_statements
from desktop.storage.database import Database


def _parallax_rows(size: ArchiveSize):
    now = datetime.now(timezone.utc).isoformat(sep=" ")
    for sid, text, quote, said_on, speaker_id, outlet_id in statement_rows(size):
        yield (sid, text, quote, said_on, speaker_id, None, outlet_id, None, None, None, None, "", now, now)


def build_parallax(path: Path, size: ArchiveSize) -> float:
    """A Parallax database holding the archive, loaded through the bulk path; returns seconds."""
    path.unlink(missing_ok=True)
    db = Database(path)
    started = time.perf_counter()
    with db.engine.begin() as connection:
        raw = connection.connection.driver_connection
        raw.executemany("INSERT INTO side (id, name, colour) VALUES (?, ?, ?)", [(i, n, c) for i, (n, c) in enumerate(SIDES, 1)])
        raw.executemany("INSERT INTO speaker (id, name, kind, role, side_id, aliases) VALUES (?, ?, ?, ?, ?, ?)", speakers(size))
        raw.executemany("INSERT INTO outlet (id, name, country, kind) VALUES (?, ?, ?, ?)", outlets(size))
        insert_statements(connection, _parallax_rows(size), expected=size.statements)
        raw.executemany("INSERT OR IGNORE INTO link (from_id, to_id, type) VALUES (?, ?, ?)", link_rows(size))
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed


def build_raw_baseline(path: Path, size: ArchiveSize) -> float:
    """Plain sqlite3: one executemany in one transaction, then the same indexes and FTS index."""
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute(
        "CREATE TABLE statement (id INTEGER PRIMARY KEY, text TEXT NOT NULL, is_quote BOOLEAN, said_on DATE, "
        "speaker_id INTEGER, outlet_id INTEGER)"
    )
    started = time.perf_counter()
    with connection:
        connection.executemany("INSERT INTO statement VALUES (?, ?, ?, ?, ?, ?)", statement_rows(size))
        for column in ("said_on", "speaker_id", "outlet_id"):
            connection.execute(f"CREATE INDEX ix_{column} ON statement ({column})")
        connection.execute("CREATE VIRTUAL TABLE fts USING fts5(text, content='statement', content_rowid='id')")
        connection.execute("INSERT INTO fts(fts) VALUES ('rebuild')")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed
