"""Runs an import off the GUI thread, reporting progress, and stops when asked."""

from pathlib import Path

from desktop.services.importing import ImportOptions, import_files
from desktop.storage.database import Database
from desktop.ui.thread_job import ThreadJob


class ImportWorker(ThreadJob):
    """Imports in a thread of its own; `finished` carries the ImportSummary (or the exception).

    Cancelled, the import rolls back and reports itself cancelled.
    """

    def __init__(self, db: Database, paths: list[Path], options: ImportOptions):
        super().__init__(
            lambda progress, cancelled: import_files(db, paths, options, progress, cancelled),
            "importThread",
            f"Importing {', '.join(map(str, paths))} failed",
        )
