"""Paragraphs, quotations and sentences, each kept as character offsets into the document text."""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from desktop.domain.extraction.layout import Kind, kind_of

QUOTE_MASK = "#"
_PAIRS = {"“": "”", "«": "»", "‘": "’"}
_SINGLES = "'’"
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st gen sen rep gov lt col capt sgt maj adm jr sr inc corp co ltd vs etc no"
    " jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9\u0400-\u042f])|[.!?…]+[\"'”’»)\]]*\s*$")
_BLOCK = re.compile(r"\S(?:.|\n(?!\s*\n))*")
_LINE_BREAK = re.compile(r"\n")
_NOT_SPACE = re.compile(r"\S")
_LINE_ENDS = (".", "!", "?", "\"", "”", "’", "'", ":")


@dataclass(frozen=True)
class Quote:
    """A quotation: `start`/`end` include the quotation marks, `inner_*` do not."""

    start: int
    end: int
    inner_start: int
    inner_end: int


@dataclass
class Sentence:
    """A sentence of a paragraph, with the quotations inside it and what kind of paragraph that is."""

    start: int
    end: int
    paragraph: int
    kind: Kind = Kind.COPY
    quotes: list[Quote] = field(default_factory=list)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs: blocks between blank lines, and lines that end a sentence."""
    spans = []
    for block in _BLOCK.finditer(text):
        start = block.start()
        for line_break in _LINE_BREAK.finditer(text, block.start(), block.end()):
            end = line_break.start()
            before = text[_trimmed(text, block.start(), end)[1] - 1]
            after = _NOT_SPACE.search(text, line_break.end(), block.end())
            if before in _LINE_ENDS or not (after and after.group().islower()):
                if text[start:end].strip():
                    spans.append(_trimmed(text, start, end))
                start = line_break.end()
        if text[start:block.end()].strip():
            spans.append(_trimmed(text, start, block.end()))
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def find_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Quotations in a paragraph: straight and curly, double and single, and guillemets.

    An opening mark left open at the end of the paragraph runs to its end, as a quotation
    that continues into the next paragraph does in news copy.
    """
    quotes: list[Quote] = []
    opened: tuple[int, str] | None = None
    i = start
    while i < end:
        char = text[i]
        if opened is None:
            if char in _PAIRS or char == '"':
                opened = (i, _PAIRS.get(char, '"'))
            elif char in _SINGLES and _opens_single(text, i, start):
                opened = (i, char)
        elif char == opened[1] or (opened[1] == "”" and char == '"'):
            closing_single = char in _SINGLES
            if not closing_single or not _is_apostrophe(text, i):
                quotes.append(Quote(opened[0], i + 1, opened[0] + 1, i))
                opened = None
        i += 1
    if opened is not None and end - opened[0] > 2:
        quotes.append(Quote(opened[0], end, opened[0] + 1, end))
    return [q for q in quotes if text[q.inner_start:q.inner_end].strip()]


def _opens_single(text: str, i: int, floor: int) -> bool:
    before = text[i - 1] if i > floor else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-\"“") and after.isalnum()


def masked(text: str, start: int, end: int, quotes: list[Quote]) -> str:
    """The text from start to end with every quotation replaced by QUOTE_MASK, offsets kept."""
    chars = list(text[start:end])
    for quote in quotes:
        for i in range(max(quote.start, start), min(quote.end, end)):
            chars[i - start] = QUOTE_MASK
    return "".join(chars)


def _splits_here(text: str, match: re.Match, quotes: list[Quote], starts: list[int]) -> bool:
    cut = match.end()
    inside = bisect_left(starts, cut) - 1  # quotes are in order and do not overlap
    if inside >= 0 and cut < quotes[inside].end:
        return False
    word = re.search(r"(\w+)$", text[max(0, match.start() - 12): match.start()])
    token = word.group(1) if word else ""
    is_abbreviation = token.lower() in _ABBREVIATIONS or (len(token) == 1 and token.isupper())
    return not (match.group().startswith(".") and is_abbreviation)


def sentences(text: str) -> list[Sentence]:
    """Every sentence of the document, in order; quotations never split a sentence."""
    found: list[Sentence] = []
    for number, (start, end) in enumerate(paragraphs(text)):
        quotes = find_quotes(text, start, end)
        bounds = ([q.start for q in quotes], [q.end for q in quotes])
        kind = kind_of(text[start:end])
        cut = start
        for match in _SENTENCE_END.finditer(text, start, end):
            if match.end() < end and not _splits_here(text, match, quotes, bounds[0]):
                continue
            found.append(_sentence(text, cut, match.end(), number, kind, quotes, bounds))
            cut = match.end()
        if text[cut:end].strip():
            found.append(_sentence(text, cut, end, number, kind, quotes, bounds))
    return found


def _sentence(text: str, start: int, end: int, number: int, kind: Kind, quotes: list[Quote], bounds) -> Sentence:
    start, end = _trimmed(text, start, end)
    inside = quotes[bisect_left(bounds[0], start) : bisect_right(bounds[1], end)]
    return Sentence(start, end, number, kind, inside)

