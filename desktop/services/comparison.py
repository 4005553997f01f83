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


class ComparisonLayout:
    """The comparison of two sides under a filter; rows come page by page from `next_rows`."""

    def __init__(self, db: Database, chosen: StatementFilter, left: int | None, right: int | None):
        self._db = db
        columns = columns_for(db)
        sides = columns.side
        in_left = sides == left if left is not None else np.zeros(len(columns), dtype=bool)
        in_right = sides == right if right is not None else np.zeros(len(columns), dtype=bool)
        keep = columns.mask(db, chosen) & (in_left | in_right)
        positions = columns.date_order(keep)
        self._ids = columns.ids[positions]
        self._columns = np.where(in_left[positions], 0, 1).astype(np.int8)
        self._days = columns.day[positions]
        self._by_id = np.argsort(self._ids)
        self.column_counts = (int(np.count_nonzero(in_left & keep)), int(np.count_nonzero(in_right & keep)))
        self._cursor = 0
        self._placed: set[int] = set()
        self._groups = 0

    @property
    def statement_count(self) -> int:
        """How many statements the comparison holds in all."""
        return len(self._ids)

    def has_more(self) -> bool:
        """True while some statements are not laid out yet."""
        return len(self._placed) < len(self._ids)

    def _lookup(self, ids: list[int]) -> list[_Statement]:
        """The kept statements among ids, with their column and day."""
        if not ids:
            return []
        wanted = np.asarray(ids, dtype=np.int64)
        sorted_ids = self._ids[self._by_id]
        where = np.clip(np.searchsorted(sorted_ids, wanted), 0, max(len(sorted_ids) - 1, 0))
        found = sorted_ids[where] == wanted if len(sorted_ids) else np.zeros(len(wanted), dtype=bool)
        rows = self._by_id[where[found]]
        return [_Statement(int(self._ids[r]), int(self._columns[r]), int(self._days[r])) for r in rows]

    def _links(self, ids: list[int]) -> list[tuple[int, int, str]]:
        found = []
        with self._db.reading() as session:
            for column in (Link.to_id, Link.from_id):
                found += session.execute(
                    select(Link.from_id, Link.to_id, Link.type).where(Link.type.in_(_ANSWERING), column.in_(ids))
                ).all()
        return sorted({tuple(row) for row in found})

    def next_rows(self, count: int = PAGE) -> list[ComparisonRow]:
        """Lay out about `count` more statements with the answers linked to them."""
        page: list[_Statement] = []
        while self._cursor < len(self._ids) and len(page) < count:
            statement_id = int(self._ids[self._cursor])
            if statement_id not in self._placed:
                page.append(_Statement(statement_id, int(self._columns[self._cursor]), int(self._days[self._cursor])))
            self._cursor += 1
        if not page:
            return []
        links = self._links([item.id for item in page])
        linked = {end for link in links for end in link[:2]} - self._placed - {item.id for item in page}
        members = page + self._lookup(sorted(linked))
        self._placed.update(item.id for item in members)
        placed = [
            Placed(item.id, item.column, None if item.day == NO_DAY else np.datetime64(item.day, "D").item())
            for item in members
        ]
        rows = pair_rows(placed, [Answer(*link) for link in links])
        shifted = [ComparisonRow(row.group + self._groups, row.cells, row.answers) for row in rows]
        self._groups += len({row.group for row in rows})
        return shifted


    def all_rows(self) -> list[ComparisonRow]:
        """Every remaining row (for exports and tests; the views fetch page by page)."""
        rows: list[ComparisonRow] = []
        while self.has_more():
            rows += self.next_rows()
        return rows


def compare(db: Database, chosen: StatementFilter, left: int | None, right: int | None) -> ComparisonLayout:
    """The comparison of two sides under a filter (rows are laid out on demand)."""
    return ComparisonLayout(db, chosen, left, right)
