"""Work of a few seconds that must finish before the window goes on: run off the GUI thread
while a busy dialog keeps the window painted and its input held."""

import threading
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

_SHOW_AFTER_MS = 300
_POLL_MS = 20


def busy_dialog(parent: QWidget | None, text: str, cancel_text: str | None = None) -> QProgressDialog:
    """A window-modal busy dialog that shows itself if the work takes a while."""
    dialog = QProgressDialog(text, cancel_text, 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(_SHOW_AFTER_MS)
    dialog.setValue(0)  # starts the clock that shows it: without a value it never shows
    return dialog


def run_busy(parent: QWidget | None, text: str, work: Callable[[], object]) -> object:
    """`work()`'s result, worked out in a thread of its own; what it raises is raised here.

    Meanwhile the window goes on painting, its keys and clicks held back, behind a busy
    dialog (shown only if the work takes a while) with nothing to cancel: the work is one
    transaction.
    """
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["result"] = work()
        except BaseException as error:  # raised again on the GUI thread
            outcome["error"] = error

    dialog = busy_dialog(parent, text)
    thread = threading.Thread(target=target, name="parallax-busy", daemon=True)
    loop = QEventLoop()
    poll = QTimer(interval=_POLL_MS)
    poll.timeout.connect(lambda: None if thread.is_alive() else loop.quit())
    thread.start()
    poll.start()
    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)  # painted, but nothing started anew meanwhile
    poll.stop()
    dialog.reset()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
