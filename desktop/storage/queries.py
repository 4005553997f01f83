"""Queries over statements that the services share."""

from dataclasses import dataclass

import numpy as np
from sqlalchemy import Select, func, or_, select, text
from sqlmodel import Session

from desktop.domain.entities import Outlet, Speaker, Statement
from desktop.domain.filters import StatementFilter
from desktop.storage.search_index import match_expression, postgres_match


def effective_side():
    """The side a statement counts for: its own override, else its speaker's."""
    return func.coalesce(Statement.side_id, Speaker.side_id)


@dataclass(frozen=True)
class TextMatch:
    """What a search matches: statements by their words, speakers and outlets by name or alias."""

    statement_ids: np.ndarray
    speaker_ids: list[int]
    outlet_ids: list[int]


def text_match(db, words: str) -> TextMatch:
    """Statements whose text holds every word (as prefixes), and the speakers and outlets named."""
    with db.reading() as session:
        speakers = _name_matches(session, Speaker, words)
        outlets = _name_matches(session, Outlet, words)
        expression = match_expression(words)
        if expression is None:
            found = []
        elif db.is_sqlite:
            cursor = session.connection().connection.driver_connection.cursor()
            rows = cursor.execute("SELECT rowid FROM statement_fts WHERE statement_fts MATCH ? ORDER BY rowid", (expression,))
            found = [row[0] for row in rows]
        else:
            found = session.execute(select(Statement.id).where(postgres_match(words)).order_by(Statement.id)).scalars().all()
    return TextMatch(np.asarray(found, dtype=np.int64), speakers, outlets)


def _name_matches(session: Session, model, words: str) -> list[int]:
    """Ids of the rows of a small name table whose name or aliases contain the words."""
    needle = words.casefold()
    rows = session.exec(select(model)).scalars()
    found = []
    for row in rows:
        names = [row.name, *getattr(row, "aliases", [])]
        if any(needle in name.casefold() for name in names):
            found.append(row.id)
    return found


def filtered(session: Session, query: Select, chosen: StatementFilter) -> Select:
    """Narrow a query that already joins Statement and Speaker to the chosen statements."""
    if chosen.side_id is not None:
        query = query.where(effective_side() == chosen.side_id)
    if chosen.speaker_id is not None:
        query = query.where(Statement.speaker_id == chosen.speaker_id)
    if chosen.outlet_id is not None:
        query = query.where(Statement.outlet_id == chosen.outlet_id)
    if chosen.date_from is not None:
        query = query.where(Statement.said_on >= chosen.date_from)
    if chosen.date_to is not None:
        query = query.where(Statement.said_on <= chosen.date_to)
    words = chosen.text.strip()
    if words:
        query = query.where(_text_condition(session, words))
    return query


def _text_condition(session: Session, words: str):
    by_name = or_(
        Statement.speaker_id.in_(_name_matches(session, Speaker, words)),
        Statement.outlet_id.in_(_name_matches(session, Outlet, words)),
    )
    if session.get_bind().dialect.name != "sqlite":
        in_text = postgres_match(words)
        return by_name if in_text is None else or_(in_text, by_name)
    expression = match_expression(words)
    if expression is None:
        return by_name
    in_text = Statement.id.in_(
        select(text("rowid"))
        .select_from(text("statement_fts"))
        .where(text("statement_fts MATCH :match").bindparams(match=expression))
    )
    return or_(in_text, by_name)


def statement_ids(session: Session, chosen: StatementFilter, side_ids=None) -> Select:
    """A query for (id, effective side, said_on) of the chosen statements."""
    query = select(Statement.id, effective_side().label("side"), Statement.said_on).join(
        Speaker, Speaker.id == Statement.speaker_id
    )
    if side_ids is not None:
        query = query.where(effective_side().in_(side_ids))
    return filtered(session, query, chosen)
