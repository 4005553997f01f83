"""Building the application and its main window.

Only Qt (and the collector's few lines) is imported up front: a launch shows a window first and loads the database
layers, the chart library and the data after that first paint.
"""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop import APP_NAME, __version__
from desktop.paths import default_database_path, resources_dir
from desktop.services import collector  # a few lines over gc: no layer of the data

if TYPE_CHECKING:
    from desktop.storage.database import Database


def application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created with the app's names if there is none yet."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "parallax.svg")))
    return app


def settings() -> QSettings:
    """Where window layout and recent files are remembered."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME)


def open_database(target: str | Path | None) -> Database:
    """Open the named database, or the default one, which a first launch fills with the seed story."""
    from desktop.services.seed import load_seed_if_empty
    from desktop.storage.database import Database

    if target is None:
        db = Database(default_database_path())
        load_seed_if_empty(db)
        return db
    return Database(target)


def report_errors() -> None:
    """Log to the user's log folder, and show and log every error nothing else caught."""
    from desktop.logging_setup import setup_logging
    from desktop.ui.error_reporting import install_error_reporting

    setup_logging()
    install_error_reporting()


def build_main_window(database: str | Path | Database | None = None):
    """The main window on a database (path, SQLAlchemy URL or open Database), without an event loop."""
    application()
    report_errors()
    from desktop.storage.database import Database
    from desktop.ui.main_window import MainWindow

    _collect_on_gui_thread()
    # Every call from Qt into Python (a paint, a model's data) asks for the GIL again: while a reader thread
    # runs Python, the GUI thread gets it within 1 ms rather than Python's 5 (stalls 5-15% shorter).
    sys.setswitchinterval(_GUI_SWITCH_INTERVAL)
    db = database if isinstance(database, Database) else open_database(database)
    window = MainWindow(db, settings())
    if not gc.get_freeze_count():
        # The modules and the first window live as long as the process: kept out of the
        # collector's full passes, they no longer pause the window for ~100 ms at random.
        collector.tenure()
    return window


_GUI_SWITCH_INTERVAL = 0.001  # seconds a thread runs Python before one waiting for the GIL takes it


def _collect_on_gui_thread() -> None:
    """Reference cycles are collected on the GUI thread only, fifty times a second: a window's
    background work would otherwise destroy Qt objects on its own threads (see collector). Everything,
    the tenured too, is collected when the editor leaves the app for another: no one is waiting then."""
    app = QApplication.instance()
    if app.findChild(QTimer, "cycleCollector") is None:
        collector.collect_here()
        timer = QTimer(app)
        timer.setObjectName("cycleCollector")
        timer.timeout.connect(collector.collect_due)
        timer.start(20)  # often: a pass walks what every thread made since the last one, on the GUI thread
        app.applicationStateChanged.connect(_reclaim_when_left)


def _reclaim_when_left(state: Qt.ApplicationState) -> None:
    if state != Qt.ApplicationState.ApplicationActive:
        collector.reclaim()


def _show_open_error(error: Exception) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, f"Parallax could not open the database.\n\n{error}")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


class _FileOpenRequests(QObject):
    """Files the system asks the app to open (macOS Finder sends events, not arguments)."""

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.window = None
        self.pending: str | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen:
            return False
        path = event.file()
        if self.window is None:
            self.pending = path
        else:
            from desktop.ui.menus import open_path

            open_path(self.window, path)
        return True


def run(database: str | Path | None) -> int:
    """Show a window at once, then open the database and the main window behind it."""
    from desktop.ui.startup_shell import StartupShell

    app = application()
    report_errors()
    requests = _FileOpenRequests(app)
    app.installEventFilter(requests)
    shell = StartupShell(settings())
    shell.show()
    opened = {}

    def finish() -> None:
        if opened:
            return
        opened["started"] = True
        try:
            db = open_database(requests.pending or database)
        except Exception as error:  # noqa: BLE001 - whatever stops the database opening is shown, not a traceback
            logging.getLogger(__name__).exception("Could not open %s", requests.pending or database or "the default database")
            shell.hide()
            _show_open_error(error)
            app.exit(1)
            return
        opened["window"] = requests.window = window = build_main_window(db)
        window.show()
        shell.close()

    shell.painted.connect(lambda: QTimer.singleShot(0, finish))
    QTimer.singleShot(1000, finish)
    try:
        return app.exec()
    finally:
        dispose(opened.get("window"), shell)


def dispose(*windows: QWidget | None) -> None:
    """Delete the app's own windows, and all they own, while Python is still whole.

    Left to the interpreter's exit, Qt objects are destroyed in whatever order Python
    tears its modules down, after some of the wrappers and slots they refer to are gone:
    that crashed the process on quit. The main window and the modules are also out of
    the collector's reach (gc.freeze), so nothing else deletes them before that. Widgets
    Python owns (the chart library's menus) are left to Python.
    """
    for window in windows:
        if window is not None:
            window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
