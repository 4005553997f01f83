"""Long work done off the GUI thread, reporting its progress and stopping when asked."""

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # done, in all
Work = Callable[[Progress, Callable[[], bool]], object]  # given progress and "cancelled?", returns the result


class ThreadJob(QObject):
    """Runs `work(progress, cancelled)` in a thread of its own; `finished` carries its result, or the
    exception it raised (logged as `failure`).

    The job itself stays on the GUI thread: its signals, emitted from the work's thread,
    reach the GUI thread's receivers through its event loop.
    """

    progressed = Signal(int)  # per mille of the work done
    finished = Signal(object)

    def __init__(self, work: Work, name: str, failure: str):
        super().__init__()
        self._work, self._failure = work, failure
        self._cancel = threading.Event()
        self.thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next report."""
        self._cancel.set()

    def join(self) -> None:
        """Wait until the work's thread has ended."""
        self.thread.join()

    def cancel_and_wait(self, receiver: QObject) -> None:
        """Cancel, wait until the work has stopped, and hand `receiver` the result queued for it."""
        self.cancel()
        self.thread.join()
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
