"""Finding the sides, speakers, outlets, stories and documents an import names, creating what is new.

Names are compared without regard to case, spacing or a leading "the", and a speaker
is found by any of its aliases, so "Песков" and "Dmitri Peskov" both find Dmitry Peskov.
Nothing already stored is changed; what is new is queued on the writer.
"""

import re
from functools import lru_cache
from hashlib import blake2b

from sqlalchemy import Connection, select

from desktop.domain.entities import Document, Outlet, Side, Speaker, Story
from desktop.domain.side_colours import side_colour
from desktop.domain.values import OutletKind, SpeakerKind
from desktop.services.importing.records import DocumentRecord, OutletRecord, SideRecord, SpeakerRecord, StoryRecord
from desktop.services.importing.writer import ImportWriter
from desktop.services.validation import validate

_THE = re.compile(r"^the\s+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=2**16)
def name_key(name: str) -> str:
    """A name reduced for matching: 'The  Associated Press' → 'associated press'."""
    return _THE.sub("", _SPACES.sub(" ", name).strip().casefold())


class Catalog:
    """The names already stored, and the rows an import adds, by name key."""

    def __init__(self, connection: Connection, writer: ImportWriter):
        self.writer = writer
        self.sides: dict[str, int] = {}
        self.speakers: dict[str, int] = {}
        self.speaker_sides: dict[int, int | None] = {}
        self.outlets: dict[str, int] = {}
        self.stories: dict[str, int] = {}
        self._connection = connection
        self._colours = []
        for side_id, name, colour in connection.execute(select(Side.id, Side.name, Side.colour)):
            self.sides[name_key(name)] = side_id
            self._colours.append(colour)
        for speaker_id, name, aliases, side_id in connection.execute(
            select(Speaker.id, Speaker.name, Speaker.aliases, Speaker.side_id)
        ):
            self._remember_speaker(speaker_id, [name, *(aliases or [])], side_id)
        self.outlets = {name_key(n): i for i, n in connection.execute(select(Outlet.id, Outlet.name))}
        self.stories = {name_key(n): i for i, n in connection.execute(select(Story.id, Story.name))}
        self._documents: dict[tuple, int] = {}

    def _remember_speaker(self, speaker_id: int, names: list[str], side_id: int | None) -> None:
        for name in names:
            self.speakers.setdefault(name_key(name), speaker_id)
        self.speaker_sides[speaker_id] = side_id

    def _create(self, table: str, model, values: dict) -> int:
        validate(model, values)
        return self.writer.add(table, values)

    def side(self, name: str, colour: str = "", cues=()) -> int | None:
        """The side of that name, created when new (in the colour given, else the one its name calls for, with
        these cue words); None for no name."""
        if not name.strip():
            return None
        key = name_key(name)
        if key not in self.sides:
            colour = colour or side_colour(name, self._colours)
            self._colours.append(colour)
            self.sides[key] = self._create("side", Side, {"name": name.strip(), "colour": colour, "cues": list(cues)})
        return self.sides[key]

    def speaker(self, name: str, role: str = "", kind: str = "", side: str = "", aliases=()) -> int:
        """The speaker found by name or alias, or a new one with this role, kind, side and aliases."""
        key = name_key(name)
        if key not in self.speakers:
            side_id = self.side(side)
            values = {
                "name": name.strip(), "role": role.strip(), "kind": kind or SpeakerKind.PERSON.value,
                "side_id": side_id, "aliases": list(aliases),
            }
            self._remember_speaker(self._create("speaker", Speaker, values), [name, *aliases], side_id)
        return self.speakers[key]

    def outlet(self, name: str, country: str = "", kind: str = "") -> int | None:
        """The outlet of that name, created when new; None for no name."""
        if not name.strip():
            return None
        key = name_key(name)
        if key not in self.outlets:
            values = {"name": name.strip(), "country": country, "kind": kind or OutletKind.NEWSPAPER.value}
            self.outlets[key] = self._create("outlet", Outlet, values)
        return self.outlets[key]

    def story(self, name: str, description: str = "") -> int | None:
        """The story of that name, created when new; None for no name."""
        if not name.strip():
            return None
        key = name_key(name)
        if key not in self.stories:
            self.stories[key] = self._create("story", Story, {"name": name.strip(), "description": description})
        return self.stories[key]

    def document(self, record: DocumentRecord) -> int:
        """The stored document with the same title, link, publisher, date and text, or a new one."""
        digest = blake2b(record.text.encode(), digest_size=16).digest()
        key = (record.title, record.url, record.publisher, record.published_on, digest)
        if key not in self._documents:
            same = self._connection.execute(
                select(Document.id, Document.text).where(
                    Document.title == record.title, Document.url == record.url,
                    Document.publisher == record.publisher, Document.published_on == record.published_on,
                )
            ).all()
            found = next((row.id for row in same if row.text == record.text), None)
            if found is None:
                values = {name: getattr(record, name) for name in ("title", "url", "publisher", "published_on", "text")}
                found = self._create("document", Document, values)
            self._documents[key] = found
        return self._documents[key]

    def add(self, record) -> None:
        """Take in a side, speaker, outlet or story listed in a file."""
        if isinstance(record, SideRecord):
            self.side(record.name, record.colour, record.cues)
        elif isinstance(record, SpeakerRecord):
            self.speaker(record.name, record.role, record.kind, record.side, record.aliases)
        elif isinstance(record, OutletRecord):
            self.outlet(record.name, record.country, record.kind)
        elif isinstance(record, StoryRecord):
            self.story(record.name, record.description)
