"""Full-text search: the newest statements matching some words, fast at any archive size."""

from sqlalchemy import exists, literal_column, select, text

from desktop.domain.entities import Speaker, Statement
from desktop.domain.filters import StatementFilter
from desktop.services.filtering import narrowed, words_condition
from desktop.storage.database import Database
from desktop.storage.search_index import expanded_match

_COMMON_SHARE = 0.1


def newest_matches(db: Database, words: str, chosen: StatementFilter = StatementFilter(), limit: int = 100) -> list[int]:
    """Ids of the newest statements the words find (`filtering.words_condition`), within the filter.

    On SQLite, when the words are common, the date index is walked newest first and each
    statement checked against the FTS5 index, stopping after `limit` hits; rarer words are
    served by collecting their matches from FTS5 and sorting only those. PostgreSQL's
    planner chooses for itself between its date index and the tsvector's.
    """
    with db.reading() as session:
        query = select(Statement.id)
        if chosen.side_id is not None:
            query = query.join(Speaker, Speaker.id == Statement.speaker_id)
        query = narrowed(session, query, chosen.with_changes(text=""))
        if not db.is_sqlite:
            query = query.where(words_condition(session, words))
            newest = Statement.said_on.desc().nulls_last()
        else:
            expanded = expanded_match(session.connection(), words)
            share = expanded.share if expanded is not None else 0.0
            in_text = None  # no word: only names can match
            if expanded is not None:
                match = text("statement_fts MATCH :match").bindparams(match=expanded.expression)
                if share > _COMMON_SHARE:
                    probe = select(text("1")).select_from(text("statement_fts")).where(match, text("statement_fts.rowid = statement.id"))
                    in_text = exists(probe)
                else:
                    in_text = Statement.id.in_(select(text("rowid")).select_from(text("statement_fts")).where(match))
            query = query.where(words_condition(session, words, in_text))
            # Walking the date index pays only for common words over the whole archive; otherwise
            # "+said_on" keeps SQLite from walking it and it sorts the few matching rows instead.
            walk_dates = share > _COMMON_SHARE and chosen.speaker_id is None and chosen.outlet_id is None
            # Descending order in SQLite puts undated statements last by itself.
            newest = (Statement.said_on if walk_dates else literal_column("+statement.said_on")).desc()
        return list(session.execute(query.order_by(newest, Statement.id.desc()).limit(limit)).scalars())


def link_targets(db: Database, words: str, source_id: int, limit: int) -> list[int]:
    """The statements the link dialog lists for the words typed: the newest the words find as the search box
    finds them, over the whole archive (an answer is often outside the filter), the source left out."""
    return [i for i in newest_statements(db, words, limit + 1) if i != source_id][:limit]


def newest_statements(db: Database, words: str, limit: int) -> list[int]:
    """Ids of the newest statements the words find, in any side; the newest of all when there are no words."""
    if words.strip():
        return newest_matches(db, words, limit=limit)
    newest = Statement.said_on.desc() if db.is_sqlite else Statement.said_on.desc().nulls_last()
    with db.reading() as session:  # on SQLite, descending order puts undated statements last by itself
        return list(session.execute(select(Statement.id).order_by(newest, Statement.id.desc()).limit(limit)).scalars())
