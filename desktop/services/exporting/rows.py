"""The statements an export writes, with their names resolved, read in chunks."""

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import Row, or_, select

from desktop.domain.entities import Document, Link, Outlet, Side, Speaker, Statement, Story
from desktop.domain.filters import StatementFilter
from desktop.storage.database import Database
from desktop.services.filtering import statement_ids

CHUNK = 5000

Progress = Callable[[int, int], None]  # statements written, in all


@dataclass(frozen=True)
class ExportRow:
    """One statement with everything an export names, each a row with its columns as attributes."""

    statement: Row
    speaker: Row
    side: Row | None  # the side it counts for: its own, else its speaker's
    own_side: Row | None
    outlet: Row | None
    story: Row | None
    document: Row | None


def chosen_ids(db: Database, chosen: StatementFilter | None, *, with_verdict: bool = False) -> list[int]:
    """The ids of the statements to export, in id order; only those with a verdict if asked."""
    with db.reading() as session:
        if chosen is None or chosen.is_empty:  # every statement: no need to join its speaker
            query = select(Statement.id)
        else:
            query = statement_ids(session, chosen)
        if with_verdict:
            query = query.where(or_(Statement.verdict != "", Statement.rating_value.is_not(None)))
        return list(session.connection().execute(query.order_by(Statement.id)).scalars())


def _by_id(connection, model, ids=None) -> dict[int, Row]:
    """The rows of a table (those with these ids), each with its columns as attributes, by id."""
    query = select(*model.__table__.columns)
    return {row.id: row for row in connection.execute(query if ids is None else query.where(model.id.in_(ids))).all()}


def export_rows(db: Database, ids: list[int], progress: Progress | None = None) -> Iterator[ExportRow]:
    """The rows for these ids, in the order given, CHUNK at a time; `progress(done, in all)` is told
    before each chunk (what it raises stops the export).

    Statements are read as plain rows, and the sides, speakers, outlets and stories they
    name once for all: a million statements name a few hundred of those.
    """
    columns = select(*Statement.__table__.columns)
    with db.reading() as session:
        connection = session.connection()
        sides, speakers = _by_id(connection, Side), _by_id(connection, Speaker)
        outlets, stories = _by_id(connection, Outlet), _by_id(connection, Story)
    for start in range(0, len(ids), CHUNK):
        if progress is not None:
            progress(start, len(ids))
        chunk = ids[start : start + CHUNK]
        low, high = min(chunk), max(chunk)
        if high - low < 2 * len(chunk):  # ids close together (all of them, say): read their range
            wanted = columns.where(Statement.id.between(low, high))
        else:
            wanted = columns.where(Statement.id.in_(chunk))
        with db.reading() as session:
            found = {row.id: row for row in session.connection().execute(wanted).all()}
            named = {row.document_id for row in found.values()} - {None}
            documents = _by_id(session.connection(), Document, named) if named else {}
        for statement in (found[i] for i in chunk if i in found):
            speaker = speakers[statement.speaker_id]
            yield ExportRow(
                statement, speaker, sides.get(speaker.side_id if statement.side_id is None else statement.side_id), sides.get(statement.side_id),
                outlets.get(statement.outlet_id), stories.get(statement.story_id), documents.get(statement.document_id),
            )


def links_between(db: Database, ids: set[int], types: tuple[str, ...] | None = None) -> dict[int, list[tuple[str, int]]]:
    """Links whose two ends are both among `ids`: from id → [(type, to id)], in link id order."""
    query = select(Link.from_id, Link.to_id, Link.type).order_by(Link.id)
    if types is not None:
        query = query.where(Link.type.in_(types))
    found: dict[int, list[tuple[str, int]]] = defaultdict(list)
    with db.reading() as session:
        for from_id, to_id, kind in session.execute(query):
            if from_id in ids and to_id in ids:
                found[from_id].append((kind, to_id))
    return found
