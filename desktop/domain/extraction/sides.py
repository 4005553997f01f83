"""Which side a speaker belongs to, from the words of its name and role.

Every side is a name with cue words (other names, capital, adjectives, institutions, leaders).
The database's sides bring their own; the camps below are the cue words Parallax knows of
itself, so that a camp not yet a side of the database is proposed under its own name
("a Chinese foreign ministry spokesman" gives China). A database side that is one of these
camps (by name or cue word) takes the camp's cue words too, under the database's name.
"""

import re

from desktop.domain.extraction.model import KnownSide
from desktop.domain.extraction.speakers import BODY_NOUNS

# Capitals are cue words only where they stand for the government ("Moscow said"); names of
# leaders are kept few and sure. Nationality adjectives place a speaker in the camp of the country.
_CAMPS = (
    ("Russia", "Russian, Russians, Russian Federation, Kremlin, Moscow, Putin, Lavrov, Peskov, Zakharova, Shoigu"),
    ("United States", "US, U.S., USA, U.S.A., American, Americans, White House, Pentagon, State Department, "
                      "Washington, Biden, Blinken, Congress"),
    ("Ukraine", "Ukrainian, Ukrainians, Kyiv, Kiev, Zelensky, Zelenskyy, Zelenskiy, Zelenskii, Kuleba, Sybiha"),
    ("NATO", "Nato, North Atlantic Treaty Organization, Stoltenberg, Rutte"),
    ("China", "Chinese, Beijing, People's Republic of China, PRC, Xi Jinping, Xi, Wang Yi"),
    ("Taiwan", "Taiwanese, Taipei, Lai Ching-te"),
    ("Israel", "Israeli, Israelis, Israel Defense Forces, IDF, Knesset, Netanyahu"),
    ("Hamas", ""),
    ("Hezbollah", ""),
    ("Palestinian Authority", "Ramallah, Mahmoud Abbas"),
    ("Iran", "Iranian, Iranians, Tehran, Khamenei"),
    ("European Union", "EU, E.U., European Commission, von der Leyen"),
    ("United Nations", "UN, U.N., Guterres"),
    ("United Kingdom", "UK, U.K., Britain, British, Downing Street"),
    ("France", "French, Elysee, Élysée, Macron"),
    ("Germany", "German, Bundestag"),
    ("Belarus", "Belarusian, Minsk, Lukashenko"),
    ("Poland", "Polish, Warsaw"),
    ("Turkey", "Turkish, Türkiye, Ankara, Erdogan"),
    ("North Korea", "North Korean, Pyongyang, Kim Jong Un"),
    ("South Korea", "South Korean, Seoul"),
    ("Japan", "Japanese, Tokyo"),
    ("India", "Indian, New Delhi"),
    ("Pakistan", "Pakistani, Islamabad"),
    ("Syria", "Syrian, Damascus"),
    ("Saudi Arabia", "Saudi, Riyadh"),
    ("Qatar", "Qatari, Doha"),
    ("Egypt", "Egyptian, Cairo"),
)
CAMPS = tuple(KnownSide(name, tuple(c.strip() for c in cues.split(",") if c.strip())) for name, cues in _CAMPS)


def camp_cues(name: str) -> tuple[str, ...]:
    """The cue words of the camp of this name (those a new database's sides start with); none for another name."""
    return next((camp.cues for camp in CAMPS if camp.name.casefold() == name.strip().casefold()), ())


class SideFinder:
    """Finds sides by their cue words, naming them as the database does where it can."""

    def __init__(self, known_sides: tuple[KnownSide | str, ...] = ()):
        owner: dict[str, str] = {}  # each name and cue word, casefolded, to its side's name: the database's first
        self._sides: dict[str, str] = {}  # each name and cue word as written to its side's name
        for side in (KnownSide(s) if isinstance(s, str) else s for s in known_sides):
            self._take(side.name, [side.name, *side.cues], owner)
        for camp in CAMPS:
            words = [camp.name, *camp.cues]
            self._take(next((owner[w.casefold()] for w in words if w.casefold() in owner), camp.name), words, owner)
        # One pattern for every cue, the longest first, so a phrase is read once whatever the number of sides.
        escaped = "|".join(re.escape(w) for w in sorted(self._sides, key=len, reverse=True))
        self._cue = re.compile(rf"(?<![\w.])(?P<cue>{escaped})(?:'s|’s)?(?![\w])")

    def _take(self, side: str, words: list[str], owner: dict[str, str]) -> None:
        for word in (w.strip() for w in words):
            if word and word.casefold() not in owner:
                owner[word.casefold()] = side
                self._sides[word] = side

    def side_of(self, role: str, name: str = "", kind: str = "person") -> str | None:
        """The side a speaker's role or name points to (the role first: "Russia's ambassador to the US" is
        Russia's); else the organisation a spokesperson speaks for, or a named body itself, as a camp of its own."""
        side = self._cued(role) or self._cued(name)
        if side:
            return side
        body = _speaks_for(f"{role} {name}") or (_proper_body(name) if kind == "body" else None)
        return (self._cued(body) or body) if body else None

    def _cued(self, phrase: str) -> str | None:
        """The side of the first cue in the phrase (the longest there), or None."""
        match = self._cue.search(phrase or "")
        return self._sides[match["cue"]] if match else None


# An organisation's proper name: up to five capitalised words ("Meta Platforms", "Federal Aviation Administration").
_ORGANISATION = r"[A-Z][\w&'-]*(?:\s+(?:of\s+|&\s+|and\s+)?[A-Z][\w&'-]*){0,4}"
_SPEAKER_FOR = r"spokes(?:man|woman|person)|representative|chief\s+executive|CEO"
_SPEAKS_FOR = (
    re.compile(rf"\b(?:{_SPEAKER_FOR})\s+(?:for|of|at)\s+(?:the\s+)?(?P<o>{_ORGANISATION})"),
    re.compile(rf"(?<![\w-])(?P<o>{_ORGANISATION})(?:'s|’s)?\s+(?:{_SPEAKER_FOR})\b"),
)
# Capitalised words that open a role without naming whom the speaker speaks for.
_NOT_ORGANISATIONS = frozenset("a an the deputy chief senior press acting former top official".split())
_GENERIC = BODY_NOUNS | frozenset(
    """of and the foreign defence defense justice interior finance health security state national federal central
    public prosecutor prosecutors general police ministry department court supreme city county regional local
    white house presidential""".split()
)


def _speaks_for(phrase: str) -> str | None:
    """The organisation a spokesperson, representative or chief executive speaks for: "a Boeing spokesperson"."""
    for pattern in _SPEAKS_FOR:
        match = pattern.search(phrase or "")
        if match and match["o"].split()[0].casefold() not in _NOT_ORGANISATIONS:
            return match["o"]
    return None


def _proper_body(name: str) -> str | None:
    """A body named by its proper name, without its article ("The Federal Aviation Administration"); not one
    named only by what it is ("Officials", "the Foreign Ministry": whose, the name does not say)."""
    name = re.sub(r"^[Tt]he\s+", "", name.strip())
    if not re.fullmatch(_ORGANISATION, name) or all(w.casefold() in _GENERIC for w in re.findall(r"[\w'-]+", name)):
        return None
    return name
