"""The tables of the Analysis view: item models over rows held whole or read a page at a time, and their view.

Both models give every row object under `RowRole` and say how to read all their rows for an
export (`export_source`), off the GUI thread: the rows a paged model has not shown yet are
read from the service that gives them, never from the widget.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from desktop.ui.plain_text import tooltip_text

RowRole = Qt.ItemDataRole.UserRole + 1
PAGE = 100  # rows read at once by a paged model: a screen or two
_PAGES_KEPT = 40


@dataclass(frozen=True)
class Column:
    """One column: its title, what it says of what it shows (the header's tooltip), its text for a row, its sort
    key (the text, casefolded, by default), whether it holds numbers (aligned right), and a row's colour swatch."""

    title: str
    text: Callable[[object], str]
    tip: str = ""
    sort: Callable[[object], object] | None = None
    number: bool = False
    colour: Callable[[object], str] | None = None

    def key(self, row) -> object:
        return self.sort(row) if self.sort is not None else self.text(row).casefold()


@dataclass(frozen=True)
class ExportSource:
    """What a table exports: its header, its row count and `read(start, stop)`, the texts of those rows (safe off
    the GUI thread)."""

    header: list[str]
    count: int
    read: Callable[[int, int], list[list[str]]]


class _Table(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self.columns = list(columns)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def _row(self, number: int):
        raise NotImplementedError

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.DecorationRole,
                        Qt.ItemDataRole.TextAlignmentRole, RowRole):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if column.number else None
        row = self._row(index.row())
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(column.colour(row)) if column.colour is not None and column.colour(row) else None
        text = column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text(text) if text else None  # the whole of a cell cut short
        return text

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole and self.columns[section].tip:
            return tooltip_text(self.columns[section].tip)
        return None

    def _header(self) -> list[str]:
        """The column titles on one line each (a heading may take two lines on screen)."""
        return [" ".join(column.title.split()) for column in self.columns]

    def _texts(self, rows: list) -> list[list[str]]:
        return [[column.text(row) for column in self.columns] for row in rows]


class RowsModel(_Table):
    """Rows held whole (sides, speakers, outlets: thousands at most), sortable by any column."""

    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(columns, parent)
        self._rows: list = []

    def set_rows(self, rows: Sequence, columns: Sequence[Column] | None = None) -> None:
        """Show these rows, in this order (in other columns, if given)."""
        self.beginResetModel()
        self._rows = list(rows)
        if columns is not None:
            self.columns = list(columns)
        self.endResetModel()

    @property
    def rows(self) -> list:
        return list(self._rows)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def _row(self, number: int):
        return self._rows[number]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._rows.sort(key=self.columns[column].key, reverse=order == Qt.SortOrder.DescendingOrder)
        where = {id(row): number for number, row in enumerate(self._rows)}
        for index in self.persistentIndexList():
            moved = where[id(old[index.row()])]
            self.changePersistentIndex(index, self.index(moved, index.column()))
        self.layoutChanged.emit()

    def export_source(self) -> ExportSource:
        rows = list(self._rows)
        return ExportSource(self._header(), len(rows), lambda start, stop: self._texts(rows[start:stop]))


class PagedModel(_Table):
    """Rows known by their number only (up to the whole archive): `read(start, stop)` (a service call) gives a
    page of them when one is first shown, and a few pages are kept."""

    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(columns, parent)
        self._count = 0
        self._read: Callable[[int, int], list] = _nothing
        self._pages: dict[int, list] = {}

    def set_source(self, count: int, read: Callable[[int, int], list], first_page: list | None = None) -> None:
        """Show `count` rows, read by `read(start, stop)`; the first PAGE of them may come read already (off the
        GUI thread, with the figures)."""
        self.beginResetModel()
        self._count, self._read = count, read
        self._pages.clear()
        if first_page is not None:
            self._pages[0] = first_page
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def _row(self, number: int):
        page = number // PAGE
        rows = self._pages.pop(page, None)
        if rows is None:
            rows = self._read(page * PAGE, min(self._count, (page + 1) * PAGE))
            while len(self._pages) >= _PAGES_KEPT:
                del self._pages[next(iter(self._pages))]  # the page read longest ago
        self._pages[page] = rows  # the newest at the end
        return rows[number - page * PAGE]

    def export_source(self) -> ExportSource:
        read = self._read
        return ExportSource(self._header(), self._count, lambda start, stop: self._texts(read(start, stop)))


def _nothing(_start: int, _stop: int) -> list:
    return []


class AnalysisTable(QTableView):
    """A table of the Analysis view: whole rows chosen, one line each, its context menu exporting it as CSV; the
    column `stretch` (by default the last; or several, sharing it) takes the width the others leave.

    `row_activated` is emitted with the row object on Enter or a double click.
    """

    row_activated = Signal(object)
    export_requested = Signal()

    def __init__(self, model: QAbstractTableModel, name: str, parent: QWidget | None = None, *,
                 stretch: int | tuple[int, ...] | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSortingEnabled(not isinstance(model, PagedModel))  # pages are read in one order
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.horizontalHeader().setHighlightSections(False)
        self._stretch = (stretch,) if isinstance(stretch, int) else stretch or ()
        if stretch is None:
            self.horizontalHeader().setStretchLastSection(True)
        for column in self._stretch:
            self.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.activated.connect(self._activated)

    def _activated(self, index: QModelIndex) -> None:
        self.row_activated.emit(index.data(RowRole))

    def current_row(self):
        """The row object of the current row, None when none."""
        index = self.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def _menu(self, point) -> None:
        menu = QMenu(self)
        menu.addAction("Export Table as CSV…", self.export_requested.emit)
        menu.exec(self.viewport().mapToGlobal(point))
        menu.deleteLater()

    def size_columns(self, widths: Sequence[int]) -> None:
        """Set the columns' widths in characters, each wide enough for its heading (but the one that stretches)."""
        metrics = self.horizontalHeader().fontMetrics()
        average = metrics.averageCharWidth()
        model = self.model()
        for column, width in enumerate(widths):
            if column in self._stretch:
                continue
            lines = str(model.headerData(column, Qt.Orientation.Horizontal) or "").splitlines() or [""]
            heading = max(metrics.horizontalAdvance(line) for line in lines)
            self.setColumnWidth(column, max(width * average, heading + 3 * average))
