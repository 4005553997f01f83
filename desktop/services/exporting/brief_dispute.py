"""The brief's "How the dispute moved": how fast each side answered, what is still unanswered, how many lines
were repeated, and which outlets carried a claim without its answer, under the brief's filter."""

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from desktop.domain.filters import StatementFilter
from desktop.services.cards import StatementCard, statement_cards
from desktop.services.dispute import balance, response_times, unanswered
from desktop.services.dispute_json import RepeatGroup, number
from desktop.services.names import names
from desktop.storage.database import Database

OLDEST_SHOWN = 3  # unanswered claims the brief quotes


@dataclass(frozen=True)
class AnsweringSide:
    """How one side answered the claims of the others: how many it answered, per side answered (most first),
    how many of those answers are dated after their claim, and their median and quartiles in days."""

    name: str
    colour: str
    answered: int
    of_sides: tuple[tuple[str, int], ...]
    timed: int
    median_days: float | None
    low_days: float | None
    high_days: float | None
    before_reported: int


@dataclass(frozen=True)
class DisputeMoves:
    """What the brief says of how the dispute moved."""

    answering: tuple[AnsweringSide, ...]
    unanswered: int
    oldest: tuple[StatementCard, ...]  # the oldest unanswered claims, up to OLDEST_SHOWN
    repeat_groups: int
    without_reply: tuple[tuple[str, int], ...]  # outlet, claims it carried without any answer to them; most first


def dispute_moves(db: Database, chosen: StatementFilter, groups: Iterable[RepeatGroup]) -> DisputeMoves:
    """How the dispute moved among the statements the filter keeps (desktop/services/dispute.py's words)."""
    known = names(db)
    times = response_times(db, chosen)
    answering_side, claim_side = times.columns.side[times.answer], times.columns.side[times.claim]
    answering = []
    for side in sorted(times.answered, key=lambda s: (-times.answered[s], known.side(s).casefold())):
        answered_sides, counts = np.unique(claim_side[answering_side == side], return_counts=True)
        of_sides = sorted(zip(known.each("side", answered_sides), counts.tolist()), key=lambda pair: (-pair[1], pair[0].casefold()))
        timed, median, low, high = times.by_side.row(side)
        answering.append(AnsweringSide(
            known.side(side), known.colour(side), times.answered[side], tuple(of_sides), timed,
            number(median), number(low), number(high), int(np.count_nonzero(times.early & (answering_side == side))),
        ))
    queue = unanswered(db, chosen)
    oldest_ids = queue.columns.ids[queue.positions[:OLDEST_SHOWN]].tolist()
    cards = statement_cards(db, oldest_ids)
    found = balance(db, chosen)
    carried = zip(known.each("outlet", found.outlets), found.without_reply.tolist())
    without_reply = sorted(((name, count) for name, count in carried if count > 0), key=lambda pair: (-pair[1], pair[0].casefold()))
    return DisputeMoves(
        tuple(answering),
        len(queue),
        tuple(cards[statement] for statement in oldest_ids if statement in cards),
        sum(1 for _ in groups),
        tuple(without_reply),
    )

