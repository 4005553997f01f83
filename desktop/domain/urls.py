"""Which links Parallax may open."""

from urllib.parse import urlsplit

OPENABLE_SCHEMES = ("http", "https")


def is_openable(url: str) -> bool:
    """True only for http and https URLs with a host; everything else is refused."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in OPENABLE_SCHEMES and bool(parts.netloc)
