"""`parallax import FILE...`: statements from CSV, TSV, JSON, JSON Lines and ClaimReview files,
and the proposed statements of articles, from files or from web addresses.

Every data file goes in one transaction: any error and the database is left as it was.
"""

import argparse
import logging
import sys
from pathlib import Path

from desktop.commands.progress import cancel_on_interrupt, progress_shown
from desktop.commands.terminal import escaped
from desktop.services.articles import is_article_path
from desktop.services.errors import ParallaxError
from desktop.services.importing import DayOrder, ImportOptions, import_files
from desktop.services.importing.encoding import CHOICES
from desktop.services.importing.files import is_data_file
from desktop.services.importing.headers import FIELDS
from desktop.storage.database import Database

log = logging.getLogger(__name__)


def register(subparsers) -> None:
    """Add the `import` sub-command."""
    parser = subparsers.add_parser(
        "import",
        help="import statements from CSV, TSV, JSON, JSON Lines or ClaimReview (.jsonld, web page) files, all or nothing; "
        "articles (.txt, .md, .html, or an http/https address) with their proposed statements",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="a file, or the http or https address of an article")
    order = parser.add_mutually_exclusive_group()
    order.add_argument("--day-first", dest="day_order", action="store_const", const=DayOrder.DAY_FIRST,
                       help="read all-numeric dates day first: 11/12/2021 is 11 December")
    order.add_argument("--month-first", dest="day_order", action="store_const", const=DayOrder.MONTH_FIRST,
                       help="read all-numeric dates month first: 11/12/2021 is 12 November")
    parser.add_argument("--encoding", choices=CHOICES, help="the files' encoding, where detection gets it wrong")
    parser.add_argument("--map", type=_column_choice, action="append", default=[], metavar="COLUMN=FIELD",
                        help="the field a column fills, as in the app's import dialog (FIELD empty to leave the column out); "
                        f"repeatable. Fields: {', '.join(FIELDS)}")
    for name, example in (("side", "Russia"), ("speaker", "pro-Kremlin media"), ("outlet", "TASS")):
        parser.add_argument(f"--{name}", metavar="NAME",
                            help=f"the {name} of every row that names none (e.g. --{name} \"{example}\")")
    parser.add_argument("--min-confidence", type=float, default=None,
                        help="for articles: store only proposals at or above this confidence (0 to 1)")
    parser.set_defaults(run=run, needs_db=True, day_order=None)


def _column_choice(text: str) -> tuple[str, str | None]:
    """`title=text` → ('title', 'text'); `notes=` → ('notes', None), the column left out."""
    column, equals, field = text.partition("=")
    field = field.strip()
    if not equals or not column.strip():
        raise argparse.ArgumentTypeError(f"“{text}” is not COLUMN=FIELD (as in --map title=text)")
    if field and field not in FIELDS:
        raise argparse.ArgumentTypeError(f"“{field}” is not a field; the fields are: {', '.join(FIELDS)}")
    return column.strip(), field or None


def import_options(args, paths: list[Path]) -> ImportOptions:
    """The options the command line chose: the same column mapping for every file, and defaults."""
    mapping = dict(args.map)
    defaults = {name: value for name in ("side", "speaker", "outlet") if (value := (getattr(args, name) or "").strip())}
    return ImportOptions(
        day_order=args.day_order, encoding=args.encoding,
        mappings={str(path): mapping for path in paths} if mapping else {}, defaults=defaults,
    )


def import_articles(paths: list[Path | str], db: Database, min_confidence: float | None) -> int:
    """Article files (.txt, .md, .html without ClaimReview) and addresses: each article's proposals, all or nothing."""
    from desktop.commands.import_article import DEFAULT_MIN_CONFIDENCE, import_article

    if min_confidence is None:
        min_confidence = DEFAULT_MIN_CONFIDENCE
    failed = 0
    for path in paths:
        try:
            summary = import_article(path, db, min_confidence)
        except Exception as error:  # noqa: BLE001 - one article's failure is reported and the others go on
            expected = isinstance(error, (ParallaxError, OSError, ValueError))
            log.warning("parallax import of the article %s failed: %s", path, error, exc_info=not expected)
            print(escaped(f"{path}: {error}", lines=False), file=sys.stderr)
            failed += 1
            continue
        for warning in summary["warnings"]:
            print(escaped(f"{path}: warning: {warning}", lines=False), file=sys.stderr)
        print(escaped(
            f"{path}: {summary['stored']} statements stored of {summary['proposed']} proposed "
            f"({summary['below_threshold']} below confidence {min_confidence}, {summary['already_stored']} already stored)"
        ))
    if failed and len(paths) > 1:
        print(f"{failed} of {len(paths)} articles could not be imported; the others were.", file=sys.stderr)
    return 1 if failed else 0


def run(args) -> int:
    """Import the files; print the summary, every warning and error with file:line; 1 on errors.

    Data files go in together as one transaction, their progress shown (progress_shown); Ctrl+C
    stops them with nothing changed (exit status 130). Each article (a file, or a page read from its
    address and kept as fetched) is read, its statements
    proposed, and those at or above --min-confidence stored in a transaction of its own: one
    that fails is reported and the others go on. Text from the files is printed `escaped`.
    """
    links = [name for name in args.files if "://" in name]  # an address other than http(s) is refused by name
    paths = [Path(name) for name in args.files if name not in links]
    articles = [path for path in paths if path.exists() and not is_data_file(path) and is_article_path(path)]
    data = [path for path in paths if path not in articles]
    db = Database(args.db)
    status = 0
    try:
        if data:
            with progress_shown() as progress, cancel_on_interrupt() as interrupted:
                summary = import_files(db, data, import_options(args, data), progress, interrupted.is_set)
            print(escaped(summary.report()))
            if not summary.committed:
                log.warning("parallax import of %s changed nothing:\n%s", ", ".join(args.files), summary.report())
            status = 0 if summary.committed else 130 if summary.cancelled else 1
        if articles or links:
            status = max(status, import_articles([*articles, *links], db, args.min_confidence))
    finally:
        db.close()
    return status
