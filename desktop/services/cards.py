"""What a statement card and the inspector show: a statement with its names resolved."""

from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased, defer

from desktop.domain.entities import Document, Link, Outlet, Side, Speaker, Statement
from desktop.domain.values import LinkType
from desktop.services.names import NO_SIDE_COLOUR
from desktop.services.wording import byline, day_label
from desktop.storage.database import Database
from desktop.storage.queries import effective_side


@dataclass(frozen=True)
class StatementCard:
    """A statement with its speaker, side and outlet names, ready to show."""

    id: int
    text: str
    is_quote: bool
    said_on: date | None
    speaker_id: int
    speaker_name: str
    speaker_role: str
    side_id: int | None
    side_name: str
    side_colour: str
    outlet_id: int | None
    outlet_name: str
    note: str
    document_id: int | None
    span: tuple[int, int] | None
    url: str = ""
    verdict: str = ""
    rating: tuple[float, float | None, float | None] | None = None  # value, best, worst
    verdict_explanation: str = ""
    story_id: int | None = None

    @property
    def verdict_label(self) -> str:
        """'False', 'False (1/5)', '2/5' or '' when the statement carries no verdict."""
        if self.rating is None:
            return self.verdict
        value, best, _worst = self.rating
        score = f"{value:g}/{best:g}" if best is not None else f"{value:g}"
        return f"{self.verdict} ({score})" if self.verdict else score

    @property
    def date_label(self) -> str:
        """The date as an editor reads it, or 'date unknown'."""
        return day_label(self.said_on)

    @property
    def byline(self) -> str:
        """Speaker and role, as one line."""
        return byline(self.speaker_name, self.speaker_role)


@dataclass(frozen=True)
class LinkEntry:
    """One link of a statement, seen from that statement."""

    link_id: int
    type: LinkType
    outgoing: bool
    other: StatementCard

    @property
    def label(self) -> str:
        """The link in words over the other statement in full: 'Rebutted by Dmitry Peskov · 12 Nov 2021' then its text."""
        verb = self.type.label if self.outgoing else self.type.passive
        other = self.other
        text = f"“{other.text}”" if other.is_quote else other.text
        return f"{verb[0].upper()}{verb[1:]} {other.speaker_name} · {other.date_label}\n{text}"


@dataclass(frozen=True)
class DocumentView:
    """The source document of a statement."""

    id: int
    title: str
    url: str
    publisher: str
    published_on: date | None
    text: str
    snapshot_url: str = ""  # read from a link: the address the page was read from, and when (UTC)
    read_at: datetime | None = None

    @property
    def provenance(self) -> str:
        """Where and when the page was read, in words (local time), for a document read from a link; else ''."""
        if not self.snapshot_url or self.read_at is None:
            return ""
        read = (self.read_at if self.read_at.tzinfo else self.read_at.replace(tzinfo=timezone.utc)).astimezone()
        shown = self.snapshot_url if len(self.snapshot_url) <= 80 else self.snapshot_url[:79] + "…"  # a label does not break an address
        return f"Read from {shown} on {day_label(read.date())} at {read:%H:%M}"


@dataclass(frozen=True)
class StatementDetail:
    """Everything the inspector shows about one statement."""

    card: StatementCard
    document: DocumentView | None
    links: list[LinkEntry]


def _card_query():
    own_side = aliased(Side)
    return (
        select(Statement, Speaker, own_side, Outlet)
        .join(Speaker, Speaker.id == Statement.speaker_id)
        .outerjoin(own_side, own_side.id == effective_side())
        .outerjoin(Outlet, Outlet.id == Statement.outlet_id)
    )


def _card(statement: Statement, speaker: Speaker, side: Side | None, outlet: Outlet | None):
    span = None
    if statement.span_start is not None:
        span = (statement.span_start, statement.span_end)
    return StatementCard(
        id=statement.id,
        text=statement.text,
        is_quote=statement.is_quote,
        said_on=statement.said_on,
        speaker_id=speaker.id,
        speaker_name=speaker.name,
        speaker_role=speaker.role,
        side_id=side.id if side else None,
        side_name=side.name if side else "",
        side_colour=side.colour if side else NO_SIDE_COLOUR,
        outlet_id=outlet.id if outlet else None,
        outlet_name=outlet.name if outlet else "",
        note=statement.note,
        document_id=statement.document_id,
        span=span,
        url=statement.url,
        verdict=statement.verdict,
        rating=None if statement.rating_value is None else (
            statement.rating_value, statement.rating_best, statement.rating_worst
        ),
        verdict_explanation=statement.verdict_explanation,
        story_id=statement.story_id,
    )


def statement_cards(db: Database, ids: list[int]) -> dict[int, StatementCard]:
    """Cards for the given statement ids, in one query; missing ids are left out."""
    if not ids:
        return {}
    with db.reading() as session:
        rows = session.exec(_card_query().where(Statement.id.in_(ids))).all()
    return {row[0].id: _card(*row) for row in rows}


def statement_detail(db: Database, statement_id: int) -> StatementDetail | None:
    """The statement, its source document and its links in and out; None if it is gone."""
    card = statement_cards(db, [statement_id]).get(statement_id)
    if card is None:
        return None
    with db.reading() as session:
        # The page as fetched, kept as evidence, is not needed to show where the statement came from.
        document = session.get(Document, card.document_id, options=[defer(Document.snapshot)]) if card.document_id else None
        links = session.exec(
            select(Link).where(or_(Link.from_id == statement_id, Link.to_id == statement_id))
        ).scalars().all()
    others = statement_cards(
        db, [link.to_id if link.from_id == statement_id else link.from_id for link in links]
    )
    entries = [
        LinkEntry(
            link_id=link.id,
            type=LinkType(link.type),
            outgoing=link.from_id == statement_id,
            other=others[link.to_id if link.from_id == statement_id else link.from_id],
        )
        for link in links
    ]
    view = None
    if document is not None:
        view = DocumentView(
            document.id, document.title, document.url, document.publisher,
            document.published_on, document.text, document.snapshot_url, document.read_at,
        )
    return StatementDetail(card, view, entries)
