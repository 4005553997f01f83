"""Proposing an article's statements off the GUI thread, then opening its review.

Extraction takes about 3 seconds a megabyte of text. It runs as a job of the window's
workspace while a busy dialog (shown only if it takes a while) offers Cancel; it changes
nothing, so a cancelled reading is simply let finish and its result dropped.
"""

import logging
from functools import partial

from PySide6.QtCore import QObject, Signal

from desktop.services.articles import Article
from desktop.services.extraction import open_review
from desktop.ui.busy import busy_dialog
from desktop.ui.gui_thread import run_delivered
from desktop.ui.review.review_window import ReviewWindow

log = logging.getLogger(__name__)


class ArticleReading(QObject):
    """One article being read; `opened` carries its ReviewWindow once its statements are proposed."""

    opened = Signal(object)

    def __init__(self, window, article: Article):
        super().__init__(window)
        self._window = window
        self.cancelled = False
        self.progress = busy_dialog(window, f"Reading “{article.title}”…", "Cancel")
        self.progress.setWindowTitle("Import Article")
        self.progress.canceled.connect(self._cancel)
        self._job = window.workspace.jobs.start(
            partial(_read, window.db, article), self._finish, self._failed, writes=False, name=f"Reading “{article.title}”"
        )

    def _cancel(self) -> None:
        self.cancelled = True

    def stop(self) -> None:
        """Drop the result and wait until the reading is done with the database (before it closes)."""
        self.cancelled = True
        self._job.wait()
        run_delivered()  # its end is handled now, while the jobs service still delivers

    def _failed(self, error: BaseException) -> None:
        self._end()
        if not self.cancelled:
            self._window.show_error(f"The article could not be read: {error}")  # logged by the jobs service
        self.deleteLater()

    def _finish(self, review) -> None:
        self._end()
        if not self.cancelled:
            window = ReviewWindow(self._window, review)
            window.show()
            window.raise_()
            window.activateWindow()
            self.opened.emit(window)
        self.deleteLater()

    def _end(self) -> None:
        self.progress.reset()
        self.progress.deleteLater()


def _read(db, article: Article, _progress, _cancelled):
    return open_review(db, article)
