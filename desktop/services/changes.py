"""What a change did, by kind of row: the ids added, edited (with the fields edited) and removed.

Every operation returns a `Change`, and so does another editor's work read from the change
log (`logged_change`), where less is known: a row gone was removed, one at its first version
was added, any other was edited in fields unknown. Each view asks the change what concerns it
(`views_concerned`, `Change.cards_touched`), so an edited note redraws one card and nothing else.
"""

import dataclasses
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import null, select

from desktop.domain.entities import Document, Link, Outlet, Side, Speaker, Statement, Story
from desktop.domain.filters import StatementFilter
from desktop.storage import change_log
from desktop.storage.database import Database
from desktop.storage.queries import in_chunks

KINDS = ("statement", "link", "speaker", "outlet", "side", "story", "document")
ALL_VIEWS = frozenset({"navigator", "comparison", "chart"})
_MODELS = {model.__tablename__: model for model in (Statement, Link, Speaker, Outlet, Side, Story, Document)}
LOGGED_LIMIT = 5_000  # log entries read one by one; beyond, another editor's change counts as touching everything

# Fields of a statement that decide where its card stands: its column (side, by its speaker's when it has
# none), its date, and for an undated one its article (it sorts by the dates near it there).
_PLACING = frozenset({"said_on", "side_id", "speaker_id", "document_id"})
# Fields the navigator counts statements by.
_COUNTED = frozenset({"side_id", "speaker_id", "outlet_id", "story_id"})
# Fields of a speaker that move its statements (those without a side of their own take the speaker's).
_SPEAKER_PLACING = frozenset({"side_id"})

Fields = frozenset[str] | None  # the fields edited; None when not known (another editor's change)


@dataclass(frozen=True)
class RowChanges:
    """The rows of one kind a change added, edited (id -> fields, None: not known which) and removed."""

    added: Collection[int] = frozenset()
    edited: Mapping[int, Fields] = field(default_factory=dict)
    removed: Collection[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.added or self.edited or self.removed)

    def edited_fields(self) -> Fields:
        """Every field edited on any row of this kind; None when some edit's fields are not known."""
        fields: set[str] = set()
        for edited in self.edited.values():
            if edited is None:
                return None
            fields |= edited
        return frozenset(fields)

    def __or__(self, other: "RowChanges") -> "RowChanges":
        edited = dict(self.edited)
        for row_id, fields in other.edited.items():
            mine = edited.get(row_id, frozenset())
            edited[row_id] = None if fields is None or mine is None else mine | fields
        return RowChanges(_union(self.added, other.added), edited, _union(self.removed, other.removed))


def _union(a: Collection[int], b: Collection[int]) -> Collection[int]:
    if not b:
        return a
    if not a:
        return b
    return frozenset(a) | frozenset(b)


@dataclass(frozen=True)
class Change:
    """What an operation (or another editor) changed, by kind of row; `notice` says in words what it
    left in place on purpose. `everything` stands for a change too large to list (a bulk load, a change
    log pruned): any row may have changed."""

    rows: Mapping[str, RowChanges] = field(default_factory=dict)
    notice: str = ""
    everything: bool = False

    @classmethod
    def added(cls, kind: str, ids: Collection[int], notice: str = "") -> "Change":
        """Rows of one kind added."""
        return cls({kind: RowChanges(added=ids)}, notice)

    @classmethod
    def edited(cls, kind: str, ids: Iterable[int], fields: Iterable[str] | None, notice: str = "") -> "Change":
        """Rows of one kind edited in the same fields (None: not known which)."""
        fields = None if fields is None else frozenset(fields)
        return cls({kind: RowChanges(edited=dict.fromkeys(ids, fields))}, notice)

    @classmethod
    def removed(cls, kind: str, ids: Collection[int], notice: str = "") -> "Change":
        """Rows of one kind removed."""
        return cls({kind: RowChanges(removed=ids)}, notice)

    def of(self, kind: str) -> RowChanges:
        """What changed among the rows of one kind."""
        return self.rows.get(kind, RowChanges())

    @property
    def tables(self) -> frozenset[str]:
        """The kinds of rows touched."""
        if self.everything:
            return frozenset(KINDS)
        return frozenset(kind for kind, rows in self.rows.items() if rows)

    def __or__(self, other: "Change") -> "Change":
        rows = dict(self.rows)
        for kind, changes in other.rows.items():
            rows[kind] = rows[kind] | changes if kind in rows else changes
        notice = " ".join(text for text in (self.notice, other.notice) if text)
        return Change(rows, notice, self.everything or other.everything)

    def without(self, other: "Change") -> "Change":
        """This change but for the rows `other` names, whatever it did to them (this window's own change
        taken out of what the change log says, say)."""
        if self.everything:
            return self
        rows = {}
        for kind, changes in self.rows.items():
            theirs = other.of(kind)

            def left(ids):
                return [i for i in ids if i not in theirs.added and i not in theirs.edited and i not in theirs.removed]

            edited = left(changes.edited)
            rows[kind] = RowChanges(frozenset(left(changes.added)), {i: changes.edited[i] for i in edited}, frozenset(left(changes.removed)))
        return Change(rows, self.notice)

    def cards_touched(self) -> tuple[set[int], set[int], set[int], set[int]] | None:
        """The statements whose cards show something changed: by id, and by speaker, outlet and side
        (a rename, a colour); None when every card may have."""
        if self.everything:
            return None
        statements = self.of("statement")
        return (
            set(statements.edited) | set(statements.removed),
            *(set(self.of(kind).edited) for kind in ("speaker", "outlet", "side")),
        )


# The statement field behind each attribute of a card that differs from the field's name.
_CARD_FIELDS = {"span": "span_start", "rating": "rating_value"}
_NOT_FIELDS = frozenset({"id", "speaker_name", "speaker_role", "side_name", "side_colour", "outlet_name"})


def with_fields_found(change: Change, before: Mapping[int, object], after: Mapping[int, object]) -> Change:
    """The change, the statements edited in fields not known (elsewhere) given the fields in which their
    cards `before` and `after` differ (a card shows every field that places, counts or filters a statement)."""
    statements = change.of("statement")
    found = {
        statement_id: frozenset(
            _CARD_FIELDS.get(shown.name, shown.name) for shown in dataclasses.fields(after[statement_id])
            if shown.name not in _NOT_FIELDS
            and getattr(before[statement_id], shown.name) != getattr(after[statement_id], shown.name)
        )
        for statement_id, fields in statements.edited.items()
        if fields is None and statement_id in before and statement_id in after
    }
    if not found:
        return change
    edited = {**statements.edited, **found}
    return Change({**change.rows, "statement": RowChanges(statements.added, edited, statements.removed)}, change.notice)


def _filtered_fields(chosen: StatementFilter) -> frozenset[str]:
    """The statement fields that decide whether the filter keeps a statement."""
    fields = set()
    if chosen.story_id is not None:
        fields.add("story_id")
    if chosen.side_id is not None:
        fields |= {"side_id", "speaker_id"}
    if chosen.speaker_id is not None:
        fields.add("speaker_id")
    if chosen.outlet_id is not None:
        fields.add("outlet_id")
    if chosen.answers is not None:
        fields |= {"side_id", "speaker_id"}
    if chosen.date_from is not None or chosen.date_to is not None:
        fields.add("said_on")
    if chosen.text.strip():
        fields |= {"text", "speaker_id", "outlet_id"}
    return frozenset(fields)


def views_concerned(change: Change, chosen: StatementFilter) -> frozenset[str]:
    """The views ("navigator", "comparison", "chart") that must be worked out again after a change, under
    the filter shown. A card whose statement, speaker, outlet or side was edited without moving is redrawn
    in place (`cards_touched`) and needs none of them."""
    if change.everything:
        return ALL_VIEWS
    views: set[str] = set()
    statements = change.of("statement")
    if statements.added or statements.removed:
        views |= ALL_VIEWS
    fields = statements.edited_fields()
    if fields is None:
        views |= ALL_VIEWS
    else:
        if fields & _COUNTED:
            views.add("navigator")
        if fields & (_PLACING | _filtered_fields(chosen)):
            views |= {"comparison", "chart"}
    if change.of("link"):
        views.add("comparison")  # links make the groups a comparison lays out
        if chosen.answers is not None:
            views |= ALL_VIEWS  # and which statements answer which
    if change.of("side"):
        views |= ALL_VIEWS  # the columns' names, the chart's colours
    speakers = change.of("speaker")
    speaker_fields = speakers.edited_fields()
    if speaker_fields is None or speaker_fields & _SPEAKER_PLACING:
        views |= ALL_VIEWS
    if speakers or change.of("outlet") or change.of("story"):
        views.add("navigator")  # it lists them by name, with counts
        if chosen.text.strip() and (speakers.edited or change.of("outlet").edited):
            views |= {"comparison", "chart"}  # the words also find statements by their speaker's or outlet's name
    return frozenset(views)


def logged_change(db: Database, seen: int, limit: int = LOGGED_LIMIT) -> tuple[Change, int]:
    """What the change log says changed after entry `seen`, and its newest entry: the rows logged are
    looked up (cost in proportion to them, up to `limit` entries; beyond, `everything`)."""
    with db.reading() as session:
        connection = session.connection()
        newest = change_log.latest(connection)
        entries = change_log.changes_since(connection, seen, limit + 1)
        if len(entries) > limit or any(table not in _MODELS for table, _ in entries):
            return Change(everything=True), newest
        logged: dict[str, set[int]] = {}
        for table, row_id in entries:
            logged.setdefault(table, set()).add(row_id)
        change = Change()
        for table, ids in logged.items():
            model = _MODELS[table]
            versioned = "version" in model.model_fields
            version = model.version if versioned else null()
            found: dict[int, int | None] = {}
            for part in in_chunks(sorted(ids)):
                found.update(tuple(row) for row in session.execute(select(model.id, version).where(model.id.in_(part))))
            first = model.model_fields["version"].default if versioned else None
            # A row at its first version was added since; a link is never edited; the rest were edited in fields unknown.
            added = {i for i, at in found.items() if model is Link or (versioned and at == first)}
            edited = {i: None for i in found if i not in added}
            change = change | Change({table: RowChanges(frozenset(added), edited, frozenset(ids - found.keys()))})
    return change, newest
