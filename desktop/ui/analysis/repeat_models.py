"""The Repeated lines panel's tree: a group's first statement, and under it the statements that repeat it."""

from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.services.cards import StatementCard
from desktop.services.wording import plural
from desktop.ui.plain_text import tooltip_text

COLUMNS = ("Who", "Outlet", "When", "Score", "Line")
_TOP = 0  # the internal id of a group's row; a member's is its group's row + 1
ID_ROLE = Qt.ItemDataRole.UserRole  # the statement's id


@dataclass(frozen=True)
class Member:
    """A statement that repeats an earlier one: `earlier` is the one it was found (or linked) to repeat;
    `score` is None for an accepted link."""

    card: StatementCard
    earlier: int
    score: float | None = None
    across: bool = False


@dataclass(frozen=True)
class Group:
    """A repeated line: who said it first, and who repeated it, in time order."""

    first: StatementCard
    members: list[Member]


def _cells(card: StatementCard, score: str, first: StatementCard | None) -> tuple[str, ...]:
    when = card.date_label
    if first is not None and first.said_on and card.said_on:
        days = (card.said_on - first.said_on).days
        when += f" · {plural(days, 'day')} later" if days else " · same day"
    return (card.speaker_name, card.outlet_name or "no outlet", when, score, card.text)


class RepeatTreeModel(QAbstractItemModel):
    """Groups of repeated lines, two levels deep; thin over what the repeats service found."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._groups: list[Group] = []
        self._bold = QFont()
        self._bold.setBold(True)

    # Filling -------------------------------------------------------------------------------

    def set_groups(self, groups: list[Group]) -> None:
        self.beginResetModel()
        self._groups = list(groups)
        self.endResetModel()

    def remove_pairs(self, pairs: set[tuple[int, int]]) -> None:
        """Take out the members these (later, earlier) pairs stand for, and the groups left empty."""
        for row in reversed(range(len(self._groups))):
            group = self._groups[row]
            gone = [i for i, m in enumerate(group.members) if (m.card.id, m.earlier) in pairs]
            if len(gone) == len(group.members):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._groups[row]
                self.endRemoveRows()
                continue
            for index in reversed(gone):
                self.beginRemoveRows(self.index(row, 0), index, index)
                del group.members[index]
                self.endRemoveRows()

    @property
    def group_count(self) -> int:
        return len(self._groups)

    def pairs(self, indexes: list[QModelIndex]) -> list[tuple[int, int]]:
        """The (later, earlier) pairs the rows stand for: a group's row stands for all its members."""
        found: dict[tuple[int, int], None] = {}
        for index in indexes:
            if not index.isValid():
                continue
            if index.internalId() == _TOP:
                members = self._groups[index.row()].members
            else:
                members = [self._groups[index.internalId() - 1].members[index.row()]]
            found.update(dict.fromkeys((m.card.id, m.earlier) for m in members))
        return list(found)

    # The model -----------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self._groups[parent.row()].members)
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def _row(self, index: QModelIndex) -> tuple[StatementCard, str, StatementCard | None]:
        """The row's statement, its score in words, and the group's first statement (None on the first's row)."""
        if index.internalId() == _TOP:
            group = self._groups[index.row()]
            return group.first, f"first · {plural(len(group.members), 'repeat')}", None
        group = self._groups[index.internalId() - 1]
        member = group.members[index.row()]
        score = "accepted" if member.score is None else f"{member.score:.0f}"
        if member.across:
            score += " · across languages"
        return member.card, score, group.first

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        card, score, first = self._row(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return _cells(card, score, first)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text(f"{card.byline} · {card.outlet_name or 'no outlet'} · {card.date_label}\n{card.text}")
        if role == Qt.ItemDataRole.FontRole and first is None:
            return self._bold
        if role == ID_ROLE:
            return card.id
        return None
