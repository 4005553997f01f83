"""Closed vocabularies used by the entities."""

from enum import StrEnum


class SpeakerKind(StrEnum):
    """Whether a speaker is one person or a body of people."""

    PERSON = "person"
    BODY = "body"


class OutletKind(StrEnum):
    """The kind of news organisation that reported a statement."""

    WIRE = "wire"
    STATE_MEDIA = "state media"
    NEWSPAPER = "newspaper"
    BROADCASTER = "broadcaster"
    ONLINE = "online"


class LinkType(StrEnum):
    """How one statement relates to another."""

    REBUTS = "rebuts"
    SUPPORTS = "supports"
    RESPONDS_TO = "responds_to"
    REPEATS = "repeats"

    @property
    def label(self) -> str:
        """The words shown to an editor."""
        return self.value.replace("_", " ")

    @property
    def passive(self) -> str:
        """The words for the link seen from its target: 'rebutted by'."""
        return {
            LinkType.REBUTS: "rebutted by",
            LinkType.SUPPORTS: "supported by",
            LinkType.RESPONDS_TO: "answered by",
            LinkType.REPEATS: "repeated by",
        }[self]

    @property
    def answers(self) -> bool:
        """True for links that answer a claim (they join a comparison row)."""
        return self in (LinkType.REBUTS, LinkType.RESPONDS_TO)


MAX_TEXT_LENGTH = 20_000
MAX_NAME_LENGTH = 300
MAX_NOTE_LENGTH = 20_000
