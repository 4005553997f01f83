"""The table model behind the comparison: two columns, one statement per cell.

It holds only the row layout (statement ids); cards are fetched from the services a
page at a time, when a cell is first shown, and kept in a small cache.
"""

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.domain.pairing import ComparisonRow
from desktop.services.comparison import ComparisonLayout
from desktop.services.cards import StatementCard
from desktop.ui.plain_text import tooltip_text

CardRole = Qt.ItemDataRole.UserRole + 1
StatementIdRole = Qt.ItemDataRole.UserRole + 2
GroupRole = Qt.ItemDataRole.UserRole + 3
AnswerRole = Qt.ItemDataRole.UserRole + 4

_PAGE = 128
_CACHE_LIMIT = 4096

CardSource = Callable[[list[int]], dict[int, StatementCard]]


class ComparisonModel(QAbstractTableModel):
    """Rows of (left statement, right statement); either may be empty."""

    def __init__(self, fetch_cards: CardSource, parent=None):
        super().__init__(parent)
        self._fetch_cards = fetch_cards
        self._layout: ComparisonLayout | None = None
        self._rows: list[ComparisonRow] = []
        self._cards: dict[int, StatementCard] = {}
        self._headers = ["", ""]

    def set_layout(self, layout: ComparisonLayout, headers: tuple[str, str]) -> None:
        """Show a new comparison, starting with its first page; cached cards are dropped."""
        self.beginResetModel()
        self._layout = layout
        self._rows = layout.next_rows()
        self._cards.clear()
        self._headers = list(headers)
        self.endResetModel()

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self._layout is not None and self._layout.has_more()

    def fetchMore(self, parent=QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        rows = self._layout.next_rows()
        if rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows += rows
            self.endInsertRows()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def statement_id(self, index: QModelIndex | QPersistentModelIndex) -> int | None:
        """The id of the statement in a cell, or None for an empty cell."""
        if not index.isValid():
            return None
        return self._rows[index.row()].cells[index.column()]

    def index_of(self, statement_id: int, *, fetch_pages: int = 25) -> QModelIndex:
        """The cell showing a statement, fetching up to `fetch_pages` more pages to find it."""
        searched = 0
        while True:
            for number in range(searched, len(self._rows)):
                cells = self._rows[number].cells
                if statement_id in cells:
                    return self.index(number, cells.index(statement_id))
            searched = len(self._rows)
            if fetch_pages <= 0 or not self.canFetchMore() or not self._layout.holds(statement_id):
                return QModelIndex()
            self.fetchMore()
            fetch_pages -= 1

    def column_counts(self) -> tuple[int, int] | None:
        """How many statements each column holds in all, laid out yet or not; None while still counted."""
        return self._layout.column_counts if self._layout else (0, 0)

    def first_statement(self) -> int | None:
        """The statement in the first filled cell, or None when there is none."""
        return next((cell for row in self._rows for cell in row.cells if cell is not None), None)

    def _card(self, row: int, statement_id: int) -> StatementCard | None:
        card = self._cards.get(statement_id)
        if card is None:
            if len(self._cards) > _CACHE_LIMIT:
                self._cards.clear()
            page = [
                cell
                for entry in self._rows[max(0, row - _PAGE // 4) : row + _PAGE]
                for cell in entry.cells
                if cell is not None and cell not in self._cards
            ]
            self._cards.update(self._fetch_cards(page))
            card = self._cards.get(statement_id)
        return card

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == GroupRole:
            return row.group
        statement_id = row.cells[index.column()]
        if statement_id is None:
            return None
        if role == StatementIdRole:
            return statement_id
        if role == AnswerRole:
            return row.answers[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, CardRole):
            card = self._card(index.row(), statement_id)
            if card is None:
                return None
            if role == CardRole:
                return card
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip_text(
                    f"{card.text}\n\n{card.byline}\n{card.outlet_name or 'no outlet'} · {card.date_label}"
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
        if orientation == Qt.Orientation.Horizontal and 0 <= section < 2:
            return self._headers[section]
        return None
