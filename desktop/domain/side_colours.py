"""The colour a new side is drawn in, chosen from its name.

A side named Russia is red in every new file, whatever order the sides were created
in: well-known camps have a colour of their own, and any other name takes one of the
remaining colours from a stable hash of its folded name. When that colour is already
used in the file, the next free one in the palette is taken, so the choice depends
only on the name and the colours already there.
"""

import unicodedata
from collections.abc import Iterable
from hashlib import blake2b

# Camps that come up again and again, each with a colour no other name is given first.
_WELL_KNOWN = (
    ("#1f6fb4", ("united states", "usa", "us", "u.s.", "united states of america", "america")),
    ("#c0392b", ("russia", "russian federation")),
    ("#e0a800", ("ukraine",)),
    ("#16a085", ("nato", "north atlantic treaty organization")),
    ("#5b4bb7", ("european union", "eu")),
    ("#d35400", ("china", "people's republic of china", "prc")),
)
# The colours any other name is hashed onto: told apart from each other and from the above.
_FREE = ("#2e8b57", "#8e44ad", "#b0306f", "#6b8e23", "#8b5a2b", "#0097a7", "#34495e", "#7f8c8d")

_BY_NAME = {name: colour for colour, names in _WELL_KNOWN for name in names}


def _folded(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split()).removeprefix("the ")


def side_colour(name: str, taken: Iterable[str] = ()) -> str:
    """The colour for a new side called `name`, avoiding the colours in `taken` while any is free."""
    folded = _folded(name)
    used = {colour.casefold() for colour in taken}
    known = _BY_NAME.get(folded)
    if known is not None and known not in used:
        return known
    start = int.from_bytes(blake2b(folded.encode("utf-8"), digest_size=4).digest(), "big") % len(_FREE)
    # Free colours first, from the hashed one on; the well-known camps' colours only when none is left.
    order = [_FREE[(start + step) % len(_FREE)] for step in range(len(_FREE))] + [c for c, _ in _WELL_KNOWN]
    return next((colour for colour in order if colour not in used), known or _FREE[start])
