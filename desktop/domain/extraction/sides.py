"""Which side a speaker belongs to, from the words of its name and role."""

import re

# Words that place a speaker on a side; the first one found in a role decides
# ("Russia's ambassador to the US" is Russia's). Names of leaders are kept few and sure.
SIDE_CUES: dict[str, tuple[str, ...]] = {
    "Russia": ("Russia", "Russian", "Russians", "Kremlin", "Moscow", "Putin", "Lavrov"),
    "United States": (
        "US", "U.S.", "USA", "United States", "American", "Americans", "White House", "Pentagon",
        "State Department", "Washington", "Biden", "Blinken", "Congress",
    ),
    "Ukraine": ("Ukraine", "Ukrainian", "Ukrainians", "Kyiv", "Kiev", "Zelensky", "Zelenskyy", "Kuleba"),
    "NATO": ("NATO", "Nato", "North Atlantic Treaty Organization", "Stoltenberg"),
}


def _pattern(words) -> re.Pattern:
    escaped = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{escaped})(?:'s|’s)?(?![\w])")


class SideFinder:
    """Finds sides by their cue words, naming them as the database does where it can."""

    def __init__(self, known_sides: tuple[str, ...] = ()):
        by_fold = {name.casefold(): name for name in known_sides}
        self._cues: list[tuple[re.Pattern, str]] = []
        for side, cues in SIDE_CUES.items():
            name = by_fold.pop(side.casefold(), side)
            self._cues.append((_pattern(cues), name))
        for name in by_fold.values():
            self._cues.append((_pattern([name]), name))

    def side_of(self, *phrases: str) -> str | None:
        """The side whose cue comes first in the first phrase that has one; None when nothing says."""
        for phrase in phrases:
            found = [(m.start(), side) for pattern, side in self._cues if (m := pattern.search(phrase or ""))]
            if found:
                return min(found)[1]
        return None
