"""How many statements each side made per day, week or month, for the timeline chart."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import numpy as np
from sqlalchemy import select

from desktop.domain.entities import Side
from desktop.domain.filters import StatementFilter
from desktop.services.filtering import mask
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
    """One side's count per bucket, aligned with `TimelineCounts.starts`, and its statements with no date."""

    side_id: int
    name: str
    colour: str
    counts: np.ndarray
    undated: int = 0


@dataclass(frozen=True)
class TimelineCounts:
    """Statement counts per side over consecutive buckets, empty buckets included.

    Statements with no date cannot be drawn; each side's `undated` says how many there are.
    """

    bucket: Bucket
    starts: np.ndarray  # datetime64[D], sorted, one per bucket from first to last with data
    sides: list[SideSeries]

    def totals(self) -> dict[str, int]:
        """The number of dated statements counted for each side, by side name."""
        return {side.name: int(side.counts.sum()) for side in self.sides}

    def undated_by_side(self) -> dict[str, int]:
        """The number of statements with no date for each side, by side name."""
        return {side.name: side.undated for side in self.sides}

    @property
    def undated(self) -> int:
        """The statements with no date, over all the sides counted."""
        return sum(side.undated for side in self.sides)


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


def timeline_counts(
    db: Database, chosen: StatementFilter, bucket: Bucket, sides: list[int] | None = None, *, within_dates: bool = False
) -> TimelineCounts:
    """Count the chosen statements of these sides (None: every side) per bucket, over the filter's whole span.

    The sides come in the order given, each listed even with nothing to count; with None,
    every side with a chosen statement, by id. Statements with no date are counted per side
    apart. The filter's own dates are left out (unless `within_dates`), so the chart can show
    the chosen range in context. Counting runs in numpy over the statement columns: milliseconds for a million rows.
    """
    columns = columns_for(db)
    side_of = columns.side
    keep = mask(db, columns, chosen, with_dates=within_dates) & (side_of > 0)
    if sides is not None:
        side_ids = np.array(list(dict.fromkeys(sides)), dtype=np.int64)
        keep &= np.isin(side_of, side_ids)
    else:
        side_ids = np.flatnonzero(np.bincount(side_of[keep])) if keep.any() else np.zeros(0, dtype=np.int64)
    if not len(side_ids):
        return TimelineCounts(bucket, np.array([], dtype="datetime64[D]"), [])
    side_index = np.zeros(max(int(side_ids.max()), int(side_of.max(initial=0))) + 1, dtype=np.int64)
    side_index[side_ids] = np.arange(len(side_ids))
    dated = keep & (columns.day != NO_DAY)
    undated = np.bincount(side_index[side_of[keep & ~dated]], minlength=len(side_ids))
    grid, starts = _count_grid(side_index[side_of[dated]], columns.day[dated], bucket, len(side_ids))
    with db.reading() as session:
        side_rows = {
            row.id: row
            for row in session.execute(
                select(Side.id, Side.name, Side.colour).where(Side.id.in_(side_ids.tolist()))
            ).all()
        }
    series = [
        SideSeries(side_id, side_rows[side_id].name, side_rows[side_id].colour, grid[index], int(undated[index]))
        for index, side_id in enumerate(side_ids.tolist())
        if side_id in side_rows
    ]
    return TimelineCounts(bucket, starts, series)


def _count_grid(rows: np.ndarray, days: np.ndarray, bucket: Bucket, row_count: int) -> tuple[np.ndarray, np.ndarray]:
    """How many days fall in each (row, bucket), over every bucket from the first to the last day; and the buckets' starts."""
    if not len(days):
        return np.zeros((row_count, 0), dtype=np.int64), np.array([], dtype="datetime64[D]")
    numbers = _bucket_numbers(days.astype(np.int64), bucket)
    first, last = int(numbers.min()), int(numbers.max())
    width = last - first + 1
    grid = np.bincount(rows * width + (numbers - first), minlength=row_count * width).reshape(row_count, width)
    return grid, _bucket_start_dates(np.arange(first, last + 1), bucket)
