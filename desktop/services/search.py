"""Search newest first: the statements some words find, for the link dialog and the command line's tools."""

from collections.abc import Sequence

from sqlalchemy import text
from sqlmodel import Session

from desktop.domain.filters import StatementFilter
from desktop.services.filtering import Words, mask
from desktop.services.statement_columns import columns_for
from desktop.storage.database import Database


def newest_matches(db: Database, words: str, chosen: StatementFilter = StatementFilter(), limit: int = 100) -> list[int]:
    """Ids of the newest statements the words find (`filtering.words_mask`), within the filter.

    The columns are walked newest first and the search index asked about as few statements
    as fill the list (`filtering.Words`), the same way the window's first page is found.
    """
    columns = columns_for(db)
    keep = mask(db, columns, chosen.with_changes(text=""))
    return columns.ids[Words(db, columns, words).first(keep, limit, newest_first=True)].tolist()


def newest_statements(db: Database, words: str, limit: int) -> list[int]:
    """Ids of the newest statements the words find, in any side; the newest of all when there are no words."""
    if words.strip():
        return newest_matches(db, words, limit=limit)
    columns = columns_for(db)
    return columns.ids[columns.date_order(columns.live, newest_first=True, limit=limit)].tolist()


def link_targets(db: Database, words: str, source_id: int, limit: int) -> list[int]:
    """The statements the link dialog lists for the words typed: the newest the words find as the search box
    finds them, over the whole archive (an answer is often outside the filter), the source left out."""
    return [i for i in newest_statements(db, words, limit + 1) if i != source_id][:limit]


def statements_holding(session: Session, forms: Sequence[str], limit: int) -> list[int]:
    """Ids of at most `limit` statements whose text holds any of these whole words (casefolded `\\w+` tokens).

    On SQLite the newest (highest ids), read off the FTS5 index in id order, so a word held
    by half the archive costs no more than a rare one; on PostgreSQL those the text search
    gives first.
    """
    if not forms:
        return []
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        query = " | ".join(f"'{form}'" for form in forms)
        found = text("SELECT id FROM statement WHERE search @@ to_tsquery('simple', :query) LIMIT :limit")
        return list(connection.execute(found, {"query": query, "limit": limit}).scalars())
    match = " OR ".join(f'"{form}"' for form in forms)
    found = "SELECT rowid FROM statement_fts WHERE statement_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
    return list(connection.exec_driver_sql(found, (match, limit)).scalars())
