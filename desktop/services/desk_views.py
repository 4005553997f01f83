"""What each view of the desk shows for a filter: the navigator's catalog (each entry counted under the
filter with its own group left out), the comparison, the chart's counts."""

from desktop.domain.filters import StatementFilter
from desktop.services import catalog
from desktop.services.comparison import ComparisonLayout, compare
from desktop.services.first_page import first_page
from desktop.services.timeline import Bucket, timeline_counts
from desktop.storage.database import Database

_SPARE_ROWS = 64  # laid out beyond the rows shown: a change that adds rows above the place shown (cards unfolded)
# finds them ready, where the view scrolling back to its place laid a page out on the GUI thread (~45 ms at 1M)


def work_out(
    db: Database, views: frozenset[str], chosen: StatementFilter, sides: tuple[int | None, ...], others: bool, bucket: Bucket,
    shown_rows: int = 0,
) -> dict:
    """What each named view is to show; a search puts the comparison newest first, its first pages (as many rows
    as `shown_rows` and a few more, at least one page) laid out here; the chart counts the sides compared, every side when all
    others have a column (safe to call off the GUI thread)."""
    done = {}
    if "navigator" in views:
        done["navigator"] = catalog.catalog(db, chosen)
    if "comparison" in views:
        done["comparison"] = compare(db, chosen, *sides, others=others, newest_first=bool(chosen.text.strip()))
        done["comparison"].lay_out_ahead(shown_rows + _SPARE_ROWS if shown_rows else 1)
        done["comparison"].read_cards_ahead()
    if "chart" in views:
        done["chart"] = timeline_counts(db, chosen, bucket, None if others else [side for side in sides if side is not None])
    return done


def first_page_laid_out(
    db: Database, chosen: StatementFilter, sides: tuple[int | None, ...], others: bool, newest_first: bool, size: int
) -> ComparisonLayout:
    """The comparison's first `size` statements, laid out (in the background while the rest is worked out)."""
    layout = first_page(db, chosen, *sides, others=others, newest_first=newest_first, size=size)
    layout.lay_out_ahead(1)
    layout.read_cards_ahead()
    return layout
