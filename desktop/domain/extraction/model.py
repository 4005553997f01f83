"""What the extractor reads (a context of known speakers, outlets and sides) and what it proposes."""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class KnownSpeaker:
    """A speaker already in the database, with the names it goes by."""

    name: str
    aliases: tuple[str, ...] = ()
    role: str = ""
    side: str | None = None
    kind: str = "person"


@dataclass(frozen=True)
class KnownOutlet:
    """An outlet already in the database."""

    name: str
    aliases: tuple[str, ...] = ()
    country: str = ""
    kind: str = "newspaper"


@dataclass(frozen=True)
class KnownSide:
    """A side, with the words that place a speaker on it: other names, capital, adjectives, institutions, leaders."""

    name: str
    cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    """What the extractor knows besides the text: the article's date and the database's names."""

    document_date: date | None = None
    speakers: tuple[KnownSpeaker, ...] = ()
    outlets: tuple[KnownOutlet, ...] = ()
    sides: tuple[KnownSide | str, ...] = ()  # a bare name is a side without cue words


@dataclass(frozen=True)
class Proposal:
    """One statement the extractor proposes, tied to its speaker, side, outlet, date and span."""

    text: str
    speaker: str
    role: str
    side: str | None
    outlet: str | None
    is_quote: bool
    said_on: date | None
    start: int
    end: int
    confidence: float
    speaker_kind: str = "person"
    aliases: tuple[str, ...] = field(default=())
    outlet_kind: str = ""
    outlet_country: str = ""

    def as_json(self) -> dict:
        """The keys `parallax extract --format json` prints."""
        return {
            "text": self.text,
            "speaker": self.speaker,
            "role": self.role,
            "side": self.side,
            "outlet": self.outlet,
            "is_quote": self.is_quote,
            "said_on": self.said_on.isoformat() if self.said_on else None,
            "start": self.start,
            "end": self.end,
            "confidence": self.confidence,
        }
