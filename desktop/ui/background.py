"""Work for the window done off its GUI thread, where only the newest request counts."""

import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal

_WAKE = QEvent.Type(QEvent.registerEventType())


class LatestOnly(QObject):
    """Runs one function at a time in a thread of its own and hands its result to the GUI thread.

    `run(work, done)` calls `work()` in the thread, then `done(result)` on the GUI thread,
    unless `run` or `cancel` was called again meanwhile: a newer request supersedes the
    older one, whose result is dropped (work already started is let finish, not
    interrupted). An exception raised by `work` is raised again on the GUI thread. The
    work starts once the GUI thread has handled the events already queued, painting
    included (Qt queues it at low priority), so that the two do not compete for the
    interpreter while the window shows what it has just changed.
    """

    _finished = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._condition = threading.Condition()
        self._number = 0
        self._pending: tuple[int, Callable, Callable] | None = None
        self._stopped = False
        self._finished.connect(self._deliver)
        self._thread = threading.Thread(target=self._serve, name="parallax-background", daemon=True)
        self._thread.start()

    def run(self, work: Callable[[], object], done: Callable[[object], None]) -> None:
        """Do `work` off the GUI thread, then `done` with its result, unless superseded."""
        with self._condition:
            self._number += 1
            self._pending = (self._number, work, done)
        QCoreApplication.postEvent(self, QEvent(_WAKE), Qt.EventPriority.LowEventPriority.value)

    def cancel(self) -> None:
        """Drop the pending request, and the result of the one running."""
        with self._condition:
            self._number += 1
            self._pending = None

    def event(self, event: QEvent) -> bool:
        """Start the pending work when the wake-up posted by `run` comes round."""
        if event.type() != _WAKE:
            return super().event(event)
        with self._condition:
            self._condition.notify()
        return True

    def stop(self) -> None:
        """End the thread, waiting for work already started (it may be reading the database, which is
        about to close); nothing is delivered after this returns."""
        with self._condition:
            self._stopped = True
            self._pending = None
            self._condition.notify()
        self._thread.join()

    def _serve(self) -> None:
        while True:
            with self._condition:
                while self._pending is None and not self._stopped:
                    self._condition.wait()
                if self._stopped:
                    return
                number, work, done = self._pending
                self._pending = None
            try:
                result = work()
            except Exception as error:  # noqa: BLE001 - handed to the GUI thread, which raises it
                result = error
            with self._condition:
                if self._stopped:
                    return
                if number == self._number:
                    self._finished.emit(number, done, result)

    def _deliver(self, number: int, done: Callable[[object], None], result: object) -> None:
        if number != self._number:
            return
        if isinstance(result, Exception):
            raise result
        done(result)
