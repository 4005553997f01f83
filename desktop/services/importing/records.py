"""What the readers yield: normalised records with the line they start on, and problems."""

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime

from desktop.services.importing.dates import DayOrder


@dataclass(frozen=True)
class Problem:
    """A warning or an error about one place in one file."""

    file: str
    line: int | None
    message: str
    is_error: bool = True

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.message}"


@dataclass(slots=True)
class StatementRecord:
    """One statement as read from a file, names not yet matched to the database.

    `ref` is its id within the file; `links` are (link type, reference) pairs, a
    reference being an id within the file or the id of a statement already stored.
    """

    line: int
    text: str
    said_on: date | None = None
    speaker: str = ""
    role: str = ""
    speaker_kind: str = ""
    side: str = ""
    outlet: str = ""
    url: str = ""
    ref: str = ""
    links: Sequence[tuple[str, str]] = field(default_factory=list)
    is_quote: bool = False
    note: str = ""
    verdict: str = ""
    rating_value: float | None = None
    rating_best: float | None = None
    rating_worst: float | None = None
    verdict_explanation: str = ""
    story: str = ""
    document: str = ""
    span_start: int | None = None
    span_end: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    own_side: bool = False  # the side is the statement's own even where it matches its speaker's


@dataclass
class StatementRows:
    """Consecutive rows of a table of statements that their reader found fine, a list per field.

    Row `i` is the StatementRecord `record(i)`: one with these fields only, every other at
    its default. Importing them together saves making and reading a record for each.
    """

    line: list[int]
    text: list[str]
    said_on: list[date | None]
    speaker: list[str]
    role: list[str]
    side: list[str]
    outlet: list[str]
    url: list[str]
    ref: list[str]
    is_quote: list[bool]
    note: list[str]
    verdict: list[str]
    verdict_explanation: list[str]
    links: list[Sequence[tuple[str, str]]]  # () for a row without links

    def __len__(self) -> int:
        return len(self.line)

    def part(self, start: int, stop: int) -> "StatementRows":
        """Rows `start` to `stop` (not included)."""
        return StatementRows(*(getattr(self, f.name)[start:stop] for f in fields(self)))

    def record(self, index: int) -> StatementRecord:
        return StatementRecord(**{f.name: getattr(self, f.name)[index] for f in fields(self)})

    def records(self) -> list[StatementRecord]:
        return [self.record(index) for index in range(len(self))]


@dataclass(frozen=True)
class SideRecord:
    line: int
    name: str
    colour: str = ""
    cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class SpeakerRecord:
    line: int
    name: str
    kind: str = "person"
    role: str = ""
    side: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutletRecord:
    line: int
    name: str
    country: str = ""
    kind: str = "newspaper"


@dataclass(frozen=True)
class StoryRecord:
    line: int
    name: str
    description: str = ""


@dataclass(frozen=True)
class DocumentRecord:
    line: int
    ref: str
    title: str
    url: str = ""
    publisher: str = ""
    published_on: date | None = None
    text: str = ""


@dataclass(frozen=True)
class LinkRecord:
    line: int
    from_ref: str
    to_ref: str
    type: str


@dataclass
class ImportOptions:
    """What the editor chose: the day order of numeric dates, an encoding, column mappings, defaults.

    `mappings` holds, per file path (as given), column name → field (None to leave it out).
    `defaults` holds, per field, the value a row takes when it leaves that field empty
    (`{"side": "Russia"}`), as if the file had said so.
    """

    day_order: DayOrder | None = None
    encoding: str | None = None
    mappings: dict[str, dict[str, str | None]] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)


class ImportFileError(Exception):
    """A whole file cannot be read (too large, not the format it claims, no text column)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line
