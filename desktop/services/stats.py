"""Statement counts for the `parallax stats` command."""

from sqlalchemy import func, select

from desktop.domain.entities import Outlet, Side, Speaker, Statement, Story
from desktop.domain.filters import StatementFilter
from desktop.services.filtering import narrowed
from desktop.services.timeline import Bucket, timeline_counts
from desktop.storage.database import Database
from desktop.storage.queries import effective_side

_SPEAKER = (Speaker, Speaker.id == Statement.speaker_id)


def _counted(session, chosen: StatementFilter, columns, *joins):
    """A count of the chosen statements, grouped by `columns`, with the tables named joined."""
    query = select(*columns, func.count(Statement.id)).select_from(Statement).join(*_SPEAKER)
    for target, condition in joins:
        query = query.join(target, condition)
    return narrowed(session, query, chosen)


def _named_counts(session, chosen: StatementFilter, name_column, group_column, *joins) -> dict[str, int]:
    query = _counted(session, chosen, [name_column], *joins)
    rows = session.exec(query.group_by(group_column).order_by(name_column)).all()
    return {name: count for name, count in rows}


def statement_stats(db: Database, chosen: StatementFilter = StatementFilter()) -> dict:
    """Counts of the chosen statements (all by default) in all, per story, side, speaker, outlet and month
    (YYYY-MM), and of those with no date (`undated`, in all; `undated_sides`, per side, as the chart counts them)."""
    month = func.strftime("%Y-%m", Statement.said_on) if db.is_sqlite else func.to_char(
        Statement.said_on, "YYYY-MM"
    )
    undated_sides = dict(sorted(timeline_counts(db, chosen, Bucket.MONTH).undated_by_side().items()))
    with db.reading() as session:
        total = session.exec(_counted(session, chosen, [])).one()[0]
        undated = session.exec(_counted(session, chosen, []).where(Statement.said_on.is_(None))).one()[0]
        months = session.exec(
            _counted(session, chosen, [month]).where(Statement.said_on.is_not(None)).group_by(month).order_by(month)
        ).all()
        return {
            "statements": total,
            "stories": _named_counts(session, chosen, Story.name, Story.id, (Story, Story.id == Statement.story_id)),
            "sides": _named_counts(session, chosen, Side.name, Side.id, (Side, Side.id == effective_side())),
            "speakers": _named_counts(session, chosen, Speaker.name, Speaker.id),
            "outlets": _named_counts(session, chosen, Outlet.name, Outlet.id, (Outlet, Outlet.id == Statement.outlet_id)),
            "months": {m: count for m, count in months},
            "undated": undated,
            "undated_sides": undated_sides,
        }
