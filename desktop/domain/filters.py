"""What an editor has chosen to look at."""

from dataclasses import dataclass, replace
from datetime import date

NO_STORY = 0  # the story_id choosing statements that belong to no story
WHO = ("side_id", "speaker_id", "outlet_id", "answers")  # the fields of the one choice of whose statements


@dataclass(frozen=True)
class StatementFilter:
    """The statements to show: every field left empty matches everything.

    `story_id` chooses one story's statements; NO_STORY chooses those in no story. `verdict`
    chooses the statements carrying that verdict exactly as written; "" those with none.
    `answers` = (answering speaker, answered speaker) chooses one direction of who answers
    whom: the first speaker's answers (rebuts or responds_to across sides) to statements of
    the second, and the statements they answer.
    """

    story_id: int | None = None
    side_id: int | None = None
    speaker_id: int | None = None
    outlet_id: int | None = None
    verdict: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""
    answers: tuple[int, int] | None = None

    def with_changes(self, **changes) -> "StatementFilter":
        """A copy with the given fields replaced."""
        return replace(self, **changes)

    def choosing(self, **one) -> "StatementFilter":
        """A copy choosing one side, speaker, outlet or answer direction (`WHO`) in place of any other: they are
        one choice, in the navigator as in the network of who answers whom."""
        return replace(self, **{**dict.fromkeys(WHO), **one})

    @property
    def is_empty(self) -> bool:
        """True when nothing is filtered out."""
        return self == StatementFilter()
