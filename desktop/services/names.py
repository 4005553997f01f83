"""The names behind the ids the figures of a dispute hold: each side's name and colour, each speaker's and
outlet's name, read at once (one query each). A table's row takes them one id at a time; a report of a
million rows takes them for many ids at once, from arrays indexed by id."""

from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import select

from desktop.domain.entities import Outlet, Side, Speaker
from desktop.storage.database import Database

NO_SIDE = "No side"  # a statement with no side counts as a side of its own
NO_SIDE_COLOUR = "#808080"
NO_OUTLET = "No outlet"
UNKNOWN_SPEAKER = "Unknown speaker"
_MISSING = {"side": NO_SIDE, "speaker": UNKNOWN_SPEAKER, "outlet": NO_OUTLET}
_GROUPS_OWN = object()  # `each` gives the group's own word for a missing name


@dataclass(frozen=True)
class Names:
    """The names (and side colours) of every side, speaker and outlet."""

    sides: dict[int, tuple[str, str]]
    speakers: dict[int, str]
    outlets: dict[int, str]
    _arrays: dict = field(default_factory=dict, compare=False, repr=False)

    def side(self, side_id: int) -> str:
        """A side's name; "No side" for none."""
        return self.sides.get(int(side_id), (NO_SIDE, ""))[0]

    def colour(self, side_id: int) -> str:
        """A side's colour; grey for none."""
        return self.sides.get(int(side_id), ("", NO_SIDE_COLOUR))[1]

    def of(self, group: str, key: int) -> str:
        """The name of a side, speaker or outlet (`group` "side", "speaker" or "outlet")."""
        if group == "side":
            return self.side(key)
        found = (self.speakers if group == "speaker" else self.outlets).get(int(key))
        return found if found is not None else _MISSING[group]

    def each(self, group: str, ids: np.ndarray, missing: object = _GROUPS_OWN) -> list:
        """The names of many ids of one group at once, in order; where an id names nothing, `missing` (by
        default what `of` says: "No side", "No outlet"…)."""
        if group not in self._arrays:
            named = {key: value[0] for key, value in self.sides.items()} if group == "side" else (
                self.speakers if group == "speaker" else self.outlets)
            array = np.full(max(named, default=0) + 1, None, dtype=object)
            for key, name in named.items():
                array[key] = name
            self._arrays[group] = array
        array = self._arrays[group]
        ids = np.asarray(ids, dtype=np.int64)
        inside = (ids >= 0) & (ids < len(array))
        taken = np.full(len(ids), None, dtype=object)
        taken[inside] = array[ids[inside]]
        unnamed = np.equal(taken, None)
        taken[unnamed] = _MISSING[group] if missing is _GROUPS_OWN else missing
        return taken.tolist()


def names(db: Database) -> Names:
    """Every side's name and colour, speaker's and outlet's name (one query each)."""
    with db.reading() as session:
        sides = {i: (name, colour) for i, name, colour in session.execute(select(Side.id, Side.name, Side.colour))}
        speakers = dict(session.execute(select(Speaker.id, Speaker.name)).all())
        outlets = dict(session.execute(select(Outlet.id, Outlet.name)).all())
    return Names(sides, speakers, outlets)
