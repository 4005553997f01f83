"""The table model behind the comparison: a column per side, a card per cell, claims spanning their answers.

It holds only the row layout (cells naming statement ids); cards are fetched from the
services a page at a time, when a cell is first shown, and kept in a small cache.

A change to the data reaches it in two ways: cards whose statement, speaker, outlet or side
was edited are read again in place (`refresh_cards`), and a comparison laid out again for the
same sides and filter replaces the rows that differ only, through row removals and insertions
(`show`), so the selection and the rows around it stay where they were.
"""

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desktop.domain.pairing import ECHO_OF_ANSWER, ECHO_OF_CLAIM, Cell, ComparisonRow
from desktop.domain.values import LinkType
from desktop.services.cards import StatementCard
from desktop.services.changes import Change, with_fields_found
from desktop.services.comparison import ComparisonLayout
from desktop.ui.plain_text import tooltip_text

CardRole = Qt.ItemDataRole.UserRole + 1
StatementIdRole = Qt.ItemDataRole.UserRole + 2
GroupRole = Qt.ItemDataRole.UserRole + 3
AnswerRole = Qt.ItemDataRole.UserRole + 4  # how the card answers its claim, in words ("Rebuts the claim at left")
CellRole = Qt.ItemDataRole.UserRole + 5  # the laid-out cell: span, context, echo, folded statements
HighlightRole = Qt.ItemDataRole.UserRole + 6  # True for a statement linked to the selected one

_PAGE = 128
_CACHE_LIMIT = 4096
_TAIL_SEARCH = 2048  # rows of a new layout searched back for the old last row (a new layout may run further)

CardSource = Callable[[list[int]], dict[int, StatementCard]]


def _last_place(rows: list[ComparisonRow], row: ComparisonRow, first: int) -> int:
    """Where the last row showing the same cells as `row` is, from `first` on, among the last rows; -1 if none."""
    for number in range(len(rows) - 1, max(first, len(rows) - _TAIL_SEARCH) - 1, -1):
        if rows[number].cells == row.cells:
            return number
    return -1


def _where(claim_column: int, column: int) -> str:
    if claim_column == column:
        return "above"
    return "at left" if claim_column < column else "at right"


class ComparisonModel(QAbstractTableModel):
    """Rows of cards, one column per compared side; a cell may be empty or covered by a card above.

    `spans_changed` is emitted with the first row whose spans changed, so the view can
    set them (Qt keeps spans in the view, not the model). `replacing` brackets the removals
    and insertions of `show`, so the view keeps its current statement through them.
    """

    spans_changed = Signal(int)
    replacing = Signal(bool)  # True before rows are replaced after a change, False once they are

    def __init__(self, fetch_cards: CardSource, parent=None):
        super().__init__(parent)
        self._fetch_cards = fetch_cards
        self._layout: ComparisonLayout | None = None
        self._rows: list[ComparisonRow] = []
        self._cards: dict[int, StatementCard] = {}
        self._headers: list[str] = ["", ""]
        self._columns_of: dict[int, tuple[int, int]] = {}  # statement id -> (row, column) of its card
        self._highlighted: frozenset[int] = frozenset()
        self._unfolded: set[int] = set()
        self._shown_for: object = None  # what the comparison shown is of (sides, filter): see `show`
        self.words: str = ""  # the words searched for, marked in the cards

    def _start(self, layout: ComparisonLayout, headers: tuple[str, ...]) -> None:
        """Show a new comparison, starting with its first page; cached cards are dropped."""
        self.beginResetModel()
        self._layout = layout
        self._rows = layout.next_rows()
        self._cards = dict(layout.cards)
        self._headers = list(headers)
        self._unfolded.clear()
        self._index_rows(0)
        self.endResetModel()
        self.spans_changed.emit(0)

    def show(self, layout: ComparisonLayout, headers: tuple[str, ...], shown_for: object) -> None:
        """Show a comparison of what `shown_for` names (the sides, the filter…): the same as shown now, laid
        out again after a change, replaces only the rows that differ; anything else starts afresh."""
        if shown_for != self._shown_for or self._layout is None or len(headers) != len(self._headers):
            self._shown_for = shown_for
            self._start(layout, headers)
            return
        self._replace_rows(layout)
        if list(headers) != self._headers:
            self._headers = list(headers)
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(headers) - 1)

    def _replace_rows(self, layout: ComparisonLayout) -> None:
        """Take a new layout of the same comparison: as many rows are laid out as were, the common first
        and last rows kept, those between removed and the new ones inserted; old rows past the new ones'
        end are removed (a later fetchMore lays them out again)."""
        old = list(self._rows)
        new = layout.next_rows()
        while len(new) < len(old) and layout.has_more():
            new += layout.next_rows()
        self._layout = layout
        self._cards = {**layout.cards, **self._cards}  # those at hand are kept up to date by refresh_cards
        self._unfolded.clear()  # the new layout shows every fold folded
        head = 0
        while head < min(len(old), len(new)) and old[head].cells == new[head].cells:
            head += 1
        # Line the ends up: the old last row among the new rows (they may run further: the rows after it
        # are added at the end), or else the new last row among the old (the old rows after it go).
        end, cut = len(new), len(old)
        if head < len(old) and new:
            found = _last_place(new, old[-1], head)
            if found >= 0:
                end = found + 1
            elif (found := _last_place(old, new[-1], head)) >= 0:
                cut = found + 1
        tail = 0
        while head + tail < min(cut, end) and old[cut - 1 - tail].cells == new[end - 1 - tail].cells:
            tail += 1
        changed = cut < len(old) or head < cut - tail or head < end - tail or end < len(new)
        if changed:
            self.replacing.emit(True)
        if cut < len(old):
            self.beginRemoveRows(QModelIndex(), cut, len(old) - 1)
            del self._rows[cut:]
            self.endRemoveRows()
        if head < cut - tail:
            self.beginRemoveRows(QModelIndex(), head, cut - tail - 1)
            del self._rows[head : cut - tail]
            self.endRemoveRows()
        if head < end - tail:
            self.beginInsertRows(QModelIndex(), head, end - tail - 1)
            self._rows[head:head] = new[head : end - tail]
            self.endInsertRows()
        if end < len(new):
            self.beginInsertRows(QModelIndex(), len(self._rows), len(new) - 1)
            self._rows += new[end:]
            self.endInsertRows()
        # The rows kept may belong to groups numbered anew (one more before them): their bands are redrawn.
        regrouped = [number for number, (kept, fresh) in enumerate(zip(self._rows, new)) if kept.group != fresh.group]
        self._rows = new
        self._index_rows(0)
        if regrouped:
            self.dataChanged.emit(self.index(regrouped[0], 0), self.index(regrouped[-1], self.columnCount() - 1), [GroupRole])
        if changed:
            self.spans_changed.emit(0)
            self.replacing.emit(False)

    def refresh_cards(self, change: Change) -> Change:
        """Read again, in place, the cards showing something the change edited or removed: a statement,
        its speaker's or outlet's name, its side's name or colour. Returns the change with the fields
        found that another editor edited in the statements whose cards were at hand (`with_fields_found`)."""
        touched = change.cards_touched()
        if touched is None:
            stale = set(self._cards)
        else:
            statements, speakers, outlets, sides = touched
            stale = {
                statement_id for statement_id, card in self._cards.items()
                if statement_id in statements or card.speaker_id in speakers or card.outlet_id in outlets
                or card.side_id in sides
            }
        unknown = [i for i, fields in change.of("statement").edited.items() if fields is None and i in self._cards]
        before = {statement_id: self._cards[statement_id] for statement_id in unknown}
        for statement_id in stale:
            del self._cards[statement_id]
        after = self._fetch_cards(unknown) if unknown else {}
        self._cards.update(after)
        for index in self.indexes_of(stale) if stale else ():
            self.dataChanged.emit(index, index)
        return with_fields_found(change, before, after)

    def _index_rows(self, first: int) -> None:
        if first == 0:
            self._columns_of.clear()
        for number in range(first, len(self._rows)):
            for column, cell in enumerate(self._rows[number].cells):
                if cell is not None and cell.echo is None:
                    for statement_id in (cell.id, *cell.folded):  # a folded statement is found at its card
                        self._columns_of.setdefault(statement_id, (number, column))

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self._layout is not None and self._layout.has_more()

    def fetchMore(self, parent=QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        rows = self._layout.next_rows()
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows += rows
            self._index_rows(first)
            self.endInsertRows()
            self.spans_changed.emit(first)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def cell(self, index: QModelIndex | QPersistentModelIndex) -> Cell | None:
        """The laid-out cell at an index, None for an empty or covered one."""
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self._rows[index.row()].cells):
            return None
        return self._rows[index.row()].cells[index.column()]

    def spans(self, first: int = 0) -> list[tuple[int, int, int]]:
        """(row, column, rows) of every card from row `first` on that covers more than one row."""
        return [
            (number, column, cell.span)
            for number in range(first, len(self._rows))
            for column, cell in enumerate(self._rows[number].cells)
            if cell is not None and cell.span > 1
        ]

    def statement_id(self, index: QModelIndex | QPersistentModelIndex) -> int | None:
        """The id of the statement in a cell, or None for an empty cell."""
        cell = self.cell(index)
        return cell.id if cell is not None else None

    def index_of(self, statement_id: int, *, fetch_pages: int = 25) -> QModelIndex:
        """The cell showing a statement's own card, fetching up to `fetch_pages` more pages to find it."""
        while True:
            where = self._columns_of.get(statement_id)
            if where is not None:
                return self.index(*where)
            if fetch_pages <= 0 or not self.canFetchMore() or not self._layout.holds(statement_id):
                return QModelIndex()
            self.fetchMore()
            fetch_pages -= 1

    def indexes_of(self, statement_ids: set[int]) -> list[QModelIndex]:
        """Every cell already laid out that shows one of the statements (echoes included)."""
        return [
            self.index(number, column)
            for number, row in enumerate(self._rows)
            for column, cell in enumerate(row.cells)
            if cell is not None and (cell.id in statement_ids or statement_ids & set(cell.folded))
        ]

    def column_counts(self) -> tuple[int, ...] | None:
        """How many statements each column holds in all, laid out yet or not; None while still counted."""
        return self._layout.column_counts if self._layout else (0,) * self.columnCount()

    def first_statement(self) -> int | None:
        """The statement in the first filled cell inside the filter, or None when there is none."""
        return next(
            (cell.id for row in self._rows for cell in row.cells if cell is not None and not cell.context and cell.echo is None),
            None,
        )

    def set_highlighted(self, statement_ids: frozenset[int]) -> None:
        """Mark the statements linked to the selected one."""
        if statement_ids != self._highlighted:
            self._highlighted = statement_ids
            if self._rows:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1), [HighlightRole]
                )

    def toggle_folded(self, index: QModelIndex) -> None:
        """Show the statements folded into a card apart, or fold them again."""
        cell = self.cell(index)
        if cell is None or self._layout is None or not (cell.folded or cell.id in self._unfolded):
            return
        group = self._rows[index.row()].group
        unfold = cell.id not in self._unfolded
        (self._unfolded.add if unfold else self._unfolded.discard)(cell.id)
        first = next(n for n, row in enumerate(self._rows) if row.group == group)
        last = max(n for n, row in enumerate(self._rows) if row.group == group)
        fresh = self._layout.unfold(group, cell.id, unfold)
        self.beginRemoveRows(QModelIndex(), first, last)
        del self._rows[first : last + 1]
        self.endRemoveRows()
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._rows[first:first] = fresh
        self._index_rows(0)
        self.endInsertRows()
        self.spans_changed.emit(0)

    def _card(self, row: int, statement_id: int) -> StatementCard | None:
        card = self._cards.get(statement_id)
        if card is None:
            if len(self._cards) > _CACHE_LIMIT:
                self._cards.clear()
            page = {
                cell.id
                for entry in self._rows[max(0, row - _PAGE // 4) : row + _PAGE]
                for cell in entry.cells
                if cell is not None and cell.id not in self._cards
            }
            page.add(statement_id)
            self._cards.update(self._fetch_cards(sorted(page)))
            card = self._cards.get(statement_id)
        return card

    def _answer_label(self, row: int, column: int, cell: Cell) -> str:
        if cell.answers is None or cell.how is None:
            return ""
        where = self._columns_of.get(cell.answers)
        label = f"{LinkType(cell.how).label} the claim {_where(where[1] if where else column - 1, column)}"
        if cell.echo == ECHO_OF_ANSWER:
            return f"{label} too (shown above)"
        return label

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == GroupRole:
            return row.group
        cell = self.cell(index)
        if cell is None:
            return None
        if role == StatementIdRole:
            return cell.id
        if role == CellRole:
            return cell
        if role == HighlightRole:
            return cell.id in self._highlighted or bool(self._highlighted & set(cell.folded))
        if role == AnswerRole:
            if cell.echo == ECHO_OF_CLAIM:
                return "The claim answered beside"
            return self._answer_label(index.row(), index.column(), cell)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, CardRole):
            card = self._card(index.row(), cell.id)
            if card is None:
                return None
            if role == CardRole:
                return card
            if role == Qt.ItemDataRole.ToolTipRole:
                notes = []
                if cell.context:
                    notes.append("Outside the filter: shown because it is linked to a statement inside it.")
                if cell.folded:
                    notes.append(f"Said the same way {len(cell.folded)} more time(s): click the count to show them.")
                return tooltip_text(
                    f"{card.text}\n\n{card.byline}\n{card.outlet_name or 'no outlet'} · {card.date_label}"
                    + "".join(f"\n\n{note}" for note in notes)
                )
            return card.text
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if self.statement_id(index) is None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None
