"""Keeping track of who is who through an article: names folded together, pronouns pointed back."""

from dataclasses import dataclass, field

from desktop.domain.extraction.model import KnownSpeaker
from desktop.domain.extraction.names import same_name, same_person
from desktop.domain.extraction.sides import SideFinder
from desktop.domain.extraction.speakers import Mention


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


class SpeakerBook:
    """The speakers of one article, matched to the database's where they are the same."""

    def __init__(self, known: tuple[KnownSpeaker, ...], sides: SideFinder):
        self._known = known
        self._sides = sides
        self.entities: list[Entity] = []
        self._recent: list[Entity] = []

    def side_of(self, entity: Entity) -> str | None:
        """The known speaker's side, else the side its role or name points to."""
        if entity.known and entity.known.side:
            return entity.known.side
        return self._sides.side_of(entity.role, entity.name)

    def resolve(self, mention: Mention, subject: bool = True) -> tuple[Entity | None, bool]:
        """The speaker a mention stands for, and whether it was reached by pointing back."""
        if mention.pronoun:
            return self._last(lambda e: e.kind == mention.kind or mention.kind == "body"), True
        if mention.description:
            stem = "spokes" if mention.description.startswith("spokes") else mention.description
            earlier = self._last(lambda e: stem in f"{e.role} {e.name}".lower())
            if earlier is not None:
                return self._remember(earlier, subject), True
        return self._remember(self._named(mention), subject), False

    def _last(self, wanted) -> Entity | None:
        return next((e for e in reversed(self._recent) if wanted(e)), None)

    def _remember(self, entity: Entity, subject: bool) -> Entity:
        if subject:
            if entity in self._recent:
                self._recent.remove(entity)
            self._recent.append(entity)
        return entity

    def _named(self, mention: Mention) -> Entity:
        entity = next((e for e in reversed(self.entities) if e.answers_to(mention)), None)
        if entity is None:
            known = self._match_known(mention)
            entity = Entity(known.name if known else mention.name, mention.role, known.kind if known else mention.kind, known)
            if known and known.role:
                entity.role = known.role
            self.entities.append(entity)
        elif not entity.known and len(mention.name.split()) > len(entity.name.split()):
            entity.name = mention.name
        if not entity.role and mention.role:
            entity.role = mention.role
        if mention.name not in entity.surfaces:
            entity.surfaces.append(mention.name)
        return entity

    def _match_known(self, mention: Mention) -> KnownSpeaker | None:
        return next(
            (k for k in self._known if Entity(k.name, k.role, k.kind, k).answers_to(mention)), None
        )
