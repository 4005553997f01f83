"""Matching the column names (or JSON keys) of a file to Parallax's fields."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

# Each field, with the names other tools and editors give it. Compared without regard
# to case, spaces, underscores, hyphens or dots.
FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "statement id", "key"),
    "text": ("text", "claim", "statement", "quote", "claim reviewed"),
    "date": ("date", "said on", "date said"),
    "speaker": ("speaker", "said by", "claimant"),
    "role": ("role", "speaker role", "job title"),
    "side": ("side", "camp"),
    "outlet": ("outlet", "source", "reported by", "publisher"),
    "url": ("url", "link", "source url", "source link"),
    "is_quote": ("is quote", "direct quote"),
    "rebuts": ("rebuts", "rebuttal of"),
    "responds_to": ("responds to", "in response to", "answers"),
    "verdict": ("verdict", "rating"),
    "rating_value": ("rating value", "score"),
    "rating_best": ("rating best", "best rating"),
    "rating_worst": ("rating worst", "worst rating"),
    "explanation": ("explanation", "verdict explanation", "rationale"),
    "note": ("note", "notes", "comment"),
}
FIELD_LABELS = {
    "id": "Id in file", "text": "Text", "date": "Date said", "speaker": "Speaker", "role": "Role",
    "side": "Side", "outlet": "Outlet", "url": "Source link", "is_quote": "Direct quote?",
    "rebuts": "Rebuts (ids)", "responds_to": "Responds to (ids)", "verdict": "Verdict",
    "rating_value": "Rating", "rating_best": "Best rating", "rating_worst": "Worst rating",
    "explanation": "Verdict explanation", "note": "Note",
}
_SEPARATORS = re.compile(r"[\s_.\-]+")


def normalise(name: str) -> str:
    """A column name reduced for comparison: 'Said_On ' → 'said on'."""
    return _SEPARATORS.sub(" ", name.replace("\ufeff", "")).strip().casefold()


_ALIASES = {normalise(alias): name for name, aliases in FIELDS.items() for alias in aliases}


def field_for(name: str) -> str | None:
    """The field a column name stands for, or None when it is not one Parallax knows."""
    return _ALIASES.get(normalise(name))


@dataclass
class ColumnMapping:
    """Which field each column (or JSON key) of a file fills; None for one left out.

    `chosen` overrides the matching by column name; its names are compared as header
    names are (so `Title` chooses for a column `title`). A field claimed by two columns
    keeps the first; the later one is left out and listed in `repeated`. Columns that
    match nothing are listed in `unknown`.
    """

    chosen: Mapping[str, str | None] = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)
    fields: list[str | None] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)
    _index: dict[str, int] = field(default_factory=dict, repr=False)
    _chosen: dict[str, str | None] = field(default_factory=dict, repr=False)
    _taken: set[str] = field(default_factory=set, repr=False)  # the fields some column fills

    def __post_init__(self):
        self._chosen = {normalise(column): target for column, target in self.chosen.items()}

    def absent(self) -> list[str]:
        """The columns a choice was made for that the file has not shown."""
        seen = set(map(normalise, self.columns))
        return [column for column in self.chosen if normalise(column) not in seen]

    def lookup(self, column: str) -> tuple[str | None, bool]:
        """The field of a column (a JSON key), matched when first seen; True the first time an unknown one is seen."""
        if column in self._index:
            return self.fields[self._index[column]], False
        unknown = len(self.unknown)
        target = self.add(column)
        return target, len(self.unknown) > unknown

    def add(self, column: str) -> str | None:
        """Match one more column and return its field."""
        key = normalise(column)
        chosen = column in self.chosen or key in self._chosen
        target = self.chosen.get(column, self._chosen.get(key)) if chosen else field_for(column)
        if target is not None and target not in FIELDS:
            raise ValueError(f"Unknown field {target!r} chosen for column {column!r}.")
        if target is None and not chosen and column.strip():
            self.unknown.append(column)
        elif target in self._taken:
            self.repeated.append(column)
            target = None
        elif target is not None:
            self._taken.add(target)
        self._index.setdefault(column, len(self.columns))
        self.columns.append(column)
        self.fields.append(target)
        return target
