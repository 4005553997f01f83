"""Accepting and rejecting proposed repeats, each several pairs at once as one undoable operation.

Accepting links each later statement to the earlier one it repeats (`repeats`, from the later);
rejecting remembers the pair, so the finder never proposes it again. Undo takes away what the step
added and nothing else: a link or a rejection that was already there stays.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import ClassVar

from sqlalchemy import delete, select, true
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel

from desktop.domain.entities import Link, RepeatRejection, Statement
from desktop.domain.values import LinkType
from desktop.services.changes import Change
from desktop.services.errors import OperationRefused, ValidationError
from desktop.services.operations import Operation
from desktop.services.validation import validate
from desktop.services.wording import plural
from desktop.storage.database import Database
from desktop.storage.queries import in_chunks


def _present(session: Session, pairs) -> set[int]:
    """The statements of these pairs that still exist."""
    ids = sorted({i for pair in pairs for i in pair})
    return {i for part in in_chunks(ids) for (i,) in session.execute(select(Statement.id).where(Statement.id.in_(part)))}


def _missing(session: Session, pairs: list[tuple[int, int]]) -> bool:
    return len(_present(session, pairs)) < len({i for pair in pairs for i in pair})


@dataclass
class _PairRows(Operation):
    """Add a row for each pair (later, earlier) not stored yet, in one transaction; undo removes those."""

    pairs: list[tuple[int, int]]
    created: list[int] = field(default_factory=list)  # ids given, made again with them on redo
    model: ClassVar[type[SQLModel]] = SQLModel  # the rows' kind
    kind: ClassVar[str] = ""  # the rows' kind in a Change
    verb: ClassVar[str] = ""

    @property
    def title(self) -> str:
        count = len(self.pairs)
        return f"{self.verb} Repeated Line" if count == 1 else f"{self.verb} {count} Repeated Lines"

    def _values(self, later: int, earlier: int) -> dict:
        """A row's values."""
        raise NotImplementedError

    def _pair_columns(self) -> tuple:
        """The columns holding the later and the earlier statement, and the condition on the rows of this kind."""
        raise NotImplementedError

    def _stored(self, session: Session) -> set[tuple[int, int]]:
        later_column, earlier_column, condition = self._pair_columns()
        found = set()
        for part in in_chunks(sorted({pair[0] for pair in self.pairs})):
            query = select(later_column, earlier_column).where(condition, later_column.in_(part))
            found.update(tuple(row) for row in session.execute(query))
        return found

    def apply(self, db: Database) -> Change:
        hints = iter(self.created)
        try:
            with db.transaction() as session:
                if _missing(session, self.pairs):
                    raise OperationRefused("Some of these statements no longer exist; find repeated lines again.")
                stored = self._stored(session)
                rows = [
                    self.model(**self._values(later, earlier), id=next(hints, None))
                    for later, earlier in self.pairs
                    if (later, earlier) not in stored
                ]
                session.add_all(rows)
                session.flush()
                self.created = [row.id for row in rows]
        except IntegrityError as error:
            raise ValidationError([f"“{self.title}” cannot be stored: {error.orig}"]) from error
        kept = len(self.pairs) - len(self.created)
        notice = f"{plural(kept, 'pair')} had been stored already." if kept else ""
        return Change.added(self.kind, frozenset(self.created), notice)

    def revert(self, db: Database) -> Change:
        with db.transaction() as session:
            for part in in_chunks(self.created):
                session.execute(delete(self.model).where(self.model.id.in_(part)).execution_options(synchronize_session=False))
        return Change.removed(self.kind, frozenset(self.created))


@dataclass
class AcceptRepeats(_PairRows):
    """Link each later statement to the earlier one it repeats."""

    model = Link
    kind = "link"
    verb = "Accept"

    def _values(self, later: int, earlier: int) -> dict:
        values = {"from_id": later, "to_id": earlier, "type": LinkType.REPEATS.value}
        validate(Link, values)
        return values

    def _pair_columns(self) -> tuple:
        return Link.from_id, Link.to_id, Link.type == LinkType.REPEATS.value


@dataclass
class RejectRepeats(_PairRows):
    """Remember that each later statement does not repeat the earlier one."""

    model = RepeatRejection
    kind = "repeat_rejection"
    verb = "Reject"

    def _values(self, later: int, earlier: int) -> dict:
        return {"later_id": later, "earlier_id": earlier}

    def _pair_columns(self) -> tuple:
        return RepeatRejection.later_id, RepeatRejection.earlier_id, true()


def undecided(db: Database, pairs: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """Of these pairs (later, earlier), those neither accepted nor rejected now whose statements both still exist:
    a decision undone (by this editor or another) makes its proposal stand again."""
    pairs = set(pairs)
    if not pairs:
        return set()
    with db.reading() as session:
        present = _present(session, pairs)
        asked = sorted(pairs)
        decided = AcceptRepeats(asked)._stored(session) | RejectRepeats(asked)._stored(session)
    return {pair for pair in pairs if pair not in decided and pair[0] in present and pair[1] in present}
