"""Queries over statements that the services share."""

from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy import Connection, Select, false, func, or_, select, text
from sqlmodel import Session

from desktop.domain.entities import Document, Link, Outlet, Speaker, Statement
from desktop.domain.filters import NO_STORY, StatementFilter
from desktop.storage.search_index import match_expression, postgres_match


ID_CHUNK = 900  # ids per IN (…), below every backend's limit on bound values


def in_chunks(ids: list[int]):
    """The ids in parts of at most ID_CHUNK, each small enough for one IN (…)."""
    for start in range(0, len(ids), ID_CHUNK):
        yield ids[start : start + ID_CHUNK]


def effective_side():
    """The side a statement counts for: its own override, else its speaker's."""
    return func.coalesce(Statement.side_id, Speaker.side_id)


@dataclass(frozen=True)
class TextMatch:
    """What a search matches: statements by their words, speakers by name, alias or role, outlets by name."""

    statement_ids: np.ndarray
    speaker_ids: list[int]
    outlet_ids: list[int]


def text_match(db, words: str, expression: str | None = None) -> TextMatch:
    """Statements whose text holds every word (as prefixes), and the speakers and outlets the words name.

    An `expression` naming the words' terms (a complete `expanded_match`) finds the same
    statements as the prefixes, faster.
    """
    with db.reading() as session:
        speakers, outlets = name_matches(session, words)
        expression = expression or match_expression(words)
        if expression is None:
            found = np.zeros(0, dtype=np.int64)
        elif db.is_sqlite:
            # One string of ids parsed by numpy costs a third of fetching a row per match.
            joined = session.connection().exec_driver_sql(
                "SELECT group_concat(rowid) FROM statement_fts WHERE statement_fts MATCH ?", (expression,)
            ).scalar()
            found = np.fromstring(joined, dtype=np.int64, sep=",") if joined else np.zeros(0, dtype=np.int64)
            if np.any(found[1:] < found[:-1]):  # FTS5 gives rowids in order; only check that
                found = np.sort(found)
        else:
            found = session.execute(select(Statement.id).where(postgres_match(words)).order_by(Statement.id)).scalars().all()
    return TextMatch(np.asarray(found, dtype=np.int64), speakers, outlets)


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


def name_matches(session: Session, words: str) -> tuple[list[int], list[int]]:
    """Ids, in order, of the speakers whose name, an alias or role, and of the outlets whose name, contains the words.

    A role counts as a name: "Kremlin" finds the Kremlin spokesperson's statements.
    """
    needle = words.strip().casefold()
    if not needle:
        return [], []
    speakers = [
        row.id
        for row in session.execute(select(Speaker.id, Speaker.name, Speaker.aliases, Speaker.role).order_by(Speaker.id))
        if any(needle in name.casefold() for name in [row.name, *row.aliases, row.role])
    ]
    outlets = [
        row.id
        for row in session.execute(select(Outlet.id, Outlet.name).order_by(Outlet.id))
        if needle in row.name.casefold()
    ]
    return speakers, outlets


def filtered(session: Session, query: Select, chosen: StatementFilter) -> Select:
    """Narrow a query that already joins Statement and Speaker to the chosen statements."""
    if chosen.story_id is not None:
        query = query.where(
            Statement.story_id.is_(None) if chosen.story_id == NO_STORY else Statement.story_id == chosen.story_id
        )
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
        query = query.where(search_condition(session, words))
    return query


def _fts_condition(words: str):
    """Statements whose text holds every word, each as a prefix, through the SQLite FTS5 index; None without words."""
    expression = match_expression(words)
    if expression is None:
        return None
    return Statement.id.in_(
        select(text("rowid"))
        .select_from(text("statement_fts"))
        .where(text("statement_fts MATCH :match").bindparams(match=expression))
    )


def search_condition(session: Session, words: str, in_text=None):
    """The search rule in SQL: the statement's text holds every word (each as a prefix), or the words are
    part of its speaker's name, an alias or role, or of its outlet's name (`name_matches`).

    `in_text`, when given, stands for the condition on the text (a form of it faster for one query).
    The numpy columns follow the same rule (`StatementColumns.text_mask`).
    """
    if in_text is None:
        in_text = _fts_condition(words) if session.get_bind().dialect.name == "sqlite" else postgres_match(words)
    speakers, outlets = name_matches(session, words)
    named = [Statement.speaker_id.in_(speakers)] if speakers else []
    named += [Statement.outlet_id.in_(outlets)] if outlets else []
    found = [condition for condition in (in_text, *named) if condition is not None]
    return or_(*found) if found else false()


def statement_ids(session: Session, chosen: StatementFilter, side_ids=None) -> Select:
    """A query for (id, effective side, said_on) of the chosen statements."""
    query = select(Statement.id, effective_side().label("side"), Statement.said_on).join(
        Speaker, Speaker.id == Statement.speaker_id
    )
    if side_ids is not None:
        query = query.where(effective_side().in_(side_ids))
    return filtered(session, query, chosen)


def first_statements(session: Session, chosen: StatementFilter, side_ids, limit: int, *, newest_first: bool = False):
    """(id, effective side, said_on) of the first `limit` chosen statements of the sides in date order.

    Ties go by id and undated statements come last either way; each part walks the date
    index (or the ids) and stops at the limit.
    """
    rows = []
    for dated in (True, False):
        query = statement_ids(session, chosen, side_ids)
        query = query.where(Statement.said_on.isnot(None) if dated else Statement.said_on.is_(None))
        keys = (Statement.said_on, Statement.id) if dated else (Statement.id,)
        query = query.order_by(*(key.desc() if newest_first else key for key in keys))
        rows += session.execute(query.limit(limit - len(rows))).all()
        if len(rows) >= limit:
            break
    return rows


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
