"""Proposing an article's statements off the GUI thread, then opening its review.

Extraction takes about 3 seconds a megabyte of text. It runs in a thread of its own
while a busy dialog (shown only if it takes a while) offers Cancel; it changes nothing,
so a cancelled reading is simply let finish and its result dropped.
"""

import logging
import threading

from PySide6.QtCore import QObject, Signal

from desktop.services.articles import Article
from desktop.services.extraction import open_review
from desktop.ui.busy import busy_dialog
from desktop.ui.review.review_window import ReviewWindow

log = logging.getLogger(__name__)


class ArticleReading(QObject):
    """One article being read; `opened` carries its ReviewWindow once its statements are proposed."""

    opened = Signal(object)
    _done = Signal(object)  # the Review, or the exception, from the reading thread

    def __init__(self, window, article: Article):
        super().__init__(window)
        self._window = window
        self.cancelled = False
        self.progress = busy_dialog(window, f"Reading “{article.title}”…", "Cancel")
        self.progress.setWindowTitle("Import Article")
        self.progress.canceled.connect(self._cancel)
        self._done.connect(self._finish)
        db = window.db
        self._thread = threading.Thread(target=self._read, args=(db, article), name="parallax-extract", daemon=True)
        self._thread.start()

    def _read(self, db, article: Article) -> None:
        try:
            result = open_review(db, article)
        except Exception as error:  # noqa: BLE001 - shown to the editor and logged in the GUI thread
            result = error
        try:
            self._done.emit(result)
        except RuntimeError:  # the window closed meanwhile, and this object with it
            pass

    def _cancel(self) -> None:
        self.cancelled = True

    def stop(self) -> None:
        """Drop the result and wait until the reading thread is done with the database (before it closes)."""
        self.cancelled = True
        self._thread.join()

    def _finish(self, result) -> None:
        self.progress.reset()
        self.progress.deleteLater()
        if self.cancelled:
            self.deleteLater()
            return
        if isinstance(result, Exception):
            log.error("Reading an article failed", exc_info=result)
            self._window.show_error(f"The article could not be read: {result}")
        else:
            review = ReviewWindow(self._window, result)
            review.show()
            review.raise_()
            review.activateWindow()
            self.opened.emit(review)
        self.deleteLater()
