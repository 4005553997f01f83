"""Reading an article into proposed statements: attribution, then speakers, outlets and dates across it."""

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from desktop.domain.extraction import russian
from desktop.domain.extraction.attribution import MAX_SENTENCE_CHARS, Attribution, Reading, SentenceReader
from desktop.domain.extraction.coreference import Entity, SpeakerBook
from desktop.domain.extraction.dates import date_outside
from desktop.domain.extraction.layout import MINOR_WORDS, Kind
from desktop.domain.extraction.model import Context, KnownOutlet, Proposal
from desktop.domain.extraction.outlets import OutletBook
from desktop.domain.extraction.sentences import Sentence, paragraphs, sentences
from desktop.domain.extraction.speakers import Mention, read_phrase
from desktop.domain.extraction.sides import SideFinder
from desktop.domain.extraction.syntax import MAY_HOLD_A_CUE, parse, read

MIN_PREDICATE_WORDS = 4  # of a statement that is a deed, its verb kept ('Dismissed the reports as a smear')
# Fewer words than this and a statement is as often a phrase lifted from a longer one as a whole statement.
FULL_STATEMENT_WORDS = 8
_BASE = {"quote": 0.9, "verb": 0.8, "according": 0.75, "claim": 0.6, "continuation": 0.6, "fragment": 0.45}
_TURN_MARKS = " \"”’'"  # a turn quoted whole ends with its closing mark
_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\t": " "})


@dataclass
class _Found:
    """A statement being assembled: its attribution, speaker and what the sentence says of outlet and date."""

    attribution: Attribution
    entity: Entity | None
    pointed: bool
    paragraph: int
    outlet: KnownOutlet | None
    said_on: date | None


def extract(text: str, context: Context = Context()) -> list[Proposal]:
    """Propose the statements of an article, in the order they appear."""
    work = text.translate(_SPACES)
    if russian.is_russian(work):
        return russian.extract(work, context)
    outlets = OutletBook(context.outlets)
    book = SpeakerBook(context.speakers, SideFinder(context.sides))
    reader = SentenceReader(work, outlets)
    spans = paragraphs(work)
    dateline = outlets.dateline(work, spans)
    found: list[_Found] = []
    speaking: tuple[Entity, int] | None = None  # who last spoke, or was written about by name, and in which paragraph
    # A transcript's turn is read once, whole, at its first sentence.
    copy = [s for s in sentences(work) if s.kind == Kind.COPY and (s.turn is None or s.start <= s.turn.start)]
    for sentence, parsed in zip(copy, _parsed(work, copy)):
        reading = _turn(work, sentence) if sentence.turn is not None else reader.read(sentence, parsed)
        outlet = reading.outlets[0].outlet if reading.outlets else None
        for attribution in reading.attributions:
            entity, pointed = _speaker(book, attribution, speaking, sentence.paragraph)
            local = (attribution.content[0] - sentence.start, attribution.content[1] - sentence.start)
            said_on = date_outside(reading.masked, context.document_date, local)
            found.append(_Found(attribution, entity, pointed, sentence.paragraph, outlet, said_on))
            speaking = (entity, sentence.paragraph) if entity else speaking
        if reading.subject is not None and not reading.attributions:
            entity, _ = book.resolve(reading.subject)
            if _introduces(entity, reading.subject, found):
                speaking = (entity, sentence.paragraph)
    found = _merge_split_quotes(found)
    carried = zip(found, _carry(found, "outlet"), _carry(found, "said_on"))
    proposals = [_proposal(item, outlet or dateline, said_on, book) for item, outlet, said_on in carried if _stands_alone(item)]
    return sorted(proposals, key=lambda p: (p.start, p.end))


def _parsed(work: str, copy: list) -> list:
    """Each sentence's cues as the syntax layer reads them (None without it, or when no word may be a cue)."""
    wanted = [
        i
        for i, s in enumerate(copy)
        if s.turn is None and s.end - s.start <= MAX_SENTENCE_CHARS and MAY_HOLD_A_CUE.search(work, s.start, s.end)
    ]
    docs = parse([work[copy[i].start:copy[i].end] for i in wanted]) if wanted else None
    found: list = [None] * len(copy)
    for i, doc in zip(wanted, docs or ()):
        found[i] = read(doc)
    return found


def _stands_alone(item: _Found) -> bool:
    """What was said, or a deed with words enough to say something: 'Rejected the claim' says nothing by itself."""
    a = item.attribution
    return not a.predicate or len(re.findall(r"[^\W_]+", a.text)) >= MIN_PREDICATE_WORDS


def _turn(text: str, sentence: Sentence) -> Reading:
    """A transcript's turn, 'PENCE: Well, look, …': all of it is what its speaker said."""
    turn = sentence.turn
    start, end = turn.start, turn.end
    while end > start and text[end - 1] in _TURN_MARKS:
        end -= 1
    words = " ".join(text[start:end].split())
    said = Attribution("quote", read_phrase(turn.name), start, end, words, True, (start, end))
    return Reading([said] if said.mention is not None else [], [], text[sentence.start:turn.end])


def _introduces(entity: Entity | None, subject: Mention, found: list[_Found]) -> bool:
    """A sentence about a person by name, who has spoken already or is named in full ('Ingrid Halvorsen, 52, ...')."""
    if entity is None or entity.kind != "person" or subject.pronoun or subject.description:
        return False
    words = entity.name.split()
    in_full = len(words) >= 2 and all(w[:1].isupper() and w.lower() not in MINOR_WORDS for w in words)
    return in_full or any(item.entity is entity for item in found)


def _speaker(book: SpeakerBook, attribution: Attribution, speaking: tuple[Entity, int] | None, paragraph: int):
    """The mention's speaker, else the last one who spoke, or was introduced, in this paragraph or the one before
    (a quotation running on into the next paragraph is its speaker's: the last to speak in the one before)."""
    if attribution.mention is not None:
        return book.resolve(attribution.mention)
    near = speaking is not None and speaking[1] >= paragraph - 1
    return (speaking[0] if near else None), True


def _merge_split_quotes(found: list[_Found]) -> list[_Found]:
    """Join '"…," he said. "…"' into one quotation."""
    merged: list[_Found] = []
    for item in found:
        last = merged[-1] if merged else None
        if (
            last is not None
            and item.attribution.via == "continuation"
            and last.attribution.is_quote
            and last.paragraph == item.paragraph
            and last.entity is item.entity
        ):
            a, b = last.attribution, item.attribution
            a.text = f"{a.text} {b.text}"
            a.end, a.content = b.end, (a.content[0], b.content[1])
            continue
        merged.append(item)
    return merged


def _carry(found: list[_Found], field: str) -> list:
    """Each statement's own value of a field, else the nearest of its speaker's in the paragraph, else their last."""
    groups: dict[tuple[int, int], list[_Found]] = {}
    for item in found:
        if item.entity is not None and getattr(item, field) is not None:
            groups.setdefault((id(item.entity), item.paragraph), []).append(item)
    indexes = {key: _by_start(group) for key, group in groups.items()}
    last: dict[int, object] = {}
    values = []
    for item in found:
        own = getattr(item, field)
        value = own
        if own is None and item.entity is not None:
            key = (id(item.entity), item.paragraph)
            nearest = _nearest(groups.get(key, []), *indexes.get(key, ([], [])), item.attribution.start)
            value = getattr(nearest, field) if nearest else last.get(id(item.entity))
        elif item.entity is not None:
            last[id(item.entity)] = own
        values.append(value)
    return values


def _by_start(group: list[_Found]) -> tuple[list[int], list[int]]:
    """The group's indices sorted by start (stable), and those starts."""
    order = sorted(range(len(group)), key=lambda i: group[i].attribution.start)
    return order, [group[i].attribution.start for i in order]


def _nearest(group: list[_Found], order: list[int], starts: list[int], start: int) -> _Found | None:
    """The statement of the group that starts nearest `start`, the first of the group on a tie."""
    after = bisect_left(starts, start)
    near = [order[bisect_left(starts, starts[j])] for j in (after - 1, after) if 0 <= j < len(order)]
    return group[min(near, key=lambda i: (abs(group[i].attribution.start - start), i))] if near else None


def _confidence(item: _Found) -> float:
    score = _BASE[item.attribution.via]
    entity = item.entity
    if entity is None:
        return 0.3
    if item.pointed:
        score -= 0.1
    if len(item.attribution.text.split()) < FULL_STATEMENT_WORDS:
        score -= 0.15
    if entity.kind == "person" and not entity.known and " " not in entity.name and not entity.role:
        score -= 0.1
    if entity.name[:1].islower() or entity.name.lower().startswith("the "):
        score -= 0.3 if len(entity.name.split()) <= 2 and entity.kind == "person" else 0.05
    return round(max(0.05, min(1.0, score)), 2)


def _proposal(item: _Found, outlet: KnownOutlet | None, said_on: date | None, book: SpeakerBook) -> Proposal:
    a, entity = item.attribution, item.entity
    return Proposal(
        text=a.text,
        speaker=entity.name if entity else "",
        role=entity.role if entity else "",
        side=book.side_of(entity) if entity else None,
        outlet=outlet.name if outlet else None,
        is_quote=a.is_quote,
        said_on=said_on,
        start=a.start,
        end=a.end,
        confidence=_confidence(item),
        speaker_kind=entity.kind if entity else "person",
        aliases=entity.aliases if entity else (),
        outlet_kind=outlet.kind if outlet else "",
        outlet_country=outlet.country if outlet else "",
    )
