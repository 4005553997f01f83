"""Every statement's side, speaker, outlet, story and day as numpy columns, kept in step with the database.

Filtering (desktop/services/filtering.py), ordering and counting a million statements over these columns takes
milliseconds, where the same work in SQL or Python loops takes seconds. The columns
are read once, then brought up to date from the database's change log, so edits by
this window, another process or an import are all seen. For a large SQLite file the
columns are also kept in the user's cache folder, with the change-log position they
match, so the next opening reads a few megabytes and catches up from the log.

Each catch-up makes a new `StatementColumns`, sharing the arrays of the last whole read
and laying the few rows changed since over them; one is never changed once made, so a
thread can filter over it while another brings the columns up to date.
"""

import hashlib
import os
import threading
from collections.abc import Mapping
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
_QUICK_READ_LIMIT = 100_000  # statements read whole by `columns_at_hand` at most
_FOLD_FROM = 4_096  # positions changed since the base was read before they are folded into a new one
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


class _Base:
    """Columns of all statements at one position, sorted by id, with their date order: shared by the snapshots
    made from it until the changes since are folded into a new one."""

    def __init__(self, columns: dict[str, np.ndarray]):
        self.columns = columns
        self.day = columns["day"]
        keys = _date_keys(columns["id"], self.day)
        self.order = np.argsort(keys, kind="stable")
        self.sorted_keys = keys[self.order]
        self.undated = int(np.count_nonzero(self.day == NO_DAY))
        self._side: tuple[np.ndarray, np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self.day)

    def side(self, speaker_sides: np.ndarray) -> np.ndarray:
        """Each statement's own side, else its speaker's (0 for none); kept for the last speakers' sides asked."""
        known = self._side
        if known is not None and known[0] is speaker_sides:
            return known[1]
        side = _sides(self.columns, speaker_sides)
        self._side = (speaker_sides, side)
        return side


def _sides(columns: dict[str, np.ndarray], speaker_sides: np.ndarray) -> np.ndarray:
    own, speaker = columns["own_side"], columns["speaker"]
    return np.where(own > 0, own, speaker_sides[np.clip(speaker, 0, len(speaker_sides) - 1)])


def _date_keys(ids: np.ndarray, days: np.ndarray) -> np.ndarray:
    """One number per statement that rises with its day, then its id; undated last."""
    return np.where(days == NO_DAY, np.iinfo(np.int32).max, days).astype(np.int64) * (1 << 32) + ids


_GONE = -1  # what a statement's id, side, speaker, outlet and story read at a position it no longer holds


class _Field:
    """One field of the columns at every position (`StatementColumns._field`), read as an attribute."""

    def __init__(self, name: str, doc: str = ""):
        self.name = name
        self.__doc__ = doc or f"Each statement's {name}."

    def __get__(self, columns: "StatementColumns | None", owner=None):
        return self if columns is None else columns._field(self.name)


class StatementColumns:
    """Compact columns of all statements at one change-log position.

    The positions are those of a base read sorted by id, then those of the statements
    added or changed since (an overlay, sorted by id). A position whose statement was
    changed or deleted since the base was read holds no statement: its id, side, speaker,
    outlet and story read -1, its day NO_DAY, and `mask` never keeps it. So a catch-up
    costs in proportion to the rows changed, and every position a snapshot hands out stays
    valid. `len` counts positions; `count` the statements.
    """

    def __init__(
        self,
        seq: int,
        base: _Base,
        speaker_sides: np.ndarray,
        gone: np.ndarray | None = None,
        overlay: dict[str, np.ndarray] | None = None,
    ):
        self.seq = seq
        self.speaker_sides = speaker_sides
        self._base = base
        self._gone = np.zeros(0, dtype=np.int64) if gone is None else gone
        self._overlay = {name: values[:0] for name, values in base.columns.items()} if overlay is None else overlay
        self._fields: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._base) + len(self._overlay["id"])

    @property
    def count(self) -> int:
        """How many statements the columns hold."""
        return len(self) - len(self._gone)

    @property
    def changed(self) -> int:
        """How many positions the changes since the base was read took or emptied."""
        return len(self._gone) + len(self._overlay["id"])

    def _field(self, name: str) -> np.ndarray:
        known = self._fields.get(name)
        if known is not None:
            return known
        if name == "side":
            base, added = self._base.side(self.speaker_sides), _sides(self._overlay, self.speaker_sides)
        else:
            base, added = self._base.columns[name], self._overlay[name]
        if not self.changed:
            values = base
        else:
            values = np.concatenate([base, added])
            values[self._gone] = NO_DAY if name == "day" else _GONE
        self._fields[name] = values
        return values

    @property
    def columns(self) -> Mapping[str, np.ndarray]:
        """Each field (FIELDS) at every position."""
        return _Fields(self)

    ids = _Field("id")
    day = _Field("day")
    side = _Field("side", "Each statement's own side, else its speaker's (0 for none).")
    speaker = _Field("speaker")
    outlet = _Field("outlet")
    story = _Field("story", "Each statement's story id, 0 for none.")

    @property
    def live(self) -> np.ndarray:
        """Which positions hold a statement (a changed or deleted one leaves its old position empty)."""
        keep = np.ones(len(self), dtype=bool)
        keep[self._gone] = False
        return keep

    def positions(self, ids: np.ndarray) -> np.ndarray:
        """Where each id sits in the columns, -1 for an id not among them."""
        ids = np.asarray(ids, dtype=np.int64)
        found = _where_sorted(self._base.columns["id"], ids)
        if len(self._gone):
            found[np.isin(found, self._gone)] = -1
        added = _where_sorted(self._overlay["id"], ids)
        return np.where(added >= 0, added + len(self._base), found)

    def with_changes(self, seq: int, connection: Connection, statements: list[int], speakers_changed: bool):
        """The columns at a later position, where these statements may have been added, changed or deleted."""
        sides = read_speaker_sides(connection) if speakers_changed else self.speaker_sides
        if not statements:
            return StatementColumns(seq, self._base, sides, self._gone, self._overlay)
        touched = np.asarray(statements, dtype=np.int64)
        in_base = _where_sorted(self._base.columns["id"], touched)
        gone = np.union1d(self._gone, in_base[in_base >= 0])
        fresh = read_columns(connection, statements)
        kept = ~np.isin(self._overlay["id"], touched)
        overlay = {name: np.concatenate([values[kept], fresh[name]]) for name, values in self._overlay.items()}
        by_id = np.argsort(overlay["id"], kind="stable")
        return StatementColumns(seq, self._base, sides, gone, {name: values[by_id] for name, values in overlay.items()})

    def folded(self) -> "StatementColumns":
        """The same statements over a new base, sorted by id, with no overlay."""
        live = np.ones(len(self), dtype=bool)
        live[self._gone] = False
        columns = {name: self._field(name)[live] for name in FIELDS}
        by_id = np.argsort(columns["id"], kind="stable")
        return StatementColumns(self.seq, _Base({name: values[by_id] for name, values in columns.items()}), self.speaker_sides)

    def id_order(self, keep: np.ndarray) -> np.ndarray:
        """Positions of the kept statements by id."""
        size = len(self._base)
        found, added = np.flatnonzero(keep[:size]), np.flatnonzero(keep[size:])
        if not len(added):
            return found
        places = np.searchsorted(self._base.columns["id"][found], self._overlay["id"][added])
        return np.insert(found, places, added + size)

    def date_order(self, keep: np.ndarray, *, newest_first: bool = False, limit: int | None = None) -> np.ndarray:
        """Positions of the kept statements in date order, ties by id the same way, undated last either way.

        With a limit only the first ones are looked for, so a page costs little however
        many statements the filter keeps.
        """
        base = self._base
        size = len(base)
        dated = size - base.undated
        if newest_first:
            backwards = base.order[::-1]  # the undated, sorted last, come first here
            runs = (backwards[base.undated :], backwards[: base.undated])
        else:
            runs = (base.order,)
        added = np.flatnonzero(keep[size:])
        found, walked, count = [], [], 0
        for run in runs:
            start, step = 0, len(run) if limit is None else max(4 * limit, 4096)
            while start < len(run) and (limit is None or count < limit):
                block = run[start : start + step]
                kept = keep[block]
                found.append(block[kept])
                if len(added):
                    walked.append(np.flatnonzero(kept) + (start if run is runs[0] else start + len(runs[0])))
                count, start, step = count + len(found[-1]), start + len(block), 2 * step
        positions = found[0] if len(found) == 1 else np.concatenate(found or [base.order[:0]])
        if len(added):
            # The statements added or changed since the base go in among its kept ones by their
            # place in the base's date order (a statement has a key that no other has).
            keys = _date_keys(self._overlay["id"][added], self._overlay["day"][added])
            before = np.searchsorted(base.sorted_keys, keys)  # base statements before each, oldest first
            if newest_first:  # the dated from the newest, then the undated from the highest id
                undated = self._overlay["day"][added] == NO_DAY
                before = np.where(undated, dated + size - before, dated - before)
                # At the place where the dated end, a dated one still goes before an undated one.
                by_place = np.lexsort((-keys, undated, before))
            else:
                by_place = np.lexsort((keys, before))
            added, before = added[by_place], before[by_place]
            places = np.concatenate(walked) if walked else before[:0]
            positions = np.insert(positions, np.searchsorted(places, before), added + size)
        return positions if limit is None else positions[:limit]


class _Fields(Mapping):
    """The columns' fields by name, each worked out when first asked for."""

    def __init__(self, columns: StatementColumns):
        self._columns = columns

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in FIELDS:
            raise KeyError(name)
        return self._columns._field(name)

    def __iter__(self):
        return iter(FIELDS)

    def __len__(self) -> int:
        return len(FIELDS)


def _where_sorted(values: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Where each id sits in the sorted values, -1 where it does not."""
    if not len(values):
        return np.full(len(ids), -1, dtype=np.int64)
    where = np.minimum(np.searchsorted(values, ids), len(values) - 1)
    return np.where(values[where] == ids, where, -1)


class _Keeper:
    """Brings one database's columns up to date, one thread at a time."""

    def __init__(self):
        self._lock = threading.Lock()
        self.current: StatementColumns | None = None

    def sync(self, db: Database, *, small: int | None = None) -> StatementColumns | None:
        """The columns as of the newest change. With `small`, only if that is quick: None rather than wait for
        another thread, or read more than `small` statements (`_QUICK_READ_LIMIT` read whole)."""
        if not self._lock.acquire(blocking=small is None):
            return None
        try:
            with db.engine.connect() as connection:
                return self._catch_up(db, connection, small)
        finally:
            self._lock.release()

    def keep_up(self, db: Database) -> None:
        """Columns already read brought up to date with the changes since, when that reads only those changes
        and no other thread is at it (a table to read whole is left to the views' background work)."""
        if self.current is None or not self._lock.acquire(blocking=False):
            return
        try:
            with db.engine.connect() as connection:
                self._catch_up(db, connection, None, whole=False)
        finally:
            self._lock.release()

    def _catch_up(self, db: Database, connection: Connection, small: int | None, whole: bool = True) -> StatementColumns | None:
        newest = change_log.latest(connection)
        current = self.current
        if current is not None and current.seq == newest:
            return current
        if small is not None and (current.count if current is not None else statement_span(connection)) > small:
            return None
        cache = _cache_file(db)
        if current is None:
            current = self.current = _load_cache(cache, newest, connection)
            if current is not None and current.seq == newest:
                return current
        entries = change_log.changes_since(connection, current.seq) if current is not None else None
        statements = sorted({row_id for table, row_id in entries or [] if table == "statement"})
        if entries is None or any(t == "all" for t, _ in entries) or len(statements) > _PARTIAL_LIMIT:
            if not whole:
                return None
            if small is not None and statement_span(connection) > min(small, _QUICK_READ_LIMIT):
                return None
            fresh = StatementColumns(newest, _Base(read_columns(connection)), read_speaker_sides(connection))
            _save_cache(cache, fresh)
        else:
            fresh = current.with_changes(newest, connection, statements, any(t == "speaker" for t, _ in entries))
            if fresh.changed > _FOLD_FROM:
                fresh = fresh.folded()
                _save_cache(cache, fresh)
        self.current = fresh
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
    return StatementColumns(seq, _Base(columns), read_speaker_sides(connection)) if seq <= newest else None


def _save_cache(path: Path | None, columns: StatementColumns) -> None:
    if path is None or len(columns) < _CACHE_FROM:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial.npz")
        np.savez(partial, format=np.int64(_CACHE_FORMAT), seq=np.int64(columns.seq), **{name: columns.columns[name] for name in FIELDS})
        os.replace(partial, path)
    except OSError:
        return


def _keeper(db: Database) -> _Keeper:
    return db.caches.setdefault("statement_columns", _Keeper())


def columns_for(db: Database) -> StatementColumns:
    """The columns of this database, brought up to date (reading the whole table when need be): call it off
    the GUI thread."""
    return _keeper(db).sync(db)


def keep_up(db: Database) -> None:
    """After a write or another editor's change, off the GUI thread: bring the columns already read up to
    date when that is cheap (in proportion to the rows changed), so the window finds them current."""
    _keeper(db).keep_up(db)


def columns_at_hand(db: Database, small: int = 0) -> StatementColumns | None:
    """The columns if they are up to date, else None: the caller calls `columns_for` off its GUI thread.

    Only the newest change's number is read, unless the database holds at most `small`
    statements: then they are brought up to date here, if no other thread is doing it.
    """
    keeper = _keeper(db)
    current = keeper.current
    if current is not None:
        with db.engine.connect() as connection:
            if change_log.latest(connection) == current.seq:
                return current
    return keeper.sync(db, small=small) if small else None
