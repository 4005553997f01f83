"""Every statement's side, speaker, outlet, story and day as numpy columns, kept in step with the database.

Filtering (desktop/services/filtering.py), ordering and counting a million statements over these columns takes
milliseconds, where the same work in SQL or Python loops takes seconds. The columns
are read once, then brought up to date from the database's change log, so edits by
this window, another process or an import are all seen. For a large SQLite file the
columns are also kept in the user's cache folder, with the change-log position they
match, so the next opening reads a few megabytes and catches up from the log.

Each catch-up makes a new `StatementColumns`; one is never changed once made, so a
thread can filter over it while another brings the columns up to date.
"""

import hashlib
import os
import threading
from pathlib import Path

import numpy as np
from sqlalchemy import Connection
from sqlalchemy.engine import make_url

from desktop.paths import cache_dir
from desktop.storage import change_log
from desktop.storage.columns import FIELDS, NO_DAY, read_columns, read_speaker_sides, statement_span
from desktop.storage.database import Database

_PARTIAL_LIMIT = 20_000
_CACHE_FROM = 50_000
_QUICK_READ_LIMIT = 100_000
_CACHE_FORMAT = 2  # one more whenever FIELDS change: a cache of another format is read afresh (2 added "story")


def _cache_file(db: Database) -> Path | None:
    """The cache of a SQLite file's columns, named after the file's path, inode and the identity the
    database was given when created (a file made anew at the same path and inode is another database)."""
    url = make_url(db.url)
    if not db.is_sqlite or not url.database or url.database == ":memory:":
        return None
    database = Path(url.database).resolve()
    try:
        file = database.stat()
    except OSError:
        return None
    identity = f"{database}|{file.st_ino}|{file.st_dev}|{db.identity}"
    return cache_dir() / f"columns-{hashlib.sha256(identity.encode()).hexdigest()[:24]}.npz"


class StatementColumns:
    """Compact columns of all statements at one change-log position, sorted by id."""

    def __init__(
        self, seq: int, columns: dict[str, np.ndarray], speaker_sides: np.ndarray, order: np.ndarray | None = None
    ):
        self.seq = seq
        self.columns = columns
        self.speaker_sides = speaker_sides
        own, speaker = columns["own_side"], columns["speaker"]
        # Each statement's own side, else its speaker's (0 for none).
        self.side = np.where(own > 0, own, speaker_sides[np.clip(speaker, 0, len(speaker_sides) - 1)])
        if order is None:
            # The ids are sorted, so a stable sort by day leaves ties in id order; undated sort last.
            days = np.where(self.day == NO_DAY, np.iinfo(np.int32).max, self.day)
            order = np.argsort(days, kind="stable")
        self._order = order
        self._undated = int(np.count_nonzero(self.day == NO_DAY))

    def __len__(self) -> int:
        return len(self.columns["id"])

    @property
    def ids(self) -> np.ndarray:
        return self.columns["id"]

    @property
    def day(self) -> np.ndarray:
        return self.columns["day"]

    @property
    def speaker(self) -> np.ndarray:
        return self.columns["speaker"]

    @property
    def outlet(self) -> np.ndarray:
        return self.columns["outlet"]

    @property
    def story(self) -> np.ndarray:
        """Each statement's story id, 0 for none."""
        return self.columns["story"]

    def caught_up(self, seq: int, speaker_sides: np.ndarray | None = None) -> "StatementColumns":
        """The same statements at a later change-log position, with the speakers' sides given anew if they changed."""
        sides = self.speaker_sides if speaker_sides is None else speaker_sides
        return StatementColumns(seq, self.columns, sides, self._order)

    def positions(self, ids: np.ndarray) -> np.ndarray:
        """Where each id sits in the columns, -1 for an id not among them."""
        ids = np.asarray(ids, dtype=np.int64)
        if not len(self):
            return np.full(len(ids), -1, dtype=np.int64)
        where = np.minimum(np.searchsorted(self.ids, ids), len(self) - 1)
        return np.where(self.ids[where] == ids, where, -1)

    def date_order(self, keep: np.ndarray, *, newest_first: bool = False, limit: int | None = None) -> np.ndarray:
        """Positions of the kept statements in date order, ties by id the same way, undated last either way.

        With a limit only the first ones are looked for, so a page costs little however
        many statements the filter keeps.
        """
        if newest_first:
            backwards = self._order[::-1]  # the undated, sorted last, come first here
            runs = (backwards[self._undated :], backwards[: self._undated])
        else:
            runs = (self._order,)
        found, count = [], 0
        for run in runs:
            start, size = 0, len(run) if limit is None else max(4 * limit, 4096)
            while start < len(run) and (limit is None or count < limit):
                block = run[start : start + size]
                found.append(block[keep[block]])
                count, start, size = count + len(found[-1]), start + len(block), 2 * size
        positions = found[0] if len(found) == 1 else np.concatenate(found or [self._order[:0]])
        return positions if limit is None else positions[:limit]


def _merged(columns: dict[str, np.ndarray], changed: list[int], fresh: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The columns with the changed statements replaced by their fresh rows (a deleted one has none)."""
    keep = ~np.isin(columns["id"], np.asarray(changed, dtype=np.int64))
    merged = {name: np.concatenate([columns[name][keep], fresh[name]]) for name in FIELDS}
    order = np.argsort(merged["id"], kind="stable")
    return {name: merged[name][order] for name in FIELDS}


class _Keeper:
    """Brings one database's columns up to date, one thread at a time."""

    def __init__(self):
        self._lock = threading.Lock()
        self._current: StatementColumns | None = None

    def sync(self, db: Database, *, quick: bool = False) -> StatementColumns | None:
        """The columns as of the newest change; with quick, None rather than wait or read a large table whole."""
        if not self._lock.acquire(blocking=not quick):
            return None
        try:
            with db.engine.connect() as connection:
                fresh = self._catch_up(db, connection, quick)
        finally:
            self._lock.release()
        return fresh

    def _catch_up(self, db: Database, connection: Connection, quick: bool) -> StatementColumns | None:
        newest = change_log.latest(connection)
        current = self._current
        if current is not None and current.seq == newest:
            return current
        cache = _cache_file(db)
        if current is None:
            current = self._current = _load_cache(cache, newest, connection)
            if current is not None and current.seq == newest:
                return current
        entries = change_log.changes_since(connection, current.seq) if current is not None else None
        statements = sorted({row_id for table, row_id in entries or [] if table == "statement"})
        full = entries is None or any(t == "all" for t, _ in entries) or len(statements) > _PARTIAL_LIMIT
        if full and quick and statement_span(connection) > _QUICK_READ_LIMIT:
            return None
        if full:
            fresh = StatementColumns(newest, read_columns(connection), read_speaker_sides(connection))
            _save_cache(cache, fresh)
        elif statements:
            merged = _merged(current.columns, statements, read_columns(connection, statements))
            fresh = StatementColumns(newest, merged, read_speaker_sides(connection))
        elif any(t == "speaker" for t, _ in entries):
            fresh = current.caught_up(newest, read_speaker_sides(connection))
        else:
            fresh = current.caught_up(newest)  # only sides, outlets or links changed: no column moves
        self._current = fresh
        return fresh


def _load_cache(path: Path | None, newest: int, connection: Connection) -> StatementColumns | None:
    """The columns saved in the cache file, if it holds a position this database has reached."""
    if path is None or not path.exists():
        return None
    try:
        with np.load(path) as saved:
            if int(saved["format"]) != _CACHE_FORMAT:
                return None
            seq = int(saved["seq"])
            columns = {name: saved[name] for name in FIELDS}
    except (OSError, ValueError, KeyError):
        return None
    return StatementColumns(seq, columns, read_speaker_sides(connection)) if seq <= newest else None


def _save_cache(path: Path | None, columns: StatementColumns) -> None:
    if path is None or len(columns) < _CACHE_FROM:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial.npz")
        np.savez(partial, format=np.int64(_CACHE_FORMAT), seq=np.int64(columns.seq), **columns.columns)
        os.replace(partial, path)
    except OSError:
        return


def _keeper(db: Database) -> _Keeper:
    return db.caches.setdefault("statement_columns", _Keeper())


def columns_for(db: Database) -> StatementColumns:
    """The columns of this database, brought up to date (reading the whole table when need be)."""
    return _keeper(db).sync(db)


def columns_at_hand(db: Database) -> StatementColumns | None:
    """The columns brought up to date when that is quick, else None.

    None means a large table must be read whole, or another thread is bringing the
    columns up to date right now: a window then calls `columns_for` off its GUI thread.
    """
    return _keeper(db).sync(db, quick=True)
