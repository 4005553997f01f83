"""The navigator: sides, speakers and outlets with their statement counts."""

from functools import partial

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
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

from desktop.services.catalog import Catalog, Entry
from desktop.services.wording import plural
from desktop.ui.plain_text import tooltip_text

KindRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2

GROUPS = (("side", "Sides"), ("speaker", "Speakers"), ("outlet", "Outlets"))


class NavigatorModel(QStandardItemModel):
    """Three groups of entries, each entry with its kind and id in item data."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHorizontalHeaderLabels(["Name", "#"])  # hidden: a wide label would widen the counts

    def set_catalog(self, catalog: Catalog) -> None:
        """Replace the entries with a fresh catalog."""
        self.removeRows(0, self.rowCount())
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
    """Choosing an entry filters the desk; one click on Clear Filter shows everything."""

    entry_chosen = Signal(str, int)
    clear_requested = Signal()
    edit_requested = Signal(str, int)
    delete_requested = Signal(str, int)

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

    def set_catalog(self, catalog: Catalog, chosen: tuple[str, int] | None) -> None:
        """Show the catalog, keeping the chosen entry selected."""
        self.model.set_catalog(catalog)
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
        if entry:
            self.entry_chosen.emit(*entry)

    def _context_menu(self, position) -> None:
        entry = self._entry(self.tree.indexAt(position))
        if not entry:
            return
        menu = QMenu(self)
        menu.addAction("Edit…", partial(self.edit_requested.emit, *entry))
        menu.addAction("Delete…", partial(self.delete_requested.emit, *entry))
        menu.exec(self.tree.viewport().mapToGlobal(position))
