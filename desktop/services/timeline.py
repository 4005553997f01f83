"""How many statements each side made per day, week or month, for the timeline chart."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import numpy as np
from sqlalchemy import Date, Integer, String, cast, func, literal, select

from desktop.domain.entities import Side, Speaker, Statement
from desktop.domain.filters import StatementFilter
from desktop.storage.database import Database
from desktop.storage.queries import effective_side, filtered


class Bucket(StrEnum):
    """The span of time one bar stands for; weeks start on Monday."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True)
class SideSeries:
    """One side's count per bucket, aligned with `TimelineCounts.starts`."""

    side_id: int
    name: str
    colour: str
    counts: np.ndarray


@dataclass(frozen=True)
class TimelineCounts:
    """Statement counts per side over consecutive buckets, empty buckets included."""

    bucket: Bucket
    starts: np.ndarray  # datetime64[D], sorted, one per bucket from first to last with data
    sides: list[SideSeries]

    def totals(self) -> dict[str, int]:
        """The number of statements counted for each side, by side name."""
        return {side.name: int(side.counts.sum()) for side in self.sides}


def bucket_stops(starts: np.ndarray, bucket: Bucket) -> np.ndarray:
    """The day after each bucket that starts on `starts` (datetime64[D])."""
    starts = np.asarray(starts, dtype="datetime64[D]")
    if bucket is Bucket.MONTH:
        return (starts.astype("datetime64[M]") + 1).astype("datetime64[D]")
    return starts + (7 if bucket is Bucket.WEEK else 1)


def bucket_end(start: date, bucket: Bucket) -> date:
    """The last day of the bucket that starts on `start`."""
    return (bucket_stops(np.array([start], dtype="datetime64[D]"), bucket)[0] - 1).item()


def _bucket_start(bucket: Bucket, dialect: str):
    said = Statement.said_on
    if dialect != "sqlite":
        return cast(func.date_trunc(bucket.value, said), Date)
    if bucket is Bucket.DAY:
        return said
    if bucket is Bucket.MONTH:
        return func.strftime("%Y-%m-01", said)
    days_since_monday = (cast(func.strftime("%w", said), Integer) + 6) % 7
    return func.date(said, literal("-") + cast(days_since_monday, String) + literal(" days"))


def _dense_starts(found: np.ndarray, bucket: Bucket) -> np.ndarray:
    """Every bucket start from the first to the last found one."""
    if bucket is Bucket.MONTH:
        months = found.astype("datetime64[M]")
        return np.arange(months.min(), months.max() + 1).astype("datetime64[D]")
    step = 7 if bucket is Bucket.WEEK else 1
    return np.arange(found.min(), found.max() + step, step)


def timeline_counts(db: Database, chosen: StatementFilter, bucket: Bucket) -> TimelineCounts:
    """Count the chosen dated statements per side and bucket, over the filter's whole span.

    The filter's own dates are left out, so the chart can show the chosen range in context.
    """
    chosen = chosen.with_changes(date_from=None, date_to=None)
    with db.reading() as session:
        side = effective_side()
        start = _bucket_start(bucket, session.get_bind().dialect.name)
        query = (
            select(side, start, func.count())
            .select_from(Statement)
            .join(Speaker, Speaker.id == Statement.speaker_id)
            .where(Statement.said_on.is_not(None), side.is_not(None))
            .group_by(side, start)
        )
        rows = session.execute(filtered(session, query, chosen)).all()
        side_rows = session.execute(
            select(Side.id, Side.name, Side.colour)
            .where(Side.id.in_({row[0] for row in rows}))
            .order_by(Side.id)
        ).all()
    if not rows:
        return TimelineCounts(bucket, np.array([], dtype="datetime64[D]"), [])
    side_ids, found, counts = (np.array(column) for column in zip(*rows))
    found = found.astype("datetime64[D]")
    starts = _dense_starts(found, bucket)
    order = np.array([row.id for row in side_rows])
    grid = np.zeros((len(order), len(starts)), dtype=np.int64)
    np.add.at(grid, (np.searchsorted(order, side_ids), np.searchsorted(starts, found)), counts)
    sides = [
        SideSeries(row.id, row.name, row.colour, grid[index])
        for index, row in enumerate(side_rows)
    ]
    return TimelineCounts(bucket, starts, sides)
