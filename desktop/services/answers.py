"""Answers across sides read from the link table: which statement answers which, as positions in the statement
columns, worked out once per columns (the words are those of docs/ANALYSIS.md: an answer is a `rebuts` or
`responds_to` link from a statement to one of another side; a claim is a statement that answers nothing)."""

import threading
import weakref
from dataclasses import dataclass

import numpy as np

from desktop.domain.values import LinkType
from desktop.services.statement_columns import StatementColumns
from desktop.storage.columns import LINK_TYPES, NO_DAY, read_links
from desktop.storage.database import Database

ANSWERS = (LinkType.REBUTS, LinkType.RESPONDS_TO)
_ANSWER_CODES = [LINK_TYPES.index(kind.value) for kind in ANSWERS]

_lock = threading.Lock()
_pairs_read: "weakref.WeakKeyDictionary[StatementColumns, AnswerPairs]" = weakref.WeakKeyDictionary()


def links_for(db: Database, columns: StatementColumns) -> dict[str, np.ndarray]:
    """Every link (id, from, to, type code in LINK_TYPES) as read for these columns: read once per change."""
    cache = db.caches.setdefault("link_columns", {})
    with _lock:
        known = cache.get("links")
        if known is not None and known[0] == columns.seq:
            return known[1]
    with db.engine.connect() as connection:
        links = read_links(connection)
    with _lock:
        cache["links"] = (columns.seq, links)
    return links


@dataclass(frozen=True)
class AnswerPairs:
    """Every answer across sides as positions in the columns: `claim[i]` is answered by `answer[i]` through
    link `link[i]`; `days[i]` is the answer's day less the claim's, valid where `dated[i]`."""

    claim: np.ndarray
    answer: np.ndarray
    link: np.ndarray
    days: np.ndarray
    dated: np.ndarray

    def __len__(self) -> int:
        return len(self.claim)

    def kept(self, keep: np.ndarray) -> "AnswerPairs":
        """The pairs whose claim or answer the filter keeps."""
        return self.where(keep[self.claim] | keep[self.answer])

    def where(self, chosen: np.ndarray) -> "AnswerPairs":
        """The pairs a boolean array over them chooses."""
        return AnswerPairs(*(values[chosen] for values in (self.claim, self.answer, self.link, self.days, self.dated)))


def answer_pairs(db: Database, columns: StatementColumns) -> AnswerPairs:
    """The answers across sides among the statements of the columns, worked out once per columns."""
    with _lock:
        known = _pairs_read.get(columns)
    if known is None:
        known = pair_answers(columns, links_for(db, columns))
        with _lock:
            _pairs_read[columns] = known
    return known


def pair_answers(columns: StatementColumns, links: dict[str, np.ndarray]) -> AnswerPairs:
    """The answers across sides among these links (as `read_links` gives them) and statements."""
    is_answer = np.isin(links["type"], _ANSWER_CODES)
    answer = columns.positions(links["from"][is_answer])
    claim = columns.positions(links["to"][is_answer])
    link = links["id"][is_answer]
    present = (answer >= 0) & (claim >= 0)
    answer, claim, link = answer[present], claim[present], link[present]
    across = columns.side[answer] != columns.side[claim]
    answer, claim, link = answer[across], claim[across], link[across]
    answer_day, claim_day = columns.day[answer], columns.day[claim]
    dated = (answer_day != NO_DAY) & (claim_day != NO_DAY)
    days = np.where(dated, answer_day.astype(np.int64) - claim_day, 0).astype(np.int32)
    return AnswerPairs(claim, answer, link, days, dated)


def claim_mask(columns: StatementColumns, pairs: AnswerPairs) -> np.ndarray:
    """Which positions hold claims: live statements that answer nothing across sides."""
    claims = columns.live
    claims[pairs.answer] = False
    return claims


def answers_between(db: Database, columns: StatementColumns, answering: int, answered: int) -> np.ndarray:
    """Which positions hold an answer by one speaker to a statement of another, or a statement so answered."""
    pairs = answer_pairs(db, columns)
    chosen = (columns.speaker[pairs.answer] == answering) & (columns.speaker[pairs.claim] == answered)
    found = np.zeros(len(columns), dtype=bool)
    found[pairs.answer[chosen]] = True
    found[pairs.claim[chosen]] = True
    return found
