"""The tables of a Parallax database, as SQLModel entities.

Foreign keys are declared with their delete rules; checks hold the invariants the
database can hold by itself (no link from a statement to itself, no duplicate link,
spans that run forwards, values from the closed vocabularies).
"""

from datetime import date, datetime, timezone

from sqlalchemy import JSON, CheckConstraint, Column, Index, UniqueConstraint
from sqlalchemy import text as sql_text
from sqlmodel import Field, SQLModel

from desktop.domain.values import LinkType, OutletKind, SpeakerKind


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _version():
    """A row's optimistic-locking counter: every change adds one, so a stale save is refused."""
    return Field(default=1, sa_column_kwargs={"server_default": "1"})


# An id once handed out is never handed out again, even after its row is deleted: an undone
# add can be redone, and an import's rows are known by their range of ids. (PostgreSQL's
# sequences never go back; on SQLite this needs AUTOINCREMENT.)
_IDS_NEVER_REUSED = {"sqlite_autoincrement": True}


def _one_of(column: str, values) -> str:
    listed = ", ".join(f"'{v.value}'" for v in values)
    return f"{column} IN ({listed})"


class Side(SQLModel, table=True):
    """A camp in a dispute, drawn in its colour."""

    __table_args__ = _IDS_NEVER_REUSED

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    colour: str = "#808080"
    # Other names and the words that place a speaker on this side (capital, adjectives, institutions, leaders).
    cues: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]"))
    version: int = _version()


class Story(SQLModel, table=True):
    """A named dispute that groups statements."""

    __table_args__ = _IDS_NEVER_REUSED

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    description: str = ""


class Speaker(SQLModel, table=True):
    """A person or a body that makes statements."""

    __table_args__ = (CheckConstraint(_one_of("kind", SpeakerKind), name="speaker_kind"), _IDS_NEVER_REUSED)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    kind: str = SpeakerKind.PERSON.value
    role: str = ""
    side_id: int | None = Field(default=None, foreign_key="side.id", ondelete="RESTRICT")
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    version: int = _version()


class Outlet(SQLModel, table=True):
    """A news organisation that reports statements."""

    __table_args__ = (CheckConstraint(_one_of("kind", OutletKind), name="outlet_kind"), _IDS_NEVER_REUSED)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    country: str = ""
    kind: str = OutletKind.NEWSPAPER.value
    version: int = _version()


class Document(SQLModel, table=True):
    """A source text an editor worked from.

    A document read from a link keeps the page as fetched (`snapshot`), the address it was
    finally read from and when: the evidence stays what the editor saw, whatever the page says later.
    """

    __table_args__ = _IDS_NEVER_REUSED

    id: int | None = Field(default=None, primary_key=True)
    title: str
    url: str = ""
    publisher: str = ""
    published_on: date | None = None
    text: str = ""
    snapshot: str = ""
    snapshot_url: str = ""
    read_at: datetime | None = None


class Statement(SQLModel, table=True):
    """One claim made by one speaker, as reported by one outlet.

    `url` is the statement's own source link (http or https); `verdict` is a fact-check
    rating in words ("False"), optionally with a numeric rating between worst and best.
    """

    __table_args__ = (
        CheckConstraint(
            "(span_start IS NULL AND span_end IS NULL) OR "
            "(span_start IS NOT NULL AND span_end IS NOT NULL AND 0 <= span_start "
            "AND span_start <= span_end)",
            name="statement_span",
        ),
        CheckConstraint("length(text) > 0", name="statement_text"),
        Index("ix_statement_said_on", "said_on"),
        # Few statements carry a verdict: the index holds those alone (filtering.verdicts reads them).
        Index(
            "ix_statement_verdict", "verdict", sqlite_where=sql_text("verdict <> ''"), postgresql_where=sql_text("verdict <> ''")
        ),
        _IDS_NEVER_REUSED,
    )

    id: int | None = Field(default=None, primary_key=True)
    text: str
    is_quote: bool = False
    said_on: date | None = None
    speaker_id: int = Field(foreign_key="speaker.id", index=True, ondelete="RESTRICT")
    side_id: int | None = Field(
        default=None, foreign_key="side.id", index=True, ondelete="RESTRICT"
    )
    outlet_id: int | None = Field(
        default=None, foreign_key="outlet.id", index=True, ondelete="RESTRICT"
    )
    document_id: int | None = Field(default=None, foreign_key="document.id", ondelete="RESTRICT")
    span_start: int | None = None
    span_end: int | None = None
    story_id: int | None = Field(default=None, foreign_key="story.id", index=True, ondelete="RESTRICT")
    note: str = ""
    url: str = Field(default="", sa_column_kwargs={"server_default": ""})
    verdict: str = Field(default="", sa_column_kwargs={"server_default": ""})
    rating_value: float | None = None
    rating_best: float | None = None
    rating_worst: float | None = None
    verdict_explanation: str = Field(default="", sa_column_kwargs={"server_default": ""})
    created_at: datetime = Field(default_factory=_now)
    updated_at: datetime = Field(default_factory=_now)
    version: int = _version()


class Link(SQLModel, table=True):
    """A typed edge from one statement to another."""

    __table_args__ = (
        CheckConstraint("from_id <> to_id", name="link_not_self"),
        CheckConstraint(_one_of("type", LinkType), name="link_type"),
        UniqueConstraint("from_id", "to_id", "type", name="link_unique"),
        _IDS_NEVER_REUSED,
    )

    id: int | None = Field(default=None, primary_key=True)
    from_id: int = Field(foreign_key="statement.id", index=True, ondelete="CASCADE")
    to_id: int = Field(foreign_key="statement.id", index=True, ondelete="CASCADE")
    type: str = LinkType.REBUTS.value


class RepeatRejection(SQLModel, table=True):
    """A pair an editor said is not a repeat (`later_id` does not repeat `earlier_id`): never proposed again."""

    __tablename__ = "repeat_rejection"
    __table_args__ = (
        CheckConstraint("later_id <> earlier_id", name="repeat_rejection_not_self"),
        UniqueConstraint("later_id", "earlier_id", name="repeat_rejection_unique"),
        _IDS_NEVER_REUSED,
    )

    id: int | None = Field(default=None, primary_key=True)
    later_id: int = Field(foreign_key="statement.id", index=True, ondelete="CASCADE")
    earlier_id: int = Field(foreign_key="statement.id", index=True, ondelete="CASCADE")
