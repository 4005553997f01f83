"""Help > Keyboard Shortcuts: every shortcut of the window's menus, read from the actions themselves."""

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.help.window import show_once
from desktop.ui.plain_text import plain_label

SEARCH_BOX_NOTE = (
    "Shortcuts work wherever the keyboard focus is, the search box included: there, Ctrl+Z undoes "
    "the last change to your data rather than the typing (with nothing to undo, it undoes the typing), "
    "while Delete, Backspace, Select All and the clipboard keys edit the search words."
)


def _words(text: str) -> str:
    """A menu text as read: no & marks, no trailing dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".")


def _with_shortcuts(menu: QMenu, path: str):
    for action in menu.actions():
        if action.menu() is not None:
            yield from _with_shortcuts(action.menu(), f"{path} › {_words(action.text())}")
        elif not action.isSeparator() and action.shortcuts():
            yield f"{path} › {_words(action.text())}", action


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str]]:
    """(command, keys) for every menu item of the window with a shortcut, in menu order."""
    rows = []
    for top in window.menuBar().actions():
        if top.menu() is not None:
            for command, action in _with_shortcuts(top.menu(), _words(top.text())):
                keys = " or ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts())
                rows.append((command, keys))
    return rows


class ShortcutSheet(QDialog):
    """A table of commands and their keys, with how the search box shares them."""

    def __init__(self, parent: QWidget | None, rows: list[tuple[str, str]]):
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.table = QTableWidget(len(rows), 2, objectName="shortcutTable")
        self.table.setHorizontalHeaderLabels(["Command", "Keys"])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # read, not edited: Escape and Enter close
        self.table.setAlternatingRowColors(True)
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))  # items show plain text: an Undo step's name included
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        note = plain_label(SEARCH_BOX_NOTE)
        note.setObjectName("shortcutNote")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def sizeHint(self) -> QSize:
        table = self.table.verticalHeader().length() + self.table.horizontalHeader().sizeHint().height()
        rest = super().sizeHint().height() - self.table.sizeHint().height()
        return QSize(560, table + 2 * self.table.frameWidth() + rest)


def show_shortcuts(window: QMainWindow) -> QDialog:
    """Show the shortcut sheet beside the window, as the actions are now."""
    return show_once(window, "shortcutSheet", lambda: ShortcutSheet(window, shortcut_rows(window)))
