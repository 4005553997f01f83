"""Full-text search: the newest statements matching some words, fast at any archive size."""

from collections.abc import Sequence

from sqlalchemy import exists, literal_column, select, text
from sqlmodel import Session

from desktop.domain.entities import Speaker, Statement
from desktop.domain.filters import StatementFilter
from desktop.storage.database import Database
from desktop.storage.queries import filtered, search_condition
from desktop.storage.search_index import expanded_match

_COMMON_SHARE = 0.1


def newest_matches(db: Database, words: str, chosen: StatementFilter = StatementFilter(), limit: int = 100) -> list[int]:
    """Ids of the newest statements the words find (`search_condition`: in their text, as prefixes, or in
    their speaker's or outlet's names), within the filter.

    When the words are common, the date index is walked newest first and each statement
    checked against the FTS5 index, stopping after `limit` hits; rarer words are served
    by collecting their matches from FTS5 and sorting only those.
    """
    if not db.is_sqlite:
        return _postgres_newest_matches(db, words, chosen, limit)
    with db.reading() as session:
        expanded = expanded_match(session.connection(), words)
        share = expanded.share if expanded is not None else 0.0
        query = select(Statement.id)
        if chosen.side_id is not None:
            query = query.join(Speaker, Speaker.id == Statement.speaker_id)
        query = filtered(session, query, chosen.with_changes(text=""))
        walk_dates = share > _COMMON_SHARE and chosen.speaker_id is None and chosen.outlet_id is None
        in_text = None  # no word: only names can match
        if expanded is not None:
            match = text("statement_fts MATCH :match").bindparams(match=expanded.expression)
            if share > _COMMON_SHARE:
                probe = select(text("1")).select_from(text("statement_fts")).where(match, text("statement_fts.rowid = statement.id"))
                in_text = exists(probe)
            else:
                in_text = Statement.id.in_(select(text("rowid")).select_from(text("statement_fts")).where(match))
        query = query.where(search_condition(session, words, in_text))
        # Walking the date index pays only for common words over the whole archive; otherwise
        # "+said_on" keeps SQLite from walking it and it sorts the few matching rows instead.
        newest = Statement.said_on if walk_dates else literal_column("+statement.said_on")
        # Descending order in SQLite puts undated statements last by itself.
        query = query.order_by(newest.desc(), Statement.id.desc()).limit(limit)
        return list(session.execute(query).scalars())


def _postgres_newest_matches(db: Database, words: str, chosen: StatementFilter, limit: int) -> list[int]:
    """The same answer on PostgreSQL, the text searched through its GIN-indexed tsvector."""
    with db.reading() as session:
        query = select(Statement.id).join(Speaker, Speaker.id == Statement.speaker_id)
        query = filtered(session, query, chosen.with_changes(text="")).where(search_condition(session, words))
        query = query.order_by(Statement.said_on.desc().nulls_last(), Statement.id.desc()).limit(limit)
        return list(session.execute(query).scalars())


def newest_statements(db: Database, words: str, limit: int) -> list[int]:
    """Ids of the newest statements the words find, in any side; the newest of all when there are no words."""
    if words.strip():
        return newest_matches(db, words, limit=limit)
    newest = Statement.said_on.desc() if db.is_sqlite else Statement.said_on.desc().nulls_last()
    with db.reading() as session:  # on SQLite, descending order puts undated statements last by itself
        return list(session.execute(select(Statement.id).order_by(newest, Statement.id.desc()).limit(limit)).scalars())


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
