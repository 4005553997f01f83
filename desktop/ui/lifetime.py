"""How long a dialog lives: from its opening to its closing, not to the end of the process.

A dialog parented to the main window and left alive after it closed stays until the
window is destroyed. By then the Python wrapper that made it, and the slots its signals
were connected to, may have been collected (the modules and the first window are kept out
of the collector's reach by gc.freeze, a dialog made later may not be yet): destroying it then
crashed Parallax on quit ("shared QObject was deleted directly"). Every dialog and message
box is therefore deleted when it closes, while its wrapper is still alive: `run_modal` for
those shown with exec(), `transient` for those shown with open() or show().
"""

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

W = TypeVar("W", bound=QWidget)


def transient(widget: W) -> W:
    """Have a dialog or message box deleted when it closes (its values can still be read right after `exec`)."""
    widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return widget


def run_modal(dialog: QDialog) -> int:
    """Show a dialog modally and return its result; it is deleted once control is back in the event loop.

    The caller can still read the dialog's values right after this returns.
    """
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()
