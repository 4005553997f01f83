"""Stories as operations: statements moved between stories, and a story deleted with its statements kept.

Creating and renaming a story are plain `CreateRecord` and `UpdateRecord` steps.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from desktop.domain.entities import Statement, Story
from desktop.services.errors import OperationRefused
from desktop.services.changes import Change
from desktop.services.operations import Operation
from desktop.services.wording import plural
from desktop.storage.database import Database
from desktop.storage.queries import in_chunks

_STORY = ("story_id",)  # the field a move edits


def _stories_of(session: Session, ids: list[int]) -> dict[int, int | None]:
    """The story of each of the statements that still exist, by statement id."""
    found = {}
    for part in in_chunks(ids):
        found.update(session.execute(select(Statement.id, Statement.story_id).where(Statement.id.in_(part))).all())
    return found


def _set_story(session: Session, ids: list[int], story_id: int | None, still_in: int | None) -> int:
    """Put the statements still in story `still_in` (None: in none) in the story (None: in no story), each
    one's version counted up as by any edit; how many moved. A statement someone moved since stays."""
    now = datetime.now(timezone.utc)
    where = Statement.story_id.is_(None) if still_in is None else Statement.story_id == still_in
    moved = 0
    for part in in_chunks(ids):
        moved += session.execute(
            update(Statement)
            .where(Statement.id.in_(part), where)
            .values(story_id=story_id, version=Statement.version + 1, updated_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
    return moved


def _kept(count: int) -> str:
    return f"Kept {plural(count, 'statement')} moved to another story since, so as not to undo someone else's work." if count else ""


def _moved(moving: dict[int | None, list[int]], moved: int) -> Change:
    """The statements a move took (those someone moved since stay where they are, and are named)."""
    ids = [statement_id for ids in moving.values() for statement_id in ids]
    return Change.edited("statement", ids, _STORY, _kept(len(ids) - moved))


def _story_must_exist(session: Session, story_id: int | None) -> None:
    if story_id is not None and session.get(Story, story_id) is None:
        raise OperationRefused("The story no longer exists.")


@dataclass
class MoveToStory(Operation):
    """Put some statements in a story (None: in no story); undo puts each back in the story it was in."""

    statement_ids: list[int]
    story_id: int | None
    story_name: str = ""
    previous: dict[int, int | None] = field(default_factory=dict)

    @property
    def title(self) -> str:
        where = f"“{self.story_name}”" if self.story_id is not None else "No Story"
        return f"Move {plural(len(self.statement_ids), 'Statement')} to {where}"

    def _by_story(self) -> dict[int | None, list[int]]:
        """The statements this step moves, by the story each was in before."""
        by_story: dict[int | None, list[int]] = defaultdict(list)
        for statement_id, story_id in self.previous.items():
            if story_id != self.story_id:
                by_story[story_id].append(statement_id)
        return by_story

    def apply(self, db: Database) -> Change:
        """Move the statements; a redo moves only those still where the undo put them."""
        with db.transaction() as session:
            _story_must_exist(session, self.story_id)
            if not self.previous:
                self.previous = _stories_of(session, self.statement_ids)
                if not self.previous:
                    raise OperationRefused("The statements no longer exist.")
            moving = self._by_story()
            moved = sum(_set_story(session, ids, self.story_id, story_id) for story_id, ids in moving.items())
        return _moved(moving, moved)

    def revert(self, db: Database) -> Change:
        """Put back each statement still in the story this step moved it to."""
        moving = self._by_story()
        with db.transaction() as session:
            moved = 0
            for story_id, ids in moving.items():
                _story_must_exist(session, story_id)
                moved += _set_story(session, ids, story_id, self.story_id)
        return _moved(moving, moved)


@dataclass
class DeleteStory(Operation):
    """Delete a story; its statements stay, in no story. Undo brings the story back with its statements."""

    story_id: int
    removed: dict | None = None
    statement_ids: list[int] = field(default_factory=list)

    @property
    def title(self) -> str:
        return "Delete Story"

    def apply(self, db: Database) -> Change:
        with db.transaction() as session:
            story = session.get(Story, self.story_id)
            if story is None:
                raise OperationRefused("The story no longer exists.")
            self.removed = {"id": story.id, "name": story.name, "description": story.description}
            self.statement_ids = list(session.execute(select(Statement.id).where(Statement.story_id == self.story_id)).scalars())
            _set_story(session, self.statement_ids, None, self.story_id)
            session.delete(story)
        return Change.removed("story", {self.story_id}) | Change.edited("statement", self.statement_ids, _STORY)

    def revert(self, db: Database) -> Change:
        try:
            with db.transaction() as session:
                session.add(Story(**self.removed))
                session.flush()
                moved = _set_story(session, self.statement_ids, self.story_id, None)
        except IntegrityError as error:
            raise OperationRefused(
                f"The story “{self.removed['name']}” cannot come back: another story has its name now."
            ) from error
        moved_back = Change.edited("statement", self.statement_ids, _STORY, _kept(len(self.statement_ids) - moved))
        return Change.added("story", {self.story_id}) | moved_back
