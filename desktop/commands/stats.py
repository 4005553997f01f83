"""`parallax stats`: statement counts as JSON."""

import json


def register(subparsers) -> None:
    """Add the `stats` sub-command."""
    parser = subparsers.add_parser("stats", help="print statement counts per side, speaker, outlet and month")
    parser.add_argument("--format", choices=["json"], default="json")
    parser.set_defaults(run=run, needs_db=True)


def run(args) -> int:
    """Print the counts."""
    from desktop.services.stats import statement_stats
    from desktop.storage.database import Database

    db = Database(args.db)
    try:
        print(json.dumps(statement_stats(db), ensure_ascii=False, indent=2))
    finally:
        db.close()
    return 0
