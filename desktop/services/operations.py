"""Every change an editor makes, as a small undoable operation.

An operation is plain data: it knows how to apply itself to a database in one
transaction and how to revert what it applied, and both return a `Change` (changes.py)
saying which rows of each kind were added, edited (which fields) or removed, so each view
acts on what concerns it. The GUI wraps operations in
QUndoCommands; the command line and tests call them directly.

Statements, speakers, outlets and sides carry a version. An edit or deletion is made
from the version the editor read, and every write is guarded by `WHERE version = …`:
if someone else changed the row in between, nothing is written and ConflictError
carries both versions. `rebase` makes the same step overwrite theirs ("keep mine").
"""

from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel

from desktop.domain.entities import Document, Link, Outlet, RepeatRejection, Side, Speaker, Statement, Story
from desktop.storage.database import Database
from desktop.services.changes import Change
from desktop.services.errors import ConflictError, OperationRefused, ValidationError
from desktop.services.validation import validate
from desktop.services.wording import plural


def _table(model: type[SQLModel]) -> str:
    return model.__tablename__


def _row_values(row: SQLModel) -> dict:
    return {name: getattr(row, name) for name in type(row).model_fields}


def _describe(model: type[SQLModel]) -> str:
    return _table(model).replace("_", " ")


def _integrity_message(model: type[SQLModel], values: dict, error: IntegrityError) -> str:
    detail = str(error.orig)
    if "UNIQUE" in detail or "unique" in detail:
        if model is Link:
            return "These two statements are already linked that way."
        return f"A {_describe(model)} named “{values.get('name', '')}” already exists."
    if "FOREIGN KEY" in detail or "foreign key" in detail:
        return f"The {_describe(model)} refers to something that no longer exists."
    return f"The {_describe(model)} cannot be stored: {detail}"


def current_row(session: Session, model: type[SQLModel], row_id: int, expected: int | None, mine: dict | None) -> dict:
    """The stored values of a row, checked against the version the change was made from."""
    row = session.get(model, row_id, populate_existing=True)
    if row is None:
        raise OperationRefused(f"The {_describe(model)} no longer exists.")
    current = _row_values(row)
    if expected is not None and current["version"] != expected:
        raise ConflictError(_table(model), row_id, mine, current, current["version"])
    return current


def write_guarded(session: Session, query, model: type[SQLModel], current: dict, mine: dict | None) -> None:
    """Run an UPDATE or DELETE on the row as it was read; if it changed since, raise ConflictError."""
    query = query.where(model.id == current["id"])
    if "version" in current:
        query = query.where(model.version == current["version"])
    if session.execute(query.execution_options(synchronize_session=False)).rowcount == 0:
        current_row(session, model, current["id"], current.get("version"), mine)
        raise OperationRefused(f"The {_describe(model)} changed while it was being saved; try again.")


# The columns that refer to a row of each kind, with the noun for the rows holding them.
_REFERENCES = {
    Speaker: [(Statement.speaker_id, "statement")],
    Outlet: [(Statement.outlet_id, "statement")],
    Story: [(Statement.story_id, "statement")],
    Document: [(Statement.document_id, "statement")],
    Side: [(Speaker.side_id, "speaker"), (Statement.side_id, "statement")],
    Statement: [(Link.from_id, "link"), (Link.to_id, "link")],
}


def _uses(session: Session, model: type[SQLModel], row_id: int) -> str:
    """What still refers to a row, in words ("2 statements and 1 speaker"); empty when nothing does."""
    counts: dict[str, int] = {}
    for column, noun in _REFERENCES.get(model, []):
        count = session.execute(select(func.count()).where(column == row_id)).scalar()
        counts[noun] = counts.get(noun, 0) + count
    return " and ".join(plural(count, noun) for noun, count in counts.items() if count)


def remove_unless_kept(session: Session, model: type[SQLModel], first: int, last: int) -> tuple[tuple[int, int], list[int]]:
    """Delete the rows `first` to `last` of `model`, as one step wrote them, except those changed since
    (their version moved from the first) and those something still refers to.

    Returns how many were kept for each reason, (changed, in use), and the ids of those kept."""
    versioned = "version" in model.model_fields
    first_version = model.model_fields["version"].default if versioned else None
    query = delete(model).where(model.id.between(first, last))
    if versioned:
        query = query.where(model.version == first_version)
    for column, _noun in _REFERENCES.get(model, []):
        query = query.where(model.id.not_in(select(column).where(column.between(first, last))))
    session.execute(query.execution_options(synchronize_session=False))
    columns = (model.id, model.version) if versioned else (model.id,)
    left = session.execute(select(*columns).where(model.id.between(first, last))).all()
    changed = sum(1 for row in left if versioned and row[1] != first_version)
    return (changed, len(left) - changed), [row[0] for row in left]


def kept_in_words(kept: dict[str, tuple[int, int]], since: str) -> str:
    """What an undo left in place, from (changed, in use) counts by noun: "Kept 1 statement changed
    since the import and 2 speakers still in use." Empty when nothing was kept."""
    parts = []
    for noun, (changed, in_use) in kept.items():
        if changed:
            parts.append(f"{plural(changed, noun)} changed since {since}")
        if in_use:
            parts.append(f"{plural(in_use, noun)} still {'linked to others' if noun == 'statement' else 'in use'}")
    if not parts:
        return ""
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"Kept {listed}, so as not to undo someone else's work."


def _commit(db: Database, model: type[SQLModel], values: dict, work) -> object:
    try:
        with db.transaction() as session:
            return work(session)
    except IntegrityError as error:
        raise ValidationError([_integrity_message(model, values, error)]) from error


class Operation:
    """An undoable change: `apply` then `revert`, each one transaction."""

    title: str = ""
    version: int | None = None
    slow: bool = False  # a step takes seconds: the window says what it is doing, not that it waits

    def apply(self, db: Database) -> Change:
        raise NotImplementedError

    def revert(self, db: Database) -> Change:
        raise NotImplementedError

    def rebase(self, conflict: ConflictError) -> None:
        """Make the step that conflicted expect the version now stored, so it overwrites the other change."""
        self.version = conflict.version


@dataclass
class CreateRecord(Operation):
    """Add a statement, speaker, outlet, side, story or link (undo is refused once someone else changed it)."""

    model: type[SQLModel]
    values: dict
    created_id: int | None = None
    version: int | None = None

    @property
    def title(self) -> str:
        if self.model is Link:
            return "Link Statements"
        return f"Add {_describe(self.model).title()}"

    def apply(self, db: Database) -> Change:
        validate(self.model, self.values)

        def work(session: Session) -> tuple[int, int | None]:
            row = self.model(**self.values, id=self.created_id)
            session.add(row)
            session.flush()
            return row.id, getattr(row, "version", None)

        self.created_id, self.version = _commit(db, self.model, self.values, work)
        return Change.added(_table(self.model), {self.created_id})

    def revert(self, db: Database) -> Change:
        def work(session: Session) -> None:
            if session.get(self.model, self.created_id) is not None:
                current = current_row(session, self.model, self.created_id, self.version, None)
                if uses := _uses(session, self.model, self.created_id):
                    raise OperationRefused(
                        f"The new {_describe(self.model)} stays: {uses} now refer to it. Change or delete those first, then undo."
                    )
                write_guarded(session, delete(self.model), self.model, current, None)

        _commit(db, self.model, self.values, work)
        return Change.removed(_table(self.model), {self.created_id})


@dataclass
class UpdateRecord(Operation):
    """Change some fields of one row; remembers the values it replaced.

    `version` is the version the row must have for the next step to go ahead: the one
    the editor's reading had (None takes whatever is stored), then the one each step wrote.
    `seen` holds the changed fields as the editor read them: a row someone else changed
    since in other fields only takes the change anyway (so do an undo and a redo whose
    fields nobody else touched); a change to the same fields is a ConflictError.
    """

    model: type[SQLModel]
    row_id: int
    values: dict
    previous: dict = field(default_factory=dict)
    version: int | None = None
    seen: dict | None = None

    @property
    def title(self) -> str:
        return f"Edit {_describe(self.model).title()}"

    def _stored_now(self, session: Session, values: dict, expected: dict | None) -> dict:
        """The row as stored; changed since the version expected, only if the fields to write still
        hold what `expected` says."""
        try:
            return current_row(session, self.model, self.row_id, self.version, values)
        except ConflictError as conflict:
            if expected is None or any(conflict.theirs.get(name) != expected.get(name) for name in values):
                raise
            return conflict.theirs

    def _write(self, db: Database, values: dict, expected: dict | None) -> dict:
        def work(session: Session) -> tuple[dict, int | None]:
            current = self._stored_now(session, values, expected)
            validate(self.model, {**current, **values})
            changes = dict(values)
            if self.model is Statement:
                changes["updated_at"] = datetime.now(timezone.utc)
            if "version" in current:
                changes["version"] = current["version"] + 1
            write_guarded(session, update(self.model).values(**changes), self.model, current, values)
            return {name: current[name] for name in values}, changes.get("version")

        before, self.version = _commit(db, self.model, {**self.values, **values}, work)
        return before

    def apply(self, db: Database) -> Change:
        expected = None if self.seen is None else self.previous or self.seen  # left by an undo, or read
        self.previous = self._write(db, self.values, expected)
        return Change.edited(_table(self.model), [self.row_id], self.values)

    def revert(self, db: Database) -> Change:
        self._write(db, self.previous, self.values if self.seen is not None else None)
        return Change.edited(_table(self.model), [self.row_id], self.previous)


# What pairs a statement with another: deleted with it, and back with it on undo.
_STATEMENT_PAIRS = (
    (Link, Link.from_id, Link.to_id),
    (RepeatRejection, RepeatRejection.later_id, RepeatRejection.earlier_id),
)


@dataclass
class DeleteRecord(Operation):
    """Remove one row; a statement takes its links (and the repeats rejected between it and another) with it
    and gets them back on undo.

    Speakers, outlets, sides and stories still in use are refused, naming what uses them.
    `version`, when given, is the version the editor saw: a row changed since is not removed.
    """

    model: type[SQLModel]
    row_id: int
    removed: list[tuple[type[SQLModel], dict]] = field(default_factory=list)
    version: int | None = None

    @property
    def title(self) -> str:
        return f"Delete {_describe(self.model).title()}"

    def _refuse_if_used(self, session: Session, name: str) -> None:
        if self.model is not Statement and (uses := _uses(session, self.model, self.row_id)):
            raise OperationRefused(f"“{name}” is still used by {uses}. Reassign or delete those first.")

    def apply(self, db: Database) -> Change:
        with db.transaction() as session:
            current = current_row(session, self.model, self.row_id, self.version, None)
            self._refuse_if_used(session, current.get("name", ""))
            self.removed = [(self.model, current)]
            if self.model is Statement:
                for model, one, other in _STATEMENT_PAIRS:
                    rows = session.exec(select(model).where(or_(one == self.row_id, other == self.row_id))).scalars().all()
                    self.removed += [(model, _row_values(row)) for row in rows]
                    for row in rows:
                        session.delete(row)
                session.flush()
            write_guarded(session, delete(self.model), self.model, current, None)
        return self._rows(Change.removed)

    def revert(self, db: Database) -> Change:
        def work(session: Session) -> None:
            for model, values in self.removed:
                session.add(model(**values))
                session.flush()

        _commit(db, self.model, self.removed[0][1], work)
        self.version = self.removed[0][1].get("version")
        return self._rows(Change.added)

    def _rows(self, how) -> Change:
        """The rows this step removes (or brings back), the row's links with it, as `how` (Change.added or .removed)."""
        change = Change()
        for model in dict.fromkeys(model for model, _ in self.removed):
            change = change | how(_table(model), frozenset(values["id"] for kind, values in self.removed if kind is model))
        return change
