"""Importing an article's proposed statements into a database, for `parallax import`.

`parallax import` is shared with the CSV/JSON importer: it hands the files for which
`is_article` is true, and the web addresses, to `import_article`.
"""

from pathlib import Path

from desktop.services.articles import is_article_path, read_article
from desktop.services.extraction import import_proposals
from desktop.services.fetching import fetch_article
from desktop.storage.database import Database

DEFAULT_MIN_CONFIDENCE = 0.5


def is_article(path: str | Path) -> bool:
    """True for .txt, .md, .markdown, .html and .htm files."""
    return is_article_path(path)


def import_article(path: str | Path, db: Database | str | Path, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> dict:
    """Store the article (a file, or the page at an http or https address, kept as fetched) and its
    proposals at or above min_confidence (0 to 1) in one transaction.

    `db` is an open Database, or a path or URL to open and close again. Returns a summary:
    document id and title, how many statements were proposed, stored, already stored and
    left below the threshold, how many speakers, outlets and sides were created, and the
    warnings met on reading the article (by line).
    """
    if not 0 <= min_confidence <= 1:
        raise ValueError("--min-confidence takes a number from 0 to 1.")
    # Any address is fetched, so that one other than http(s) is refused as such, not looked for as a file.
    article = fetch_article(str(path)) if "://" in str(path) else read_article(path)
    read = {"file": str(path), "warnings": list(article.warnings)}
    if isinstance(db, Database):
        return {**read, **import_proposals(db, article, min_confidence)}
    database = Database(db)
    try:
        return {**read, **import_proposals(database, article, min_confidence)}
    finally:
        database.close()
