"""No lost work in the GUI: closing during an import cancels it cleanly, and no error goes unseen or unlogged."""

import sys
import threading
import time

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.app import report_errors
from desktop.logging_setup import log_file
from desktop.services.operations import Operation
from desktop.storage.database import Database
from desktop.ui import import_dialog as import_module
from desktop.ui.error_reporting import install_error_reporting
from desktop.ui.import_dialog import ImportDialog
from importing_helpers import counts


def _statement_file(tmp_path, rows: int):
    path = tmp_path / "many.csv"
    path.write_text("text,speaker\n" + "".join(f"Statement number {n},Speaker {n % 7}\n" for n in range(rows)), encoding="utf-8")
    return path


def _error_box() -> QMessageBox | None:
    return next((w for w in QApplication.topLevelWidgets() if w.objectName() == "errorReport" and w.isVisible()), None)


@pytest.fixture(autouse=True)
def no_report_left_open():
    """Close any error report a test leaves on screen."""
    yield
    while box := _error_box():
        box.close()


def test_closing_the_window_during_an_import_cancels_it_and_waits(window, qtbot, tmp_path, monkeypatch):
    real = import_module.import_files

    def slow_import(db, paths, options, progress, cancelled):
        def report(*done_total):
            time.sleep(0.05)  # an import that takes a while, so the window closes during it
            progress(*done_total)

        return real(db, paths, options, report, cancelled)

    monkeypatch.setattr(import_module, "import_files", slow_import)
    before, steps = counts(window.db), window.runner.stack.count()
    dialog = ImportDialog(window, window.runner, [_statement_file(tmp_path, 5000)])
    dialog.start_import()
    job = dialog._worker
    qtbot.waitUntil(lambda: dialog.progress.value() > 0)
    window.close()
    assert job.finished and not dialog.is_running()
    assert dialog.summary.cancelled and dialog.status.text().startswith("Import cancelled")
    assert window.runner.stack.count() == steps
    reopened = Database(window.db.url)
    try:
        assert counts(reopened) == before
    finally:
        reopened.close()


def test_a_failed_import_is_shown_in_the_dialog_and_logged(window, qtbot, tmp_path, monkeypatch):
    def fail(*_args, **_kwargs):
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr(import_module, "import_files", fail)
    dialog = ImportDialog(window, window.runner, [_statement_file(tmp_path, 3)])
    qtbot.addWidget(dialog)
    dialog.start_import()
    qtbot.waitUntil(lambda: not dialog.is_running())
    assert dialog.status.text() == "The import failed and changed nothing: the disk is on fire"
    logged = log_file().read_text(encoding="utf-8")
    assert "Importing" in logged and "Traceback" in logged and "RuntimeError: the disk is on fire" in logged


@pytest.fixture
def hooks(monkeypatch):
    """The hooks there were before (which pytest-qt would fail the test on), recording instead, with ours on top."""
    seen = {"main": [], "thread": []}
    monkeypatch.setattr(sys, "excepthook", lambda *args: seen["main"].append(args[1]))
    monkeypatch.setattr(threading, "excepthook", lambda args: seen["thread"].append(args.exc_value))
    report_errors()
    return seen


def test_an_error_in_a_slot_is_shown_and_logged_then_passed_on(window, qtbot, hooks):
    class Broken(Operation):
        title = "Broken"

        def apply(self, db):
            raise KeyError("a <b>bug</b>")

    QTimer.singleShot(0, lambda: window.runner.run(Broken()))
    qtbot.waitUntil(lambda: _error_box() is not None)
    box = _error_box()
    assert "KeyError: 'a <b>bug</b>'" in box.text() and str(log_file()) in box.text()
    assert box.textFormat().name == "PlainText"
    assert "KeyError: 'a <b>bug</b>'" in log_file().read_text(encoding="utf-8")
    assert [type(error) for error in hooks["main"]] == [KeyError]


def test_an_error_in_a_thread_is_shown_and_logged(qtbot, hooks):
    install_error_reporting()  # again: nothing is wrapped twice
    worker = threading.Thread(target=lambda: 1 / 0, name="exporter")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: _error_box() is not None)
    assert "ZeroDivisionError" in _error_box().text()
    assert "in thread exporter" in log_file().read_text(encoding="utf-8")
    assert [type(error) for error in hooks["thread"]] == [ZeroDivisionError]


def test_help_opens_the_log_folder(window, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.actions["open_log_folder"].trigger()
    assert opened == [QUrl.fromLocalFile(str(log_file().parent))]
    assert log_file().parent.is_dir()
