"""Attribution within one sentence: who is said to have said what, and where that sits in the text.

Works on the sentence with its quotations masked (so words inside a quotation are never
taken for a reporting verb or a speaker) and with outlet phrases blanked (so 'reported
news agency Sputnik' names the outlet, not a speaker).
"""

import re
from dataclasses import dataclass

from desktop.domain.extraction.layout import DATELINE, is_credit
from desktop.domain.extraction.outlets import OutletBook, OutletMention
from desktop.domain.extraction.sentences import QUOTE_MASK, Quote, Sentence, masked
from desktop.domain.extraction.speakers import ROLE_NOUNS, Mention, read_phrase, read_subject
from desktop.domain.extraction.syntax import Said
from desktop.domain.extraction.no_comment import without_no_comment
from desktop.domain.extraction.verbs import VerbMatch, find_verbs

# The source ends on a character that is not a space, so the look-ahead runs once per word, not once per space.
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+(?P<x>[^,;#.]*?[^,;#.\s]|\s)(?=\s*(?:[,;.]|$))")
_STATEMENT_BY = re.compile(r"^(?:a|an|the)\s+(?:\w+\s+)?(?:statement|communiqu[eé]|readout)\s+(?:from|by|issued\s+by)\s+", re.I)
_CITING = re.compile(r"\bciting\s+(?P<x>[^,;#.]+)")
_THAT = re.compile(r"^\s*(?:(?!and\b|but\b|while\b)\S+\s+){0,6}?that\b", re.I)
_LEAD_IN = re.compile(r"^[\s,:;—–-]*(?:(?:claiming|saying|suggesting|alleging|of|that)\b\s*)?", re.I)
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|these|those|such|its|their|his|her|our|my|your)\s*$", re.I)
_AUDIENCE = re.compile(r"^\s*(?:the\s+|a\s+)?[\w-]+\s*,?", re.I)
_COMPLEMENT_FAMILIES = frozenset(
    "say tell state add write warn insist argue claim announce explain report quoted reply".split()
)
_SIGNED = re.compile(r"\s*[―—–]\s*(?P<x>[^\W\d_][^#;]{0,80}?)[\s.]*")  # "…" ― Jane Roe: the quotation signed
_GENERIC_SOURCES = frozenset({"media", "the media", "reports", "media reports", "reporters"})
_STOP = " \t\n,;:.!?—–-" + QUOTE_MASK
MIN_QUOTE_WORDS = 4
_OPENING = "\"“‘'([{—–-"
_CLOSING = re.compile(r"[.,!?]?[\"”’']+")
# Reading a sentence costs about its length times its reporting verbs: a "sentence" longer than
# this is not one (a text without full stops) and is passed over, and at most MAX_VERBS are read.
MAX_SENTENCE_CHARS = 3_000
MAX_VERBS = 12


@dataclass
class Attribution:
    """A statement found in a sentence, before its speaker is resolved; offsets are absolute."""

    via: str
    mention: Mention | None
    start: int
    end: int
    text: str
    is_quote: bool
    content: tuple[int, int]
    nested: bool = False
    predicate: bool = False  # the statement is what the speaker did, its verb kept: 'Denied the reports'


@dataclass
class Reading:
    """What one sentence holds: its statements, the outlets it names and its subject if it has one."""

    attributions: list[Attribution]
    outlets: list[OutletMention]
    masked: str
    subject: Mention | None = None


def _words(text: str) -> int:
    return len(re.findall(r"[^\W_]+", text.replace(QUOTE_MASK, " ")))


def _substantial(text: str, quote: Quote) -> bool:
    """A quotation that is an utterance, not a word or two in scare quotes."""
    inner = text[quote.inner_start:quote.inner_end].strip()
    words = len(inner.split())
    return words >= MIN_QUOTE_WORDS or (words >= 2 and inner[:1].isupper() and inner[-1:] in ",.!?")


def _trim(m: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a local span past blanks and punctuation at both ends (quote marks kept)."""
    while start < end and m[start] in " \t\n,;:—–-":
        start += 1
    while end > start and m[end - 1] in " \t\n,;:—–-.":
        end -= 1
    return start, end


class SentenceReader:
    """Reads the sentences of one article in order, sharing its outlet book."""

    def __init__(self, text: str, outlets: OutletBook):
        self.text = text
        self.outlets = outlets

    def read(self, sentence: Sentence, parsed: list[Said] | None = None) -> Reading:
        """The sentence's statements by the rules, corrected and completed by its parse when there is one."""
        base, text = sentence.start, self.text
        m = masked(text, sentence.start, sentence.end, sentence.quotes)
        if len(m) > MAX_SENTENCE_CHARS or is_credit(text[sentence.start:sentence.end]):
            return Reading([], [], m)
        m = without_no_comment(m)
        dateline = DATELINE.match(m) if sentence.start == 0 or text[sentence.start - 1] == "\n" else None
        named = self.outlets.mentions(m)
        blanks = [(found.start, found.end) for found in named]
        mentions = [found for found in named if found.outlet is not None]
        blanks += [dateline.span()] if dateline else []
        for start, end in blanks:
            m = m[:start] + " " * (end - start) + m[end:]
        quotes = [q for q in sentence.spoken if _substantial(text, q)]
        local = [Quote(q.start - base, q.end - base, q.inner_start - base, q.inner_end - base) for q in quotes]
        found = self._according(m, base) or self._verbs(m, base, local, sentence) or self._cited(m, base)
        subject = None if found else _leading_subject(m)
        if not found:
            found = self._quotes_alone(m, base, sentence, subject)
        if parsed:
            # An outlet or a dateline is never a speaker: the rules have set it apart ('Interfax reported').
            people = [s for s in parsed if not any(_touches(s.subject, b) or _overlap(s.content, b) for b in blanks)]
            found = self._with_parse(found, people, base, sentence, quotes)
        return Reading(found, mentions, m, subject)

    def _with_parse(self, found: list[Attribution], parsed: list[Said], base: int, sentence: Sentence, quotes: list[Quote]):
        """The parse's speaker and edges for what the rules found, and what they missed (indirect speech without a quotation)."""
        corrected: list[Attribution] = []
        for said in parsed:
            cue = (base + said.cue[0], base + said.cue[1])
            if any(q.start <= cue[0] < q.end for q in sentence.quotes):
                continue  # a verb inside a quotation is the speaker's words, not a cue
            close = _CLOSING.match(self.text, base + said.content[1], sentence.end)  # '… was “true.”' keeps its marks
            content = (base + said.content[0], close.end() if close else base + said.content[1])
            if content[0] > sentence.start and not (self.text[content[0] - 1].isspace() or self.text[content[0] - 1] in _OPENING):
                continue  # the parse cut a word in two ('<b>bold' read as 'b>bold'): the rules' edges stand
            if any(a.content[0] < cue[0] < a.content[1] for a in found):
                continue  # a cue within what was said: its speaker's report of another's words, left in the text
            same = next((a for a in found if _overlap(a.content, content)), None) or self._after(cue, found)
            if said.mention is None or any(same is c for c in corrected):
                continue
            if same is not None:
                self._correct(same, said, content, sentence.quotes)
                corrected.append(same)
            else:
                found.append(self._parsed(said, base, content, quotes))
        return sorted(found, key=lambda a: a.start)

    def _after(self, cue: tuple[int, int], found: list[Attribution]) -> Attribution | None:
        """What the rules took to follow this cue ('said on Wednesday' read as 'On Wednesday'), when not a quotation."""
        return next((a for a in found if not a.is_quote and a.content[0] >= cue[1] and not self.text[cue[1]:a.content[0]].strip(" ,:")), None)

    def _correct(self, found: Attribution, said: Said, content: tuple[int, int], quotes: list[Quote]) -> None:
        """Take the parse's speaker (a name over a pronoun) and its edges, but for a quotation that is all the statement."""
        if not said.mention.pronoun or found.mention is None or found.mention.pronoun:
            found.mention = said.mention
        end = found.content[1]
        if found.is_quote:
            inside = [q for q in quotes if content[0] <= q.start and q.end <= content[1]]
            quoted = sum(_words(self.text[q.inner_start:q.inner_end]) for q in inside)
            if not inside or _words(self.text[content[0]:content[1]]) - quoted <= 2:
                return
            # Words quoted inside an indirect statement: 'said that Smith's "only experience" was …'
            found.is_quote, found.via, end = False, "verb", content[1]
        elif self.text[content[1]:end].strip(_STOP + "\"'“”‘’.!?"):  # the rules ran on past what was said
            end = content[1]
        found.content, found.text = (content[0], end), self._text(content[0], end)
        found.start = min(found.start, content[0])

    def _parsed(self, said: Said, base: int, content: tuple[int, int], quotes: list[Quote]) -> Attribution:
        inside = [q for q in quotes if content[0] <= q.start and q.end <= content[1]]
        outside = _words(self.text[content[0]:content[1]]) - sum(_words(self.text[q.inner_start:q.inner_end]) for q in inside)
        edges = [*content, base + said.cue[0], base + said.cue[1], *((base + s for s in said.subject) if said.subject else ())]
        span = (min(edges), max(edges))
        via = "according" if said.according else ("quote" if inside and outside <= 2 else "verb")
        made = self._make(via, said.mention, span, content, via == "quote", inside if via == "quote" else ())
        made.predicate = said.keeps_verb
        return made

    def _text(self, start: int, end: int) -> str:
        piece = " ".join(self.text[start:end].split()).strip(" ,;:")
        return piece[:1].upper() + piece[1:]

    def _make(self, via, mention, span, content, is_quote=False, quotes=(), nested=False) -> Attribution:
        if quotes:
            ends = " ,;:." if via == "fragment" else " ,;:"
            text = " ".join(" ".join(self.text[q.inner_start:q.inner_end].split()).rstrip(ends) for q in quotes)
        else:
            text = self._text(*content)
        return Attribution(via, mention, span[0], span[1], text, is_quote, content, nested)

    def _according(self, m: str, base: int) -> list[Attribution]:
        match = _ACCORDING.search(m)
        if not match:
            return []
        mention = read_phrase(_STATEMENT_BY.sub("", match.group("x").strip()))
        if mention is None:
            return []
        if not m[:match.start()].strip(" ,"):
            comma = m.find(",", match.end())
            start, end = _trim(m, comma + 1 if comma >= 0 else match.end(), len(m))
        else:
            start, end = _trim(m, 0, match.start())
        if _words(m[start:end]) < 3:
            return []
        span = (base + min(start, match.start()), base + max(end, match.end()))
        return [self._make("according", mention, span, (base + start, base + end))]

    def _verbs(self, m: str, base: int, quotes: list[Quote], sentence: Sentence) -> list[Attribution]:
        found: list[Attribution] = []
        boundary, covered = 0, -1
        for verb in find_verbs(m)[:MAX_VERBS]:
            nested = verb.start < covered
            if nested and verb.family != "report":
                continue
            before = m[boundary:verb.start]
            inverted = _inverted(before, m[verb.end:])
            if inverted is not None:
                content, quoted = self._content_before(m, verb.start, quotes)
                if content is not None:
                    found.append(self._attributed(inverted, m, base, content, quoted, content[0], False))
                    boundary, covered = verb.end, len(m)
                continue
            if not before.strip(_STOP) or re.search(r"\b(?:and|but|or|then)\s*$", before) or _NOUN_BEFORE.search(before):
                continue
            if m[verb.start].isupper():
                continue
            mention = read_subject(before)
            if mention is None or (verb.family == "report" and mention.name.lower() in _GENERIC_SOURCES):
                continue
            subject_start = boundary + _find_subject(before, mention)
            content, quoted = self._content(m, verb, subject_start, quotes)
            if content is None:
                continue
            cited = _citing(m, content[0], content[1])
            if cited and (source := read_phrase(cited[1].group("x").strip())):
                mention, content = source, _trim(m, content[0], cited[0])
            found.append(self._attributed(mention, m, base, content, quoted, subject_start, nested))
            found[-1].predicate = not quoted and content[0] == verb.start
            boundary, covered = verb.end, max(covered, content[1])
        return found

    def _attributed(self, mention, m, base, content, quoted, subject_start, nested) -> Attribution:
        start = min(subject_start, content[0], *(q.start for q in quoted))
        end = content[1] if nested else len(m)
        via = "claim" if nested else ("quote" if quoted else "verb")
        moved = [Quote(q.start + base, q.end + base, q.inner_start + base, q.inner_end + base) for q in quoted]
        return self._make(
            via, mention, (base + start, base + end), (base + content[0], base + content[1]), bool(quoted), moved, nested
        )

    def _content_before(self, m: str, end: int, quotes: list[Quote]):
        """What was said before an attribution such as ', said Peskov.'"""
        before = [q for q in quotes if q.end <= end]
        if before:
            return (before[0].start, before[-1].end), before
        start, end = _trim(m, 0, end)
        return ((start, end), []) if _words(m[start:end]) >= 3 else (None, [])

    def _cited(self, m: str, base: int) -> list[Attribution]:
        """'Bloomberg reported, citing people familiar with the matter, that …'"""
        found = _citing(m)
        source = read_phrase(found[1].group("x").strip()) if found else None
        if source is None:
            return []
        begin, cited = found
        that = re.match(r"\s*,?\s*that\b", m[cited.end():])
        start, end = _trim(m, cited.end() + that.end(), len(m)) if that else _trim(m, 0, begin)
        if _words(m[start:end]) < 3:
            return []
        span = (base + min(start, begin), base + len(m))
        return [self._make("verb", source, span, (base + start, base + end))]

    def _content(self, m: str, verb: VerbMatch, subject_start: int, quotes: list[Quote]):
        """The span of what was said, and the quotations it consists of."""
        after = [q for q in quotes if q.start >= verb.end]
        before = [q for q in quotes if q.end <= subject_start]
        if after and _words(m[verb.end:after[0].start]) <= 3:
            return (after[0].start, after[-1].end), after
        if before and not m[:before[0].start].strip() and not _THAT.match(m[verb.end:]):
            return (before[0].start, (after or before)[-1].end), before + after
        rest_start = verb.end
        if verb.family == "tell" and not _THAT.match(m[rest_start:]):
            rest_start += _AUDIENCE.match(m[rest_start:]).end() if _AUDIENCE.match(m[rest_start:]) else 0
        that = _THAT.match(m[rest_start:])
        if that:
            rest_start += that.end()
        elif verb.keeps_verb or verb.family not in _COMPLEMENT_FAMILIES:
            rest_start = verb.start
        else:
            rest_start += _LEAD_IN.match(m[rest_start:]).end()
        start, end = _trim(m, rest_start, len(m))
        if _words(m[start:end]) >= 2 and not (before and _words(m[verb.end:end]) < 3):
            return (start, end), []
        if before:
            return (before[0].start, (after or before)[-1].end), before + after
        start, end = _trim(m, 0, subject_start)
        if _words(m[start:end]) >= 3:
            return (start, end), []
        return None, []

    def _quotes_alone(self, m: str, base: int, sentence: Sentence, subject: Mention | None) -> list[Attribution]:
        """A sentence that is all quotation continues the last speaker; a quoted phrase is its subject's."""
        quotes = [q for q in sentence.spoken if _words(self.text[q.inner_start:q.inner_end]) >= 2]
        if not quotes:
            return []
        inside = sum(q.end - q.start for q in quotes)
        outside = _words(m)
        span = (sentence.start, sentence.end)
        content = (quotes[0].start, quotes[-1].end)
        signed = _SIGNED.fullmatch(m, quotes[-1].end - base) if not m[:quotes[0].start - base].strip() else None
        signer = read_subject(signed.group("x")) if signed else None
        if signer is not None:
            return [self._make("quote", signer, span, content, True, quotes)]
        if outside <= 2 and inside > 0:
            return [self._make("continuation", None, span, content, True, quotes)]
        if subject is not None or min(_words(self.text[q.inner_start:q.inner_end]) for q in quotes) >= MIN_QUOTE_WORDS:
            return [self._make("fragment", subject, span, content, True, quotes)]
        return []


def _touches(a: tuple[int, int] | None, b: tuple[int, int]) -> bool:
    return a is not None and a[0] < b[1] and b[0] < a[1]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when two spans share more than half of the shorter one."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared * 2 > min(a[1] - a[0], b[1] - b[0])


def _citing(m: str, start: int = 0, end: int | None = None) -> tuple[int, re.Match] | None:
    """The first 'citing …' in m[start:end], and where it begins counting a comma and spaces before it.

    Searching for ',?\\s*citing' instead would scan a long run of spaces again from each of them.
    """
    found = _CITING.search(m, start, len(m) if end is None else end)
    if found is None:
        return None
    begin = found.start()
    while begin > start and m[begin - 1].isspace():
        begin -= 1
    return (begin - 1 if begin > start and m[begin - 1] == "," else begin), found


def _inverted(before: str, after: str) -> Mention | None:
    """The speaker of ', said Sergei Lavrov, Russia's foreign minister.' when the verb follows a comma or quotation."""
    if not before.rstrip().endswith((",", QUOTE_MASK)) or before.strip(_STOP):
        return None
    tail = re.match(r"^\s*(?P<np>[^.;#]+?)\s*[.;!?]?\s*$", after)
    if tail is None or len(tail.group("np").split()) > 8:
        return None
    return read_subject(tail.group("np"))


def _find_subject(before: str, mention: Mention) -> int:
    first = mention.surface.split(",")[0].strip()
    at = before.rfind(first) if first else -1
    return at if at >= 0 else len(before.rstrip())


def _leading_subject(m: str) -> Mention | None:
    """The subject a sentence opens with, read up to its first lower-case word that is not a role."""
    for segment in re.split(r"[,;#]+", m):
        words = []
        for word in segment.split():
            if words and word[0].islower() and word not in ("of", "de", "von", "van", "the") and word.lower().strip(".,") not in ROLE_NOUNS:
                break
            words.append(word)
        mention = read_subject(" ".join(words)) if words else None
        if mention is not None:
            return mention
        if segment.strip() and read_subject(segment) is None and _words(segment) > 3:
            return None
    return None
