"""`parallax export`: CSV, Parallax JSON, ClaimReview JSON-LD, or the brief as PDF, OpenDocument text or HTML."""

from desktop.commands.offscreen import offscreen_application
from desktop.domain.entities import Side
from desktop.services import catalog
from desktop.storage.database import Database

FORMATS = ("csv", "json", "claimreview", "brief-pdf", "brief-odt", "brief-html")
# Said after "parallax export stopped by Ctrl+C": the file is written beside and put in place only whole.
NOTHING_WRITTEN = "; nothing was written, and an earlier file of that name was left as it was."


def register(subparsers) -> None:
    """Add the `export` sub-command."""
    parser = subparsers.add_parser("export", help="export every statement, or the brief comparing two sides")
    parser.add_argument("--format", required=True, choices=FORMATS)
    parser.add_argument("-o", "--output", required=True, help="file to write")
    parser.add_argument("--left", help="the brief's left side, by name (default: United States, or the first side)")
    parser.add_argument("--right", help="the brief's right side, by name (default: Russia, or the second side)")
    parser.add_argument("--title", default="", help="the brief's title (default: made from the two sides)")
    parser.add_argument("--story", help="export only the statements of this story, by name")
    parser.set_defaults(run=run, needs_db=True, only_reads=True, when_interrupted=NOTHING_WRITTEN)


def side_ids(db: Database, left: str | None, right: str | None) -> tuple[int | None, int | None]:
    """The ids of the named sides, defaulting to the pair the window shows first."""
    sides = catalog.all_rows(db, Side)
    chosen = list(catalog.default_pair(sides))
    by_name = {side.name.casefold(): side.id for side in sides}
    for number, name in enumerate((left, right)):
        if name is not None:
            if name.casefold() not in by_name:
                raise ValueError(f"no side is named {name!r} (sides: {', '.join(s.name for s in sides)})")
            chosen[number] = by_name[name.casefold()]
    return chosen[0], chosen[1]


def run(args) -> int:
    """Write the export and say what it holds."""
    offscreen_application()
    from desktop.ui.exporting.formats import ExportScope, export

    db = Database(args.db)
    try:
        left, right = side_ids(db, args.left, args.right)
        chosen = catalog.story_filter(db, args.story)
        written = export(db, args.format, args.output, ExportScope(chosen, left=left, right=right, title=args.title))
    finally:
        db.close()
    print(f"Exported {written} to {args.output}")
    return 0
