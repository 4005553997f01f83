"""Reads for a widget done by the jobs service, where only the newest request counts."""

import itertools
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt

from desktop.services.jobs import Jobs

_WAKE = QEvent.Type(QEvent.registerEventType())
_keys = itertools.count(1)


class LatestOnly(QObject):
    """`run(work, done)` has the jobs service call `work()` on a reader thread, then `done(result)` on
    the GUI thread, unless `run` or `cancel` was called again meanwhile: a newer request supersedes
    the older one, whose result is dropped. An exception raised by `work` is logged and raised again
    on the GUI thread.

    The request goes to the service once the GUI thread has handled the events already queued,
    painting included (Qt queues the wake-up at low priority), so that the two do not compete for
    the interpreter while the window shows what it has just changed.
    """

    def __init__(self, jobs: Jobs, parent: QObject | None = None):
        super().__init__(parent)
        self._jobs = jobs
        self._key = ("latest-only", next(_keys))
        self._pending: tuple[Callable, Callable] | None = None

    def run(self, work: Callable[[], object], done: Callable[[object], None]) -> None:
        """Do `work` off the GUI thread, then `done` with its result, unless superseded."""
        self._jobs.cancel_latest(self._key)
        self._pending = (work, done)
        QCoreApplication.postEvent(self, QEvent(_WAKE), Qt.EventPriority.LowEventPriority.value)

    def cancel(self) -> None:
        """Drop the pending request, and the result of the one running."""
        self._pending = None
        if not self._jobs.closed:
            self._jobs.cancel_latest(self._key)

    def stop(self) -> None:
        """Deliver nothing any more (the workspace waits for work already started before the database closes)."""
        self.cancel()

    def event(self, event: QEvent) -> bool:
        """Hand the pending work to the jobs service when the wake-up posted by `run` comes round."""
        if event.type() != _WAKE:
            return super().event(event)
        if self._pending is not None and not self._jobs.closed:
            work, done = self._pending
            self._pending = None
            self._jobs.latest(self._key, work, done)
        return True
