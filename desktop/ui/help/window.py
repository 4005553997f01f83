"""The help windows stay open beside the desk; asking again brings the open one forward."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget


def show_once(parent: QWidget, name: str, build: Callable[[], QDialog]) -> QDialog:
    """Show the parent's help window called `name`, built on first use and deleted when closed."""
    dialog = parent.findChild(QDialog, name)
    if dialog is not None:
        dialog.raise_()
        dialog.activateWindow()
        return dialog
    dialog = build()
    dialog.setObjectName(name)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    screen = parent.screen().availableGeometry()
    hint = dialog.sizeHint().expandedTo(dialog.minimumSize())
    dialog.resize(min(hint.width(), screen.width() * 9 // 10), min(hint.height(), screen.height() * 9 // 10))
    dialog.show()
    return dialog
