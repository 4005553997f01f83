"""Runs an import off the GUI thread, reporting progress, and stops when asked."""

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal

from desktop.services.importing import ImportOptions, import_files
from desktop.storage.database import Database

log = logging.getLogger(__name__)


class ImportWorker(QObject):
    """Imports in a thread of its own; `finished` carries the ImportSummary (or the exception)."""

    progressed = Signal(int)  # per mille of the bytes read
    finished = Signal(object)

    def __init__(self, db: Database, paths: list[Path], options: ImportOptions):
        super().__init__()
        self._db, self._paths, self._options = db, paths, options
        self._cancel = threading.Event()
        self.thread = QThread()
        self.thread.setObjectName("importThread")
        self.moveToThread(self.thread)
        self.thread.started.connect(self._run)
        # Direct: the thread stops as soon as the result is out, even while the GUI thread waits for it.
        self.finished.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        """Ask the import to stop; it rolls back and reports itself cancelled."""
        self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        self.progressed.emit(int(1000 * done / total) if total else 1000)

    def _run(self) -> None:
        try:
            result = import_files(self._db, self._paths, self._options, self._progress, self._cancel.is_set)
        except Exception as error:  # noqa: BLE001 - shown in the dialog and logged; the transaction was rolled back
            log.exception("Importing %s failed", ", ".join(map(str, self._paths)))
            result = error
        self.finished.emit(result)
