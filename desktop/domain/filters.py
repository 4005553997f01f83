"""What an editor has chosen to look at."""

from dataclasses import dataclass, replace
from datetime import date


@dataclass(frozen=True)
class StatementFilter:
    """The statements to show: every field left empty matches everything."""

    side_id: int | None = None
    speaker_id: int | None = None
    outlet_id: int | None = None
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
