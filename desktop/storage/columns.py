"""Compact numpy columns of every statement, read in one pass for fast filtering and counting."""

import numpy as np
from sqlalchemy import Connection, text

NO_DAY = np.iinfo(np.int32).min

_SELECT = (
    "SELECT id, coalesce(side_id, 0), speaker_id, coalesce(outlet_id, 0), "
    "coalesce(CAST({} AS INTEGER), 0) FROM statement"
)
_YYYYMMDD = {"sqlite": "replace(said_on, '-', '')", "postgresql": "to_char(said_on, 'YYYYMMDD')"}


def _days(yyyymmdd: np.ndarray) -> np.ndarray:
    """Dates coded as yyyymmdd integers (0 for none) as int32 days since 1970-01-01, NO_DAY for none."""
    known = yyyymmdd > 0
    coded = yyyymmdd[known]
    month_starts = (coded // 10000 - 1970) * 12 + (coded // 100 % 100 - 1)
    stamps = month_starts.astype("datetime64[M]").astype("datetime64[D]") + (coded % 100 - 1)
    out = np.full(len(yyyymmdd), NO_DAY, dtype=np.int32)
    out[known] = stamps.astype(np.int64)
    return out


def _to_columns(rows: list[tuple]) -> dict[str, np.ndarray]:
    table = np.array(rows, dtype=np.int64).reshape(-1, 5)
    return {
        "id": table[:, 0].copy(),
        "own_side": table[:, 1].astype(np.int32),
        "speaker": table[:, 2].astype(np.int32),
        "outlet": table[:, 3].astype(np.int32),
        "day": _days(table[:, 4]),
    }


def read_columns(connection: Connection, ids: list[int] | None = None) -> dict[str, np.ndarray]:
    """id, own_side, speaker, outlet and day of every statement (or of the given ids), ordered by id."""
    cursor = connection.connection.driver_connection.cursor()
    select = _SELECT.format(_YYYYMMDD[connection.dialect.name])
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    if ids is None:
        rows = cursor.execute(select + " ORDER BY id").fetchall()
    else:
        rows = []
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            rows += cursor.execute(f"{select} WHERE id IN ({', '.join([marker] * len(chunk))})", chunk).fetchall()
        rows.sort()
    return _to_columns(rows)


def read_speaker_sides(connection: Connection) -> np.ndarray:
    """A lookup from speaker id to side id (0 for none)."""
    rows = connection.execute(text("SELECT id, coalesce(side_id, 0) FROM speaker")).all()
    size = max((row[0] for row in rows), default=0) + 1
    lookup = np.zeros(size, dtype=np.int32)
    for speaker_id, side_id in rows:
        lookup[speaker_id] = side_id
    return lookup
