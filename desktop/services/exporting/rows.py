"""The statements an export writes, with their names resolved, read in chunks."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import aliased

from desktop.domain.entities import Document, Link, Outlet, Side, Speaker, Statement, Story
from desktop.domain.filters import StatementFilter
from desktop.storage.database import Database
from desktop.storage.queries import effective_side, statement_ids

CHUNK = 500


@dataclass(frozen=True)
class ExportRow:
    """One statement with everything an export names."""

    statement: Statement
    speaker: Speaker
    side: Side | None  # the side it counts for: its own, else its speaker's
    own_side: Side | None
    outlet: Outlet | None
    story: Story | None
    document: Document | None


def chosen_ids(db: Database, chosen: StatementFilter | None) -> list[int]:
    """The ids of the statements to export, in id order."""
    with db.reading() as session:
        rows = session.execute(statement_ids(session, chosen or StatementFilter()).order_by(Statement.id))
        return [row.id for row in rows]


def export_rows(db: Database, ids: list[int]) -> Iterator[ExportRow]:
    """The rows for these ids, in the order given, CHUNK at a time."""
    side, own = aliased(Side), aliased(Side)
    query = (
        select(Statement, Speaker, side, own, Outlet, Story, Document)
        .join(Speaker, Speaker.id == Statement.speaker_id)
        .outerjoin(side, side.id == effective_side())
        .outerjoin(own, own.id == Statement.side_id)
        .outerjoin(Outlet, Outlet.id == Statement.outlet_id)
        .outerjoin(Story, Story.id == Statement.story_id)
        .outerjoin(Document, Document.id == Statement.document_id)
    )
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        with db.reading() as session:
            found = {row[0].id: ExportRow(*row) for row in session.execute(query.where(Statement.id.in_(chunk)))}
        yield from (found[i] for i in chunk if i in found)


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


def has_verdict(statement: Statement) -> bool:
    """Whether a statement carries a verdict: words or a rating."""
    return bool(statement.verdict) or statement.rating_value is not None
