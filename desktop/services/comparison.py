"""The side-by-side comparison of two sides' statements."""

from dataclasses import dataclass

from sqlalchemy import select

from desktop.domain.entities import Link
from desktop.domain.filters import StatementFilter
from desktop.domain.pairing import Answer, ComparisonRow, Placed, pair_rows
from desktop.domain.values import LinkType
from desktop.storage.database import Database
from desktop.storage.queries import statement_ids


@dataclass(frozen=True)
class Comparison:
    """The rows to show and how many statements each column holds."""

    rows: list[ComparisonRow]
    column_counts: tuple[int, int]


def compare(db: Database, chosen: StatementFilter, left: int | None, right: int | None) -> Comparison:
    """Lay out the chosen statements of two sides, each claim on a row with its answers."""
    columns = {side: number for number, side in enumerate((left, right)) if side is not None}
    if not columns:
        return Comparison([], (0, 0))
    with db.reading() as session:
        found = session.exec(statement_ids(session, chosen, list(columns))).all()
        placed = [Placed(row.id, columns[row.side], row.said_on) for row in found]
        ids = [item.id for item in placed]
        answering = [t.value for t in LinkType if t.answers]
        links = session.exec(
            select(Link.from_id, Link.to_id, Link.type).where(
                Link.type.in_(answering), Link.from_id.in_(ids), Link.to_id.in_(ids)
            )
        ).all()
    counts = [0, 0]
    for item in placed:
        counts[item.column] += 1
    return Comparison(pair_rows(placed, [Answer(*link) for link in links]), (counts[0], counts[1]))
