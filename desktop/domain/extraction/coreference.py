"""Keeping track of who is who through an article: names folded together, pronouns pointed back."""

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from desktop.domain.extraction.model import KnownSpeaker
from desktop.domain.extraction.names import SURNAME_MATCH, fold, same_name, same_person
from desktop.domain.extraction.sides import SideFinder
from desktop.domain.extraction.speakers import Mention

# No article has this many speakers or names for one; past them, hostile text would make
# every mention cost as much as the speakers before it.
MAX_SPEAKERS = 500
MAX_NAMES = 20


@dataclass
class Entity:
    """One speaker of the article, with every form of its name the article used."""

    name: str
    role: str
    kind: str
    known: KnownSpeaker | None = None
    surfaces: list[str] = field(default_factory=list)

    def answers_to(self, mention: Mention) -> bool:
        """True when a named mention can be this speaker."""
        names = [self.name, *self.surfaces, *((self.known.name, *self.known.aliases) if self.known else ())]
        if mention.kind == "person" and self.kind == "person":
            return any(same_person(mention.name, n) for n in names)
        return any(same_name(mention.name, n) for n in names)

    @property
    def aliases(self) -> tuple[str, ...]:
        """The other names the article gave this speaker."""
        seen = {self.name.casefold()}
        found = []
        for surface in self.surfaces:
            if surface.casefold() not in seen:
                seen.add(surface.casefold())
                found.append(surface)
        return tuple(found)


class _NameIndex:
    """Which entries a mention may answer to, found without comparing it with every entry.

    Names are filed by folded form (the exact match `same_name` makes) and by folded surname
    (the fuzzy match `same_person` starts with); each candidate is then checked in full.
    """

    def __init__(self):
        self._by_key: dict[str, set[int]] = {}
        self._surnames: list[str] = []
        self._owners: list[int] = []

    def add(self, entry: int, name: str) -> None:
        key = fold(name)
        self._by_key.setdefault(key, set()).add(entry)
        if key:
            self._surnames.append(key.split()[-1])
            self._owners.append(entry)

    def candidates(self, mention: Mention) -> list[int]:
        """The entries, in the order they were added, that may answer to the mention."""
        key = fold(mention.name)
        found = set(self._by_key.get(key, ()))
        if key and mention.kind == "person":
            matches = process.extract(key.split()[-1], self._surnames, scorer=fuzz.ratio, score_cutoff=SURNAME_MATCH, limit=None)
            found.update(self._owners[index] for _name, _score, index in matches)
        return sorted(found)


class SpeakerBook:
    """The speakers of one article, matched to the database's where they are the same."""

    def __init__(self, known: tuple[KnownSpeaker, ...], sides: SideFinder):
        self._known = known
        self._known_names = _NameIndex()
        for number, speaker in enumerate(known):
            for name in (speaker.name, *speaker.aliases):
                self._known_names.add(number, name)
        self._sides = sides
        self.entities: list[Entity] = []
        self._names = _NameIndex()
        self._recent: list[Entity] = []

    def side_of(self, entity: Entity) -> str | None:
        """The known speaker's side, else the side its role or name points to."""
        if entity.known and entity.known.side:
            return entity.known.side
        return self._sides.side_of(entity.role, entity.name, entity.kind)

    def resolve(self, mention: Mention, subject: bool = True) -> tuple[Entity | None, bool]:
        """The speaker a mention stands for (None past MAX_SPEAKERS), and whether it was reached by pointing back."""
        if mention.pronoun:
            return self._last(lambda e: e.kind == mention.kind or mention.kind == "body"), True
        if mention.description:
            stem = "spokes" if mention.description.startswith("spokes") else mention.description
            earlier = self._last(lambda e: stem in f"{e.role} {e.name}".lower())
            if earlier is not None:
                return self._remember(earlier, subject), True
        entity = self._named(mention)
        return (self._remember(entity, subject) if entity else None), False

    def _last(self, wanted) -> Entity | None:
        return next((e for e in reversed(self._recent) if wanted(e)), None)

    def _remember(self, entity: Entity, subject: bool) -> Entity:
        if subject:
            if entity in self._recent:
                self._recent.remove(entity)
            self._recent.append(entity)
        return entity

    def _named(self, mention: Mention) -> Entity | None:
        found = [n for n in self._names.candidates(mention) if self.entities[n].answers_to(mention)]
        if found:
            number, entity = found[-1], self.entities[found[-1]]
            if not entity.known and len(mention.name.split()) > len(entity.name.split()):
                entity.name = mention.name
                self._names.add(number, entity.name)
        elif len(self.entities) >= MAX_SPEAKERS:
            return None
        else:
            known = self._match_known(mention)
            entity = Entity(known.name if known else mention.name, mention.role, known.kind if known else mention.kind, known)
            if known and known.role:
                entity.role = known.role
            number = len(self.entities)
            self.entities.append(entity)
            for name in (entity.name, *((known.name, *known.aliases) if known else ())):
                self._names.add(number, name)
        if not entity.role and mention.role:
            entity.role = mention.role
        if mention.name not in entity.surfaces and len(entity.surfaces) < MAX_NAMES:
            entity.surfaces.append(mention.name)
            self._names.add(number, mention.name)
        return entity

    def _match_known(self, mention: Mention) -> KnownSpeaker | None:
        candidates = (self._known[n] for n in self._known_names.candidates(mention))
        return next((k for k in candidates if Entity(k.name, k.role, k.kind, k).answers_to(mention)), None)
