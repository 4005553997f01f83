"""How many statements each side made per day, week or month, for the timeline chart."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import numpy as np
from sqlalchemy import select

from desktop.domain.entities import Side
from desktop.domain.filters import StatementFilter
from desktop.services.statement_columns import columns_for
from desktop.storage.columns import NO_DAY
from desktop.storage.database import Database


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


def _bucket_numbers(days: np.ndarray, bucket: Bucket) -> np.ndarray:
    """A running number for the bucket each day (int days since 1970) falls in; weeks start on Monday."""
    if bucket is Bucket.MONTH:
        return days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    if bucket is Bucket.WEEK:
        # 1970-01-01 was a Thursday: shifting by three days makes weeks start on Monday.
        return (days + 3) // 7
    return days


def _bucket_start_dates(numbers: np.ndarray, bucket: Bucket) -> np.ndarray:
    """The first day (datetime64[D]) of each numbered bucket."""
    if bucket is Bucket.MONTH:
        return numbers.astype("datetime64[M]").astype("datetime64[D]")
    if bucket is Bucket.WEEK:
        return (numbers * 7 - 3).astype("datetime64[D]")
    return numbers.astype("datetime64[D]")


def timeline_counts(db: Database, chosen: StatementFilter, bucket: Bucket) -> TimelineCounts:
    """Count the chosen dated statements per side and bucket, over the filter's whole span.

    The filter's own dates are left out, so the chart can show the chosen range in context.
    Counting runs in numpy over the statement columns: milliseconds for a million rows.
    """
    columns = columns_for(db)
    sides = columns.side
    keep = columns.mask(db, chosen, with_dates=False) & (columns.day != NO_DAY) & (sides > 0)
    if not keep.any():
        return TimelineCounts(bucket, np.array([], dtype="datetime64[D]"), [])
    found_sides = sides[keep]
    numbers = _bucket_numbers(columns.day[keep].astype(np.int64), bucket)
    first, last = int(numbers.min()), int(numbers.max())
    width = last - first + 1
    side_ids = np.flatnonzero(np.bincount(found_sides))
    side_index = np.zeros(int(side_ids.max()) + 1, dtype=np.int64)
    side_index[side_ids] = np.arange(len(side_ids))
    cells = side_index[found_sides] * width + (numbers - first)
    grid = np.bincount(cells, minlength=len(side_ids) * width).reshape(len(side_ids), width)
    starts = _bucket_start_dates(np.arange(first, last + 1), bucket)
    with db.reading() as session:
        side_rows = {
            row.id: row
            for row in session.execute(
                select(Side.id, Side.name, Side.colour).where(Side.id.in_(side_ids.tolist()))
            ).all()
        }
    series = [
        SideSeries(int(side_id), side_rows[side_id].name, side_rows[side_id].colour, grid[index])
        for index, side_id in enumerate(side_ids.tolist())
        if side_id in side_rows
    ]
    return TimelineCounts(bucket, starts, series)
