"""Every statement's side, speaker, outlet and day as numpy columns, kept in step with the database.

Filtering, ordering and counting a million statements over these columns takes
milliseconds, where the same work in SQL or Python loops takes seconds. The columns
are read once, then brought up to date from the database's change log, so edits by
this window, another process or an import are all seen. For a large SQLite file the
columns are also kept in the user's cache folder, with the change-log position they
match, so the next opening reads a few megabytes and catches up from the log.
"""

import hashlib
import os
import threading
from pathlib import Path

import numpy as np
from sqlalchemy.engine import make_url

from desktop.domain.filters import StatementFilter
from desktop.paths import cache_dir
from desktop.storage import change_log
from desktop.storage.columns import NO_DAY, read_columns, read_speaker_sides
from desktop.storage.database import Database
from desktop.storage.queries import text_match

_FIELDS = ("id", "own_side", "speaker", "outlet", "day")
_PARTIAL_LIMIT = 20_000
_CACHE_FROM = 50_000


def _cache_file(db: Database) -> Path | None:
    """The cache of a SQLite file's columns, named after the file's path and identity."""
    url = make_url(db.url)
    if not db.is_sqlite or not url.database or url.database == ":memory:":
        return None
    database = Path(url.database).resolve()
    try:
        identity = f"{database}|{database.stat().st_ino}|{database.stat().st_dev}"
    except OSError:
        return None
    return cache_dir() / f"columns-{hashlib.sha256(identity.encode()).hexdigest()[:24]}.npz"


class StatementColumns:
    """Compact columns of all statements, sorted by id."""

    def __init__(self):
        self._lock = threading.Lock()
        self._seq = -1
        self.columns = {name: np.zeros(0, dtype=np.int64 if name == "id" else np.int32) for name in _FIELDS}
        self.speaker_sides = np.zeros(1, dtype=np.int32)
        self._side = np.zeros(0, dtype=np.int32)
        self._order = np.zeros(0, dtype=np.int64)
        self._last_text = None

    def __len__(self) -> int:
        return len(self.columns["id"])

    @property
    def ids(self) -> np.ndarray:
        return self.columns["id"]

    @property
    def day(self) -> np.ndarray:
        return self.columns["day"]

    @property
    def side(self) -> np.ndarray:
        """Each statement's own side, else its speaker's (0 for none)."""
        return self._side

    def _compute_side(self) -> None:
        own, speaker = self.columns["own_side"], self.columns["speaker"]
        sides = self.speaker_sides
        self._side = np.where(own > 0, own, sides[np.clip(speaker, 0, len(sides) - 1)])

    def _load_cache(self, path: Path | None, newest: int) -> None:
        if path is None or not path.exists():
            return
        try:
            with np.load(path) as saved:
                seq = int(saved["seq"])
                columns = {name: saved[name] for name in _FIELDS}
        except (OSError, ValueError, KeyError):
            return
        if seq <= newest:
            self.columns, self._seq = columns, seq

    def _save_cache(self, path: Path | None) -> None:
        if path is None or len(self) < _CACHE_FROM:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(".partial.npz")
            np.savez(partial, seq=np.int64(self._seq), **self.columns)
            os.replace(partial, path)
        except OSError:
            return

    def sync(self, db: Database) -> "StatementColumns":
        """Catch up with the database: from the cache or a full read the first time, then only what changed."""
        with self._lock, db.engine.connect() as connection:
            newest = change_log.latest(connection)
            if newest == self._seq:
                return self
            cache = _cache_file(db)
            if self._seq < 0:
                self._load_cache(cache, newest)
                if self._seq == newest:
                    self._after_change(connection)
                    return self
            entries = change_log.changes_since(connection, self._seq) if self._seq >= 0 else None
            statements = {row_id for table, row_id in entries or [] if table == "statement"}
            full = entries is None or any(t == "all" for t, _ in entries) or len(statements) > _PARTIAL_LIMIT
            if not full and not statements and all(t != "speaker" for t, _ in entries):
                self._seq = newest  # only sides, outlets or links changed: no column moves
                return self
            if full:
                self.columns = read_columns(connection)
            elif statements:
                self._replace(sorted(statements), read_columns(connection, sorted(statements)))
            self._after_change(connection)
            self._seq = newest
            if full:
                self._save_cache(cache)
        return self

    def _after_change(self, connection) -> None:
        self.speaker_sides = read_speaker_sides(connection)
        self._compute_side()
        self._compute_order()

    def _replace(self, changed: list[int], fresh: dict[str, np.ndarray]) -> None:
        keep = ~np.isin(self.columns["id"], np.asarray(changed, dtype=np.int64))
        merged = {name: np.concatenate([self.columns[name][keep], fresh[name]]) for name in _FIELDS}
        order = np.argsort(merged["id"], kind="stable")
        self.columns = {name: merged[name][order] for name in _FIELDS}

    def mask(self, db: Database, chosen: StatementFilter, *, with_dates: bool = True) -> np.ndarray:
        """Which statements the filter keeps (dates ignored when with_dates is False)."""
        keep = np.ones(len(self), dtype=bool)
        if chosen.side_id is not None:
            keep &= self.side == chosen.side_id
        if chosen.speaker_id is not None:
            keep &= self.columns["speaker"] == chosen.speaker_id
        if chosen.outlet_id is not None:
            keep &= self.columns["outlet"] == chosen.outlet_id
        if with_dates and chosen.date_from is not None:
            keep &= self.day >= np.datetime64(chosen.date_from, "D").astype(np.int64)
        if with_dates and chosen.date_to is not None:
            keep &= (self.day <= np.datetime64(chosen.date_to, "D").astype(np.int64)) & (self.day != NO_DAY)
        if chosen.text.strip():
            found = self._text_match(db, chosen.text)
            by_text = np.zeros(len(self), dtype=bool)
            known = found.statement_ids[found.statement_ids <= (self.ids[-1] if len(self) else 0)]
            where = np.searchsorted(self.ids, known)
            by_text[where[self.ids[where] == known]] = True
            by_text |= np.isin(self.columns["speaker"], found.speaker_ids)
            by_text |= np.isin(self.columns["outlet"], found.outlet_ids)
            keep &= by_text
        return keep

    def _text_match(self, db: Database, words: str):
        """The search index's answer for the words, asked once per words and data version
        (the comparison, the chart and the navigator all filter by the same words)."""
        key = (words, self._seq)
        if self._last_text is None or self._last_text[0] != key:
            self._last_text = (key, text_match(db, words))
        return self._last_text[1]

    def date_order(self, keep: np.ndarray) -> np.ndarray:
        """Positions of the kept statements in date order, undated last, ties by id."""
        return self._order[keep[self._order]]

    def _compute_order(self) -> None:
        days = self.day.astype(np.int64)
        days[days == NO_DAY] = np.iinfo(np.int64).max
        self._order = np.lexsort((self.ids, days))


def columns_for(db: Database) -> StatementColumns:
    """The columns of this database, brought up to date."""
    cached = db.caches.setdefault("statement_columns", StatementColumns())
    return cached.sync(db)
