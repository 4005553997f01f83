"""Compact numpy columns of every statement, read in chunks for fast filtering and counting."""

import itertools

import numpy as np
from sqlalchemy import Connection, text

from desktop.domain.values import LinkType

NO_DAY = np.iinfo(np.int32).min
FIELDS = ("id", "own_side", "speaker", "outlet", "story", "day")

# Days since 1970-01-01 are worked out by the database; a date is stored at midnight, so
# the Julian day difference is a whole number. A missing or unreadable date gives NO_DAY.
_DAYS = {
    "sqlite": "CAST(julianday(said_on) - 2440587.5 AS INTEGER)",
    "postgresql": "said_on - DATE '1970-01-01'",
}
_SELECT = (
    "SELECT id, coalesce(side_id, 0), speaker_id, coalesce(outlet_id, 0), coalesce(story_id, 0), coalesce({}, {}) "
    "FROM statement"
)
_CHUNK = 65_536


def _empty() -> dict[str, np.ndarray]:
    return {name: np.zeros(0, dtype=np.int64 if name == "id" else np.int32) for name in FIELDS}


def _to_columns(rows: list[tuple]) -> dict[str, np.ndarray]:
    flat = np.fromiter(itertools.chain.from_iterable(rows), dtype=np.int64, count=len(rows) * len(FIELDS))
    table = flat.reshape(-1, len(FIELDS))
    return {name: table[:, i].astype(np.int64 if name == "id" else np.int32) for i, name in enumerate(FIELDS)}


def _joined(chunks: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    if not chunks:
        return _empty()
    return {name: np.concatenate([chunk[name] for chunk in chunks]) for name in FIELDS}


def read_columns(connection: Connection, ids: list[int] | None = None) -> dict[str, np.ndarray]:
    """id, own_side, speaker, outlet, story and day of every statement (or of the given ids), ordered by id.

    Rows are fetched a chunk at a time and packed straight into compact arrays, so no
    list of a million tuples is ever held.
    """
    cursor = connection.connection.driver_connection.cursor()
    select = _SELECT.format(_DAYS[connection.dialect.name], NO_DAY)
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    chunks = []
    if ids is None:
        cursor.execute(select + " ORDER BY id")
        while rows := cursor.fetchmany(_CHUNK):
            chunks.append(_to_columns(rows))
        return _joined(chunks)
    for start in range(0, len(ids), 900):
        part = ids[start : start + 900]
        cursor.execute(f"{select} WHERE id IN ({', '.join([marker] * len(part))})", part)
        chunks.append(_to_columns(cursor.fetchall()))
    columns = _joined(chunks)
    order = np.argsort(columns["id"], kind="stable")
    return {name: values[order] for name, values in columns.items()}


def statement_span(connection: Connection) -> int:
    """How many ids lie between the lowest and the highest statement id (a quick bound on their number)."""
    # Each of min() and max() alone is read from the end of the index; together they would scan it.
    span = connection.execute(text("SELECT (SELECT max(id) FROM statement) - (SELECT min(id) FROM statement) + 1"))
    return span.scalar() or 0


def read_speaker_sides(connection: Connection) -> np.ndarray:
    """A lookup from speaker id to side id (0 for none)."""
    rows = connection.execute(text("SELECT id, coalesce(side_id, 0) FROM speaker")).all()
    size = max((row[0] for row in rows), default=0) + 1
    lookup = np.zeros(size, dtype=np.int32)
    for speaker_id, side_id in rows:
        lookup[speaker_id] = side_id
    return lookup


LINK_TYPES = tuple(kind.value for kind in LinkType)  # a link's type code is its place here


def read_links(connection: Connection) -> dict[str, np.ndarray]:
    """id, from, to and type code (its place in LINK_TYPES) of every link, ordered by id, read in chunks."""
    cursor = connection.connection.driver_connection.cursor()
    codes = " ".join(f"WHEN '{name}' THEN {code}" for code, name in enumerate(LINK_TYPES))
    cursor.execute(f"SELECT id, from_id, to_id, CASE type {codes} ELSE -1 END FROM link ORDER BY id")
    chunks = []
    while rows := cursor.fetchmany(_CHUNK):
        chunks.append(np.fromiter(itertools.chain.from_iterable(rows), dtype=np.int64, count=4 * len(rows)).reshape(-1, 4))
    table = np.concatenate(chunks) if chunks else np.zeros((0, 4), dtype=np.int64)
    return {"id": table[:, 0], "from": table[:, 1], "to": table[:, 2], "type": table[:, 3].astype(np.int8)}
