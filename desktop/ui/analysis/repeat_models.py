"""The Repeated lines panel's tree: a group's first statement, and under it the statements that repeat it."""

from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.services.repeats import RepeatLine
from desktop.services.wording import byline, day_label, plural
from desktop.ui.analysis.tables import ExportSource
from desktop.ui.plain_text import tooltip_text

COLUMNS = ("Who", "Outlet", "When", "Score", "Line")
_TOP = 0  # the internal id of a group's row; a member's is its group's row + 1
ID_ROLE = Qt.ItemDataRole.UserRole  # the statement's id
SHOWN = 300  # groups shown at a time: each one decided makes room for the next (a view over 20,000 would stall)


@dataclass(frozen=True, slots=True)
class Member:
    """A statement that repeats an earlier one: `earlier` is the one it was found (or linked) to repeat;
    `score` is None for an accepted link."""

    line: RepeatLine
    earlier: int
    score: float | None = None
    across: bool = False


@dataclass(frozen=True, slots=True)
class Group:
    """A repeated line: who said it first, and who repeated it, in time order."""

    first: RepeatLine
    members: list[Member]


def _cells(line: RepeatLine, score: str, first: RepeatLine | None) -> tuple[str, ...]:
    when = day_label(line.said_on)
    if first is not None and first.said_on and line.said_on:
        days = (line.said_on - first.said_on).days
        when += f" · {plural(days, 'day')} later" if days else " · same day"
    return (line.speaker_name, line.outlet_name or "no outlet", when, score, line.text)


def _score(member: Member) -> str:
    score = "accepted" if member.score is None else f"{member.score:.0f}"
    return score + " · across languages" if member.across else score


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Ascending rows as (first, last) runs of neighbours."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


class RepeatTreeModel(QAbstractItemModel):
    """Groups of repeated lines, two levels deep, SHOWN at a time; thin over what the repeats service found."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._groups: list[Group] = []
        self._waiting: list[Group] = []  # reversed: the next to show last
        self._bold = QFont()
        self._bold.setBold(True)

    # Filling -------------------------------------------------------------------------------

    def set_groups(self, groups: list[Group]) -> None:
        self.beginResetModel()
        self._groups = list(groups[:SHOWN])
        self._waiting = groups[SHOWN:][::-1]
        self.endResetModel()

    @property
    def group_count(self) -> int:
        """Groups shown and waiting to be."""
        return len(self._groups) + len(self._waiting)

    @property
    def waiting(self) -> int:
        """Groups not shown yet."""
        return len(self._waiting)

    def remove_pairs(self, pairs: set[tuple[int, int]]) -> list[tuple[RepeatLine, Member]]:
        """Take out the members these (later, earlier) pairs stand for, and the groups left empty (each run
        of neighbouring groups in one removal, so taking out thousands costs the view a few steps); what was
        taken out, each member with its group's first line."""
        emptied, taken = [], []
        for row, group in enumerate(self._groups):
            gone = [i for i, m in enumerate(group.members) if (m.line.id, m.earlier) in pairs]
            taken.extend((group.first, group.members[i]) for i in gone)
            if len(gone) == len(group.members):
                emptied.append(row)
                continue
            for index in reversed(gone):
                self.beginRemoveRows(self.index(row, 0), index, index)
                del group.members[index]
                self.endRemoveRows()
        for first, last in reversed(_runs(emptied)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._groups[first : last + 1]
            self.endRemoveRows()
        room = min(SHOWN - len(self._groups), len(self._waiting))
        if room > 0:
            self.beginInsertRows(QModelIndex(), len(self._groups), len(self._groups) + room - 1)
            self._groups.extend(self._waiting.pop() for _ in range(room))
            self.endInsertRows()
        return taken

    def restore(self, taken: list[tuple[RepeatLine, Member]]) -> QModelIndex:
        """Put members taken out back, each in its group (after the groups shown when it had gone), a group's in
        one insertion; the row of the first put back."""
        if not taken:
            return QModelIndex()
        rows = {group.first.id: row for row, group in enumerate(self._groups)}
        back: dict[int, tuple[RepeatLine, list[Member]]] = {}
        for first, member in taken:
            back.setdefault(first.id, (first, []))[1].append(member)
        gone = [Group(first, members) for first_id, (first, members) in back.items() if first_id not in rows]
        for first_id, (_, members) in back.items():
            if first_id in rows:  # rows before keep their place, and their members theirs
                shown = self._groups[rows[first_id]].members
                self.beginInsertRows(self.index(rows[first_id], 0), len(shown), len(shown) + len(members) - 1)
                shown.extend(members)
                self.endInsertRows()
        if gone:
            self.beginInsertRows(QModelIndex(), len(self._groups), len(self._groups) + len(gone) - 1)
            rows.update((group.first.id, len(self._groups) + number) for number, group in enumerate(gone))
            self._groups.extend(gone)
            self.endInsertRows()
        return self.index(rows[taken[0][0].id], 0)

    def shown_pairs(self) -> list[tuple[int, int]]:
        """The (later, earlier) pairs of the groups shown."""
        return [(m.line.id, m.earlier) for group in self._groups for m in group.members]

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
            found.update(dict.fromkeys((m.line.id, m.earlier) for m in members))
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

    def _row(self, index: QModelIndex) -> tuple[RepeatLine, str, RepeatLine | None]:
        """The row's statement, its score in words, and the group's first statement (None on the first's row)."""
        if index.internalId() == _TOP:
            group = self._groups[index.row()]
            return group.first, f"first · {plural(len(group.members), 'repeat')}", None
        group = self._groups[index.internalId() - 1]
        member = group.members[index.row()]
        return member.line, _score(member), group.first

    def export_source(self) -> ExportSource:
        """Every group, those not shown yet too, as CSV rows: the group's number, then its first line's cells and
        each repeat's."""
        groups = self._groups + self._waiting[::-1]
        rows = []
        for number, group in enumerate(groups, start=1):
            rows.append([str(number), *_cells(group.first, "first", None)])
            rows += [[str(number), *_cells(member.line, _score(member), group.first)] for member in group.members]
        return ExportSource(["Group", *COLUMNS], len(rows), lambda start, stop: rows[start:stop])

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line, score, first = self._row(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return _cells(line, score, first)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            said = f"{byline(line.speaker_name, line.speaker_role)} · {line.outlet_name or 'no outlet'} · {day_label(line.said_on)}"
            return tooltip_text(f"{said}\n{line.text}")
        if role == Qt.ItemDataRole.FontRole and first is None:
            return self._bold
        if role == ID_ROLE:
            return line.id
        return None
