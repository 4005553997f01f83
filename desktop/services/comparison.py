"""The side-by-side comparison of two sides' statements, laid out a page at a time.

The chosen statements are put in date order over the numpy columns; each page then
pairs its claims with their answers through the links touching that page only, so
the work per page does not grow with the archive.
"""

from dataclasses import dataclass

import numpy as np
from sqlalchemy import select

from desktop.domain.entities import Link
from desktop.domain.filters import StatementFilter
from desktop.domain.pairing import Answer, ComparisonRow, Placed, pair_rows
from desktop.domain.values import LinkType
from desktop.services.statement_columns import columns_for
from desktop.storage.columns import NO_DAY
from desktop.storage.database import Database

PAGE = 400
_ANSWERING = [t.value for t in LinkType if t.answers]


@dataclass(frozen=True)
class _Statement:
    id: int
    column: int
    day: int


def answering_links(db: Database, ids: list[int]) -> list[tuple[int, int, str]]:
    """(from, to, type) of the answering links that touch the given statements."""
    found = []
    with db.reading() as session:
        for column in (Link.to_id, Link.from_id):
            found += session.execute(
                select(Link.from_id, Link.to_id, Link.type).where(Link.type.in_(_ANSWERING), column.in_(ids))
            ).all()
    return sorted({tuple(row) for row in found})


class ComparisonLayout:
    """The comparison of two sides under a filter; rows come page by page from `next_rows`.

    It holds the chosen statements in layout order: each one's id, column (0 or 1) and
    day, and lays out `page_size` of them at a time. `column_counts` is None for a first
    page shown while the whole comparison is still being worked out.
    """

    def __init__(
        self,
        db: Database,
        ids: np.ndarray,
        columns: np.ndarray,
        days: np.ndarray,
        column_counts: tuple[int, int] | None,
        *,
        newest_first: bool = False,
        by_id: np.ndarray | None = None,
        page_size: int = PAGE,
    ):
        self._db = db
        self._ids, self._columns, self._days = ids, columns, days
        self._by_id = np.argsort(ids, kind="stable") if by_id is None else by_id
        self._sorted_ids = ids[self._by_id]
        self.column_counts = column_counts
        self.newest_first = newest_first
        self.page_size = page_size
        self._cursor = 0
        self._placed: set[int] = set()
        self._groups = 0

    @property
    def statement_count(self) -> int:
        """How many statements the comparison holds in all."""
        return len(self._ids)

    def holds(self, statement_id: int) -> bool:
        """True when the statement is among those the comparison lays out, now or on a later page."""
        where = np.searchsorted(self._sorted_ids, statement_id)
        return bool(where < len(self._sorted_ids) and self._sorted_ids[where] == statement_id)

    def has_more(self) -> bool:
        """True while some statements are not laid out yet."""
        return len(self._placed) < len(self._ids)

    def _lookup(self, ids: list[int]) -> list[_Statement]:
        """The kept statements among ids, with their column and day."""
        if not ids:
            return []
        wanted = np.asarray(ids, dtype=np.int64)
        sorted_ids = self._sorted_ids
        where = np.clip(np.searchsorted(sorted_ids, wanted), 0, max(len(sorted_ids) - 1, 0))
        found = sorted_ids[where] == wanted if len(sorted_ids) else np.zeros(len(wanted), dtype=bool)
        rows = self._by_id[where[found]]
        return [_Statement(int(self._ids[r]), int(self._columns[r]), int(self._days[r])) for r in rows]

    def next_rows(self, count: int | None = None) -> list[ComparisonRow]:
        """Lay out about `count` (by default `page_size`) more statements with the answers linked to them."""
        count = self.page_size if count is None else count
        page: list[_Statement] = []
        while self._cursor < len(self._ids) and len(page) < count:
            statement_id = int(self._ids[self._cursor])
            if statement_id not in self._placed:
                page.append(_Statement(statement_id, int(self._columns[self._cursor]), int(self._days[self._cursor])))
            self._cursor += 1
        if not page:
            return []
        links = answering_links(self._db, [item.id for item in page])
        linked = {end for link in links for end in link[:2]} - self._placed - {item.id for item in page}
        members = page + self._lookup(sorted(linked))
        self._placed.update(item.id for item in members)
        placed = [
            Placed(item.id, item.column, None if item.day == NO_DAY else np.datetime64(item.day, "D").item())
            for item in members
        ]
        rows = pair_rows(placed, [Answer(*link) for link in links], newest_first=self.newest_first)
        shifted = [ComparisonRow(row.group + self._groups, row.cells, row.answers) for row in rows]
        self._groups += len({row.group for row in rows})
        return shifted

    def all_rows(self) -> list[ComparisonRow]:
        """Every remaining row (for exports and tests; the views fetch page by page)."""
        rows: list[ComparisonRow] = []
        while self.has_more():
            rows += self.next_rows()
        return rows


def compare(
    db: Database, chosen: StatementFilter, left: int | None, right: int | None, *, newest_first: bool = False
) -> ComparisonLayout:
    """The comparison of two sides under a filter, oldest first unless asked (rows are laid out on demand)."""
    columns = columns_for(db)
    sides = columns.side
    in_left = sides == left if left is not None else np.zeros(len(columns), dtype=bool)
    in_right = sides == right if right is not None else np.zeros(len(columns), dtype=bool)
    keep = columns.mask(db, chosen) & (in_left | in_right)
    positions = columns.date_order(keep, newest_first=newest_first)
    # Where each kept statement, taken in id order, sits in the layout: no sort needed.
    rank = np.empty(len(columns), dtype=np.int64)
    rank[positions] = np.arange(len(positions))
    return ComparisonLayout(
        db,
        columns.ids[positions],
        np.where(in_left[positions], 0, 1).astype(np.int8),
        columns.day[positions],
        (int(np.count_nonzero(in_left & keep)), int(np.count_nonzero(in_right & keep))),
        newest_first=newest_first,
        by_id=rank[np.flatnonzero(keep)],
    )
