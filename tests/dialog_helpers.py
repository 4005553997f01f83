"""Driving modal dialogs in tests: code that opens one waits inside its exec() until it closes."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog


def when_shown(callback, kind: type = QDialog) -> None:
    """Run `callback` on the next modal dialog of `kind` once it shows (the code that opened it is
    then inside its exec(), which returns once `callback` closes it)."""

    def poll():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            callback(dialog)
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
