"""The brief: the comparison under the current filter, gathered as a document an editor can publish.

It holds a title, a summary (statements per side, the dates they span, how many are
undated, the verdicts), how the dispute moved (brief_dispute.py), every group of the comparison as its claim followed by the
statements that answer it, and a numbered list of the sources the statements came
from. A brief is meant to be read: it holds the comparison's first BRIEF_STATEMENTS
statements (about a hundred pages) and says how many more the filter matches.
`brief_html` (in brief_html.py) writes it out; the UI lays the same HTML out on pages.
"""

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import select

from desktop.domain.entities import Document, Side, Story
from desktop.domain.filters import NO_STORY, StatementFilter
from desktop.domain.pairing import ECHO_OF_ANSWER, ECHO_OF_CLAIM
from desktop.domain.values import LinkType
from desktop.services import catalog
from desktop.services.cards import StatementCard, statement_cards
from desktop.services.comparison import compare
from desktop.services.exporting.brief_dispute import DisputeMoves, dispute_moves
from desktop.services.repeats import repeat_groups
from desktop.services.timeline import Bucket, TimelineCounts, timeline_counts
from desktop.storage.database import Database

BRIEF_STATEMENTS = 500


@dataclass(frozen=True)
class BriefSide:
    """One side of the brief with what the summary says of it."""

    name: str
    colour: str
    statements: int = 0
    undated: int = 0
    first: date | None = None
    last: date | None = None


@dataclass(frozen=True)
class BriefEntry:
    """A statement in a group: the claim (`answers` empty) or what answers it ('rebuts the claim')."""

    card: StatementCard
    answers: str
    sources: tuple[int, ...]  # numbers in Brief.sources
    context: bool = False  # outside the filter (shown beside what it answers or what answers it), or shown again


@dataclass(frozen=True)
class Source:
    """A numbered source: a document the statements came from, or a statement's own web page."""

    number: int
    url: str
    title: str = ""
    publisher: str = ""
    published_on: date | None = None


@dataclass(frozen=True)
class Brief:
    """Everything a brief shows, in the order it shows it."""

    title: str
    described: str  # the filter in words, '' for none
    sides: tuple[BriefSide, BriefSide]
    groups: list[list[BriefEntry]]
    sources: list[Source]
    matching: int  # statements of the two sides the filter matches, in the brief or not
    verdicts: dict[str, tuple[int, int]] = field(default_factory=dict)  # verdict: statements per side
    dispute: DisputeMoves | None = None  # how the dispute moved under the filter

    @property
    def statement_count(self) -> int:
        """How many statements the brief shows."""
        return sum(not entry.context for group in self.groups for entry in group)

    @property
    def undated(self) -> int:
        """How many of them have no date (and so are not on the chart)."""
        return sum(side.undated for side in self.sides)


def brief_counts(db: Database, chosen: StatementFilter, left: int | None, right: int | None, bucket: Bucket) -> TimelineCounts:
    """What the brief's chart draws: the two sides' dated statements per bucket, within the filter's dates
    (a bucket the dates cut counts only the days inside them)."""
    chosen_sides = [side for side in dict.fromkeys((left, right)) if side is not None]
    counts = timeline_counts(db, chosen, bucket, chosen_sides, within_dates=True)
    if not len(counts.starts):
        return replace(counts, sides=[])
    # The buckets run from the first to the last with a statement; a side with nothing dated at all is
    # left out, one with nothing dated within the dates stays (at zero).
    dated = {series.side_id for series in timeline_counts(db, chosen, bucket, chosen_sides).sides if series.counts.sum()}
    return replace(counts, sides=[series for series in counts.sides if series.side_id in dated])


def _sides(db: Database, left: int | None, right: int | None) -> tuple[Side, Side]:
    """The two sides compared; a missing one as a grey side called 'No side chosen'."""
    rows = {side.id: side for side in catalog.all_rows(db, Side)}
    first, second = (rows.get(side) or Side(name="No side chosen") for side in (left, right))
    return first, second


def default_title(db: Database, chosen: StatementFilter, left: int | None, right: int | None) -> str:
    """The chosen story's name, else 'United States and Russia: statements and answers', for a brief given no title."""
    story = catalog.get(db, Story, chosen.story_id) if chosen.story_id not in (None, NO_STORY) else None
    if story is not None:
        return story.name
    first, second = _sides(db, left, right)
    return f"{first.name} and {second.name}: statements and answers"


def _first_statements(db: Database, chosen: StatementFilter, left: int | None, right: int | None):
    """The comparison's first BRIEF_STATEMENTS statements, claim by claim in reading order, and how many match.

    Each claim heads a list of (id, the statement it answers or None, how, shown only for
    context, shown again) entries: its answers and the replies to them, taken from the
    comparison's own layout row by row. An answer to two claims is listed under both (the
    second time as shown again); statements folded into one card follow it.
    """
    layout = compare(db, chosen, left, right)
    claims: list[list[tuple[int, int | None, str, bool, bool]]] = []
    shown = 0
    while layout.has_more() and shown < BRIEF_STATEMENTS:
        for row in layout.next_rows(min(layout.page_size, BRIEF_STATEMENTS - shown)):
            cells = sorted((c for c in row.cells if c is not None and c.echo != ECHO_OF_CLAIM), key=lambda c: c.answers is not None)
            for cell in cells:
                again = cell.echo == ECHO_OF_ANSWER
                if cell.answers is None or not claims:
                    claims.append([])
                # A card inside the filter may fold in statements from outside it: each is placed on its own.
                entries = [
                    (member, cell.answers, cell.how or "", not layout.holds(member), again) for member in (cell.id, *cell.folded)
                ]
                claims[-1].extend(entries)
                shown += sum(not (context or repeated) for *_, context, repeated in entries)
    return claims, layout.statement_count


class _Sources:
    """Numbers sources in the order the brief first cites them."""

    def __init__(self, documents: dict[int, Document]):
        self._documents = documents
        self._numbers: dict[tuple, int] = {}
        self.listed: list[Source] = []

    def _number(self, key: tuple, source: dict) -> int:
        if key not in self._numbers:
            self._numbers[key] = len(self.listed) + 1
            self.listed.append(Source(self._numbers[key], **source))
        return self._numbers[key]

    def of(self, card: StatementCard) -> tuple[int, ...]:
        numbers = []
        document = self._documents.get(card.document_id) if card.document_id is not None else None
        if document is not None:
            numbers.append(self._number(("document", document.id), {
                "url": document.url, "title": document.title, "publisher": document.publisher,
                "published_on": document.published_on,
            }))
        if card.url and (document is None or card.url != document.url):
            numbers.append(self._number(("url", card.url), {"url": card.url}))
        return tuple(numbers)


def _side_summary(side: Side, cards: list[StatementCard]) -> BriefSide:
    days = sorted(card.said_on for card in cards if card.said_on is not None)
    return BriefSide(side.name, side.colour, len(cards), len(cards) - len(days), days[0] if days else None, days[-1] if days else None)


def build_brief(db: Database, chosen: StatementFilter, left: int | None, right: int | None, title: str = "") -> Brief:
    """Gather the brief of the comparison of `left` and `right` under `chosen`."""
    id_groups, matching = _first_statements(db, chosen, left, right)
    ids = list(dict.fromkeys(entry[0] for group in id_groups for entry in group))
    cards: dict[int, StatementCard] = {}
    for start in range(0, len(ids), 500):
        cards.update(statement_cards(db, ids[start : start + 500]))
    with db.reading() as session:
        wanted = {card.document_id for card in cards.values() if card.document_id is not None}
        documents = {d.id: d for d in session.execute(select(Document).where(Document.id.in_(wanted))).scalars()}
    sources = _Sources(documents)
    groups = []
    for members in id_groups:
        claim = members[0][0]
        group = []
        for member, target, kind, context, again in members:
            if member not in cards:
                continue
            answers = ""
            if target is not None and target in cards:
                whom = "the claim" if target == claim else cards[target].speaker_name
                answers = f"{LinkType(kind).label} {whom}"
            notes = [note for note, true in (("also answers another claim above", again), ("outside the filter", context)) if true]
            if notes:
                answers = f"{answers} ({'; '.join(notes)})".strip()
            group.append(BriefEntry(cards[member], answers, sources.of(cards[member]), context or again))
        if group:
            groups.append(group)
    shown = [entry.card for group in groups for entry in group if not entry.context]
    per_side = [[card for card in shown if card.side_id == side] for side in (left, right)]
    verdicts: dict[str, tuple[int, int]] = {}
    counted = [Counter(card.verdict for card in side_cards if card.verdict) for side_cards in per_side]
    for verdict in sorted(set(counted[0]) | set(counted[1]), key=str.casefold):
        verdicts[verdict] = (counted[0][verdict], counted[1][verdict])
    return Brief(
        title=title.strip() or default_title(db, chosen, left, right),
        described=catalog.describe_filter(db, chosen),
        sides=tuple(_side_summary(side, side_cards) for side, side_cards in zip(_sides(db, left, right), per_side)),
        groups=groups,
        sources=sources.listed,
        matching=matching,
        verdicts=verdicts,
        dispute=dispute_moves(db, chosen, repeat_groups(db, chosen)),
    )
