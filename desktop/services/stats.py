"""Statement counts for the `parallax stats` command."""

from sqlalchemy import func, select

from desktop.domain.entities import Outlet, Side, Speaker, Statement
from desktop.domain.filters import StatementFilter
from desktop.services.timeline import Bucket, timeline_counts
from desktop.storage.database import Database
from desktop.storage.queries import effective_side


def _named_counts(session, name_column, group_column, *joins) -> dict[str, int]:
    query = select(name_column, func.count(Statement.id)).select_from(Statement)
    for target, condition in joins:
        query = query.join(target, condition)
    rows = session.exec(query.group_by(group_column).order_by(name_column)).all()
    return {name: count for name, count in rows}


def statement_stats(db: Database) -> dict:
    """Counts of statements in all, per side, speaker, outlet and month (YYYY-MM), and of those with no date
    (`undated`, in all; `undated_sides`, per side, as the chart counts them)."""
    month = func.strftime("%Y-%m", Statement.said_on) if db.is_sqlite else func.to_char(
        Statement.said_on, "YYYY-MM"
    )
    speaker_join = (Speaker, Speaker.id == Statement.speaker_id)
    undated_sides = dict(sorted(timeline_counts(db, StatementFilter(), Bucket.MONTH).undated_by_side().items()))
    with db.reading() as session:
        total = session.exec(select(func.count()).select_from(Statement)).one()[0]
        undated = session.exec(select(func.count()).where(Statement.said_on.is_(None))).one()[0]
        months = session.exec(
            select(month, func.count())
            .where(Statement.said_on.is_not(None))
            .group_by(month)
            .order_by(month)
        ).all()
        return {
            "statements": total,
            "sides": _named_counts(
                session, Side.name, Side.id, speaker_join, (Side, Side.id == effective_side())
            ),
            "speakers": _named_counts(session, Speaker.name, Speaker.id, speaker_join),
            "outlets": _named_counts(session, Outlet.name, Outlet.id, (Outlet, Outlet.id == Statement.outlet_id)),
            "months": {m: count for m, count in months},
            "undated": undated,
            "undated_sides": undated_sides,
        }
