"""`parallax stats`: statement counts as JSON."""

import json


def register(subparsers) -> None:
    """Add the `stats` sub-command."""
    parser = subparsers.add_parser("stats", help="print statement counts per side, speaker, outlet and month")
    parser.add_argument("--format", choices=["json"], default="json")
    parser.add_argument("--story", help="count only the statements of this story, by name")
    parser.set_defaults(run=run, needs_db=True)


def run(args) -> int:
    """Print the counts."""
    from desktop.services.catalog import story_filter
    from desktop.services.stats import statement_stats
    from desktop.storage.database import Database

    db = Database(args.db)
    try:
        print(json.dumps(statement_stats(db, story_filter(db, args.story)), ensure_ascii=False, indent=2))
    finally:
        db.close()
    return 0
