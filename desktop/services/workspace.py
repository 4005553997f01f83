"""The open database with the jobs that work on it, and the watch for other editors' changes."""

import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from desktop.services.changes import Change, logged_change
from desktop.services.jobs import Deliver, Jobs
from desktop.services.statement_columns import keep_up
from desktop.storage.database import Database
from desktop.storage.notifications import ChangeListener, newest_change

WAIT_SECONDS = 0.5  # the longest a wait for another editor's change lasts before it looks again
DEBOUNCE_SECONDS = 0.15  # wake-ups gathered before the change log is read


class Workspace:
    """Owns one open Database and its Jobs: every write goes through `jobs.write` (one writer thread),
    reads that may wait or scale with the archive through `jobs.latest` or `jobs.start`.

    `changed_elsewhere`, when given, is delivered whenever the change log moves past what this
    workspace wrote or last reported: another editor or process changed the database. The change
    log is read on the watching thread, never where the call is delivered. `close` joins every
    thread, then closes the database.
    """

    def __init__(self, db: Database, deliver: Deliver, changed_elsewhere: Callable[[Change], None] | None = None):
        self.db = db
        self._seen = 0
        self._seen_lock = threading.Lock()
        self._listener: ChangeListener | None = None
        self.jobs = Jobs(deliver, after_write=self._mark_seen)
        if changed_elsewhere is not None:
            self.jobs.keep_running(partial(self._listen, changed_elsewhere), "change-watcher", interrupt=self._interrupt)

    @classmethod
    def open(cls, target: str | Path, deliver: Deliver, changed_elsewhere: Callable[[Change], None] | None = None) -> "Workspace":
        """A workspace on the database at `target` (a file or a server URL)."""
        return cls(Database(target), deliver, changed_elsewhere)

    def close(self) -> None:
        """Cancel what can be, wait for every thread (the writes asked for finish), close the database."""
        self.jobs.close()
        self.db.close()

    def step(self, step: Callable[[Database], Change]) -> Change:
        """Take one step of an operation (on the writer thread): what it changed, with what another editor
        logged since the last look, which would otherwise be counted as seen with it and never shown."""
        change = step(self.db)
        change = change | self.logged_since().without(change)
        keep_up(self.db)  # here, in proportion to the rows changed, rather than missed by the window's next look
        return change

    def logged_since(self) -> Change:
        """What the change log holds past the last look (the rows it names looked up), now counted as seen;
        nothing when the database cannot be read now (the next look reads those entries again)."""
        with self._seen_lock:
            try:
                change, newest = logged_change(self.db, self._seen)
            except SQLAlchemyError:
                return Change()
            self._seen = max(self._seen, newest)
        return change

    def _mark_seen(self) -> None:
        """Count everything logged so far as known here: this workspace's own writes do not count as another's."""
        newest = newest_change(self.db.engine) or 0
        with self._seen_lock:
            self._seen = max(self._seen, newest)

    def _interrupt(self) -> None:
        if self._listener is not None:
            self._listener.stop()

    def _listen(self, changed: Callable[[Change], None], stopping: Callable[[], bool]) -> None:
        listener = self._listener = ChangeListener(self.db.engine)  # its first look at the log: on this thread
        try:
            self._mark_seen()
            while not stopping():
                if not listener.wait(WAIT_SECONDS):
                    continue
                if listener.wait_stopped(DEBOUNCE_SECONDS):  # more wake-ups gather meanwhile
                    return
                newest = newest_change(self.db.engine)
                with self._seen_lock:
                    moved = newest is not None and newest > self._seen
                if moved:
                    change = self.logged_since()  # looked up here, not on the GUI thread
                    keep_up(self.db)
                    self.jobs.post(partial(changed, change))
        finally:
            listener.close()
