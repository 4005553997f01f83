"""Queries over statements that the services share (the filter's own are in desktop/services/filtering.py)."""

from datetime import date

import numpy as np
from sqlalchemy import Connection, func, select
from sqlmodel import Session

from desktop.domain.entities import Document, Link, Speaker, Statement


ID_CHUNK = 900  # ids per IN (…), below every backend's limit on bound values


def in_chunks(ids: list[int]):
    """The ids in parts of at most ID_CHUNK, each small enough for one IN (…)."""
    for start in range(0, len(ids), ID_CHUNK):
        yield ids[start : start + ID_CHUNK]


def effective_side():
    """The side a statement counts for: its own override, else its speaker's."""
    return func.coalesce(Statement.side_id, Speaker.side_id)


def fts_hits(connection: Connection, expression: str, ids: np.ndarray, *, as_range: bool = False) -> np.ndarray:
    """Which of the given statement ids the FTS5 expression matches.

    Each id is looked up on its own, or with `as_range` every match between the lowest
    and the highest id is read (FTS5 seeks to the start), which is cheaper when the ids
    lie close together. The expression must name whole terms (see `expanded_match`):
    a prefix would make FTS5 collect all its matches for every look-up.
    """
    if not len(ids):
        return np.zeros(0, dtype=np.int64)
    if as_range:
        rows = connection.exec_driver_sql(
            "SELECT rowid FROM statement_fts WHERE statement_fts MATCH ? AND rowid BETWEEN ? AND ?",
            (expression, int(ids.min()), int(ids.max())),
        ).scalars()
        found = np.fromiter(rows, dtype=np.int64)
        return found[np.isin(found, ids, assume_unique=True)]
    listed = ",".join(str(int(i)) for i in ids)
    rows = connection.exec_driver_sql(
        f"SELECT rowid FROM statement_fts WHERE statement_fts MATCH ? AND rowid IN ({listed})", (expression,)
    ).scalars()
    return np.fromiter(rows, dtype=np.int64)


def links_touching(session: Session, ids: list[int], types: list[str]) -> list[tuple[int, int, str]]:
    """(from, to, type) of the links of these types that start or end at one of the statements."""
    found: set[tuple[int, int, str]] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for column in (Link.to_id, Link.from_id):
            found.update(
                tuple(row)
                for row in session.execute(
                    select(Link.from_id, Link.to_id, Link.type).where(Link.type.in_(types), column.in_(chunk))
                )
            )
    return sorted(found)


def sides_and_days(session: Session, ids: list[int]) -> list[tuple[int, int | None, date | None]]:
    """(id, effective side, said_on) of the given statements, whatever the filter."""
    query = select(Statement.id, effective_side(), Statement.said_on).join(Speaker, Speaker.id == Statement.speaker_id)
    return [tuple(row) for row in session.execute(query.where(Statement.id.in_(ids)))]


def document_days(session: Session, ids: list[int]) -> dict[int, date]:
    """For undated statements taken from a document: the date of the dated statement nearest to each in that
    document's text, else the document's own date. Statements with neither are left out.

    Statements are looked up by id first, so undated statements from no document cost a
    lookup each and nothing more.
    """
    placed: dict[int, tuple[int, int]] = {}  # undated statement -> (its document, where it starts)
    ids = list(ids)
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(Statement.id, Statement.document_id, Statement.span_start)
            .where(Statement.id.in_(ids[start : start + 500]), Statement.document_id.isnot(None))
        )
        placed.update((row[0], (row[1], row[2] or 0)) for row in rows)
    documents = sorted({document for document, _ in placed.values()})
    dated: dict[int, list[tuple[int, date]]] = {}
    published: dict[int, date] = {}
    for start in range(0, len(documents), 500):
        chunk = documents[start : start + 500]
        rows = session.execute(
            select(Statement.document_id, Statement.span_start, Statement.said_on)
            .where(Statement.document_id.in_(chunk), Statement.said_on.isnot(None))
        )
        for document, position, said_on in rows:
            dated.setdefault(document, []).append((position or 0, said_on))
        published.update(
            session.execute(
                select(Document.id, Document.published_on).where(Document.id.in_(chunk), Document.published_on.isnot(None))
            ).all()
        )
    days: dict[int, date] = {}
    for statement_id, (document, position) in placed.items():
        near = min(dated.get(document, ()), key=lambda other: abs(other[0] - position), default=None)
        day = near[1] if near is not None else published.get(document)
        if day is not None:
            days[statement_id] = day
    return days
