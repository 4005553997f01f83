"""Laying statements out in columns, each claim beside every statement that answers it.

A group is what the answering links (rebuts, responds to) join: a claim, its answers,
the replies to those answers and so on, together with any other claim an answer also
answers. Statements linked by `repeats` (the Kremlin and its spokesman saying the same
line) fold into one card. Inside a group the claims come first, the most answered
first, each followed by its answers, each answer by its replies; a card spans the rows
of what answers it, so an answer always has its claim beside it. Where the claim
cannot stand beside it (it answers two claims, or the rows below its claim are taken),
an echo of the claim is shown there instead: no answer sits beside an empty cell.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

ECHO_OF_CLAIM = "claim"  # an echo standing for the claim an answer beside it answers
ECHO_OF_ANSWER = "answer"  # an echo of an answer already shown beside another of its claims


@dataclass(frozen=True)
class Placed:
    """A statement to lay out: its id, its column and its date (None: undated).

    `context` marks a statement outside the filter, shown only because it is linked to
    one inside it (drawn dimmed).
    """

    id: int
    column: int
    said_on: date | None
    context: bool = False
    sorts_on: date | None = None  # for an undated statement, the date it sorts by (its neighbours' in its article)


@dataclass(frozen=True)
class Answer:
    """A link from one statement that answers (rebuts, responds to) another."""

    from_id: int
    to_id: int
    type: str


@dataclass(frozen=True)
class Cell:
    """One card in the comparison.

    `answers` is the statement it answers in its group and `how` the link type; `span`
    how many rows the card covers; `echo` says the card repeats one shown elsewhere in
    the group (ECHO_OF_CLAIM or ECHO_OF_ANSWER); `folded` the statements that say the
    same and are folded into this card.
    """

    id: int
    answers: int | None = None
    how: str | None = None
    span: int = 1
    context: bool = False
    echo: str | None = None
    folded: tuple[int, ...] = ()


@dataclass(frozen=True)
class ComparisonRow:
    """One line of the comparison: at most one card per column (None: empty, or covered from above)."""

    group: int
    cells: tuple[Cell | None, ...]

    @property
    def ids(self) -> tuple[int | None, ...]:
        """The statement shown in each column, None where no card starts."""
        return tuple(cell.id if cell is not None else None for cell in self.cells)


def _sort_key(item: Placed):
    day = item.said_on or item.sorts_on
    return (day is None, day or date.min, item.id)


class _Union:
    """Disjoint sets over statement ids."""

    def __init__(self):
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        root = item
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while item != root:
            self.parent[item], item = root, self.parent.get(item, item)
        return root

    def join(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


@dataclass
class _Grid:
    """The cells of one group being laid out, row by row."""

    columns: int
    rows: list[list[Cell | None]] = field(default_factory=list)
    next_free: list[int] = field(default_factory=list)
    where: dict[int, tuple[int, int]] = field(default_factory=dict)  # id -> (row, column) of its card

    def __post_init__(self):
        self.next_free = [0] * self.columns

    def put(self, row: int, column: int, cell: Cell) -> None:
        while len(self.rows) <= row:
            self.rows.append([None] * self.columns)
        self.rows[row][column] = cell
        self.next_free[column] = max(self.next_free[column], row + 1)

    def is_free(self, row: int, column: int) -> bool:
        return row >= len(self.rows) or self.rows[row][column] is None

    @property
    def end(self) -> int:
        return max(self.next_free)


def lay_out(
    statements: list[Placed], answers: list[Answer], repeats: list[tuple[int, int]], columns: int, *,
    newest_first: bool = False,
) -> list[ComparisonRow]:
    """Group and lay out statements in `columns` columns; group numbers start at 0.

    Groups are ordered by the earliest date among their members (the newest first when
    asked), undated groups last. Runs in time about linear in statements plus links.
    """
    by_id = {item.id: item for item in statements}
    folds = _Union()
    for a, b in repeats:
        if a in by_id and b in by_id and by_id[a].column == by_id[b].column:
            folds.join(a, b)
    members: dict[int, list[Placed]] = defaultdict(list)
    for item in statements:
        members[folds.find(item.id)].append(item)
    card_of: dict[int, int] = {}
    cards: dict[int, Placed] = {}
    folded: dict[int, tuple[int, ...]] = {}
    for same in members.values():
        same.sort(key=lambda m: (m.context, *_sort_key(m)))  # the card shows a statement inside the filter if any
        first = same[0]
        cards[first.id] = first
        folded[first.id] = tuple(m.id for m in same[1:])
        for m in same:
            card_of[m.id] = first.id

    answered_by: dict[int, list[int]] = defaultdict(list)
    answering: dict[int, list[int]] = defaultdict(list)
    how: dict[tuple[int, int], str] = {}
    groups = _Union()
    for link in answers:
        source, target = card_of.get(link.from_id), card_of.get(link.to_id)
        if source is None or target is None or source == target or (source, target) in how:
            continue
        how[(source, target)] = link.type
        answered_by[target].append(source)
        answering[source].append(target)
        groups.join(source, target)
    for replies in answered_by.values():
        replies.sort(key=lambda i: _sort_key(cards[i]))

    grouped: dict[int, list[Placed]] = defaultdict(list)
    for card in cards.values():
        grouped[groups.find(card.id)].append(card)

    def group_key(group: list[Placed]):
        inside = [m for m in group if not m.context] or group  # statements shown for context do not place a group
        dates = [m.said_on for m in inside if m.said_on is not None]
        dates = dates or [m.sorts_on for m in inside if m.sorts_on is not None]
        first = (min(dates) if dates else date.min).toordinal()
        lowest = min(m.id for m in group)
        return (not dates, -first, -lowest) if newest_first else (not dates, first, lowest)

    rows: list[ComparisonRow] = []
    for number, group in enumerate(sorted(grouped.values(), key=group_key)):
        if len(group) == 1:  # most statements answer nothing and are answered by nothing
            only = group[0]
            cells = [None] * columns
            cells[only.column] = Cell(only.id, context=only.context, folded=folded.get(only.id, ()))
            rows.append(ComparisonRow(number, tuple(cells)))
            continue
        grid = _lay_out_group(group, cards, answered_by, answering, how, folded, columns)
        rows += [ComparisonRow(number, tuple(cells)) for cells in grid.rows]
    return rows


def _lay_out_group(group, cards, answered_by, answering, how, folded, columns) -> _Grid:
    grid = _Grid(columns)
    claims = [m for m in group if not any(t in cards for t in answering.get(m.id, ()))] or [min(group, key=_sort_key)]
    # The most answered claim leads, counting every statement folded into an answering card.
    claims.sort(key=lambda c: (-sum(1 + len(folded.get(a, ())) for a in answered_by.get(c.id, ())), _sort_key(c)))
    order = [c.id for c in claims] + [m.id for m in sorted(group, key=_sort_key)]  # the rest, should a cycle hide them
    extent: dict[int, int] = {}  # a card's last row, so far, beside an answer to it

    def card(item_id: int, parent: int | None, echo: str | None = None) -> Cell:
        return Cell(
            item_id,
            answers=parent,
            how=how.get((item_id, parent)) if parent is not None else None,
            context=cards[item_id].context,
            echo=echo,
            folded=folded.get(item_id, ()) if echo is None else (),
        )

    def beside(parent: int, column: int, first_row: int) -> int:
        """A row for an answer to `parent` in `column` from first_row on, with the parent beside it.

        The parent's card stretches down to it when nothing lies between; otherwise an echo
        of the parent is put beside the answer. Either way the parent's cell there is taken.
        """
        parent_row, parent_column = grid.where[parent]
        row = max(grid.next_free[column], first_row, parent_row)
        reach = extent.get(parent, parent_row)
        if any(not grid.is_free(between, parent_column) for between in range(reach + 1, row + 1)):
            row = max(row, grid.next_free[parent_column])
            grid.put(row, parent_column, Cell(parent, context=cards[parent].context, echo=ECHO_OF_CLAIM))
        else:
            extent[parent] = max(reach, row)
            grid.next_free[parent_column] = max(grid.next_free[parent_column], row + 1)
        return row

    def place(item_id: int, parent: int | None, first_row: int) -> int:
        """Lay a statement and its replies out from first_row; returns the last row they take."""
        column = cards[item_id].column
        if parent is None:
            row = max(grid.next_free[column], first_row)
        elif cards[parent].column == column:
            row = max(grid.next_free[column], first_row, grid.where[parent][0] + 1)
        else:
            row = beside(parent, column, first_row)
        grid.put(row, column, card(item_id, parent))
        grid.where[item_id] = (row, column)
        last = row
        for reply in answered_by.get(item_id, ()):
            start = row if last == row else last + 1
            reply_column = cards[reply].column
            if reply not in grid.where:
                last = max(last, place(reply, item_id, start))
            elif reply_column != column:
                # Already shown beside another claim it answers: an echo stands here for it.
                echo_row = beside(item_id, reply_column, start)
                grid.put(echo_row, reply_column, card(reply, item_id, ECHO_OF_ANSWER))
                last = max(last, echo_row)
        return last

    for item_id in order:
        if item_id not in grid.where:
            place(item_id, None, grid.end)
    for item_id, last in extent.items():
        row, column = grid.where[item_id]
        grid.rows[row][column] = _with(grid.rows[row][column], span=last - row + 1)
    return grid


def _with(cell: Cell, **changes) -> Cell:
    return Cell(**{**cell.__dict__, **changes})


