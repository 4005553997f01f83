"""`parallax chart`: the timeline of statements per side, saved as PNG or SVG."""

from desktop.commands.export import NOTHING_WRITTEN
from desktop.commands.offscreen import offscreen_application
from desktop.services import catalog
from desktop.services.timeline import Bucket
from desktop.storage.database import Database


def register(subparsers) -> None:
    """Add the `chart` sub-command."""
    parser = subparsers.add_parser("chart", help="save the timeline chart (statements per side) as PNG or SVG")
    parser.add_argument("-o", "--output", required=True, help="file to write: .png or .svg")
    parser.add_argument("--by", choices=[b.value for b in Bucket], default=Bucket.WEEK.value, help="one bar per day, week or month")
    parser.add_argument("--story", help="count only the statements of this story, by name")
    parser.set_defaults(run=run, needs_db=True, only_reads=True, when_interrupted=NOTHING_WRITTEN)


def run(args) -> int:
    """Draw the chart offscreen and save it; print the statements counted per side and those with no date."""
    offscreen_application()
    from desktop.ui.exporting.chart_image import save_chart

    db = Database(args.db)
    try:
        counts = save_chart(db, args.output, catalog.story_filter(db, args.story), Bucket(args.by))
    finally:
        db.close()
    counted = ", ".join(f"{side} {count}" for side, count in counts.totals().items()) or "no dated statements"
    if counts.undated:
        counted += f"; {counts.undated:,} undated, not drawn"
    print(f"Saved the chart by {args.by} to {args.output} ({counted})")
    return 0
