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
from desktop.services.filtering import Words, first_statements, mask
from desktop.services.statement_columns import StatementColumns, columns_at_hand
from desktop.storage.columns import NO_DAY
from desktop.storage.database import Database


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


def _from_columns(
    db: Database, columns: StatementColumns, chosen: StatementFilter, lanes: Lanes, newest_first: bool, size: int
) -> ComparisonLayout:
    column = lanes.columns_of(columns.side)
    keep = mask(db, columns, chosen.with_changes(text="")) & (column >= 0)
    words = Words(db, columns, chosen.text) if chosen.text.strip() else None
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

