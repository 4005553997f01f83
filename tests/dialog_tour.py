"""A scripted editor for tests/test_quit.py: the real `parallax` start-up, every dialog opened and closed, then quit.

    python tests/dialog_tour.py DATABASE ARTICLE

It creates the application, schedules the tour, then runs `parallax --db DATABASE`
exactly as the console script does. The tour triggers every menu action twice, once
closing whatever it opens with Cancel (or Escape) and once with OK, then reviews the
article pasted from the clipboard, closes the main window and lets the process end.
Every Qt message is written to stderr as `QT <kind>: <message>` so the test can fail
on any of them; the exit status tells whether the process ended cleanly.
"""

import sys
import time
from pathlib import Path

from PySide6.QtCore import QtMsgType, QTimer, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMainWindow, QMessageBox, QWidget

from desktop.app import application
from desktop.cli import main
from desktop.ui.qt_messages import OFFSCREEN_LIMITS

# Actions that hand work to the desktop (a file manager, a browser) or end the tour early.
_SKIPPED = {"&Quit", "Open &Log Folder"}
_POLL_MS = 40
_READING_LIMIT_S = 120  # how long the tour waits for an article to be read on a busy machine
_KINDS = {QtMsgType.QtDebugMsg: "debug", QtMsgType.QtInfoMsg: "info", QtMsgType.QtWarningMsg: "warning",
          QtMsgType.QtCriticalMsg: "critical", QtMsgType.QtFatalMsg: "fatal"}


def _report_qt_message(kind, _context, message: str) -> None:
    if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) or OFFSCREEN_LIMITS.fullmatch(message):
        return
    print(f"QT {_KINDS.get(kind, kind)}: {message}", file=sys.stderr, flush=True)


class Tour:
    """Walks the menus of the main window, one action at a time, closing what each one opens."""

    def __init__(self, app: QApplication, article: str):
        self.app = app
        self.article = article
        self.window: QMainWindow | None = None
        self.steps: list[tuple[str, object]] = []
        self.before: set[int] = set()
        self.mode = "reject"
        self.awaited: str | None = None  # a window the step opens later (an article is read in a thread)
        self.deadline = 0.0
        self.timer = QTimer(interval=_POLL_MS)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        """Wait for the main window, then walk its actions."""
        self.timer.start()

    def _main_window(self) -> QMainWindow | None:
        for widget in self.app.topLevelWidgets():
            if widget.isVisible() and type(widget).__name__ == "MainWindow":
                return widget
        return None

    def _plan(self) -> None:
        actions = []

        def walk(menu) -> None:
            for action in menu.actions():
                if action.menu() is not None:
                    walk(action.menu())
                elif not action.isSeparator() and action.text() not in _SKIPPED:
                    actions.append(action)

        for top in self.window.menuBar().actions():
            walk(top.menu())
        for mode in ("reject", "accept"):
            self.steps += [(mode, action) for action in actions]
        self.steps.append(("reject", self._paste_article))
        self.steps.append(("accept", self._paste_article))
        self.steps.append(("end", self.window.close))

    def _paste_article(self) -> None:
        self.awaited, self.deadline = "ReviewWindow", time.monotonic() + _READING_LIMIT_S
        QApplication.clipboard().setText(self.article)
        next(a for a in self.window.findChildren(type(self.window.actions["paste_article"]))
             if a.objectName() == "pasteArticleAction").trigger()

    def _opened(self) -> list[QWidget]:
        """Windows and dialogs opened since the step began, the modal one first."""
        found = [w for w in self.app.topLevelWidgets() if w.isVisible() and id(w) not in self.before]
        modal = self.app.activeModalWidget()
        if modal is not None and modal not in found:
            found.insert(0, modal)
        return found

    def _close(self, widget: QWidget) -> None:
        if isinstance(widget, QFileDialog):
            widget.reject()  # accepting would pick whatever file happens to be current
        elif isinstance(widget, QMessageBox):
            button = widget.defaultButton() if self.mode == "accept" else widget.escapeButton()
            (button or widget).click() if button is not None else widget.reject()
        elif isinstance(widget, QDialog):
            if self.mode == "accept":
                widget.accept()
            if widget.isVisible():
                widget.reject()
        else:
            widget.close()

    def tick(self) -> None:
        """Close what the current step opened; when nothing is left open, take the next step."""
        if self.window is None:
            self.window = self._main_window()
            if self.window is None:
                return
            self._plan()
            self.before = {id(w) for w in self.app.topLevelWidgets() if w.isVisible()}
        opened = self._opened()
        if opened:
            print(f"opened: {type(opened[0]).__name__}", flush=True)
            if type(opened[0]).__name__ == self.awaited:
                self.awaited = None
            self._close(opened[0])
            return
        if self.awaited is not None and time.monotonic() < self.deadline:
            return
        if not self.steps:
            if self.window.isVisible():
                self.window.close()  # a review that asked before closing was answered above; ask again
            return
        self.mode, step = self.steps.pop(0)
        self.before = {id(w) for w in self.app.topLevelWidgets() if w.isVisible()}
        # Taken after this tick returns: a modal dialog's loop must not run inside the tour's timer.
        QTimer.singleShot(0, step.trigger if hasattr(step, "trigger") else step)


def run(database: str, article: str) -> int:
    """Run the tour over `parallax --db database`; returns the command's exit status."""
    qInstallMessageHandler(_report_qt_message)
    app = application()
    tour = Tour(app, Path(article).read_text(encoding="utf-8"))
    QTimer.singleShot(0, tour.start)
    return main(["--db", database])


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], sys.argv[2]))
