"""Paragraphs, quotations and sentences, each kept as character offsets into the document text."""

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from desktop.domain.extraction.datelines import DATELINE
from desktop.domain.extraction.layout import MINOR_WORDS, Kind, is_headline, kind_of

QUOTE_MASK = "#"
_PAIRS = {"“": "”", "«": "»", "‘": "’"}
_SINGLES = "'’"
_TWO_APOSTROPHES = "''"  # a double quotation mark typed as two apostrophes, both to open and to close
_MARK = re.compile("''|[\"“”‘’'«»„]")  # every character that may open or close a quotation
_OPEN_AFTER = " \t\n([{—–-\"“"  # what may stand before a mark that opens a quotation
_OPENING_MARKS = frozenset('"“”‘\'«„')
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st gen sen rep gov lt col capt sgt maj adm jr sr inc corp co ltd vs etc no"
    " jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]{0,2}[A-Z0-9\u0400-\u042f])|[.!?…]+[\"'”’»)\]]*\s*$")
SCARE_WORDS = 3  # a quoted phrase this short, inside a noun phrase, is a term held at arm's length
TITLE_WORDS = 8
_DETERMINER = re.compile(  # before the quotation, perhaps with one adjective between: 'a separate "harbour fund"'
    r"(?:\b(?:a|an|the|his|her|its|their|our|my|your|this|that|these|those|so-called)|['’]s)\s+(?:[a-z][\w-]*\s+)?$", re.I
)
_CALLING = re.compile(  # a verb of naming a few words before: 'called the plan a "disaster"'
    r"\b(?:call|called|calling|calls|describ\w*|label+\w*|brand\w*|dubb?\w*|term\w*|deem\w*)\b(?:\W+\w+){0,3}\W*$", re.I
)
_LABEL = re.compile(r"[\"“']?(?P<name>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}):\s+(?=\S)")
_CAPITALISED = re.compile(r"\b[A-Z](?:[a-z]\w*)?\b")  # 'Pence', 'McConnell', the O of "O'Neill"; not 'PENCE'
_HEADLINE_CONTEXT = 5  # paragraphs read to tell whether the first is a headline
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
    speech: bool = True  # False for a title ("The Art of the Deal") or a scare-quoted term (her "sex tape")


@dataclass(frozen=True)
class Turn:
    """A paragraph of a transcript, 'PENCE: Well, look, …': who speaks, and where their words run."""

    name: str
    start: int
    end: int


@dataclass
class Sentence:
    """A sentence of a paragraph, with the quotations inside it and what kind of paragraph that is."""

    start: int
    end: int
    paragraph: int
    kind: Kind = Kind.COPY
    quotes: list[Quote] = field(default_factory=list)
    turn: Turn | None = None  # the transcript turn the sentence is part of

    @property
    def spoken(self) -> list[Quote]:
        """The quotations that may be what someone said: not titles, not terms in scare quotes."""
        return [q for q in self.quotes if q.speech]


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


def find_quotes(text: str, start: int, end: int, runs_on: bool = False) -> list[Quote]:
    """Quotations in a paragraph: straight and curly, double and single, guillemets and ''two apostrophes''.

    Quotes pair within the paragraph. A mark opened again before its quotation closed was a
    stray one, and the quotation starts at the second. A quotation still open at the end of the
    paragraph runs to its end only when it `runs_on`: the next paragraph opens with a quotation
    mark, as a quotation continued into the next paragraph does in news copy. Otherwise the
    open mark is a stray one and quotes nothing.
    """
    quotes: list[Quote] = []
    opened: tuple[int, str] | None = None
    for mark in _MARK.finditer(text, start, end):
        i = mark.start()
        if opened is None or _opens_again(text, i, opened[1]):
            opened = _opening(text, i, start) or opened
        elif _closes(text, i, opened[1]):
            width = len(_TWO_APOSTROPHES) if text.startswith(_TWO_APOSTROPHES, i) else 1
            quotes.append(Quote(opened[0], i + width, opened[0] + len(opened[1]), i))
            opened = None
    if opened is not None and runs_on and end - opened[0] > 2:
        quotes.append(Quote(opened[0], end, opened[0] + len(opened[1]), end))
    return [_judged(text, q, start) for q in quotes if text[q.inner_start:q.inner_end].strip()]


def _judged(text: str, quote: Quote, floor: int) -> Quote:
    """The quotation, marked as no speech when it is a title or a term in scare quotes."""
    inner = " ".join(text[quote.inner_start:quote.inner_end].split())
    before = text[max(floor, quote.start - 60):quote.start]
    if _is_title(inner, before) or _is_scare_quote(inner, before):
        return Quote(quote.start, quote.end, quote.inner_start, quote.inner_end, speech=False)
    return quote


def _is_title(inner: str, before: str) -> bool:
    """A name in title case inside a sentence: a book, a show, a programme, a nickname ("Lyin' Ted")."""
    words = inner.rstrip(".,").split()
    major = [w for w in words if w.lower() not in MINOR_WORDS]
    inside_a_sentence = bool(before.strip()) or inner[-1:] not in ".,"
    return (
        2 <= len(words) <= TITLE_WORDS and bool(major) and inside_a_sentence
        and not re.search(r"[!?;:]|[.,]\s", inner)
        and all(w[:1].isupper() or not w[:1].isalpha() for w in major) and words[0][:1].isupper()
    )


def _is_scare_quote(inner: str, before: str) -> bool:
    """A short lower-case term quoted inside a noun phrase (her "sex tape", a "special meeting"), unless
    someone is said to have called something that ('called it a "disgrace"')."""
    words = inner.rstrip(".,").split()
    return (
        len(words) <= SCARE_WORDS and inner[:1].islower() and not re.search(r"[^\w\s'’-]", inner.rstrip(".,"))
        and bool(_DETERMINER.search(before)) and not _CALLING.search(before)
    )


def _opening(text: str, i: int, floor: int) -> tuple[int, str] | None:
    """The quotation opened at i and the mark that closes it, if a quotation opens there."""
    char = text[i]
    if text.startswith(_TWO_APOSTROPHES, i):
        return i, _TWO_APOSTROPHES
    if char in _PAIRS or char == '"':
        return i, _PAIRS.get(char, '"')
    if char == "”" and _before(text, i, floor) in _OPEN_AFTER and _after(text, i).isalnum():
        return i, "”"  # a closing mark typed in the opening's place: ”Fear.”
    if char in _SINGLES and _before(text, i, floor) in _OPEN_AFTER and _after(text, i).isalnum():
        return i, char
    return None


def _closes(text: str, i: int, closer: str) -> bool:
    """Whether the mark at i closes a quotation that `closer` would close; straight and curly marks mix."""
    char = text[i]
    if closer in '"”':
        typed_for_closing = char == "“" and not _before(text, i, 0).isspace() and not _after(text, i).isalnum()
        return char in '"”' or typed_for_closing
    if closer == _TWO_APOSTROPHES:
        return text.startswith(_TWO_APOSTROPHES, i)
    if closer in _SINGLES:
        return char in _SINGLES and not _is_apostrophe(text, i)
    return char == closer


def _opens_again(text: str, i: int, closer: str) -> bool:
    """A mark of the open quotation's kind that can only open one: the first was a stray mark."""
    if closer == _TWO_APOSTROPHES:
        return text.startswith(closer, i) and _before(text, i, 0).isspace() and _after(text, i + 1).isalnum()
    same_kind = text[i] in '"“' if closer in '"”' else text[i] in "‘'" if closer in _SINGLES else text[i] == "«"
    return same_kind and _before(text, i, 0).isspace() and _after(text, i).isalnum()


def _before(text: str, i: int, floor: int) -> str:
    return text[i - 1] if i > floor else " "


def _after(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else " "


def opens_with_quote(text: str, start: int) -> bool:
    """True when the paragraph at start opens with a quotation mark."""
    return text[start:start + 1] in _OPENING_MARKS


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
    spans = paragraphs(text)
    turns = _turns(text, spans)
    for number, (start, end) in enumerate(spans):
        runs_on = number + 1 < len(spans) and opens_with_quote(text, spans[number + 1][0])
        quotes = find_quotes(text, start, end, runs_on)
        bounds = ([q.start for q in quotes], [q.end for q in quotes])
        kind = kind_of(text[start:end])
        following = [text[s:e] for s, e in spans[1:_HEADLINE_CONTEXT]] if number == 0 and kind == Kind.COPY else []
        if following and is_headline(text[start:end], following):
            kind = Kind.HEADING
        cut = start
        dateline = DATELINE.match(text[start:end])  # 'PORTLAND, Ore. (AP) —' is not a sentence of its own
        for match in _SENTENCE_END.finditer(text, start + dateline.end() if dateline else start, end):
            if match.end() < end and not _splits_here(text, match, quotes, bounds[0]):
                continue
            found.append(_sentence(text, cut, match.end(), number, kind, quotes, bounds))
            cut = match.end()
        if text[cut:end].strip():
            found.append(_sentence(text, cut, end, number, kind, quotes, bounds))
        for sentence in found[len(found) - 1::-1] if number in turns else ():
            if sentence.paragraph != number:
                break
            sentence.turn = turns[number]
    return found


def _turns(text: str, spans: list[tuple[int, int]]) -> dict[int, Turn]:
    """The paragraphs of a transcript, by number: each opens with its speaker's name in capitals ('PENCE:').
    A transcript has a name that opens two paragraphs or more and is written elsewhere in the text as a
    name ('Pence'), so that labels such as 'UPDATE:' are not taken for speakers; in one, a label is a
    speaker's when it opens two paragraphs or more or is written elsewhere as a name."""
    labelled = {n: found for n, (start, end) in enumerate(spans) if (found := _LABEL.match(text, start, end))}
    counts = Counter(found.group("name") for found in labelled.values())
    repeated = {name for name, count in counts.items() if count >= 2}
    if not repeated:
        return {}
    capitalised = {word.lower() for word in _CAPITALISED.findall(text)}  # once, not once per label
    named = {name for name in counts if all(part in capitalised for part in re.findall(r"\w+", name.lower()))}
    if not repeated & named:
        return {}
    names = repeated | named
    return {
        n: Turn(found.group("name").title(), found.end(), spans[n][1])
        for n, found in labelled.items() if found.group("name") in names
    }


def _sentence(text: str, start: int, end: int, number: int, kind: Kind, quotes: list[Quote], bounds) -> Sentence:
    start, end = _trimmed(text, start, end)
    inside = quotes[bisect_left(bounds[0], start) : bisect_right(bounds[1], end)]
    return Sentence(start, end, number, kind, inside)

