"""Folding names so that spellings and scripts of one name compare equal.

Dmitry, Dmitri and Дмитрий fold to one key; Peskov and Песков too. Person names match
on the surname and a compatible first name; other names match on the whole key.
"""

import re
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_ENDINGS = ((re.compile(r"(?:iy|yy|ij|ii|i)\b"), "y"), (re.compile(r"ey\b"), "ei"))
SURNAME_MATCH = 90
FIRST_NAME_MATCH = 60


@lru_cache(maxsize=4096)
def fold(name: str) -> str:
    """A spelling- and script-blind key: ASCII, lower case, no article, common endings unified."""
    key = anyascii(name).casefold()
    key = re.sub(r"['’`]", "", key)
    key = re.sub(r"[^a-z0-9]+", " ", key).strip()
    key = _ARTICLE.sub("", key)
    for pattern, replacement in _ENDINGS:
        key = pattern.sub(replacement, key)
    return key


def same_person(a: str, b: str) -> bool:
    """True when two person names can be one person: 'Peskov' ~ 'Dmitri Peskov' ~ 'Дмитрий Песков'."""
    fa, fb = fold(a).split(), fold(b).split()
    if not fa or not fb:
        return False
    if fuzz.ratio(fa[-1], fb[-1]) < SURNAME_MATCH:
        return False
    firsts = (fa[:-1], fb[:-1])
    if not firsts[0] or not firsts[1]:
        return True
    return firsts[0][0][0] == firsts[1][0][0] and fuzz.ratio(" ".join(firsts[0]), " ".join(firsts[1])) >= FIRST_NAME_MATCH


def same_name(a: str, b: str) -> bool:
    """True when two names of bodies or outlets are one: 'Kremlin' ~ 'the Kremlin'."""
    return bool(fold(a)) and fold(a) == fold(b)
