"""`parallax import FILE...`: statements from CSV, TSV, JSON, JSON Lines and ClaimReview files.

Every data file goes in one transaction: any error and the database is left as it was.
"""

import sys
from pathlib import Path

from desktop.services.importing import DayOrder, ImportOptions, import_files
from desktop.services.importing.encoding import CHOICES
from desktop.services.importing.files import is_data_file
from desktop.storage.database import Database


def register(subparsers) -> None:
    """Add the `import` sub-command."""
    parser = subparsers.add_parser(
        "import",
        help="import statements from CSV, TSV, JSON, JSON Lines or ClaimReview (.jsonld, web page) files, all or nothing",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    order = parser.add_mutually_exclusive_group()
    order.add_argument("--day-first", dest="day_order", action="store_const", const=DayOrder.DAY_FIRST,
                       help="read all-numeric dates day first: 11/12/2021 is 11 December")
    order.add_argument("--month-first", dest="day_order", action="store_const", const=DayOrder.MONTH_FIRST,
                       help="read all-numeric dates month first: 11/12/2021 is 12 November")
    parser.add_argument("--encoding", choices=CHOICES, help="the files' encoding, where detection gets it wrong")
    parser.set_defaults(run=run, needs_db=True, day_order=None)


def import_articles(paths: list[Path], db: Database) -> int:
    """Article files (.txt, .md, .html without ClaimReview): extraction, not data import.

    The place where `parallax import` hands such files to article extraction
    (desktop.commands.import_article); until that is wired in they are refused.
    """
    for path in paths:
        print(f"parallax import: {path}: not a data file (CSV, TSV, JSON, JSON Lines or ClaimReview)", file=sys.stderr)
    return 1


def run(args) -> int:
    """Import the files; print the summary, every warning and error with file:line; 1 on errors."""
    paths = [Path(name) for name in args.files]
    articles = [path for path in paths if path.exists() and not is_data_file(path)]
    db = Database(args.db)
    try:
        if articles:
            return import_articles(articles, db)
        summary = import_files(db, paths, ImportOptions(day_order=args.day_order, encoding=args.encoding))
    finally:
        db.close()
    print(summary.report())
    return 0 if summary.committed else 1
