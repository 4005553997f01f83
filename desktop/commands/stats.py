"""`parallax stats`: statement counts as a table to read, or as JSON."""

import json

from desktop.commands.terminal import escaped

_NAME_WIDTH = 48  # a longer name is cut with "…", so the counts stay in one column


def register(subparsers) -> None:
    """Add the `stats` sub-command."""
    parser = subparsers.add_parser("stats", help="print statement counts per side, speaker, outlet and month")
    parser.add_argument("--format", choices=["table", "json"], default="table",
                        help="a table to read (the default) or JSON for a program")
    parser.add_argument("--story", help="count only the statements of this story, by name")
    parser.set_defaults(run=run, needs_db=True, only_reads=True)


def run(args) -> int:
    """Print the counts."""
    from desktop.services.catalog import story_filter
    from desktop.services.stats import statement_stats
    from desktop.storage.database import Database

    db = Database(args.db)
    try:
        stats = statement_stats(db, story_filter(db, args.story))
    finally:
        db.close()
    print(json.dumps(stats, ensure_ascii=False, indent=2) if args.format == "json" else table(stats))
    return 0


def _plain(name) -> str:
    """A name as the terminal should print it: control characters (escape sequences) written out, cut to width."""
    text = escaped(name, lines=False)
    return text if len(text) <= _NAME_WIDTH else text[: _NAME_WIDTH - 1] + "…"


def _heading(key: str) -> str:
    words = key.replace("_", " ")
    return (words[:-1] if words.endswith("s") else words).capitalize()


def _count(value) -> str:
    return f"{value:,}" if isinstance(value, int) else "" if value is None else _plain(value)


def _section(key: str, rows: dict) -> list[str]:
    """One count a row (`{"Russia": 9}`), or several (`{"Russia": {"dated": 5, "undated": 4}}`)."""
    columns = list(dict.fromkeys(k for value in rows.values() if isinstance(value, dict) for k in value))
    header = [_heading(key), *(c.replace("_", " ").capitalize() for c in columns or ["statements"])]
    body = [
        [_plain(name), *([_count(value.get(c)) for c in columns] if isinstance(value, dict) else [_count(value)])]
        for name, value in rows.items()
    ]
    if not body:
        return [f"{header[0]}: none"]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    return [
        "  ".join([row[0].ljust(widths[0]), *(cell.rjust(width) for cell, width in zip(row[1:], widths[1:]))]).rstrip()
        for row in [header, *body]
    ]


def table(stats: dict) -> str:
    """The counts as text to read: the totals first, then a table for each breakdown (per side, speaker…).

    Whatever the stats hold is shown: a number as a total, a mapping as a table of its own."""
    totals = [(key, value) for key, value in stats.items() if not isinstance(value, dict)]
    width = max((len(key) for key, _value in totals), default=0) + 1
    lines = [f"{(key.replace('_', ' ').capitalize() + ':').ljust(width)} {_count(value)}" for key, value in totals]
    for key, rows in stats.items():
        if isinstance(rows, dict):
            lines += ["", *_section(key, rows)]
    return "\n".join(lines)
