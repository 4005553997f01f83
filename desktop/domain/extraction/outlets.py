"""Outlets a statement was reported through: 'reported news agency Sputnik', 'told CNN', datelines."""

import re
from dataclasses import dataclass

from desktop.domain.extraction.datelines import DATELINE, dateline_agency
from desktop.domain.extraction.model import KnownOutlet
from desktop.domain.extraction.names import fold

_GAZETTEER = (
    ("The Associated Press", "AP, Associated Press, The AP", "United States", "wire"),
    ("Reuters", "", "United Kingdom", "wire"),
    ("Agence France-Presse", "AFP, Agence France Presse", "France", "wire"),
    ("Bloomberg", "Bloomberg News", "United States", "wire"),
    ("TASS", "ITAR-TASS, Tass", "Russia", "state media"),
    ("RIA Novosti", "RIA", "Russia", "state media"),
    ("Interfax", "INTERFAX.RU, Интерфакс", "Russia", "wire"),
    ("Interfax-Ukraine", "Интерфакс-Украина", "Ukraine", "wire"),
    ("Sputnik", "Sputnik News", "Russia", "state media"),
    ("RT", "Russia Today", "Russia", "state media"),
    ("Kommersant", "", "Russia", "newspaper"),
    ("Izvestia", "", "Russia", "newspaper"),
    ("Vedomosti", "", "Russia", "newspaper"),
    ("Rossiyskaya Gazeta", "", "Russia", "newspaper"),
    ("RBC", "", "Russia", "online"),
    ("Meduza", "", "Latvia", "online"),
    ("Ukrinform", "", "Ukraine", "state media"),
    ("UNIAN", "", "Ukraine", "wire"),
    ("Ukrainska Pravda", "", "Ukraine", "online"),
    ("The Kyiv Independent", "Kyiv Independent", "Ukraine", "online"),
    ("CNN", "", "United States", "broadcaster"),
    ("NBC News", "NBC", "United States", "broadcaster"),
    ("CBS News", "CBS", "United States", "broadcaster"),
    ("ABC News", "ABC", "United States", "broadcaster"),
    ("Fox News", "", "United States", "broadcaster"),
    ("NPR", "", "United States", "broadcaster"),
    ("The New York Times", "New York Times, NYT", "United States", "newspaper"),
    ("The Washington Post", "Washington Post", "United States", "newspaper"),
    ("The Wall Street Journal", "Wall Street Journal, WSJ", "United States", "newspaper"),
    ("Politico", "", "United States", "online"),
    ("Axios", "", "United States", "online"),
    ("BBC", "BBC News", "United Kingdom", "broadcaster"),
    ("The Guardian", "", "United Kingdom", "newspaper"),
    ("Financial Times", "FT", "United Kingdom", "newspaper"),
    ("ANI", "Asian News International", "India", "wire"),
    ("Press Trust of India", "PTI", "India", "wire"),
    ("Republic World", "", "India", "online"),
    ("Al Jazeera", "", "Qatar", "broadcaster"),
    ("Xinhua", "Xinhua News Agency", "China", "state media"),
    ("BelTA", "", "Belarus", "state media"),
    ("Deutsche Presse-Agentur", "DPA, dpa", "Germany", "wire"),
    ("Deutsche Welle", "DW", "Germany", "broadcaster"),
)
# Names are compared folded to ASCII, so 'ТАСС' is TASS and 'РИА Новости' RIA Novosti; 'Интерфакс' is not Interfax.
GAZETTEER = tuple(
    KnownOutlet(name, tuple(a.strip() for a in aliases.split(",") if a.strip()), country, kind)
    for name, aliases, country, kind in _GAZETTEER
)

OPENING_PARAGRAPHS = 10  # where a dateline is looked for: a photo, its caption and credit, a byline and a stamp come first

# Words that say a phrase names an outlet and what kind: a cue ('the newspaper') or a word of a masthead ('the Kyiv Post').
_KIND_CUES = (
    (r"news\s+agency|wire\s+service|agency", "wire"),
    (r"newspaper|daily|weekly|magazine|Post|Times|Journal|Herald|Tribune|Telegraph|Gazette|Chronicle|Observer"
     r"|Monde|Figaro|Spiegel|Zeitung|Pravda|Vedomosti|Izvestia", "newspaper"),
    (r"broadcaster|channel|television|TV|radio|Radio|Broadcasting", "broadcaster"),
)
_CUE = r"(?:state(?:-run)?\s+)?(?:news\s+agency|wire\s+service|newspaper|daily|broadcaster|(?:TV\s+)?channel|agency)"
# Bounded (a word of at most 40 characters, at most 7 words) so that a long run of capitalised
# words cannot make every pattern below scan to the end of the sentence from every word.
_NAME = r"\b[A-Z][\w&.'-]{0,40}(?:\s+(?:[A-Z][\w&.'-]{0,40}|of)){0,6}(?:\s*\([A-Z][A-Za-z]{1,6}\))?"
_ANAPHOR = re.compile(r"^the\s+(?:news\s+)?(?:agency|newspaper|daily|broadcaster|channel|outlet|wire\s+service)$", re.I)
_PHRASE = rf"(?:[Tt]he\s+)?(?:{_NAME}\s+{_CUE}|{_CUE}\s+{_NAME}|{_NAME}|{_CUE})"
_END = r"(?=\s*(?:[.,;:)]|$|\bthat\b|\bon\b|\bin\b))"

# (pattern, needs_known): phrases that name the outlet a statement went through.
PATTERNS = (
    (re.compile(rf"\bas\s+(?:reported|quoted|cited)\s+by\s+(?P<o>{_PHRASE})"), False),
    (re.compile(rf"\b(?:reported|carried|published)\s+by\s+(?P<o>{_PHRASE})"), False),
    (re.compile(rf"(?<=\bsaying)\s+by\s+(?P<o>{_PHRASE})"), False),
    (re.compile(rf"\bby\s+(?P<o>{_PHRASE})(?=\s+as\s+saying)"), False),
    (re.compile(rf"\b[Aa]ccording\s+to\s+(?P<o>{_PHRASE}){_END}"), True),
    (re.compile(rf"\breported\s+(?P<o>{_PHRASE}){_END}"), False),
    (re.compile(rf"(?P<o>{_PHRASE})\s+(?:has\s+|had\s+)?report(?:ed|s){_END}"), True),
    (re.compile(rf"(?<=\btold)\s+(?P<o>{_PHRASE})"), True),
    (re.compile(rf"\bciting\s+(?:(?:a\s+)?reports?\s+(?:by|in|from)\s+)?(?P<o>{_PHRASE})"), True),
    (re.compile(rf"\b(?:in\s+an\s+interview\s+with|speaking\s+to|in\s+comments\s+to)\s+(?P<o>{_PHRASE})"), True),
    (re.compile(rf"(?P<o>(?:[Tt]he\s+)?(?:{_NAME}\s+{_CUE}|{_CUE}\s+{_NAME}))"), False),
)


@dataclass(frozen=True)
class OutletMention:
    """An outlet phrase in a sentence: where it is (to keep it out of the speaker) and whom it names."""

    start: int
    end: int
    outlet: KnownOutlet | None


class OutletBook:
    """Resolves outlet phrases against the database, a small gazetteer, and the outlets already named."""

    def __init__(self, known: tuple[KnownOutlet, ...] = ()):
        self._entries: dict[str, KnownOutlet] = {}
        for outlet in (*GAZETTEER, *known):
            canonical = next((self._entries[fold(n)] for n in (outlet.name, *outlet.aliases) if fold(n) in self._entries), None)
            chosen = outlet if canonical is None or outlet in known else canonical
            for name in (outlet.name, *outlet.aliases, *(canonical.aliases if canonical else ())):
                self._entries[fold(name)] = chosen
            if canonical is not None:
                self._entries[fold(canonical.name)] = chosen
        self.last: KnownOutlet | None = None

    def lookup(self, phrase: str) -> KnownOutlet | None:
        """The known outlet a name stands for, or None."""
        return self._entries.get(fold(phrase))

    def resolve(self, phrase: str, needs_known: bool) -> KnownOutlet | None:
        """The outlet a phrase names; 'the news agency' is the last one named; unknown names need a cue."""
        phrase = re.sub(r"\s+", " ", phrase).strip()
        if _ANAPHOR.match(phrase):
            return self.last
        abbreviation = re.search(r"\s*\(([A-Za-z]+)\)$", phrase)
        if abbreviation:
            phrase = phrase[: abbreviation.start()]
        phrase = re.sub(r"(?<=[a-z]{2})\.$", "", phrase)  # the full stop after 'as reported by Le Monde.'
        bare = re.sub(rf"^(?:the\s+)?(?:{_CUE}\s+)?|\s+{_CUE}$", "", phrase, flags=re.I).strip()
        outlet = self.lookup(bare) or self.lookup(phrase)
        if outlet is None and bare and (_kind(phrase) or not needs_known):
            outlet = KnownOutlet(bare, (), "", _kind(phrase))
        if outlet is not None and abbreviation:
            self._entries.setdefault(fold(abbreviation.group(1)), outlet)
        if outlet is not None:
            self._entries.setdefault(fold(outlet.name), outlet)
            self.last = outlet
        return outlet

    def mentions(self, masked_sentence: str) -> list[OutletMention]:
        """The outlet phrases of a sentence, first to last, none overlapping another."""
        found: list[OutletMention] = []
        for pattern, needs_known in PATTERNS:
            for match in pattern.finditer(masked_sentence):
                if any(m.start < match.end() and match.start() < m.end for m in found):
                    continue
                outlet = self.resolve(match.group("o"), needs_known)
                if outlet is not None or _ANAPHOR.match(" ".join(match.group("o").split())):
                    found.append(OutletMention(match.start(), match.end(), outlet))
        return sorted(found, key=lambda m: m.start)

    def dateline(self, text: str, paragraphs: list[tuple[int, int]]) -> KnownOutlet | None:
        """The agency named in the dateline that opens one of the first paragraphs ('MOSCOW (AP) —',
        'МОСКВА, 7 декабря. /ТАСС/.'), past the captions, credits and bylines above it: it covers the whole article."""
        for start, end in paragraphs[:OPENING_PARAGRAPHS]:
            match = DATELINE.match(text[start:end])
            if match and (agency := dateline_agency(match)):
                return self.resolve(agency, needs_known=False)
        return None


def _kind(phrase: str) -> str:
    for cue, kind in _KIND_CUES:
        if re.search(rf"\b(?:{cue})\b", phrase):
            return kind
    return ""
