"""Long work done off the GUI thread, reporting its progress and stopping when asked."""

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThread, Signal

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # done, in all
Work = Callable[[Progress, Callable[[], bool]], object]  # given progress and "cancelled?", returns the result


class ThreadJob(QObject):
    """Runs `work(progress, cancelled)` in a thread of its own; `finished` carries its result, or the
    exception it raised (logged as `failure`)."""

    progressed = Signal(int)  # per mille of the work done
    finished = Signal(object)

    def __init__(self, work: Work, name: str, failure: str):
        super().__init__()
        self._work, self._failure = work, failure
        self._cancel = threading.Event()
        self.thread = QThread()
        self.thread.setObjectName(name)
        self.moveToThread(self.thread)
        self.thread.started.connect(self._run)
        # Direct: the thread stops as soon as the result is out, even while the GUI thread waits for it.
        self.finished.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next report."""
        self._cancel.set()

    def cancel_and_wait(self, receiver: QObject) -> None:
        """Cancel, wait until the work has stopped, and hand `receiver` the result queued for it."""
        self.cancel()
        self.thread.wait()
        QCoreApplication.sendPostedEvents(receiver, QEvent.Type.MetaCall)

    def _progress(self, done: int, total: int) -> None:
        self.progressed.emit(int(1000 * done / total) if total else 1000)

    def _run(self) -> None:
        try:
            result = self._work(self._progress, self._cancel.is_set)
        except Exception as error:  # noqa: BLE001 - shown by the caller and logged
            log.exception(self._failure)
            result = error
        self.finished.emit(result)
