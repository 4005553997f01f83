"""What an editor has chosen to look at."""

from dataclasses import dataclass, replace
from datetime import date

NO_STORY = 0  # the story_id choosing statements that belong to no story


@dataclass(frozen=True)
class StatementFilter:
    """The statements to show: every field left empty matches everything.

    `story_id` chooses one story's statements; NO_STORY chooses those in no story. `verdict`
    chooses the statements carrying that verdict exactly as written; "" those with none.
    """

    story_id: int | None = None
    side_id: int | None = None
    speaker_id: int | None = None
    outlet_id: int | None = None
    verdict: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""

    def with_changes(self, **changes) -> "StatementFilter":
        """A copy with the given fields replaced."""
        return replace(self, **changes)

    @property
    def is_empty(self) -> bool:
        """True when nothing is filtered out."""
        return self == StatementFilter()
