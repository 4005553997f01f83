"""The side-by-side comparison of the chosen sides' statements, laid out a page at a time.

The chosen statements are put in date order over the numpy columns (an undated one
taken from an article sorts by the date of its nearest dated neighbour there); each
page then gathers, link by link, the groups its statements belong to (their claims,
answers and repeated lines, those outside the filter shown for context) and lays
them out, so the work per page does not grow with the archive.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from desktop.domain.entities import Statement
from desktop.domain.filters import StatementFilter
from desktop.domain.pairing import Answer, ComparisonRow, Placed, lay_out
from desktop.domain.values import LinkType
from desktop.services.cards import StatementCard, statement_cards
from desktop.services.filtering import mask, statement_ids
from desktop.services.statement_columns import StatementColumns, columns_for
from desktop.storage.columns import NO_DAY
from desktop.storage.database import Database
from desktop.storage.queries import document_days, links_touching, sides_and_days

PAGE = 400
_GROUPING = [t.value for t in LinkType if t.answers] + [LinkType.REPEATS.value]  # the links that make a group
_GROUP_LIMIT = 200  # statements gathered around one page at most: a huge web of links is cut, not read whole
_PLACING_LIMIT = 50_000  # undated statements placed by their neighbours in their article; more sort last


@dataclass(frozen=True)
class Lanes:
    """The columns of a comparison: one per chosen side, and a last one for every other side if asked."""

    sides: tuple[int | None, ...]
    others: bool = False

    @property
    def count(self) -> int:
        """How many columns there are."""
        return len(self.sides) + self.others

    def columns_of(self, sides: np.ndarray) -> np.ndarray:
        """The column of each statement by its side; -1 for one no column shows."""
        column = np.full(len(sides), len(self.sides) if self.others else -1, dtype=np.int64)
        for number in range(len(self.sides) - 1, -1, -1):
            if self.sides[number] is not None:
                column[sides == self.sides[number]] = number
        return column


# ids -> the ids found, their sides, their days, and whether the filter keeps each
Lookup = Callable[[list[int]], tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]


def sql_lookup(db: Database, chosen: StatementFilter) -> Lookup:
    """Each statement's side and day, and whether the filter keeps it, read from the database
    (while the columns are not at hand)."""

    def lookup(ids: list[int]):
        with db.reading() as session:
            rows = sides_and_days(session, ids)
            kept = {row.id for row in session.execute(statement_ids(session, chosen).where(Statement.id.in_(ids)))}
        days = [NO_DAY if said_on is None else np.datetime64(said_on, "D").astype(np.int64) for _, _, said_on in rows]
        return (
            np.array([row[0] for row in rows], dtype=np.int64),
            np.array([row[1] or 0 for row in rows], dtype=np.int64),
            np.array(days, dtype=np.int64),
            np.array([row[0] in kept for row in rows], dtype=bool),
        )

    return lookup


def columns_lookup(columns: StatementColumns, keep: Callable[[np.ndarray], np.ndarray]) -> Lookup:
    """Each statement's side and day from the columns; `keep` says which positions the filter keeps."""

    def lookup(ids: list[int]):
        where = columns.positions(np.asarray(ids, dtype=np.int64))
        where = where[where >= 0]
        return columns.ids[where], columns.side[where], columns.day[where], keep(where)

    return lookup


def _day(day: int):
    return None if day == NO_DAY else np.datetime64(int(day), "D").item()


class ComparisonLayout:
    """The comparison of the chosen sides under a filter; rows come page by page from `next_rows`.

    It holds the chosen statements in layout order: each one's id, column and day, and
    lays out `page_size` of them at a time with their groups. `column_counts` is None
    for a first page shown while the whole comparison is still being worked out.
    """

    def __init__(
        self,
        db: Database,
        ids: np.ndarray,
        columns: np.ndarray,
        days: np.ndarray,
        column_counts: tuple[int, ...] | None,
        *,
        lanes: Lanes,
        lookup: Lookup,
        newest_first: bool = False,
        by_id: np.ndarray | None = None,
        page_size: int = PAGE,
        placed_by_document: frozenset[int] = frozenset(),
    ):
        self._db = db
        self._ids, self._columns, self._days = ids, columns, days
        self._by_id = np.argsort(ids, kind="stable") if by_id is None else by_id
        self._sorted_ids = ids[self._by_id]
        self._lookup_any = lookup
        self.lanes = lanes
        self.column_counts = column_counts
        self.newest_first = newest_first
        self.page_size = page_size
        self._cursor = 0
        self._placed: set[int] = set()
        self._ahead: list[list[ComparisonRow]] = []  # pages laid out before they were asked for (`lay_out_ahead`)
        self._groups = 0
        self._inputs: dict[int, tuple[list[Placed], list[Answer], list[tuple[int, int]]]] = {}
        self._unfolded: set[int] = set()
        self._placed_by_document = placed_by_document  # undated: their day is their neighbours' in their article
        self.cards: dict[int, StatementCard] = {}  # the cards of the pages laid out ahead, read with them

    @property
    def statement_count(self) -> int:
        """How many statements the comparison holds in all."""
        return len(self._ids)

    @property
    def column_count(self) -> int:
        """How many columns the comparison has."""
        return self.lanes.count

    def holds(self, statement_id: int) -> bool:
        """True when the statement is among those the comparison lays out, now or on a later page."""
        where = np.searchsorted(self._sorted_ids, statement_id)
        return bool(where < len(self._sorted_ids) and self._sorted_ids[where] == statement_id)

    def has_more(self) -> bool:
        """True while some statements are not laid out yet, or not handed out yet."""
        return bool(self._ahead) or len(self._placed) < len(self._ids)

    def lay_out_ahead(self, rows: int) -> None:
        """Lay out now the first pages, about `rows` rows in all: done in the background for a view that shows
        that many, they are handed out by `next_rows` without laying out on the GUI thread."""
        laid = sum(map(len, self._ahead))
        while laid < rows and (page := self._next_page(self.page_size)):
            self._ahead.append(page)
            laid += len(page)

    def read_cards_ahead(self) -> None:
        """Read the cards of the statements on the pages laid out ahead, with them off the GUI thread: the view
        paints its first rows without reading the database (~10 ms a page, longer while other work runs)."""
        self.cards = statement_cards(self._db, sorted(
            {cell.id for page in self._ahead for row in page for cell in row.cells if cell is not None}
        ))

    def _kept(self, ids: list[int]) -> dict[int, tuple[int, int]]:
        """The kept statements among ids, with their column and (sorting) day."""
        if not ids or not len(self._sorted_ids):
            return {}
        wanted = np.asarray(ids, dtype=np.int64)
        where = np.clip(np.searchsorted(self._sorted_ids, wanted), 0, len(self._sorted_ids) - 1)
        rows = self._by_id[where[self._sorted_ids[where] == wanted]]
        return {int(self._ids[r]): (int(self._columns[r]), int(self._days[r])) for r in rows}

    def _statement(self, statement_id: int, column: int, day: int) -> Placed:
        if statement_id in self._placed_by_document:
            return Placed(statement_id, column, None, sorts_on=_day(day))
        return Placed(statement_id, column, _day(day))

    def _gather(self, page: list[Placed]) -> tuple[list[Placed], list[tuple[int, int, str]]]:
        """The page's statements with every statement linked to them, link by link, up to a limit.

        A linked statement the filter keeps joins the page; one it leaves out is shown for
        context when its side has a column.
        """
        members = {item.id: item for item in page}
        links: set[tuple[int, int, str]] = set()
        frontier = list(members)
        while frontier and len(members) < len(page) + _GROUP_LIMIT:
            with self._db.reading() as session:
                found = links_touching(session, frontier, _GROUPING)
            links.update(found)
            new = sorted({end for link in found for end in link[:2]} - members.keys() - self._placed)
            new = new[: len(page) + _GROUP_LIMIT - len(members)]
            kept = self._kept(new)
            outside = [i for i in new if i not in kept]
            context: dict[int, tuple[int, int]] = {}
            if outside:
                ids, sides, days, inside = self._lookup_any(outside)
                for statement_id, column, day, held in zip(ids, self.lanes.columns_of(sides), days, inside):
                    if column < 0:
                        continue
                    # Kept by the filter but not (yet) among this layout's statements: a first page's.
                    (kept if held else context)[int(statement_id)] = (int(column), int(day))
            frontier = []
            for statement_id in new:
                if statement_id in kept:
                    column, day = kept[statement_id]
                    members[statement_id] = self._statement(statement_id, column, day)
                    frontier.append(statement_id)
                elif statement_id in context:
                    # Shown for context only: its own other links are not followed.
                    column, day = context[statement_id]
                    members[statement_id] = Placed(statement_id, column, _day(day), context=True)
        shown = set(members)
        return list(members.values()), [link for link in sorted(links) if link[0] in shown and link[1] in shown]

    def next_rows(self, count: int | None = None) -> list[ComparisonRow]:
        """Lay out about `count` (by default `page_size`) more statements with their groups (a page laid out
        ahead is handed out as it is)."""
        if self._ahead:
            return self._ahead.pop(0)
        return self._next_page(self.page_size if count is None else count)

    def _next_page(self, count: int) -> list[ComparisonRow]:
        page: list[Placed] = []
        while self._cursor < len(self._ids) and len(page) < count:
            statement_id = int(self._ids[self._cursor])
            if statement_id not in self._placed:
                page.append(self._statement(statement_id, int(self._columns[self._cursor]), int(self._days[self._cursor])))
            self._cursor += 1
        if not page:
            return []
        members, links = self._gather(page)
        self._placed.update(item.id for item in members if not item.context)
        answers = [Answer(*link) for link in links if link[2] != LinkType.REPEATS.value]
        repeats = [(a, b) for a, b, kind in links if kind == LinkType.REPEATS.value]
        rows = lay_out(members, answers, repeats, self.lanes.count, newest_first=self.newest_first)
        groups = {row.group for row in rows}
        folding = {row.group for row in rows if any(cell is not None and cell.folded for cell in row.cells)}
        if folding:
            # Kept for `unfold`, only for the groups that fold lines into a card.
            group_of = {
                member: row.group
                for row in rows if row.group in folding
                for cell in row.cells if cell is not None
                for member in (cell.id, *cell.folded)
            }
            for group in folding:
                self._inputs[self._groups + group] = ([], [], [])
            for member in members:
                if member.id in group_of:
                    self._inputs[self._groups + group_of[member.id]][0].append(member)
            for answer in answers:
                if answer.from_id in group_of:
                    self._inputs[self._groups + group_of[answer.from_id]][1].append(answer)
            for repeat in repeats:
                if repeat[0] in group_of:
                    self._inputs[self._groups + group_of[repeat[0]]][2].append(repeat)
        shifted = [ComparisonRow(row.group + self._groups, row.cells) for row in rows]
        self._groups += len(groups)
        return shifted

    def unfold(self, group: int, statement_id: int, unfolded: bool = True) -> list[ComparisonRow]:
        """The rows of a group laid out again with the statements folded into one card shown apart (or folded again)."""
        members, answers, repeats = self._inputs[group]
        changed = {statement_id} | {b for a, b in repeats if a == statement_id} | {a for a, b in repeats if b == statement_id}
        (self._unfolded.update if unfolded else self._unfolded.difference_update)(changed)
        kept = [r for r in repeats if not (set(r) & self._unfolded)]
        rows = lay_out(members, answers, kept, self.lanes.count, newest_first=self.newest_first)
        return [ComparisonRow(group, row.cells) for row in rows]

    def all_rows(self) -> list[ComparisonRow]:
        """Every remaining row (for exports and tests; the views fetch page by page)."""
        rows: list[ComparisonRow] = []
        while self.has_more():
            rows += self.next_rows()
        return rows


def _placed_by_document(
    db: Database, ids: np.ndarray, days: np.ndarray, order: np.ndarray
) -> tuple[np.ndarray, frozenset[int]]:
    """The days to sort by, undated statements from an article taking the day of the dated ones near them
    there; and the ids of those."""
    undated = np.flatnonzero(days[order] == NO_DAY)
    if not len(undated) or len(undated) > _PLACING_LIMIT:
        return days, frozenset()
    with db.reading() as session:
        inherited = document_days(session, ids[order[undated]].tolist())
    if not inherited:
        return days, frozenset()
    placed = days.copy()
    for position in order[undated]:
        day = inherited.get(int(ids[position]))
        if day is not None:
            placed[position] = np.datetime64(day, "D").astype(np.int64)
    return placed, frozenset(inherited)


def compare(
    db: Database, chosen: StatementFilter, *sides: int | None, others: bool = False, newest_first: bool = False
) -> ComparisonLayout:
    """The comparison of the sides (a column each, and one for all others if asked) under a filter.

    Oldest first unless asked; rows are laid out on demand.
    """
    lanes = Lanes(tuple(sides), others)
    columns = columns_for(db)
    column = lanes.columns_of(columns.side)
    keep = mask(db, columns, chosen) & (column >= 0)
    positions = columns.date_order(keep, newest_first=newest_first)
    days, inherited = _placed_by_document(db, columns.ids, columns.day, positions)
    if inherited:
        # Sort again by the days the undated ones took; ties keep their order (by id).
        key = np.where(days[positions] == NO_DAY, np.iinfo(np.int64).max, days[positions].astype(np.int64))
        if newest_first:
            key = np.where(days[positions] == NO_DAY, np.iinfo(np.int64).max, -key)
        positions = positions[np.argsort(key, kind="stable")]
    rank = np.empty(len(columns), dtype=np.int64)
    rank[positions] = np.arange(len(positions))
    counts = tuple(int(np.count_nonzero(keep & (column == number))) for number in range(lanes.count))
    return ComparisonLayout(
        db,
        columns.ids[positions],
        column[positions].astype(np.int8),
        days[positions],
        counts,
        lanes=lanes,
        lookup=columns_lookup(columns, lambda where: keep[where]),
        newest_first=newest_first,
        by_id=rank[columns.id_order(keep)],
        placed_by_document=inherited,
    )


def linked_statements(db: Database, statement_id: int) -> list[int]:
    """Every statement linked to this one, whatever the link's type or direction."""
    with db.reading() as session:
        links = links_touching(session, [statement_id], [t.value for t in LinkType])
    return sorted({end for link in links for end in link[:2]} - {statement_id})

