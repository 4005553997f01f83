"""The tables beside the drawing of who answers whom: every answer direction (who answered whom, how often) and
every speaker on one (side, answers given and got), each sortable by any column and saved whole as CSV.

A row is an index into the network's arrays (`ItemRole`): a direction, or a speaker. Sorting
is done in numpy over keys made once per network, so a table of 60,000 directions sorts in
a few milliseconds.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.domain.ordering import name_order
from desktop.services.answer_network import AnswerNetwork
from desktop.ui.analysis.network_graph import edge_words, speaker_words
from desktop.ui.analysis.tables import ExportSource
from desktop.ui.plain_text import tooltip_text

ItemRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class _Column:
    title: str
    text: Callable[["_Network", int], str]
    key: Callable[["_Network"], np.ndarray]  # every item's sort key
    number: bool = False
    side: Callable[["_Network", int], int] | None = None  # the speaker whose side's colour the cell shows


@dataclass(frozen=True)
class _Network:
    """A network with what its tables look up: each direction's speakers as indices, each speaker's place in
    name order, and the side colours."""

    found: AnswerNetwork
    source: np.ndarray
    target: np.ndarray
    name_rank: np.ndarray
    side_rank: np.ndarray
    side_names: dict[int, str]
    colours: dict[int, str]

    @classmethod
    def of(cls, found: AnswerNetwork) -> "_Network":
        names = {key.id: key.name for key in found.legend}
        by_name = sorted(names, key=lambda side: name_order(names[side]))
        side_rank = np.array([by_name.index(int(side)) for side in found.sides], dtype=np.int64)
        return cls(found, found.where(found.source), found.where(found.target), _ranks(found.names), side_rank,
                   names, {key.id: key.colour for key in found.legend})

    def side_name(self, speaker: int) -> str:
        return self.side_names[int(self.found.sides[speaker])]


DIRECTIONS = (
    _Column("Answering", lambda n, i: n.found.names[n.source[i]], lambda n: n.name_rank[n.source], side=lambda n, i: n.source[i]),
    _Column("Answered", lambda n, i: n.found.names[n.target[i]], lambda n: n.name_rank[n.target], side=lambda n, i: n.target[i]),
    _Column("Answers", lambda n, i: f"{int(n.found.count[i]):,}", lambda n: n.found.count, number=True),
)
SPEAKERS = (
    _Column("Speaker", lambda n, i: n.found.names[i], lambda n: n.name_rank, side=lambda n, i: i),
    _Column("Side", lambda n, i: n.side_name(i), lambda n: n.side_rank),
    _Column("Gives", lambda n, i: f"{int(n.found.given[i]):,}", lambda n: n.found.given, number=True),
    _Column("Gets", lambda n, i: f"{int(n.found.got[i]):,}", lambda n: n.found.got, number=True),
)


def _ranks(names: tuple[str, ...]) -> np.ndarray:
    """Each name's place in the order a reader looks names up in."""
    rank = np.empty(len(names), dtype=np.int64)
    rank[sorted(range(len(names)), key=lambda i: name_order(names[i]))] = np.arange(len(names))
    return rank


class NetworkTable(QAbstractTableModel):
    """The directions (`DIRECTIONS`) or the speakers (`SPEAKERS`) of one network, busiest first until sorted."""

    def __init__(self, columns: tuple[_Column, ...], parent=None):
        super().__init__(parent)
        self._columns = columns
        self._network: _Network | None = None
        self._order = np.zeros(0, dtype=np.int64)
        self._row_of = np.zeros(0, dtype=np.int64)
        self._sorted: tuple[int, Qt.SortOrder] | None = None

    @property
    def _speakers(self) -> bool:
        return self._columns is SPEAKERS

    def set_network(self, found: AnswerNetwork) -> None:
        """Show this network's rows, in the order last sorted by (else busiest first)."""
        self.beginResetModel()
        self._network = _Network.of(found)
        count = len(found.speakers) if self._speakers else len(found)
        if self._speakers:
            busy = found.given + found.got
            self._order = np.lexsort((self._network.name_rank, -busy))
        else:
            self._order = np.arange(count)  # the service gives them busiest first
        if self._sorted is not None:
            self._order = self._sorted_order(*self._sorted)
        self._remember_rows()
        self.endResetModel()

    def _remember_rows(self) -> None:
        self._row_of = np.empty(len(self._order), dtype=np.int64)
        self._row_of[self._order] = np.arange(len(self._order))

    def item(self, row: int) -> int:
        """The direction or speaker (an index into the network's arrays) at a row."""
        return int(self._order[row])

    def row_of(self, item: int) -> int:
        """The row showing a direction or speaker."""
        return int(self._row_of[item])

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._network is None:
            return None
        column, item = self._columns[index.column()], int(self._order[index.row()])
        network = self._network
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(network, item)
        if role == ItemRole:
            return item
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if column.number else None
        if role == Qt.ItemDataRole.DecorationRole and column.side is not None:
            return QColor(network.colours[int(network.found.sides[column.side(network, item)])])
        if role == Qt.ItemDataRole.ToolTipRole:
            words = speaker_words(network.found, item) if self._speakers else edge_words(network.found, item)
            return tooltip_text(words)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._columns):
            return self._columns[section].title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns) or self._network is None:
            return
        self.layoutAboutToBeChanged.emit()
        before = self._order
        self._sorted = (column, order)
        self._order = self._sorted_order(column, order)
        self._remember_rows()
        moved = self.persistentIndexList()
        self.changePersistentIndexList(
            moved, [self.index(int(self._row_of[before[index.row()]]), index.column()) for index in moved]
        )
        self.layoutChanged.emit()

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> np.ndarray:
        keys = self._columns[column].key(self._network).astype(np.int64)
        return np.argsort(-keys if order == Qt.SortOrder.DescendingOrder else keys, kind="stable")

    def export_source(self) -> ExportSource:
        """Every row in the order shown, as the CSV export reads it."""
        network, order, columns = self._network, self._order.copy(), self._columns

        def read(start: int, stop: int) -> list[list[str]]:
            return [[column.text(network, int(item)) for column in columns] for item in order[start:stop]]

        return ExportSource([column.title for column in columns], len(order), read)
