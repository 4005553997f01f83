"""Proposing an article's statements against the database, accepting them, and suggesting what they answer.

Accepting a proposal is one undoable operation and one transaction: it stores the article
as a document the first time, matches or creates the speaker, outlet and side, and adds
the statement with its span in the document.
"""

import functools
import math
import re
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
from rapidfuzz import fuzz
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from desktop.domain.entities import Document, Link, Outlet, Side, Speaker, Statement
from desktop.domain.extraction import Context, KnownOutlet, KnownSide, KnownSpeaker, Proposal, extract
from desktop.domain.extraction.names import same_name, same_person
from desktop.domain.extraction.outlets import OutletBook
from desktop.domain.extraction.sides import camp_cues
from desktop.domain.side_colours import side_colour
from desktop.domain.values import LinkType, OutletKind
from desktop.services.articles import Article
from desktop.services.errors import OperationRefused, ValidationError
from desktop.services.changes import Change
from desktop.services.operations import Operation, current_row, kept_in_words, remove_unless_kept, write_guarded
from desktop.services.search import statements_holding
from desktop.services.statement_columns import columns_for
from desktop.services.wording import plural
from desktop.services.validation import validate
from desktop.storage.columns import NO_DAY
from desktop.storage.database import Database

MAX_SUGGESTIONS = 5
CONFIDENT = 0.8  # proposals this sure are meant to be right 19 times in 20: the review window accepts them all at once


@dataclass(frozen=True)
class AlreadyStored:
    """A statement of the database that a proposal already is, why it is taken for it, and the statement
    as stored (its text, speaker, side, outlet and date, as the editor made them), at the proposal's place."""

    statement_id: int
    reason: str
    stored: Proposal


@dataclass
class Review:
    """An article's proposals, with the document it is already stored as and the proposals already stored."""

    article: Article
    proposals: list[Proposal]
    document_id: int | None = None
    known: dict[int, AlreadyStored] = field(default_factory=dict)  # by the proposal's index


def context_for(session: Session, published_on: date | None) -> Context:
    """The speakers, outlets and sides (with their cue words) of the database, for the extractor to fold names onto;
    the review window and `parallax extract --db` both read an article against it."""
    rows = session.exec(select(Side).order_by(Side.id)).scalars().all()
    sides = {side.id: side.name for side in rows}
    speakers = tuple(
        KnownSpeaker(s.name, tuple(s.aliases), s.role, sides.get(s.side_id), s.kind)
        for s in session.exec(select(Speaker).order_by(Speaker.id)).scalars()
    )
    outlets = tuple(KnownOutlet(o.name, (), o.country, o.kind) for o in session.exec(select(Outlet)).scalars())
    return Context(published_on, speakers, outlets, tuple(KnownSide(s.name, tuple(s.cues)) for s in rows))


def _same_document(session: Session, article: Article) -> Document | None:
    return session.exec(select(Document).where(Document.text == article.text)).scalars().first()


def propose(db: Database, article: Article) -> list[Proposal]:
    """The article's proposed statements, names folded onto the database's, dates read against the article's."""
    with db.reading() as session:
        return extract(article.text, context_for(session, article.published_on))


def open_review(db: Database, article: Article) -> Review:
    """Propose the article's statements and say which are in the database already, and why.

    An article without a date takes the date of the document it is already stored as.
    """
    with db.reading() as session:
        document = _same_document(session, article)
        if document is not None and article.published_on is None and document.published_on is not None:
            article = replace(article, published_on=document.published_on)
        proposals = extract(article.text, context_for(session, article.published_on))
        known = _already_stored(session, proposals, document)
    return Review(article, proposals, document.id if document else None, known)


def _already_stored(session: Session, proposals: list[Proposal], document: Document | None) -> dict[int, AlreadyStored]:
    """The proposals that are statements already: taken from the same passage, or the same words of the same speaker."""
    passages: list[Statement] = []
    if document is not None:
        passages = session.exec(select(Statement).where(Statement.document_id == document.id)).scalars().all()
    texts = {p.text.strip() for p in proposals if p.speaker.strip()}
    same_words = session.exec(select(Statement).where(Statement.text.in_(texts))).scalars().all() if texts else []
    speakers = {s.id: s for s in session.exec(
        select(Speaker).where(Speaker.id.in_({s.speaker_id for s in (*passages, *same_words)}))
    ).scalars()}
    known = {}
    for index, proposal in enumerate(proposals):
        passage = next(
            (s for s in passages if s.span_start is not None and s.span_start < proposal.end and proposal.start < s.span_end), None
        )
        twin = passage or next(
            (s for s in same_words if s.text == proposal.text.strip() and _is_speaker(speakers[s.speaker_id], proposal)), None
        )
        if twin is None:
            continue
        reason = f"statement #{twin.id} was taken from this passage" if passage else f"same text and speaker as statement #{twin.id}"
        known[index] = AlreadyStored(twin.id, f"already in the database: {reason}", _as_stored(session, twin, speakers[twin.speaker_id], proposal))
    return known


def _as_stored(session: Session, statement: Statement, speaker: Speaker, proposal: Proposal) -> Proposal:
    """The proposal with the values its statement has in the database, for the editor to see what is stored."""
    side_id = statement.side_id if statement.side_id is not None else speaker.side_id
    side = session.get(Side, side_id) if side_id is not None else None
    outlet = session.get(Outlet, statement.outlet_id) if statement.outlet_id is not None else None
    return replace(
        proposal, text=statement.text, speaker=speaker.name, role=speaker.role, side=side.name if side else None,
        outlet=outlet.name if outlet else None, is_quote=statement.is_quote, said_on=statement.said_on,
    )


def _is_speaker(speaker: Speaker, proposal: Proposal) -> bool:
    """Whether a proposal's speaker can be this speaker of the database (names folded, aliases counted)."""
    person = speaker.kind == "person" and proposal.speaker_kind == "person"
    return any((same_person if person else same_name)(proposal.speaker.strip(), n) for n in (speaker.name, *speaker.aliases))


def _side(session: Session, name: str | None, created: dict, hints: dict) -> int | None:
    if not name or not name.strip():
        return None
    sides = session.exec(select(Side)).scalars().all()
    found = next((s for s in sides if s.name.casefold() == name.strip().casefold()), None)
    if found is not None:
        return found.id
    # A camp the extractor knows of starts with the cue words that found it, for the editor to see and change.
    values = {"name": name.strip(), "colour": side_colour(name, (s.colour for s in sides)), "cues": list(camp_cues(name))}
    validate(Side, values)
    return _add(session, Side(**values, id=hints.get("side")), created, "side")


def _add(session: Session, row, created: dict, key: str) -> int:
    session.add(row)
    session.flush()
    created[key] = row.id
    return row.id


def _speaker(session: Session, proposal: Proposal, side_id: int | None, created: dict, hints: dict, renamed: dict) -> Speaker:
    name = proposal.speaker.strip()
    # Only the names are read to compare (whole rows for every speaker took most of an accept's time).
    named = session.exec(select(Speaker.id, Speaker.name, Speaker.kind, Speaker.aliases).order_by(Speaker.id)).all()
    match = next((row for row in named if _is_speaker(row, proposal)), None)
    if match is not None:
        speaker = session.get(Speaker, match.id)
        spelled = {n.casefold() for n in (speaker.name, *speaker.aliases)}
        new = [a for a in (name, *proposal.aliases) if a.casefold() not in spelled]
        if new:
            renamed[speaker.id] = list(speaker.aliases)
            speaker.aliases = [*speaker.aliases, *dict.fromkeys(new)]
            session.add(speaker)
        return speaker
    values = {
        "name": name,
        "kind": proposal.speaker_kind,
        "role": proposal.role.strip(),
        "side_id": side_id,
        "aliases": [a for a in dict.fromkeys(proposal.aliases) if a.casefold() != name.casefold()],
    }
    validate(Speaker, values)
    speaker = Speaker(**values, id=hints.get("speaker"))
    _add(session, speaker, created, "speaker")
    return speaker


def _outlet(session: Session, proposal: Proposal, created: dict, hints: dict) -> int | None:
    if not proposal.outlet or not proposal.outlet.strip():
        return None
    rows = session.exec(select(Outlet)).scalars().all()
    book = OutletBook(tuple(KnownOutlet(o.name, (), o.country, o.kind) for o in rows))
    known = book.lookup(proposal.outlet) or KnownOutlet(proposal.outlet.strip(), (), proposal.outlet_country, proposal.outlet_kind)
    found = next((o for o in rows if same_name(o.name, known.name)), None)
    if found is not None:
        return found.id
    kinds = {k.value for k in OutletKind}
    values = {
        "name": known.name,
        "country": known.country,
        "kind": known.kind if known.kind in kinds else OutletKind.NEWSPAPER.value,
    }
    validate(Outlet, values)
    return _add(session, Outlet(**values, id=hints.get("outlet")), created, "outlet")


def store_proposal(session: Session, proposal: Proposal, document_id: int, created: dict, renamed: dict, hints=None) -> int:
    """Write one proposal as a statement of the document, matching or creating what it names.

    `created` collects the ids of the rows made; `hints` gives ids to make them with again (redo).
    """
    hints = hints or {}
    if not proposal.speaker.strip():
        raise ValidationError(["The statement needs a speaker."])
    side_id = _side(session, proposal.side, created, hints)
    speaker = _speaker(session, proposal, side_id, created, hints, renamed)
    values = {
        "text": proposal.text.strip(),
        "is_quote": proposal.is_quote,
        "said_on": proposal.said_on,
        "speaker_id": speaker.id,
        "side_id": side_id if side_id != speaker.side_id else None,
        "outlet_id": _outlet(session, proposal, created, hints),
        "document_id": document_id,
        "span_start": proposal.start,
        "span_end": proposal.end,
    }
    validate(Statement, values)
    return _add(session, Statement(**values, id=hints.get("statement")), created, "statement")


@dataclass
class AcceptProposal(Operation):
    """Accept one proposal: the document (first time), speaker, outlet, side and statement, in one transaction;
    with `answers` (a statement's id and a link type), the link saying what it answers too.

    Undo is guarded like any deletion: a statement changed since is a ConflictError, one another
    statement now links to is refused; the speaker, outlet, side and document it made are kept when
    changed or used since, and a speaker's aliases it added stay when the speaker changed since.
    """

    proposal: Proposal
    article: Article
    document_id: int | None = None
    created: dict = field(default_factory=dict)
    renamed: dict = field(default_factory=dict)
    answers: tuple[int, LinkType] | None = None
    version: int | None = None  # the statement's, as accepted
    renamed_versions: dict = field(default_factory=dict)  # each renamed speaker's, with the aliases added

    @property
    def title(self) -> str:
        return "Accept and Link Statement" if self.answers else "Accept Statement"

    @property
    def statement_id(self) -> int | None:
        return self.created.get("statement")

    def apply(self, db: Database) -> Change:
        hints, self.created, self.renamed = self.created, {}, {}
        try:
            with db.transaction() as session:
                self.document_id = self._document(session, hints)
                statement_id = store_proposal(session, self.proposal, self.document_id, self.created, self.renamed, hints)
                if self.answers is not None:
                    values = {"from_id": statement_id, "to_id": self.answers[0], "type": LinkType(self.answers[1]).value}
                    validate(Link, values)
                    _add(session, Link(**values, id=hints.get("link")), self.created, "link")
                session.flush()
                self.version = session.get(Statement, statement_id).version
                self.renamed_versions = dict(
                    session.execute(select(Speaker.id, Speaker.version).where(Speaker.id.in_(self.renamed))).all()
                )
        except IntegrityError as error:
            raise ValidationError([f"The statement cannot be stored: {error.orig}"]) from error
        return self._change()

    def _document(self, session: Session, hints: dict) -> int:
        if self.document_id is not None:
            row = session.get(Document, self.document_id)
            if row is not None and row.text == self.article.text:
                return row.id
        row = _same_document(session, self.article)
        if row is not None:
            return row.id
        document = Document(**self.article.document_values(), id=hints.get("document"))
        return _add(session, document, self.created, "document")

    def revert(self, db: Database) -> Change:
        kept: dict[str, tuple[int, int]] = {}
        change = Change.removed("statement", {self.statement_id})
        with db.transaction() as session:
            statement = current_row(session, Statement, self.statement_id, self.version, None)
            if (link_id := self.created.get("link")) is not None:
                session.execute(delete(Link).where(Link.id == link_id))
                change = change | Change.removed("link", {link_id})
            links = session.execute(
                select(func.count()).where(or_(Link.from_id == self.statement_id, Link.to_id == self.statement_id))
            ).scalar()
            if links:
                raise OperationRefused(
                    f"The accepted statement stays: it is now linked to other statements ({plural(links, 'link')}). "
                    "Delete those links first, then undo."
                )
            write_guarded(session, delete(Statement), Statement, statement, None)
            for speaker_id, aliases in self.renamed.items():
                restored = session.execute(
                    update(Speaker)
                    .where(Speaker.id == speaker_id, Speaker.version == self.renamed_versions.get(speaker_id))
                    .values(aliases=aliases, version=Speaker.version + 1)
                    .execution_options(synchronize_session=False)
                ).rowcount
                kept["speaker"] = (kept.get("speaker", (0, 0))[0] + (restored == 0), 0)
                if restored:
                    change = change | Change.edited("speaker", [speaker_id], ["aliases"])
            for key, model in (("speaker", Speaker), ("outlet", Outlet), ("side", Side), ("document", Document)):
                if key in self.created:
                    (changed, in_use), left = remove_unless_kept(session, model, self.created[key], self.created[key])
                    before = kept.get(key, (0, 0))
                    kept[key] = (before[0] + changed, before[1] + in_use)
                    if not left:
                        change = change | Change.removed(key, {self.created[key]})
        return change | Change(notice=kept_in_words(kept, "the statement was accepted"))

    def _change(self) -> Change:
        """The rows accepting added (the statement, and what it needed), and the speakers given an alias."""
        change = Change.edited("speaker", self.renamed, ["aliases"])
        for key in ("statement", "speaker", "outlet", "side", "document", "link"):
            if key in self.created:
                change = change | Change.added(key, {self.created[key]})
        return change


def import_proposals(db: Database, article: Article, min_confidence: float) -> dict:
    """Store the article and every proposal at or above the threshold, all in one transaction."""
    review = open_review(db, article)
    chosen = [
        p for i, p in enumerate(review.proposals)
        if p.confidence >= min_confidence and p.speaker.strip() and i not in review.known
    ]
    created_counts = {"speakers": 0, "outlets": 0, "sides": 0}
    with db.transaction() as session:
        document = _same_document(session, article) or Document(**article.document_values())
        session.add(document)
        session.flush()
        for proposal in chosen:
            created: dict = {}
            store_proposal(session, proposal, document.id, created, {})
            for key in ("speaker", "outlet", "side"):
                created_counts[f"{key}s"] += key in created
    return {
        "document_id": document.id,
        "title": article.title,
        "proposed": len(review.proposals),
        "stored": len(chosen),
        "already_stored": len(review.known),
        "below_threshold": len(review.proposals) - len(chosen) - len(review.known),
        **{f"{key}_created": count for key, count in created_counts.items()},
    }


@dataclass(frozen=True)
class Suggestion:
    """A statement of another side that an accepted statement may answer, with how alike they read."""

    statement_id: int
    text: str
    speaker: str
    side: str
    said_on: date | None
    score: float


_STOPWORDS = frozenset(
    """a an the and or but of to in on at by for with from as is are was were be been being that this these those
    it its their his her our we they he she will would should could any all no not such than then there which
    who has have had do does did said says about into over near""".split()
)


_ENDING = re.compile(r"(?:ies|es|s|ed|ing|ly)$")
_LETTERS = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=65_536)  # a few hundred texts are compared per suggestion, mostly of the same words
def _stem(word: str) -> str:
    """A casefolded word without its common ending, so 'movements' and 'movement' compare alike."""
    return _ENDING.sub("", word) if len(word) > 5 else word


def _content_words(text: str) -> str:
    words = (word for word in _LETTERS.findall(text.casefold()) if word not in _STOPWORDS and len(word) >= 3)
    return " ".join(_stem(word) for word in words)


def suggest_answers(db: Database, statement_id: int, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    """Statements of the other side that this one most likely answers, most alike first; linked ones left out."""
    return _alike_to_stored(db, statement_id, limit, answers=False)


def suggest_replies(db: Database, statement_id: int, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    """Statements of another side that most likely answer this one (said after it, or about then), most alike
    first; linked ones left out."""
    return _alike_to_stored(db, statement_id, limit, answers=True)


def _alike_to_stored(db: Database, statement_id: int, limit: int, *, answers: bool) -> list[Suggestion]:
    with db.reading() as session:
        statement = session.get(Statement, statement_id)
        if statement is None:
            return []
        side_id = statement.side_id
        if side_id is None:
            side_id = session.exec(select(Speaker.side_id).where(Speaker.id == statement.speaker_id)).scalars().one()
        linked = set(session.exec(select(Link.to_id).where(Link.from_id == statement_id)).scalars())
        linked |= set(session.exec(select(Link.from_id).where(Link.to_id == statement_id)).scalars())
    return _most_alike(db, statement.text, side_id, statement.said_on, linked | {statement_id}, limit, answers)


def suggest_for_proposal(db: Database, proposal: Proposal, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    """Statements of another side than the proposal's that it most likely answers, most alike first."""
    with db.reading() as session:
        sides = {name.casefold(): side_id for side_id, name in session.exec(select(Side.id, Side.name)).all()}
    side_id = sides.get((proposal.side or "").strip().casefold())
    return _most_alike(db, proposal.text, side_id, proposal.said_on, set(), limit)


_ALIKE_TERMS = 12  # the longest words of a text that are looked up in the search index
_PER_TERM = 500  # the most statements the index gives for one word
_ALIKE_CANDIDATES = 300  # the most statements whose text is read and compared
_DAYS_AFTER = 7  # what is answered was said before, or within days after (an article's dates are approximate)


def _looked_up_words(text: str) -> list[tuple[str, ...]]:
    """The text's longest telling words, each with its form without ending: what the search index is asked."""
    words = {w for w in re.findall(r"\w+", text.casefold()) if len(w) > 2 and not w.isdigit() and w not in _STOPWORDS}
    longest = sorted(words, key=lambda word: (-len(word), word))[:_ALIKE_TERMS]
    return [tuple(dict.fromkeys((word, _stem(word)))) for word in longest]


def _candidates(db: Database, text: str, side_id: int | None, said_on: date | None, left_out: set[int],
                answers: bool = False) -> np.ndarray:
    """Ids of at most _ALIKE_CANDIDATES statements that the text may answer (with `answers`: that may answer
    the text), those sharing its rarer words first.

    Each word asks the search index for at most _PER_TERM statements holding it; the
    columns keep those of another side, said before the text or within _DAYS_AFTER days
    after (with `answers`: after it or within _DAYS_AFTER days before; undated ones too). A word is worth more the fewer statements hold it (judged
    from how many ids the index gave and over what range), so the cost stays the same
    whatever the size of the archive, and a rare word ('buildup') outweighs 'Russia'.
    When the index finds too few, the latest kept statements fill the rest, so a small archive is compared whole.
    """
    columns = columns_for(db)
    if not len(columns):
        return np.zeros(0, dtype=np.int64)
    keep = (columns.side > 0) & (columns.side != (side_id or 0))
    if said_on is not None:
        day = np.datetime64(said_on, "D").astype(np.int64)
        near = columns.day >= day - _DAYS_AFTER if answers else columns.day <= day + _DAYS_AFTER
        keep &= (columns.day == NO_DAY) | near
    where = columns.positions(np.fromiter(left_out, dtype=np.int64, count=len(left_out)))
    keep[where[where >= 0]] = False
    held = columns.ids[columns.live]  # the changed rows lie past the others, out of id order
    id_range = int(held.max() - held.min() + 1) if len(held) else 1
    found, weights = [], []
    with db.reading() as session:
        for forms in _looked_up_words(text):
            ids = np.asarray(statements_holding(session, forms, _PER_TERM), dtype=np.int64)
            if not len(ids):
                continue
            holding = len(ids) if len(ids) < _PER_TERM else len(ids) * id_range / (int(ids.max() - ids.min()) + 1)
            where = columns.positions(ids)
            where = where[where >= 0]
            found.append(columns.ids[where[keep[where]]])
            weights.append(np.full(len(found[-1]), math.log(1 + columns.count / holding)))
    ids, slots = np.unique(np.concatenate(found or [columns.ids[:0]]), return_inverse=True)
    worth = np.bincount(slots, np.concatenate(weights or [np.zeros(0)]))
    chosen = ids[np.lexsort((-ids, -worth))[:_ALIKE_CANDIDATES]]
    if len(chosen) < _ALIKE_CANDIDATES:  # words said otherwise ('invasion', 'invade'): the latest said before it
        keep[columns.positions(chosen)] = False
        latest = columns.ids[columns.date_order(keep, newest_first=True, limit=_ALIKE_CANDIDATES - len(chosen))]
        chosen = np.concatenate([chosen, latest])
    return chosen


def _most_alike(
    db: Database, text: str, side_id: int | None, said_on: date | None, left_out: set[int], limit: int,
    answers: bool = False,
) -> list[Suggestion]:
    """The statements of the sides other than `side_id`, said before `said_on` or about then (with `answers`:
    after it or about then), whose words are most like the text's: the index's candidates (`_candidates`)
    scored by how alike their words read."""
    chosen = [int(i) for i in _candidates(db, text, side_id, said_on, left_out, answers)]
    if not chosen:
        return []
    with db.reading() as session:
        rows = session.exec(
            select(Statement.id, Statement.text, Statement.said_on, Speaker.name, Side.name.label("side"))
            .join(Speaker, Speaker.id == Statement.speaker_id)
            .join(Side, Side.id == func.coalesce(Statement.side_id, Speaker.side_id))
            .where(Statement.id.in_(chosen))
        ).all()
    words = _content_words(text)
    scored = ((fuzz.token_set_ratio(words, _content_words(row.text)) / 100, row) for row in rows)
    ranked = sorted(scored, key=lambda found: (-found[0], found[1].id))
    return [Suggestion(row.id, row.text, row.name, row.side, row.said_on, round(score, 2)) for score, row in ranked[:limit]]


def existing_statements(db: Database, ids: list[int]) -> set[int]:
    """Which of these statements are still in the database (after an undo or a delete)."""
    if not ids:
        return set()
    with db.reading() as session:
        return set(session.exec(select(Statement.id).where(Statement.id.in_(ids))).scalars())
