"""The order names are listed in: alphabetical as a reader expects, not by character code."""

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=2**14)
def name_order(name: str) -> tuple[str, str, str]:
    """A sort key ignoring case and accents: "the Kremlin" sorts under T beside "The Associated Press",
    "Élysée" beside "Elysee"; names that differ only there keep one fixed order."""
    folded = name.strip().casefold()
    bare = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return bare, folded, name
