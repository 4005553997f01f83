"""How a dispute moves: who answers whom, how fast, what stays unanswered, and which outlets carry the reply.

Words (docs/ANALYSIS.md says them for editors):
- An **answer** is a `rebuts` or `responds_to` link between statements of different
  sides (a statement with no side counts as a side of its own). Links run from the
  answer to the statement it answers.
- A **claim** is a statement that answers nothing.
- The **response time** of a claim for one answering side is the days from the claim to
  that side's earliest dated answer; an answer dated before its claim is "answered
  before reported" (a pre-emptive denial, or a wrong date) and is left out of medians.

Each figure follows the filter: the claims are those the filter keeps, while an answer
counts wherever it is, so a claim answered after the chosen dates is still answered. An
answer pair is counted when its claim or its answer is kept. Everything is worked out
in numpy over the statement columns and the link table (no loop over rows), so each
figure takes well under a second on a million statements; call these off the GUI thread.
"""

from dataclasses import dataclass
from datetime import date

import numpy as np

from desktop.domain.filters import StatementFilter
from desktop.services.answers import answer_pairs, claim_mask
from desktop.services.filtering import mask
from desktop.services.statement_columns import StatementColumns, columns_for
from desktop.storage.columns import NO_DAY
from desktop.storage.database import Database


# ---- Medians per group ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Spread:
    """Per group (`keys`, ascending): how many values, and their median and quartiles (nan without values)."""

    keys: np.ndarray
    count: np.ndarray
    median: np.ndarray
    low: np.ndarray
    high: np.ndarray

    def row(self, key: int) -> tuple[int, float, float, float]:
        """(count, median, lower quartile, upper quartile) of one group; (0, nan, nan, nan) for a group not present."""
        where = np.searchsorted(self.keys, key)
        if where < len(self.keys) and self.keys[where] == key:
            return int(self.count[where]), float(self.median[where]), float(self.low[where]), float(self.high[where])
        return 0, float("nan"), float("nan"), float("nan")


def spread_by(keys: np.ndarray, values: np.ndarray) -> Spread:
    """Median and quartiles of `values` within each key, by one sort (linear interpolation, as numpy's)."""
    order = np.lexsort((values, keys))
    keys, values = keys[order], values[order].astype(np.float64)
    groups, starts, counts = np.unique(keys, return_index=True, return_counts=True)

    def quantile(q: float) -> np.ndarray:
        at = starts + (counts - 1) * q
        below = np.floor(at).astype(np.int64)
        above = np.minimum(below + 1, starts + counts - 1)
        return values[below] + (values[above] - values[below]) * (at - below) if len(values) else at

    return Spread(groups, counts, quantile(0.5), quantile(0.25), quantile(0.75))


# ---- Response times ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseTimes:
    """Each kept claim's first answer from each answering side (positions in the columns, in claim date order),
    with the spread of response times per answering side, speaker, outlet and month of the answer.

    `days` is valid where `dated`; `early` marks answers dated before their claim, which the
    spreads leave out. A month is counted as months since January 1970.
    """

    columns: StatementColumns
    claim: np.ndarray
    answer: np.ndarray
    days: np.ndarray
    dated: np.ndarray
    early: np.ndarray
    by_side: Spread
    by_speaker: Spread
    by_outlet: Spread
    by_side_month: dict[int, Spread]
    answered: dict[int, int]  # per answering side: claims it answered (dated or not)
    unanswered: dict[int, int]  # per side: its kept claims that no other side answered

    def __len__(self) -> int:
        return len(self.claim)


def _undated_last(days: np.ndarray) -> np.ndarray:
    return np.where(days == NO_DAY, np.iinfo(np.int32).max, days)


def _months(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def response_times(db: Database, chosen: StatementFilter = StatementFilter()) -> ResponseTimes:
    """How fast each side answers the claims the filter keeps (see the module's words)."""
    columns = columns_for(db)
    keep = mask(db, columns, chosen)
    all_pairs = answer_pairs(db, columns)
    claims = claim_mask(columns, all_pairs)
    pairs = all_pairs.kept(keep)
    pairs = pairs.where(claims[pairs.claim])
    side = columns.side
    answer_side = side[pairs.answer].astype(np.int64)
    # The earliest dated answer of each answering side to each claim (undated answers after every dated one),
    # then these first answers in their claims' date order.
    order = np.lexsort((columns.ids[pairs.answer], _undated_last(columns.day[pairs.answer]), answer_side, pairs.claim))
    group = pairs.claim[order].astype(np.int64) * (int(side.max(initial=0)) + 1) + answer_side[order]
    first = order[np.r_[True, group[1:] != group[:-1]]] if len(order) else order
    first = first[np.lexsort((columns.ids[pairs.claim[first]], _undated_last(columns.day[pairs.claim[first]])))]
    claim, answer, days, dated = pairs.claim[first], pairs.answer[first], pairs.days[first], pairs.dated[first]
    early = dated & (days < 0)
    timed = dated & ~early
    answering = side[answer]
    by_month = {}
    for side_id in np.unique(answering[timed]):
        chosen_side = timed & (answering == side_id)
        by_month[int(side_id)] = spread_by(_months(columns.day[answer[chosen_side]]), days[chosen_side])
    answered_sides, answered_counts = np.unique(answering, return_counts=True)
    kept_claims = claims & keep
    has_answer = np.zeros(len(columns), dtype=bool)
    has_answer[all_pairs.claim] = True
    open_sides, open_counts = np.unique(side[kept_claims & ~has_answer], return_counts=True)
    return ResponseTimes(
        columns, claim, answer, days, dated, early,
        spread_by(answering[timed], days[timed]),
        spread_by(columns.speaker[answer[timed]], days[timed]),
        spread_by(columns.outlet[answer[timed]], days[timed]),
        by_month,
        {int(s): int(n) for s, n in zip(answered_sides, answered_counts)},
        {int(s): int(n) for s, n in zip(open_sides, open_counts)},
    )


# ---- Unanswered claims ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Unanswered:
    """The kept claims no other side has answered, oldest first (undated last): positions in the columns and
    each one's age in days on `today` (-1 when undated)."""

    columns: StatementColumns
    positions: np.ndarray
    age_days: np.ndarray
    today: date

    def __len__(self) -> int:
        return len(self.positions)


def unanswered(db: Database, chosen: StatementFilter = StatementFilter(), today: date | None = None) -> Unanswered:
    """The queue of claims still waiting for an answer from another side, oldest first."""
    today = today or date.today()
    columns = columns_for(db)
    pairs = answer_pairs(db, columns)
    waiting = claim_mask(columns, pairs) & mask(db, columns, chosen)
    waiting[pairs.claim] = False
    positions = columns.date_order(waiting)
    day = columns.day[positions]
    now = int(np.datetime64(today, "D").astype(np.int64))
    age = np.where(day == NO_DAY, -1, now - day.astype(np.int64))
    return Unanswered(columns, positions, age, today)


# ---- Balance per outlet --------------------------------------------------------------------------


@dataclass(frozen=True)
class Balance:
    """Per outlet (`outlets`, ids ascending): the kept statements it carried per side (`counts[o, s]` for side
    `sides[s]`), and its right of reply: of the kept claims it carried that another side answered anywhere
    (`answered`), how many it also carried an answer to (`replied`), the median days to the first answer it
    carried (answers dated before their claim left out; nan when none is timed), and how many it carried
    without any answer (`without_reply`)."""

    outlets: np.ndarray
    sides: np.ndarray
    counts: np.ndarray
    answered: np.ndarray
    replied: np.ndarray
    reply_days: np.ndarray

    @property
    def without_reply(self) -> np.ndarray:
        """Per outlet: answered claims it carried while carrying none of their answers."""
        return self.answered - self.replied

    @property
    def right_of_reply(self) -> np.ndarray:
        """Per outlet: the share of its answered claims whose answer it also carried (nan with none answered)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.answered > 0, self.replied / np.maximum(self.answered, 1), np.nan)


def balance(db: Database, chosen: StatementFilter = StatementFilter()) -> Balance:
    """Statements per side and the right of reply, for every outlet that carried a kept statement."""
    columns = columns_for(db)
    keep = mask(db, columns, chosen) & (columns.outlet > 0)
    sides, side_index = np.unique(columns.side[keep], return_inverse=True)
    outlets, outlet_index = np.unique(columns.outlet[keep], return_inverse=True)
    counts = np.bincount(outlet_index * len(sides) + side_index, minlength=len(outlets) * len(sides))
    counts = counts.reshape(len(outlets), len(sides))
    all_pairs = answer_pairs(db, columns)
    pairs = all_pairs.where(keep[all_pairs.claim] & claim_mask(columns, all_pairs)[all_pairs.claim])
    claim_outlet = columns.outlet[pairs.claim]
    carried = claim_outlet == columns.outlet[pairs.answer]
    answered_claims = np.unique(pairs.claim)
    replied_claims = np.unique(pairs.claim[carried])
    where = np.searchsorted(outlets, columns.outlet[answered_claims])
    answered = np.bincount(where, minlength=len(outlets))
    replied = np.bincount(np.searchsorted(outlets, columns.outlet[replied_claims]), minlength=len(outlets))
    # The first answer each outlet carried to each of its claims: the smallest days among its dated pairs, an
    # answer dated before its claim left out as response times leave it out.
    timed = carried & pairs.dated & (pairs.days >= 0)
    order = np.lexsort((pairs.days[timed], pairs.claim[timed]))
    claim_sorted = pairs.claim[timed][order]
    first = order[np.r_[True, claim_sorted[1:] != claim_sorted[:-1]]] if len(order) else order
    delays = spread_by(np.searchsorted(outlets, claim_outlet[timed][first]), pairs.days[timed][first])
    reply_days = np.full(len(outlets), np.nan)
    reply_days[delays.keys] = delays.median
    return Balance(outlets, sides, counts, answered, replied, reply_days)


# ---- Who answers whom ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Network:
    """Speakers joined by answers: an edge from each answering speaker to each speaker answered, with how
    many answers (`count`) run that way; `speakers` are every speaker on an edge, ascending, with `sides`."""

    speakers: np.ndarray
    sides: np.ndarray
    source: np.ndarray
    target: np.ndarray
    count: np.ndarray


def network(db: Database, chosen: StatementFilter = StatementFilter()) -> Network:
    """Who answers whom among the answer pairs the filter touches."""
    columns = columns_for(db)
    pairs = answer_pairs(db, columns).kept(mask(db, columns, chosen))
    source = columns.speaker[pairs.answer].astype(np.int64)
    target = columns.speaker[pairs.claim].astype(np.int64)
    width = int(max(source.max(initial=0), target.max(initial=0))) + 1
    edges, count = np.unique(source * width + target, return_counts=True)
    speakers = np.union1d(source, target)
    known = columns.speaker_sides
    sides = np.where(speakers < len(known), known[np.minimum(speakers, len(known) - 1)], 0) if len(known) else speakers * 0
    return Network(speakers, sides.astype(np.int64), edges // width, edges % width, count)


# ---- All of it -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DisputeReport:
    """The four figures of a dispute under one filter."""

    response_times: ResponseTimes
    unanswered: Unanswered
    balance: Balance
    network: Network


def dispute_report(db: Database, chosen: StatementFilter = StatementFilter(), today: date | None = None) -> DisputeReport:
    """Response times, unanswered claims, balance per outlet and who answers whom, under the filter."""
    return DisputeReport(response_times(db, chosen), unanswered(db, chosen, today), balance(db, chosen), network(db, chosen))
