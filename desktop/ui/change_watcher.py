"""Tells the window when another editor or process changed the open database."""

import threading

from PySide6.QtCore import QObject, QTimer, Signal

from sqlalchemy.exc import SQLAlchemyError

from desktop.services.changes import Change, logged_change
from desktop.storage.database import Database
from desktop.storage.notifications import ChangeListener, newest_change

WAIT_SECONDS = 0.5
DEBOUNCE_MS = 150


class ChangeWatcher(QObject):
    """Emits `changed_elsewhere` with what changed (a `Change`) when the change log moves past what this
    window has shown.

    A thread waits on a ChangeListener (NOTIFY on PostgreSQL, a poll every half second
    on SQLite); wake-ups are gathered for DEBOUNCE_MS, then the change log's entries after the
    last one seen are read on the GUI thread (the rows they name looked up; a large change counts
    as touching everything). `mark_seen` moves that mark up
    when this window refreshes after its own change, so its own edits do not count.
    """

    changed_elsewhere = Signal(object)
    _woken = Signal()

    def __init__(self, db: Database, parent: QObject | None = None):
        super().__init__(parent)
        self._db = db
        self._seen = newest_change(db.engine) or 0
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._check)
        self._woken.connect(self._wake)
        self._guard = threading.Lock()
        self._listener = ChangeListener(db.engine)
        threading.Thread(target=self._listen, name="parallax-change-watcher", daemon=True).start()

    def _listen(self) -> None:
        try:
            while True:
                woken = self._listener.wait(WAIT_SECONDS)
                with self._guard:
                    if self._listener.stopped:
                        return
                    if woken:
                        self._woken.emit()
        finally:
            self._listener.close()

    def _wake(self) -> None:
        if not self._listener.stopped and not self._debounce.isActive():
            self._debounce.start()

    def _check(self) -> None:
        newest = newest_change(self._db.engine)
        if newest is not None and newest > self._seen:
            try:
                change, newest = logged_change(self._db, self._seen)
            except SQLAlchemyError:
                return  # the database cannot be reached now: the next wake-up reads these entries again
            self._seen = max(self._seen, newest)
            self.changed_elsewhere.emit(change)

    def mark_seen(self) -> Change:
        """Count everything logged so far as shown (call before refreshing the views after this window's
        own change); returns what was logged since the last look: that change, and whatever another
        editor changed meanwhile, not announced now."""
        try:
            change, newest = logged_change(self._db, self._seen)
        except SQLAlchemyError:
            return Change()
        self._seen = max(self._seen, newest)
        return change

    def stop(self) -> None:
        """Stop watching; no signal is emitted after this returns."""
        with self._guard:
            self._listener.stop()
        self._debounce.stop()
