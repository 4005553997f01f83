"""The navigator: stories, sides, speakers and outlets with their statement counts."""

import difflib
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QMimeData, QModelIndex, QRect, QSignalBlocker, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.filters import NO_STORY
from desktop.services.catalog import Catalog, Entry
from desktop.services.wording import plural
from desktop.ui.plain_text import tooltip_text
from desktop.ui.statement_drag import STATEMENTS_MIME, dragged_statements

KindRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
GroupRole = Qt.ItemDataRole.UserRole + 3  # "story" or "verdict" on those groups and each of their lines

ALL_STORIES = -1  # the id of the "All stories" line, which chooses no story
ANY_VERDICT = -1  # the id of the "Any verdict" line, which chooses no verdict; "" is "No verdict"


@dataclass(frozen=True)
class _Line:
    """One entry as listed: `chosen` ones are bold; statements can be dropped on a `droppable` one."""

    kind: str
    id: int | str
    name: str
    count: int
    detail: str = ""
    colour: str = ""
    chosen: bool = False
    droppable: bool = False


def _groups(catalog: Catalog, story_id: int | None, verdict: str | None) -> list[tuple[str, str, int, list[_Line]]]:
    """(title, the kind chosen apart in it or "", how many entries, its lines) of every group listed, in order."""
    stories = [_Line("story", ALL_STORIES, "All stories", catalog.all_statements, chosen=story_id is None)]
    stories += [_Line("story", e.id, e.name, e.count, e.detail, chosen=story_id == e.id, droppable=True) for e in catalog.stories]
    if catalog.unfiled or story_id == NO_STORY:
        stories.append(_Line("story", NO_STORY, "No story", catalog.unfiled, chosen=story_id == NO_STORY, droppable=True))
    groups = [("Stories", "story", len(catalog.stories), stories), ("Sides", "", len(catalog.sides), _entries("side", catalog.sides))]
    if catalog.verdicts or verdict is not None:
        verdicts = [_Line("verdict", ANY_VERDICT, "Any verdict", catalog.any_verdict, chosen=verdict is None)]
        verdicts += [_Line("verdict", e.id, e.name, e.count, chosen=verdict == e.id) for e in catalog.verdicts]
        verdicts.append(_Line("verdict", "", "No verdict", catalog.no_verdict, chosen=verdict == ""))
        groups.append(("Verdicts", "verdict", len(catalog.verdicts), verdicts))
    for title, kind, entries in (("Speakers", "speaker", catalog.speakers), ("Outlets", "outlet", catalog.outlets)):
        groups.append((title, "", len(entries), _entries(kind, entries)))
    return groups


def _entries(kind: str, entries: list[Entry]) -> list[_Line]:
    return [_Line(kind, e.id, e.name, e.count, e.detail, e.colour) for e in entries]


def _listed(line: _Line) -> tuple:
    """What a line's row is made from, its counts aside: a row whose line lists differently is made anew."""
    return line.kind, line.id, line.name, line.detail, line.colour


def _cells(line: _Line, group: str) -> list[QStandardItem]:
    """The name and count cells of a line."""
    cells = [QStandardItem(line.name), QStandardItem()]
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    for cell in cells:
        cell.setData(line.kind, KindRole)
        cell.setData(line.id, IdRole)
        if group:
            cell.setData(group, GroupRole)
        cell.setFlags(flags | Qt.ItemFlag.ItemIsDropEnabled if line.droppable else flags)
    cells[0].setToolTip(tooltip_text("\n".join(p for p in (line.name, line.detail) if p)))
    if line.colour:
        cells[0].setData(QColor(line.colour), Qt.ItemDataRole.DecorationRole)
    cells[1].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    _show_count(cells, line)
    return cells


def _show_count(cells: list[QStandardItem], line: _Line, before: _Line | None = None) -> None:
    """Write a line's count, in bold when chosen; an entry that would show nothing is greyed. Given the line
    as shown `before`, only what differs is written (a recount touches hundreds of lines)."""
    if before is None or line.count != before.count:
        cells[1].setText(f"{line.count:,}")
        cells[1].setToolTip(plural(line.count, "statement"))
    if before is None or line.chosen != before.chosen:
        font = QFont()
        font.setBold(line.chosen)
        for cell in cells:
            cell.setFont(font)
    greyed = not line.count and not line.chosen
    if before is None or greyed != (not before.count and not before.chosen):
        cells[0].setData(QBrush(QColor("#8a94a0")) if greyed else None, Qt.ItemDataRole.ForegroundRole)
    if before is None:
        cells[1].setForeground(QBrush(QColor("#5f6b7a")))


class NavigatorModel(QStandardItemModel):
    """Groups of entries (stories first), each entry with its kind and id in item data.

    A new catalog listing the same entries only rewrites their counts, so the tree keeps its
    place and selection as the filter changes. Statement cards dropped on a story emit
    `statements_dropped` (ids, story id or None for no story).
    """

    statements_dropped = Signal(list, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHorizontalHeaderLabels(["Name", "#"])  # hidden: a wide label would widen the counts
        self._lines: list = []  # the groups as last shown
        self._told = 0  # the recount whose changed rows are being told to the tree

    def set_catalog(self, catalog: Catalog, story_id: int | None = None, verdict: str | None = None) -> bool:
        """Show a fresh catalog, the chosen story and verdict (None for all) in bold; True when the rows were made anew.

        Rows are made anew only when the groups themselves change (verdicts appear or go): an entry added,
        removed or renamed has its own rows removed or added, the others keep theirs, with their place and
        selection in the tree (made anew, 700 lines took ~50 ms at a million statements)."""
        groups = _groups(catalog, story_id, verdict)
        if [group[:2] for group in groups] != [group[:2] for group in self._lines]:
            self._rebuild(groups)
            return True
        self._told += 1  # the rows of a recount still being told may be about to go
        shown = []
        for row, ((_, _, count, lines), (_, _, counted, old)) in enumerate(zip(groups, self._lines)):
            shown.append(self._splice(row, lines, old))
            if count != counted:
                self.item(row, 1).setText(f"{count:,}")
        self._recount(groups, shown)
        return False

    def _rebuild(self, groups: list) -> None:
        self._lines = groups
        self._told += 1  # the rows of a recount still being told are about to go
        self.removeRows(0, self.rowCount())
        for title, kind, count, lines in groups:
            group, total = QStandardItem(title), QStandardItem(f"{count:,}")
            for item in (group, total):
                item.setEditable(False)
                item.setSelectable(False)
                if kind:
                    item.setData(kind, GroupRole)
            for line in lines:
                group.appendRow(_cells(line, kind))
            self.appendRow([group, total])

    def _splice(self, row: int, lines: list[_Line], old: list[_Line]) -> list[_Line]:
        """Remove the group's rows of entries gone (or renamed) and insert rows for the new ones; the lines the
        rows show, row for row (a new row shows its line already)."""
        new_keys, old_keys = [_listed(line) for line in lines], [_listed(line) for line in old]
        if new_keys == old_keys:
            return old
        group, shown = self.item(row), list(old)
        steps = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes()
        for step, old_from, old_to, new_from, new_to in reversed(steps):  # from the end: the rows before keep their place
            if step == "equal":
                continue
            if old_to > old_from:
                group.removeRows(old_from, old_to - old_from)
            for at in range(new_from, new_to):
                group.insertRow(old_from + at - new_from, _cells(lines[at], group.data(GroupRole) or ""))
            shown[old_from:old_to] = lines[new_from:new_to]
        return shown

    def _recount(self, groups: list, shown: list[list[_Line]]) -> None:
        """Rewrite the counts (and bold and grey names) that differ from the lines `shown`, row for row, then tell
        the tree which rows changed, a few dozen at a time, one turn of the event loop each: the tree measures
        every row it is told of again, and a search changes nearly every count."""
        spans = []
        with QSignalBlocker(self):
            for row, ((_, _, _, lines), before) in enumerate(zip(groups, shown)):
                group = self.item(row)
                rows = [child for child, (line, old) in enumerate(zip(lines, before)) if line != old]
                for child in rows:
                    _show_count([group.child(child, 0), group.child(child, 1)], lines[child], before[child])
                spans += [(row, first, min(first + _TOLD_AT_ONCE, rows[-1] + 1) - 1) for first in range(rows[0], rows[-1] + 1, _TOLD_AT_ONCE)] if rows else []
        self._lines = groups
        self._told += 1  # a recount still being told is superseded: its rows are told again below
        self._tell(self._told, spans)

    def _tell(self, recount: int, spans: list[tuple[int, int, int]]) -> None:
        if recount != self._told or not spans:
            return
        (row, first, last), rest = spans[0], spans[1:]
        group = self.item(row)
        self.dataChanged.emit(group.child(first, 0).index(), group.child(last, 1).index(), _RECOUNT_ROLES)
        if rest:
            QTimer.singleShot(0, self, partial(self._tell, recount, rest))

    def mimeTypes(self) -> list[str]:
        return [STATEMENTS_MIME]

    def canDropMimeData(self, data: QMimeData, action, row: int, column: int, parent: QModelIndex) -> bool:
        """Statements can be dropped on a story or on "No story", not between lines."""
        return (
            row == -1
            and parent.data(KindRole) == "story"
            and parent.data(IdRole) != ALL_STORIES
            and bool(dragged_statements(data))
        )

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: QModelIndex) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        story_id = parent.data(IdRole)
        self.statements_dropped.emit(dragged_statements(data), None if story_id == NO_STORY else story_id)
        return True

    def find(self, kind: str, entry_id: int) -> QModelIndex:
        """The index of an entry, or an invalid index."""
        for row in range(self.rowCount()):
            group = self.item(row)
            for child in range(group.rowCount()):
                item = group.child(child)
                if item.data(KindRole) == kind and item.data(IdRole) == entry_id:
                    return item.index()
        return QModelIndex()


_TOLD_AT_ONCE = 64  # rows of a recount told to the tree in one turn of the event loop
_RECOUNT_ROLES = [
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole,
]


class _WrappedNames(QStyledItemDelegate):
    """Gives a name as many lines as the name column's width needs (a tree asks for row heights
    without saying the width, so a long name would be cut to one line).

    Sizes are remembered by what decides them: a recount tells the tree of hundreds of rows whose
    names did not change, and laying each name out again took ~8 ms per 64 rows."""

    def __init__(self, tree: QTreeView):
        super().__init__(tree)
        self._tree = tree
        self._sizes: dict[tuple, QSize] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        if index.column() != 0:
            return super().sizeHint(option, index)
        depth = 1 if index.parent().isValid() else 0
        width = self._tree.columnWidth(0) - self._tree.indentation() * (depth + 1)
        font = index.data(Qt.ItemDataRole.FontRole)
        key = (index.data(), width, font is not None and font.bold(), index.data(Qt.ItemDataRole.DecorationRole) is not None,
               option.fontMetrics.height())
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) > _SIZES_KEPT:
                self._sizes.clear()
            option = QStyleOptionViewItem(option)
            option.rect = QRect(0, 0, max(width, 1), option.fontMetrics.height())
            size = self._sizes[key] = super().sizeHint(option, index)
        return size


_SIZES_KEPT = 8192  # names' sizes remembered, a few widths of the navigator's lines at a million statements


class Navigator(QWidget):
    """Choosing an entry filters the desk; one click on Clear Filter shows everything.

    A story and a verdict are each chosen apart from the other entries (`story_chosen`: its id,
    NO_STORY, or None for all stories; `verdict_chosen`: its words, "" for none, or None for
    any): the side, speaker or outlet chosen is looked for within them.
    """

    entry_chosen = Signal(str, int)
    story_chosen = Signal(object)
    verdict_chosen = Signal(object)
    clear_requested = Signal()
    edit_requested = Signal(str, int)
    delete_requested = Signal(str, int)
    new_story_requested = Signal()
    statements_dropped = Signal(list, object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = NavigatorModel(self)
        self._counts_width = 0  # the widest count, in pixels, the counts' column was fitted to
        self.tree = QTreeView(objectName="navigator")
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Names are read in full: no header taking room ("Statements" is each count's tooltip),
        # the counts only as wide as they are, and a name longer than the dock wrapped.
        self.tree.setHeaderHidden(True)
        self.tree.setIndentation(14)
        self.tree.setWordWrap(True)
        self.tree.setItemDelegateForColumn(0, _WrappedNames(self.tree))
        self.tree.header().sectionResized.connect(self._name_width_changed)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.clicked.connect(self._clicked)
        self.tree.activated.connect(self._clicked)
        self._take_dropped_statements()
        self.filter_label = QLabel("Showing all statements", objectName="filterLabel")
        self.filter_label.setTextFormat(Qt.TextFormat.PlainText)
        self.filter_label.setWordWrap(True)
        # Two lines kept for what is filtered, which most filters say in one or two: the tree below stays where it
        # is as the filter changes (moved, it lays its lines out again: ~10 ms a change at a million statements).
        self.filter_label.setMinimumHeight(2 * self.filter_label.fontMetrics().lineSpacing())
        self.clear_button = QPushButton("Clear Filter", objectName="clearFilterButton")
        self.clear_button.setEnabled(False)
        self.clear_button.clicked.connect(self.clear_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter_label)
        layout.addWidget(self.clear_button)
        layout.addWidget(self.tree, 1)

    def _take_dropped_statements(self) -> None:
        """Statement cards can be dropped on a story; the move is asked for once the drop is over."""
        self.tree.setAcceptDrops(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.tree.setDragDropOverwriteMode(True)  # a drop is on a line, never between two
        self.tree.setDropIndicatorShown(True)
        self.model.statements_dropped.connect(self.statements_dropped, Qt.ConnectionType.QueuedConnection)

    def set_catalog(
        self, catalog: Catalog, chosen: tuple[str, int] | None, story_id: int | None = None, verdict: str | None = None
    ) -> None:
        """Show the catalog, keeping the chosen entry selected and the chosen story and verdict in bold."""
        rebuilt = self.model.set_catalog(catalog, story_id, verdict)
        if rebuilt:
            self.tree.expandAll()
        self._fit_counts(catalog, rebuilt)
        self.show_choice(chosen)

    def _fit_counts(self, catalog: Catalog, rebuilt: bool) -> None:
        """Widen the counts' column when a recount writes a count wider than any it was fitted to (rows made
        anew fit it themselves); asking the header its width would lay the whole tree out first."""
        counts = [catalog.all_statements, catalog.any_verdict, *(e.count for group in (catalog.sides, catalog.speakers,
                  catalog.outlets, catalog.stories, catalog.verdicts) for e in group)]
        font = QFont(self.tree.font())
        font.setBold(True)
        widest = QFontMetrics(font).horizontalAdvance(f"{max(counts, default=0):,}")
        if not rebuilt and widest > self._counts_width:
            self.tree.resizeColumnToContents(1)
        self._counts_width = max(widest, 0 if rebuilt else self._counts_width)

    def _name_width_changed(self, column: int, _old: int, _new: int) -> None:
        if column == 0:
            self.tree.scheduleDelayedItemsLayout()  # rows take the height their names now need

    def show_choice(self, chosen: tuple[str, int] | None) -> None:
        """Select the chosen entry, or nothing."""
        index = self.model.find(*chosen) if chosen else QModelIndex()
        if index.isValid():
            self.tree.setCurrentIndex(index)
        else:
            self.tree.clearSelection()

    def describe_filter(self, text: str) -> None:
        """Say what is filtered; an empty text means nothing is."""
        self.filter_label.setText(text or "Showing all statements")
        self.clear_button.setEnabled(bool(text))

    def _entry(self, index: QModelIndex) -> tuple[str, int] | None:
        kind, entry_id = index.data(KindRole), index.data(IdRole)
        return (kind, entry_id) if kind is not None else None

    def _clicked(self, index: QModelIndex) -> None:
        entry = self._entry(index)
        if entry and entry[0] == "story":
            self.story_chosen.emit(None if entry[1] == ALL_STORIES else entry[1])
        elif entry and entry[0] == "verdict":
            self.verdict_chosen.emit(None if entry[1] == ANY_VERDICT else entry[1])
        elif entry:
            self.entry_chosen.emit(*entry)

    def _context_menu(self, position) -> None:
        menu = self.menu_for(self.tree.indexAt(position))
        if menu is not None:
            menu.exec(self.tree.viewport().mapToGlobal(position))
            menu.deleteLater()

    def menu_for(self, index: QModelIndex) -> QMenu | None:
        """The context menu of a line: Edit (Rename for a story) and Delete; New Story anywhere among the stories."""
        entry = self._entry(index)
        in_stories = index.data(GroupRole) == "story"
        if (not entry and not in_stories) or index.data(GroupRole) == "verdict":
            return None  # a verdict is edited on its statements
        menu = QMenu(self)
        if entry and (not in_stories or entry[1] not in (ALL_STORIES, NO_STORY)):
            menu.addAction("Rename…" if in_stories else "Edit…", partial(self.edit_requested.emit, *entry))
            menu.addAction("Delete…", partial(self.delete_requested.emit, *entry))
        if in_stories:
            menu.addAction("New Story…", self.new_story_requested.emit)
        return menu
