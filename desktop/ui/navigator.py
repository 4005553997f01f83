"""The navigator: stories, sides, speakers and outlets with their statement counts."""

from functools import partial

from PySide6.QtCore import QMimeData, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
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
GroupRole = Qt.ItemDataRole.UserRole + 3  # "story" on the Stories group and each of its lines

GROUPS = (("side", "Sides"), ("speaker", "Speakers"), ("outlet", "Outlets"))
ALL_STORIES = -1  # the id of the "All stories" line, which chooses no story


def _story_line(name: str, story_id: int, count: int, chosen: bool, detail: str = "") -> list[QStandardItem]:
    """The two cells of a line of the Stories group; statements can be dropped on a story or on "No story"."""
    cells = [QStandardItem(name), QStandardItem(f"{count:,}")]
    for cell in cells:
        cell.setData("story", KindRole)
        cell.setData("story", GroupRole)
        cell.setData(story_id, IdRole)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        cell.setFlags(flags | Qt.ItemFlag.ItemIsDropEnabled if story_id != ALL_STORIES else flags)
        if chosen:
            font = QFont()
            font.setBold(True)
            cell.setFont(font)
    cells[0].setToolTip(tooltip_text("\n".join(p for p in (name, detail) if p)))
    cells[1].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    cells[1].setForeground(QBrush(QColor("#5f6b7a")))
    return cells


class NavigatorModel(QStandardItemModel):
    """Groups of entries (stories first), each entry with its kind and id in item data.

    Statement cards dropped on a story emit `statements_dropped` (ids, story id or None for no story).
    """

    statements_dropped = Signal(list, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHorizontalHeaderLabels(["Name", "#"])  # hidden: a wide label would widen the counts

    def set_catalog(self, catalog: Catalog, story_id: int | None = None) -> None:
        """Replace the entries with a fresh catalog, the chosen story (None for all) in bold."""
        self.removeRows(0, self.rowCount())
        self._add_stories(catalog, story_id)
        for kind, title in GROUPS:
            group = QStandardItem(title)
            group.setEditable(False)
            group.setSelectable(False)
            entries: list[Entry] = getattr(catalog, f"{kind}s")
            total = QStandardItem(f"{len(entries):,}")
            total.setEditable(False)
            total.setSelectable(False)
            for entry in entries:
                name = QStandardItem(entry.name)
                name.setEditable(False)
                name.setData(kind, KindRole)
                name.setData(entry.id, IdRole)
                name.setToolTip(tooltip_text("\n".join(p for p in (entry.name, entry.detail) if p)))
                if entry.colour:
                    name.setData(QColor(entry.colour), Qt.ItemDataRole.DecorationRole)
                count = QStandardItem(f"{entry.count:,}")
                count.setToolTip(plural(entry.count, "statement"))
                count.setEditable(False)
                count.setData(kind, KindRole)
                count.setData(entry.id, IdRole)
                count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                count.setForeground(QBrush(QColor("#5f6b7a")))
                group.appendRow([name, count])
            self.appendRow([group, total])

    def _add_stories(self, catalog: Catalog, story_id: int | None) -> None:
        group = QStandardItem("Stories")
        total = QStandardItem(f"{len(catalog.stories):,}")
        for item in (group, total):
            item.setEditable(False)
            item.setSelectable(False)
            item.setData("story", GroupRole)
        group.appendRow(_story_line("All stories", ALL_STORIES, catalog.all_statements, story_id is None))
        for entry in catalog.stories:
            group.appendRow(_story_line(entry.name, entry.id, entry.count, story_id == entry.id, entry.detail))
        if catalog.unfiled or story_id == NO_STORY:
            group.appendRow(_story_line("No story", NO_STORY, catalog.unfiled, story_id == NO_STORY))
        self.appendRow([group, total])

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


class _WrappedNames(QStyledItemDelegate):
    """Gives a name as many lines as the name column's width needs (a tree asks for row heights
    without saying the width, so a long name would be cut to one line)."""

    def __init__(self, tree: QTreeView):
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        if index.column() == 0:
            option = QStyleOptionViewItem(option)
            depth = 1 if index.parent().isValid() else 0
            width = self._tree.columnWidth(0) - self._tree.indentation() * (depth + 1)
            option.rect = QRect(0, 0, max(width, 1), option.fontMetrics.height())
        return super().sizeHint(option, index)


class Navigator(QWidget):
    """Choosing an entry filters the desk; one click on Clear Filter shows everything.

    A story is chosen apart from the other entries (`story_chosen`: its id, NO_STORY, or None for all
    stories): the side, speaker or outlet chosen is looked for within it.
    """

    entry_chosen = Signal(str, int)
    story_chosen = Signal(object)
    clear_requested = Signal()
    edit_requested = Signal(str, int)
    delete_requested = Signal(str, int)
    new_story_requested = Signal()
    statements_dropped = Signal(list, object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = NavigatorModel(self)
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

    def set_catalog(self, catalog: Catalog, chosen: tuple[str, int] | None, story_id: int | None = None) -> None:
        """Show the catalog, keeping the chosen entry selected and the chosen story in bold."""
        self.model.set_catalog(catalog, story_id)
        self.tree.expandAll()
        self.show_choice(chosen)

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
        if not entry and not in_stories:
            return None
        menu = QMenu(self)
        if entry and (not in_stories or entry[1] not in (ALL_STORIES, NO_STORY)):
            menu.addAction("Rename…" if in_stories else "Edit…", partial(self.edit_requested.emit, *entry))
            menu.addAction("Delete…", partial(self.delete_requested.emit, *entry))
        if in_stories:
            menu.addAction("New Story…", self.new_story_requested.emit)
        return menu
