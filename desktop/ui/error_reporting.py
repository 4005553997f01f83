"""Unexpected errors, from any thread: logged with their traceback and shown to the editor, never swallowed."""

import logging
import sys
import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox

from desktop import APP_NAME
from desktop.logging_setup import log_file

log = logging.getLogger(__name__)


class _Reporter(QObject):
    """Lives in the GUI thread; a report emitted from another thread reaches it queued."""

    reported = Signal(str)

    def __init__(self):
        super().__init__()
        self.box: QMessageBox | None = None
        self.reported.connect(self._show)

    def _show(self, summary: str) -> None:
        if self.box is not None and self.box.isVisible():
            return  # one box at a time; every error is in the log
        self.box = QMessageBox(
            QMessageBox.Icon.Critical,
            APP_NAME,
            f"Something went wrong: {summary}\n\nWhat was saved before stays saved. "
            f"The details are in the log file:\n{log_file()}",
        )
        self.box.setObjectName("errorReport")
        self.box.setTextFormat(Qt.TextFormat.PlainText)
        self.box.open()


_reporter: _Reporter | None = None


def report(error: BaseException, where: str = "") -> None:
    """Log an error with its traceback and tell the editor (from any thread)."""
    log.error("Unexpected error%s", f" in {where}" if where else "", exc_info=(type(error), error, error.__traceback__))
    if _reporter is not None:
        _reporter.reported.emit(f"{type(error).__name__}: {error}")


def install_error_reporting() -> None:
    """Route uncaught exceptions (in Qt slots and in threads) to `report`, then to the hooks there were before."""
    global _reporter
    _reporter = _reporter or _Reporter()
    if not getattr(sys.excepthook, "reports_errors", False):
        sys.excepthook = _reporting(sys.excepthook)
    if not getattr(threading.excepthook, "reports_errors", False):
        threading.excepthook = _reporting_in_threads(threading.excepthook)


def _reporting(previous):
    def excepthook(kind, error, traceback):
        if not issubclass(kind, KeyboardInterrupt):
            report(error.with_traceback(traceback))
        previous(kind, error, traceback)

    excepthook.reports_errors = True
    return excepthook


def _reporting_in_threads(previous):
    def excepthook(args):
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            report(args.exc_value, f"thread {args.thread.name if args.thread else '?'}")
        previous(args)

    excepthook.reports_errors = True
    return excepthook
