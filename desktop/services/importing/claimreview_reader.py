"""Reading schema.org ClaimReview JSON-LD: from .json/.jsonld files and from saved web pages.

A page's `<script type="application/ld+json">` blocks, a single object, a list or an
`@graph` are all searched, nested objects included. The reviewed claim becomes a
statement: its author the speaker, the review's rating its verdict.
"""

import re
from collections.abc import Iterator
from pathlib import Path

from desktop.domain.urls import is_openable
from desktop.domain.values import SpeakerKind
from desktop.services.importing.encoding import detect_bytes
from desktop.services.importing.json_stream import JsonStream, JsonSyntaxError, loads
from desktop.services.importing.limits import MAX_PAGE_BYTES
from desktop.services.importing.records import ImportFileError, StatementRecord
from desktop.services.importing.source import Source, file_error
from desktop.services.input_files import UnreadableFile, read_whole

LINKS_PROPERTY = "parallaxLinks"  # Parallax's extension: [{"type": "rebuts", "target": "#statement-3"}]


def _types(node: dict) -> set[str]:
    kinds = node.get("@type", [])
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {str(kind).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for kind in kinds}


def claim_reviews(node) -> Iterator[dict]:
    """Every ClaimReview object in a JSON-LD value, however deeply nested, in document order."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            if "ClaimReview" in _types(node):
                yield node
            else:
                stack.extend(reversed(list(node.values())))


def _first(value):
    return value[0] if isinstance(value, list) and value else value


def _name(value) -> str:
    value = _first(value)
    if isinstance(value, dict):
        return str(value.get("name") or "")
    return "" if value is None else str(value)


def _ref(value) -> str:
    return str(value or "").rsplit("#", 1)[-1].removeprefix("statement-")


def _appearances(claim: dict) -> list[dict]:
    found = []
    for key in ("appearance", "firstAppearance"):
        value = claim.get(key)
        found += [item for item in (value if isinstance(value, list) else [value]) if isinstance(item, dict)]
    return found


def review_cells(review: dict) -> tuple[dict, str]:
    """The cells of the statement a ClaimReview reviews, and its speaker's kind."""
    claim = _first(review.get("itemReviewed"))
    claim = claim if isinstance(claim, dict) else {}
    author = _first(claim.get("author"))
    author = author if isinstance(author, dict) else {"name": author}
    rating = _first(review.get("reviewRating"))
    rating = rating if isinstance(rating, dict) else {}
    appearances = _appearances(claim)
    links = [a.get("url") for a in appearances if is_openable(str(a.get("url") or ""))]
    cells = {
        "id": _ref(claim.get("@id") or review.get("@id")),
        "text": review.get("claimReviewed") or claim.get("text") or claim.get("name") or "",
        "date": claim.get("datePublished") or next((a["datePublished"] for a in appearances if a.get("datePublished")), ""),
        "speaker": _name(author),
        "role": author.get("jobTitle") or author.get("description") or "",
        "outlet": next((_name(a.get("publisher") or a.get("author")) for a in appearances if a.get("publisher") or a.get("author")), ""),
        "url": links[0] if links else next((a.get("url") for a in appearances if a.get("url")), ""),
        "verdict": rating.get("alternateName") or rating.get("name") or "",
        "rating_value": rating.get("ratingValue", ""),
        "rating_best": rating.get("bestRating", "") if rating.get("ratingValue") is not None else "",
        "rating_worst": rating.get("worstRating", "") if rating.get("ratingValue") is not None else "",
        "explanation": rating.get("ratingExplanation") or review.get("reviewBody") or "",
    }
    links_given = claim.get(LINKS_PROPERTY)
    for link in links_given if isinstance(links_given, list) else []:
        if isinstance(link, dict) and link.get("type") in ("rebuts", "responds_to"):
            cells[link["type"]] = (cells.get(link["type"], "") + " " + _ref(link.get("target"))).strip()
    kind = SpeakerKind.BODY.value if "Organization" in _types(author) else ""
    return {key: "" if value is None else str(value) for key, value in cells.items()}, kind


_MARKUP = re.compile(r"<!--|<script\b([^<>]*)>", re.I)
_SCRIPT_END = re.compile(r"</script", re.I)
_TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)


def json_ld_blocks(html: str) -> list[tuple[int, str]]:
    """The text of every closed <script type="application/ld+json"> outside comments, with the line it starts on.

    A scan, not a parse: each character is looked at a bounded number of times, so a hostile
    page (thousands of unclosed tags or comments, which make html.parser quadratic) reads in
    time proportional to its size.
    """
    blocks, position, line = [], 0, 1
    while found := _MARKUP.search(html, position):
        line += html.count("\n", position, found.start())
        if found.group() == "<!--":
            close = html.find("-->", found.end())
            position = len(html) if close < 0 else close + 3
        else:
            close = _SCRIPT_END.search(html, found.end())
            position = len(html) if close is None else close.start()
            kind = _TYPE.search(found.group(1))
            if close and kind and (kind[1] or kind[2] or kind[3] or "").split(";")[0].strip().casefold() == "application/ld+json":
                blocks.append((line, html[found.end() : position]))
        line += html.count("\n", found.start(), position)
    return blocks


class ClaimReviewSource(Source):
    """ClaimReview JSON-LD in a .json or .jsonld file, read as a stream."""

    kind = "ClaimReview"

    def _items(self) -> Iterator:
        rest: dict = {}
        try:
            for piece in JsonStream(self).pieces():
                if piece.key is None or piece.key == "@graph":
                    yield from self._reviews(piece.line, piece.value)
                elif piece.is_element:
                    rest.setdefault(piece.key, []).append(piece.value)
                else:
                    rest[piece.key] = piece.value
        except JsonSyntaxError as error:
            yield self.problem(error.line, f"not valid JSON: {error}")
            return
        except UnicodeDecodeError:
            yield self.decoding_problem(1)
            return
        yield from self._reviews(1, rest)
        yield from self._none_found()

    def _reviews(self, line: int, node) -> Iterator:
        for review in claim_reviews(node):
            self.found = True
            cells, kind = review_cells(review)
            for item in self.row(line, cells):
                if isinstance(item, StatementRecord):
                    item.speaker_kind = kind
                yield item

    def _none_found(self) -> Iterator:
        if not getattr(self, "found", False):
            yield self.problem(None, "the file holds no ClaimReview")


def page_blocks(path: Path) -> tuple[str, list[tuple[int, str]]]:
    """A saved web page's encoding and its JSON-LD blocks, each with the line it starts on."""
    try:
        data = read_whole(path, MAX_PAGE_BYTES)
    except UnreadableFile as error:
        raise file_error(error) from None
    encoding = detect_bytes(data[: 64 * 1024])
    return encoding, json_ld_blocks(data.decode(encoding, errors="replace"))


def has_claim_review(path: Path) -> bool:
    """Whether a web page holds at least one ClaimReview (else it is an article to extract from)."""
    try:
        return any("ClaimReview" in text for _line, text in page_blocks(path)[1])
    except (OSError, ImportFileError):
        return False


class ClaimReviewPageSource(ClaimReviewSource):
    """A saved web page (.html, .htm): its JSON-LD blocks, read whole (pages are small)."""

    kind = "ClaimReview (web page)"

    def __init__(self, path, options):
        self.path, self.name, self.options = path, str(path), options
        self.mapping, self.examples, self.lines_read, self._notes = None, {}, 0, []
        self.encoding, self._blocks = page_blocks(path)
        self._size = path.stat().st_size
        self._done = self.found = False

    def _check_unchanged(self) -> None:
        pass  # the page was read whole, and checked then

    def _items(self) -> Iterator:
        for line, text in self._blocks:
            try:
                value = loads(text, line)
            except JsonSyntaxError as error:
                yield self.problem(error.line, f"a JSON-LD block is not valid JSON ({error}); it was skipped", False)
                continue
            yield from self._reviews(line, value)
        self._done = True
        yield from self._none_found()

    def tell(self) -> int:
        return self._size if self._done else 0

    def close(self) -> None:
        pass
