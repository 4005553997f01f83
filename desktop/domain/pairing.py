"""Laying two sides' statements out side by side, each claim beside its answers."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Placed:
    """A statement to lay out: its id, the column it belongs to (0 or 1) and its date."""

    id: int
    column: int
    said_on: date | None


@dataclass(frozen=True)
class Answer:
    """A link from one statement that answers (rebuts, responds to) another."""

    from_id: int
    to_id: int
    type: str


@dataclass(frozen=True)
class ComparisonRow:
    """One line of the comparison: at most one statement per column.

    Rows that share a group belong together: a claim and the statements of the
    other side that answer it. ``answers`` names, for the statement in each
    column, the link type by which it answers the group's claim, if any.
    """

    group: int
    cells: tuple[int | None, int | None]
    answers: tuple[str | None, str | None] = (None, None)


def _sort_key(item: Placed):
    return (item.said_on is None, item.said_on or date.min, item.id)


def pair_rows(statements: list[Placed], answers: list[Answer], *, newest_first: bool = False) -> list[ComparisonRow]:
    """Group each claim with the unplaced statements of the other column that answer it.

    The most answered claims are taken first (then by date), so the central claims of
    a dispute keep their rebuttals; a statement that answers several claims is shown
    once, beside the first of them. Statements with no answering link get a group of
    their own. Groups are ordered by the earliest known date among their members (the
    newest first when asked), undated groups last. Runs in time linear in statements plus links.
    """
    by_id = {item.id: item for item in statements}
    answered_by: dict[int, list[int]] = defaultdict(list)
    answer_type: dict[tuple[int, int], str] = {}
    for link in answers:
        source, target = by_id.get(link.from_id), by_id.get(link.to_id)
        if source is None or target is None or source.column == target.column:
            continue
        if (source.id, target.id) not in answer_type:
            answered_by[target.id].append(source.id)
            answer_type[(source.id, target.id)] = link.type

    placed: set[int] = set()
    groups: list[tuple[list[Placed], dict[int, str]]] = []
    claims = sorted(
        (by_id[t] for t in answered_by), key=lambda c: (-len(answered_by[c.id]), _sort_key(c))
    )
    for claim in claims:
        if claim.id in placed:
            continue
        members = [claim] + sorted(
            (by_id[s] for s in answered_by[claim.id] if s not in placed), key=_sort_key
        )
        placed.update(item.id for item in members)
        kinds = {item.id: answer_type[(item.id, claim.id)] for item in members[1:]}
        groups.append((members, kinds))
    for item in sorted(statements, key=_sort_key):
        if item.id not in placed:
            placed.add(item.id)
            groups.append(([item], {}))

    def group_key(group):
        dates = [m.said_on for m in group[0] if m.said_on is not None]
        first = (min(dates) if dates else date.min).toordinal()
        lowest = min(m.id for m in group[0])
        return (not dates, -first, -lowest) if newest_first else (not dates, first, lowest)

    rows: list[ComparisonRow] = []
    for number, (members, kinds) in enumerate(sorted(groups, key=group_key)):
        columns = ([m for m in members if m.column == 0], [m for m in members if m.column == 1])
        for slot in range(max(len(columns[0]), len(columns[1]))):
            cells = tuple(col[slot].id if slot < len(col) else None for col in columns)
            rows.append(
                ComparisonRow(
                    group=number,
                    cells=cells,
                    answers=tuple(kinds.get(cell) if cell is not None else None for cell in cells),
                )
            )
    return rows
