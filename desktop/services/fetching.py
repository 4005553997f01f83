"""Reading an article from its link: the page as fetched is kept with it, as the evidence.

Only http and https are opened, at the address given and at every address it redirects to
(a few times at most, never in a loop); a wait on the network lasts at most TIMEOUT_SECONDS
and the whole reading READ_SECONDS; a page over MAX_PAGE_BYTES is refused, judged from its
Content-Length and again from what arrives. The page is decoded by the charset its server
names, else the one its <meta> names, else as an article file is (UTF-8, then detection).
"""

import re
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from email.message import Message
from http.client import HTTPException
from urllib.parse import urljoin, urlsplit

import certifi

from desktop import APP_NAME, __version__
from desktop.services.articles import Article, article_from_text, decode_text
from desktop.services.errors import ParallaxError
from desktop.services.jobs import Cancelled, Progress

MAX_PAGE_BYTES = 5 * 1024 * 1024  # as for an article file
TIMEOUT_SECONDS = 15.0  # a wait on the network; Cancel (and quitting) is seen between pieces, so waits as long at most
READ_SECONDS = 60.0
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
_REDIRECTS = {301, 302, 303, 307, 308}
_PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_USER_AGENT = f"{APP_NAME}/{__version__} (article import)"


class FetchError(ParallaxError):
    """A page that could not be read from its address, said in words."""


@dataclass(frozen=True)
class FetchedPage:
    """A page as read: the address it was finally read from, its text, its kind and when it was read (UTC)."""

    url: str
    text: str
    kind: str  # "html" or "text"
    read_at: datetime


def is_link(text: str) -> bool:
    """Whether `text` is one http or https address (as pasted or typed)."""
    text = text.strip()
    try:
        parts = urlsplit(text)
    except ValueError:  # a malformed address ("http://[::1")
        return False
    return not any(c.isspace() for c in text) and parts.scheme.lower() in {"http", "https"} and bool(parts.netloc)


def checked_address(url: str, redirected_from: str = "") -> str:
    """The address, if Parallax may open it (http or https, with a host); else FetchError saying why."""
    url = url.strip()
    shown = url if len(url) <= 200 else url[:200] + "…"
    try:
        parts = urlsplit(url)
    except ValueError:
        raise FetchError(f"“{shown}” is not a web address Parallax can read.") from None
    if parts.scheme.lower() in {"http", "https"} and parts.hostname:
        return url
    if redirected_from:
        raise FetchError(f"The page redirected to “{shown}”, which Parallax does not open: only http and https addresses are.")
    raise FetchError(f"“{shown}” is not a web address Parallax opens: only http and https addresses are.")


def _opener() -> urllib.request.OpenerDirector:
    """HTTP and HTTPS (through the system's proxy settings), redirects and errors left to `fetch_page`."""
    opener = urllib.request.OpenerDirector()
    context = ssl.create_default_context()
    # The system's certificates and certifi's: a frozen app on macOS finds none of the system's by itself.
    context.load_verify_locations(certifi.where())
    for handler in (urllib.request.ProxyHandler(), urllib.request.HTTPHandler(), urllib.request.HTTPSHandler(context=context)):
        opener.add_handler(handler)
    return opener


def fetch_page(url: str, progress: Progress | None = None, cancelled: Cancelled | None = None,
               timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_PAGE_BYTES) -> FetchedPage:
    """Read the page at `url`, following redirects; `progress(done, total)` as it arrives, and a stop
    (FetchError) once `cancelled()` is true. Any failure is a FetchError saying why in words."""
    address = checked_address(url)
    seen = {address}
    deadline = time.monotonic() + max(timeout, READ_SECONDS)
    opener = _opener()
    for _hop in range(MAX_REDIRECTS + 1):
        _unless_cancelled(cancelled)
        request = urllib.request.Request(address, headers={"User-Agent": _USER_AGENT, "Accept": "text/html, text/plain;q=0.8"})
        try:
            with opener.open(request, timeout=timeout) as response:
                if response.status in _REDIRECTS and response.headers.get("Location"):
                    target = checked_address(urljoin(address, response.headers["Location"]), redirected_from=address)
                    if target in seen:
                        raise FetchError(f"The page at {url} redirects in a loop; it cannot be read.")
                    seen.add(target)
                    address = target
                    continue
                _check_status(response.status, response.reason, address)
                kind = _kind(response.headers, address)
                raw = _body(response, address, max_bytes, deadline, progress, cancelled)
                return FetchedPage(address, _decoded(raw, response.headers), kind, datetime.now(timezone.utc))
        except (TimeoutError, socket.timeout):
            raise FetchError(f"{_host(address)} did not answer within {timeout:g} seconds.") from None
        except ssl.SSLError as error:
            raise FetchError(f"The secure connection to {_host(address)} failed: {error.reason or error}.") from None
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise FetchError(f"{_host(address)} did not answer within {timeout:g} seconds.") from None
            if isinstance(reason, ssl.SSLError):
                raise FetchError(f"The secure connection to {_host(address)} failed: {reason.reason or reason}.") from None
            raise FetchError(f"{_host(address)} could not be reached: {getattr(reason, 'strerror', None) or reason}.") from None
        except (OSError, HTTPException, ValueError) as error:  # ValueError: an address http.client cannot use
            raise FetchError(f"The page at {address} could not be read: {error}.") from None
    raise FetchError(f"The page at {url} redirected more than {MAX_REDIRECTS} times; it cannot be read.")


def _host(address: str) -> str:
    return urlsplit(address).hostname or address


def _check_status(status: int, reason: str, address: str) -> None:
    if status == 404 or status == 410:
        raise FetchError(f"There is no page at {address} (the site answered {status}, not found).")
    if status in _REDIRECTS:
        raise FetchError(f"The page at {address} redirected without saying where to.")
    if 400 <= status < 500:
        raise FetchError(f"The site refused the page at {address}: it answered {status} {reason}".rstrip() + ".")
    if not 200 <= status < 300:
        raise FetchError(f"The site could not give the page at {address}: it answered {status} {reason}".rstrip() + ".")


def _kind(headers: Message, address: str) -> str:
    content_type = headers.get_content_type() if headers.get("Content-Type") else "text/html"
    kind = _PAGE_TYPES.get(content_type)
    if kind is None:
        raise FetchError(f"{address} is not a web page (it is {content_type}).")
    return kind


def _body(response, address: str, max_bytes: int, deadline: float, progress: Progress | None,
          cancelled: Cancelled | None) -> bytes:
    stated = response.headers.get("Content-Length", "")
    total = int(stated) if stated.isdigit() else 0
    if total > max_bytes:
        raise FetchError(_too_large(address, total, max_bytes))
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(_too_large(address, size, max_bytes, at_least=True))
        _unless_cancelled(cancelled)
        if time.monotonic() > deadline:
            raise FetchError(f"{_host(address)} took longer than {READ_SECONDS:g} seconds to send the page.")
        chunks.append(chunk)
        if progress is not None:
            progress(size, max(total, size))
    return b"".join(chunks)


def _unless_cancelled(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise FetchError("Reading the page was cancelled.")


def _too_large(address: str, size: int, max_bytes: int, at_least: bool = False) -> str:
    over = "over " if at_least else ""
    return (f"The page at {address} is {over}{size / 1024 / 1024:.1f} MB; "
            f"Parallax reads pages of up to {max_bytes // 1024 // 1024} MB.")


def _decoded(raw: bytes, headers: Message) -> str:
    """The page's text: by its server's charset, else its <meta> charset, else as an article file is decoded."""
    for named in (headers.get_content_charset(), _meta_charset(raw)):
        if named:
            try:
                return raw.decode(named, errors="replace")
            except LookupError:  # a charset Python does not know: the next way of telling
                continue
    return decode_text(raw, "The page")


def _meta_charset(raw: bytes) -> str | None:
    found = _META_CHARSET.search(raw[:4096])
    return found.group(1).decode("ascii") if found else None


def fetch_article(url: str, progress: Progress | None = None, cancelled: Cancelled | None = None,
                  timeout: float = TIMEOUT_SECONDS) -> Article:
    """The article at `url`, with the page as fetched, the address it was read from and when.

    Raises FetchError when the page cannot be read, ArticleError when it holds no article."""
    page = fetch_page(url, progress, cancelled, timeout)
    article = article_from_text(page.text, page.kind, fallback_title=_host(page.url))
    return replace(article, url=article.url or page.url, snapshot=page.text, snapshot_url=page.url, read_at=page.read_at)
