"""The comparison's first page, made quickly while the whole comparison is worked out behind it.

Opening a large database reads its statement columns for about a second, and a search
for a common word matches hundreds of thousands of statements, which takes longer to
collect than a window may take to answer. Meanwhile the window shows this page: the
statements (with their answers) that the whole comparison starts with, found the quick
way. While there are no columns yet they come straight from SQL; otherwise the columns
are walked in date order and the search index is asked about only as many statements
as fill the page.
"""

import numpy as np

from desktop.domain.filters import StatementFilter
from desktop.services.comparison import PAGE, ComparisonLayout, Lanes, columns_lookup, sql_lookup
from desktop.services.filtering import first_statements, mask, name_matches, named_mask, words_mask
from desktop.services.statement_columns import StatementColumns, columns_at_hand
from desktop.storage.columns import NO_DAY
from desktop.storage.database import Database
from desktop.storage.queries import fts_hits
from desktop.storage.search_index import expanded_match

# Looking one statement up in the index for one term costs FTS5 about as much as
# collecting 400 matches of a word, and reading a match from a range of rowids about 4.
# So a page is made by checking its statements only when the words are common:
# "russia" in a third of a million statements fills a page of 100 within about 250
# checks, where collecting its matches means 300,000.
_CHECK_COST = 400
_RANGE_COST = 4


def first_page(
    db: Database,
    chosen: StatementFilter,
    *sides: int | None,
    others: bool = False,
    newest_first: bool = False,
    size: int = PAGE,
) -> ComparisonLayout:
    """The first `size` statements of the comparison under the filter, with the answers linked to them.

    Its counts are left unknown (None) and it has no further pages. With the default
    size its rows are those the whole comparison's first page shows.
    """
    lanes = Lanes(tuple(sides), others)
    columns = columns_at_hand(db)
    if columns is None:
        return _from_sql(db, chosen, lanes, newest_first, size)
    return _from_columns(db, columns, chosen, lanes, newest_first, size)


class _Words:
    """Which statements some words find, asked of the search index as cheaply as their frequency allows."""

    def __init__(self, db: Database, columns: StatementColumns, words: str):
        self._db, self._columns, self._words = db, columns, words
        with db.reading() as session:
            self._named = named_mask(columns, *name_matches(session, words))
            self._expansion = expanded_match(session.connection(), words) if db.is_sqlite else None

    def _costs(self, ids: np.ndarray) -> tuple[float, float]:
        """What checking these ids would cost, looked up one by one and read as one range."""
        expansion = self._expansion
        one_by_one = len(ids) * expansion.terms * _CHECK_COST
        by_range = (int(ids.max()) - int(ids.min()) + 1) * expansion.share * _RANGE_COST if len(ids) else 0
        return one_by_one, by_range

    def _check(self, positions: np.ndarray) -> np.ndarray:
        """Which of the positions hold matching statements, asking the index about these only."""
        ids = self._columns.ids[positions]
        one_by_one, by_range = self._costs(ids)
        with self._db.reading() as session:
            hits = fts_hits(session.connection(), self._expansion.expression, ids, as_range=by_range < one_by_one)
        return self._named[positions] | np.isin(ids, hits, assume_unique=True)

    def _worth_checking(self, positions: np.ndarray) -> bool:
        """True when checking these statements costs less than collecting every match."""
        expansion = self._expansion
        if expansion is None or not expansion.complete or expansion.share <= 0 or not len(positions):
            return False
        return min(self._costs(self._columns.ids[positions])) < len(self._columns) * expansion.share

    def _all(self) -> np.ndarray:
        """Every statement the words find, collected (by naming the words' terms when they are all known)."""
        expansion = self._expansion
        named_terms = expansion.expression if expansion is not None and expansion.complete else None
        return words_mask(self._db, self._columns, self._words, named_terms)

    def among(self, positions: np.ndarray) -> np.ndarray:
        """Which of the positions hold statements the words find."""
        return self._check(positions) if self._worth_checking(positions) else self._all()[positions]

    def first(self, keep: np.ndarray, limit: int, newest_first: bool) -> np.ndarray:
        """Positions of the first `limit` kept statements, in date order, that the words find.

        The newest (or oldest) kept statements are checked a block at a time, sized by the
        words' estimated share. When twice the expected number has not filled the page
        (the estimate was wrong), or checking would cost more, every match is collected.
        """
        share = self._expansion.share if self._expansion is not None else 0.0
        if share > 0:
            budget = int(2 * limit / share) + 64
            head = self._columns.date_order(keep, newest_first=newest_first, limit=budget)
            if not len(head) or self._worth_checking(head[: int(1.2 * limit / share) + 64]):
                found, count, start = [head[:0]], 0, 0
                while count < limit and start < len(head):
                    block = head[start : start + 64 + int(1.2 * (limit - count) / share)]
                    start += len(block)
                    found.append(block[self._check(block)])
                    count += len(found[-1])
                if count >= limit or len(head) < budget:
                    return np.concatenate(found)[:limit]
        order = self._columns.date_order(keep, newest_first=newest_first)
        return order[self._all()[order]][:limit]


def _from_columns(
    db: Database, columns: StatementColumns, chosen: StatementFilter, lanes: Lanes, newest_first: bool, size: int
) -> ComparisonLayout:
    column = lanes.columns_of(columns.side)
    keep = mask(db, columns, chosen.with_changes(text="")) & (column >= 0)
    words = _Words(db, columns, chosen.text) if chosen.text.strip() else None
    if words:
        page = words.first(keep, size, newest_first)
    else:
        page = columns.date_order(keep, newest_first=newest_first, limit=size)
    positions = page  # the statements linked to it are gathered with it, by the layout, page by page

    def kept(where: np.ndarray) -> np.ndarray:
        inside = keep[where]
        return inside & words.among(where) if words and len(where) else inside

    return ComparisonLayout(
        db, columns.ids[positions], column[positions].astype(np.int8), columns.day[positions], None,
        lanes=lanes, lookup=columns_lookup(columns, kept), newest_first=newest_first, page_size=max(len(page), 1),
    )


def _from_sql(db: Database, chosen: StatementFilter, lanes: Lanes, newest_first: bool, size: int) -> ComparisonLayout:
    sides = None if lanes.others else [side for side in lanes.sides if side is not None]
    rows, page_size = [], 1
    if sides or lanes.others:
        with db.reading() as session:
            rows = first_statements(session, chosen, sides, size, newest_first=newest_first)
            page_size = max(len(rows), 1)
    days = [NO_DAY if row.said_on is None else np.datetime64(row.said_on, "D").astype(np.int64) for row in rows]
    return ComparisonLayout(
        db,
        np.array([row.id for row in rows], dtype=np.int64),
        lanes.columns_of(np.array([row.side or 0 for row in rows], dtype=np.int64)).astype(np.int8),
        np.array(days, dtype=np.int32),
        None,
        lanes=lanes,
        lookup=sql_lookup(db, chosen),
        newest_first=newest_first,
        page_size=page_size,
    )

