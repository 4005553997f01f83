"""Reviewing an article's proposed statements: from a file, a drop or the clipboard."""

from pathlib import Path

from PySide6.QtCore import QMimeData

from desktop.services.articles import ArticleError, article_from_text, is_article_path, read_article
from desktop.ui.files import open_file
from desktop.ui.review.reading import ArticleReading
from desktop.ui.review.review_window import ReviewWindow

__all__ = [
    "ArticleReading", "ReviewWindow", "choose_article", "close_reviews", "dropped_articles", "open_article_review",
    "review_pasted_text",
]
ARTICLE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm);;All files (*)"


def close_reviews(window) -> bool:
    """Before the window closes: drop the articles still being read (waiting for their jobs to be
    done with the database) and close every review.

    False when a review stays open (its editor chose to keep its undecided proposals).
    A reading left running would open its review after the window had gone, and keep the
    application from quitting.
    """
    for reading in window.findChildren(ArticleReading):
        reading.stop()
    return all(review.close() for review in window.findChildren(ReviewWindow) if review.isVisible())


def _review(window, read) -> ArticleReading | None:
    """Start reading the article `read()` gives; its review opens when its statements are proposed.
    An article that cannot be read is explained instead (None)."""
    try:
        article = read()
    except ArticleError as error:
        window.show_error(str(error))
        return None
    return ArticleReading(window, article)


def open_article_review(window, path: str | Path) -> ArticleReading | None:
    """Read an article file (.txt, .md, .html) and open its review."""
    return _review(window, lambda: read_article(path))


def review_pasted_text(window, text: str) -> ArticleReading | None:
    """Open the review of text pasted as an article."""
    if not text.strip():
        window.show_error("The clipboard holds no text to read as an article.")
        return None
    return _review(window, lambda: article_from_text(text))


def choose_article(window) -> ArticleReading | None:
    """File > Import Article: pick an article file and review it."""
    path = open_file(window, window.settings, "article", "Import Article", ARTICLE_FILTER)
    return open_article_review(window, path) if path else None


def dropped_articles(mime: QMimeData) -> list[str]:
    """The local article files among dropped data."""
    paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []
    return [path for path in paths if is_article_path(path)]
