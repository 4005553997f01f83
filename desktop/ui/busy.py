"""A busy dialog for work of a few seconds done off the GUI thread."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

_SHOW_AFTER_MS = 300


def busy_dialog(parent: QWidget | None, text: str, cancel_text: str | None = None) -> QProgressDialog:
    """A window-modal busy dialog that shows itself if the work takes a while."""
    dialog = QProgressDialog(text, cancel_text, 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(_SHOW_AFTER_MS)
    dialog.setValue(0)  # starts the clock that shows it: without a value it never shows
    return dialog
