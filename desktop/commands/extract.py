"""`parallax extract`: an article's proposed statements as JSON."""

import json
from dataclasses import replace
from datetime import date

from desktop.domain.extraction import Context, extract
from desktop.services.articles import read_article
from desktop.services.extraction import context_for
from desktop.storage.database import Database


def register(subparsers) -> None:
    """Add the `extract` sub-command."""
    parser = subparsers.add_parser(
        "extract", help="print the statements proposed from an article (.txt, .md, .html)"
    )
    parser.add_argument("file", help="the article")
    parser.add_argument("--format", choices=["json"], default="json")
    parser.add_argument(
        "--date", type=date.fromisoformat, metavar="YYYY-MM-DD",
        help="the article's date, when the file does not give it ('on Friday' is read against it)",
    )
    parser.set_defaults(run=run, needs_db=False, only_reads=True)


def run(args) -> int:
    """Print one JSON object per proposed statement; with --db, names fold onto the database's."""
    article = read_article(args.file)
    published_on = args.date or article.published_on
    context = Context(published_on)
    if getattr(args, "db", None):
        db = Database(args.db)
        try:
            with db.reading() as session:
                context = context_for(session, published_on)
        finally:
            db.close()
    # Spans point into the file's text, page furniture included, so that they can be found in it.
    proposals = [
        replace(p, start=article.offset_as_read(p.start), end=article.offset_as_read(p.end, end=True))
        for p in extract(article.text, context)
    ]
    print(json.dumps([p.as_json() for p in proposals], ensure_ascii=False, indent=2))
    return 0
