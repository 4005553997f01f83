"""Who said it: reading a subject phrase into a name, a role or a pointer back to an earlier speaker."""

import re
from dataclasses import dataclass

from desktop.domain.extraction.dates import find_dates
from desktop.domain.extraction.layout import DATELINE

PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "they": "body", "them": "body"}
ROLE_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson spokespeople secretary minister ambassador envoy diplomat
    president premier chancellor official adviser advisor aide general commander chief head director
    senator lawmaker governor mayor leader counterpart representative analyst expert source deputy
    chairman chairwoman negotiator colonel admiral officer press""".split()
)
BODY_NOUNS = frozenset(
    """administration government ministry department office agency council parliament congress senate
    media outlets outlet press officials people sources military army forces authorities embassy
    mission alliance committee commission service party company spokespeople newspapers
    diplomats analysts experts lawmakers leaders critics residents""".split()
)
_TITLES = frozenset(
    """President Prime Minister Secretary State Foreign Defense Defence Deputy General Gen Sen Rep Gov
    Ambassador Spokesman Spokeswoman Spokesperson Press Chief Director Chairman Senator Colonel Col Lt
    Admiral Mayor Governor Chancellor Kremlin White House Pentagon UN US U.S USA NATO Nato EU Department
    Ministry Russian Ukrainian American Russia Ukraine Mr Mrs Ms Dr Vice Interior Affairs National Security
    Council Office Foreign-Minister Federation Media Officials Administration Government Judge Justice Sheriff
    Commissioner Professor Prof Rev Bishop Pope King Queen Prince Princess Sir Lord Lady Councilman Councilwoman
    Councillor Speaker Attorney Detective Sgt Capt Inspector Superintendent Dean""".split()
)
BODIES = frozenset(
    """Kremlin Moscow Washington Kyiv Kiev Beijing London Paris Berlin Brussels NATO Nato EU UN Pentagon
    Russia Ukraine China Britain France Germany""".split()
)
_DETERMINERS = re.compile(
    r"^(?:the|a|an|one|two|three|four|several|some|many|other|unnamed|anonymous|senior|top|both)\b", re.I
)
_LEADING = re.compile(
    r"^(?:(?:meanwhile|however|but|and|also|that|while|as|so|earlier|later|then|yet|so|separately|still|instead|in\s+turn"
    r"|in\s+a\s+statement|in\s+an\s+interview|on\s+the\s+other\s+hand|at\s+the\s+same\s+time)\b[\s,]*)+",
    re.I,
)
# At most six words a pass (_clean makes three): unbounded, a long run of them that does not reach
# the end is tried from every word, each way of splitting it into words.
_TRAILING = re.compile(
    r"(?:\s+(?:also|had|has|have|has\s+been|previously|later|earlier|then|again|repeatedly|reportedly|"
    r"recently|separately|further|once|too|publicly|openly|flatly|strongly|firmly|herself|himself|itself"
    r"|on\s+\w+(?:\s+\w+)?|in\s+a\s+statement|in\s+an\s+interview|at\s+a\s+\w+(?:\s+\w+)?)){1,6}\s*$",
    re.I,
)
# A short aside in brackets after a name: a party and state '(D-Md.)', an age, an abbreviation.
_ASIDE = re.compile(r"\s*\([^()]{1,30}\)")
_RELATIVE = re.compile(r"^(?:who|which|whose|where|when|whom)\b", re.I)
UNNAMED = re.compile(
    r"\b(?:people|sources|officials|persons|diplomats|a\s+person|a\s+source)\s+(?:familiar\s+with|close\s+to"
    r"|briefed\s+on|with\s+knowledge\s+of)\b",
    re.I,
)
# Capitalised words that open a sentence without naming anyone ('In Washington', 'The', 'After', 'Rather').
_NOT_NAMES = frozenset(
    """the a an this that these those there here it its my your our their his her we i you they he she no not
    in on at for from with by of to into during under over about against among between through without within
    after before since while when if though although because as but and or so yet then now today yesterday
    also still rather instead indeed meanwhile however ironically finally separately similarly likewise moreover
    perhaps later earlier even just only many most some all both each every few several other others such
    what which who why how where despite unlike like asked according following amid given upon speaking""".split()
)
_NUMBER_WORD = re.compile(
    r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|hundred|thousand|dozens?|hundreds|thousands)(?:-\w+)?$",
    re.I,
)
_PREPOSITIONS = frozenset(
    "in at on from after before during since for with by under over across near inside outside throughout amid despite".split()
)
_NAME_TOKEN = re.compile(r"^[A-ZА-ЯЁІЇЄ][\w'’.-]*$")
_PARTICLES = frozenset("de da van von der al bin la le du".split())
MAX_SUBJECT_WORDS = 10
# A body or people placed by a name: 'the foreign ministry in Beijing', 'officials in Kyiv' (the place is not the speaker).
_PLACED = re.compile(r"^(?P<who>.+?)\s+(?:in|from)\s+[A-ZА-ЯЁ][\w'’.-]*(?:\s+[A-ZА-ЯЁ][\w'’.-]*){0,2}$")


@dataclass(frozen=True)
class Mention:
    """A subject phrase read: a name with its role, a body or unnamed source, or a pointer back."""

    surface: str
    name: str = ""
    role: str = ""
    kind: str = "person"
    pronoun: bool = False
    description: str = ""


def _clean(phrase: str) -> str:
    phrase = _ASIDE.sub("", DATELINE.sub("", re.sub(r"\s+", " ", phrase))).strip(" ,;:—–-")
    for _ in range(3):
        before = phrase
        phrase = _LEADING.sub("", phrase)
        for found in find_dates(phrase, None):
            if found.start == 0:
                phrase = phrase[found.end:]
        phrase = phrase.strip(" ,;:—–-")
        phrase = _TRAILING.sub("", phrase).strip(" ,;:—–-")
        if phrase == before:
            break
    return phrase


def _is_title(token: str) -> bool:
    bare = token.rstrip(".,").removesuffix("'s").removesuffix("’s")
    return bare in _TITLES or bare.lower() in ROLE_NOUNS or bare.lower() in BODY_NOUNS


def _trailing_name(words: list[str]) -> int:
    """Index where the trailing run of name words starts (len(words) if none)."""
    i = len(words)
    while i > 0:
        word = words[i - 1]
        is_name = (
            _NAME_TOKEN.match(word) and not _is_title(word) and not word.endswith(("'s", "’s"))
            and re.sub(r"['’](?:ll|d|re|ve|s)$", "", word.lower().strip(".,")) not in _NOT_NAMES
            and not _NUMBER_WORD.match(word)
        )
        if is_name or (word in _PARTICLES and i < len(words) and i > 1):
            i -= 1
        else:
            break
    while i < len(words) and words[i] in _PARTICLES:
        i += 1
    return i


def _is_body(words: list[str]) -> bool:
    """Whether the words are a body ('the foreign ministry') or people by what they are ('officials')."""
    head = _head_noun(words)
    return head in BODY_NOUNS or (head in ROLE_NOUNS and head.endswith("s"))


def _head_noun(words: list[str]) -> str:
    return words[-1].lower().rstrip(".,") if words else ""


def read_subject(phrase: str) -> Mention | None:
    """Read the words before a reporting verb; None when they name no one ('the reports', 'such outlets')."""
    segments = [s for s in (_clean(p) for p in re.split(r"[,;#]+", phrase)) if s and not _RELATIVE.match(s)]
    if not segments:
        return None
    candidate = segments[-1]
    earlier = segments[-2] if len(segments) > 1 else ""
    mention = read_phrase(candidate)
    if mention is None:
        return None
    role_only = mention.description or (mention.name == candidate and not mention.pronoun and _looks_like_role(candidate))
    if role_only and earlier and (named := read_phrase(earlier)) and named.name and not named.description:
        role = named.role or mention.role or re.sub(r"^(?:the|a|an)\s+", "", candidate, flags=re.I)
        return Mention(f"{earlier}, {candidate}", named.name, role, named.kind)
    if mention.name and not mention.role and mention.kind == "person" and earlier and _looks_like_role(earlier):
        return Mention(f"{earlier}, {candidate}", mention.name, earlier, "person")
    return mention


def _looks_like_role(phrase: str) -> bool:
    words = phrase.split()
    return len(words) <= 6 and any(w.lower().rstrip(".,") in ROLE_NOUNS for w in words)


def read_phrase(candidate: str) -> Mention | None:
    """Read one noun phrase: pronoun, description, unnamed source, body or a named person with a role."""
    candidate = candidate.strip()
    words = candidate.split()
    if not words or len(words) > MAX_SUBJECT_WORDS:
        return None
    lowered = candidate.lower()
    if lowered in PRONOUNS:
        return Mention(candidate, kind=PRONOUNS[lowered], pronoun=True)
    if UNNAMED.search(candidate):
        return Mention(candidate, name=candidate, kind="body")
    if words[0][0].islower() and not _DETERMINERS.match(candidate) or words[0].lower() in _PREPOSITIONS:
        return None  # 'In Washington', 'After the vote' open a sentence; they name no one
    if (placed := _PLACED.match(candidate)) is not None and _is_body(placed["who"].split()):
        return Mention(candidate, name=candidate, kind="body")
    head = _head_noun(words)
    definite = words[0].lower() == "the"
    core = words[1:] if words[0].lower() in ("the", "a", "an") else words
    start = _trailing_name(words)
    if start < len(words) and head not in BODY_NOUNS and head not in ROLE_NOUNS:
        name = " ".join(words[start:])
        role = re.sub(r"^(?:the|a|an)\s+", "", " ".join(words[:start]).strip(" ,"), flags=re.I)
        if name in BODIES and not role:
            return Mention(candidate, name=name, kind="body")
        return Mention(candidate, name=name, role=role, kind="person")
    singular_role = head in ROLE_NOUNS and not head.endswith("s") and head != "press"
    if definite and singular_role:
        return Mention(candidate, name=candidate, role=" ".join(core), kind="person", description=head)
    if head in BODY_NOUNS or head in ROLE_NOUNS or (core and all(_is_title(w) or w.lower() == "of" for w in core)):
        pointer = definite and len(core) == 1 and head in BODY_NOUNS and head != "media"
        kind = "person" if singular_role else "body"
        return Mention(candidate, name=candidate, kind=kind, description=head if pointer else "")
    return None
