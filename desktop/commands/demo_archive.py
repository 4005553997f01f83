"""`parallax demo-archive --db PATH --statements N`: a synthetic archive to try Parallax at scale."""

import sys
import tempfile
from pathlib import Path

from desktop.commands.progress import cancel_on_interrupt, progress_shown


def register(subparsers) -> None:
    """Add the `demo-archive` sub-command."""
    parser = subparsers.add_parser(
        "demo-archive",
        help="fill a new (or empty) database with a synthetic archive: four sides, 500 speakers, "
        "200 outlets, five years of statements, a tenth answering an earlier one, a fiftieth repeating an "
        "earlier line of its side",
    )
    parser.add_argument("--statements", type=int, default=100_000, help="how many statements (default 100,000)")
    parser.set_defaults(run=run, needs_db=True)


def run(args) -> int:
    """Write the archive as a CSV file in a temporary folder and import it; 1 if the database holds data."""
    from desktop.services.demo_archive import ArchiveSize, write_csv
    from desktop.services.importing import import_files
    from desktop.storage.database import Database

    if args.statements < 1:
        print("parallax: --statements must be at least 1", file=sys.stderr)
        return 1
    db = Database(args.db)
    try:
        if not db.is_empty():
            print(f"parallax: {db.label} holds data already; demo-archive fills only a new or empty database",
                  file=sys.stderr)
            return 1
        with tempfile.TemporaryDirectory(prefix="parallax-demo-") as folder:
            source = Path(folder) / "demo-archive.csv"
            print(f"Writing {args.statements:,} synthetic statements…", file=sys.stderr)
            write_csv(source, ArchiveSize(args.statements))
            print("Importing them…", file=sys.stderr)
            with progress_shown() as progress, cancel_on_interrupt() as interrupted:
                summary = import_files(db, [source], progress=progress, cancelled=interrupted.is_set)
        print(summary.headline())
        return 0 if summary.committed else 130 if summary.cancelled else 1
    finally:
        db.close()
