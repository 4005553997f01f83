"""The figures of a dispute (dispute.py) as rows an editor reads: names for ids, days in words, and the long
lists (every timed answer, the queue of unanswered claims) a page at a time, read when shown or exported."""

import math
from dataclasses import dataclass

import numpy as np
from desktop.services.cards import StatementCard, statement_cards
from desktop.services.dispute import Balance, ResponseTimes, Unanswered
from desktop.services.names import NO_SIDE, Names
from desktop.services.statement_columns import StatementColumns
from desktop.services.wording import day_label
from desktop.storage.columns import NO_DAY
from desktop.storage.database import Database

GROUPS = ("side", "speaker", "outlet")  # what response times are told by


def days_words(days: float) -> str:
    """A number of days as a table shows it: '2', '2.5', '—' for none."""
    return "—" if math.isnan(days) else f"{days:,.1f}".removesuffix(".0")


# ---- Response times ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeRow:
    """How fast one side, speaker or outlet answers: claims answered (dated or not), how many of those were
    timed, the median and quartiles of the days, how many answers came before their claim was reported,
    and (for a side) its own claims still unanswered."""

    key: int
    name: str
    colour: str
    answered: int
    timed: int
    median: float
    low: float
    high: float
    early: int
    unanswered: int


def time_rows(times: ResponseTimes, known: Names, group: str) -> list[TimeRow]:
    """A row per answering side, speaker or outlet (`group`), most claims answered first; for sides, also those
    with claims of their own left unanswered."""
    columns = times.columns
    field = {"side": columns.side, "speaker": columns.speaker, "outlet": columns.outlet}[group]
    spread = {"side": times.by_side, "speaker": times.by_speaker, "outlet": times.by_outlet}[group]
    answering = field[times.answer].astype(np.int64)
    keys, answered = np.unique(answering, return_counts=True)
    early = {int(k): int(n) for k, n in zip(*np.unique(answering[times.early], return_counts=True))}
    counts = dict(zip(keys.tolist(), answered.tolist()))
    waiting = times.unanswered if group == "side" else {}
    rows = []
    for key in sorted(set(counts) | set(waiting)):
        timed, median, low, high = spread.row(key)
        colour = known.colour(key) if group == "side" else ""
        rows.append(TimeRow(key, known.of(group, key), colour, counts.get(key, 0), timed, median, low, high,
                            early.get(key, 0), waiting.get(key, 0)))
    return sorted(rows, key=lambda row: (-row.answered, row.name.casefold()))


@dataclass(frozen=True)
class MonthlyMedians:
    """One answering side's median response time per month of the answer: each month's first day (days since
    1970), its median and quartiles, and how many timed answers it rests on."""

    side: int
    name: str
    colour: str
    first_day: np.ndarray
    median: np.ndarray
    low: np.ndarray
    high: np.ndarray
    count: np.ndarray


def monthly_medians(times: ResponseTimes, known: Names) -> list[MonthlyMedians]:
    """The monthly median response time of each answering side, sides by name."""
    found = []
    for side, spread in times.by_side_month.items():
        days = spread.keys.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
        found.append(MonthlyMedians(side, known.side(side), known.colour(side), days, spread.median, spread.low,
                                    spread.high, spread.count))
    return sorted(found, key=lambda series: series.name.casefold())


@dataclass(frozen=True)
class PairRow:
    """A claim and the first answer one side gave it, as shown: texts, speakers, sides and dates in words,
    days (None when either is undated) and whether the answer came before the claim was reported."""

    claim_id: int
    claim: str
    claim_speaker: str
    claim_side: str
    claim_date: str
    answer_id: int
    answer: str
    answer_speaker: str
    answer_side: str
    answer_date: str
    days: int | None
    early: bool

    @property
    def days_words(self) -> str:
        """'2', 'undated', or '-2 (answered before reported)'."""
        if self.days is None:
            return "undated"
        return f"{self.days} (answered before reported)" if self.early else str(self.days)


_GONE = "(deleted since)"


def _said(card: StatementCard | None) -> tuple[str, str, str, str]:
    if card is None:
        return _GONE, "", "", ""
    return card.text, card.speaker_name, card.side_name or NO_SIDE, card.date_label


def pair_rows(db: Database, times: ResponseTimes, start: int, stop: int) -> list[PairRow]:
    """The timed pairs from `start` to `stop` (in claim date order), read from the database."""
    columns = times.columns
    claims = columns.ids[times.claim[start:stop]].tolist()
    answers = columns.ids[times.answer[start:stop]].tolist()
    cards = statement_cards(db, sorted(set(claims) | set(answers)))
    days = times.days[start:stop].tolist()
    dated = times.dated[start:stop].tolist()
    early = times.early[start:stop].tolist()
    return [
        PairRow(c, *_said(cards.get(c)), a, *_said(cards.get(a)), d if is_dated else None, is_early)
        for c, a, d, is_dated, is_early in zip(claims, answers, days, dated, early)
    ]


# ---- Unanswered claims ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    """A claim waiting for an answer, as shown: its age in days (None undated), date, speaker, side, outlet, text."""

    statement_id: int
    age_days: int | None
    date: str
    speaker: str
    side: str
    outlet: str
    text: str


def queue_rows(db: Database, queue: Unanswered, start: int, stop: int) -> list[QueueRow]:
    """The claims of the queue from `start` to `stop` (oldest first), read from the database."""
    ids = queue.columns.ids[queue.positions[start:stop]].tolist()
    ages = queue.age_days[start:stop].tolist()
    cards = statement_cards(db, ids)
    rows = []
    for statement_id, age in zip(ids, ages):
        card = cards.get(statement_id)
        age = None if age < 0 else age
        if card is None:
            rows.append(QueueRow(statement_id, age, "", "", "", "", _GONE))
        else:
            rows.append(QueueRow(statement_id, age, card.date_label, card.speaker_name, card.side_name or NO_SIDE,
                                 card.outlet_name, card.text))
    return rows


def oldest_day(columns: StatementColumns, positions: np.ndarray) -> str:
    """The date of the oldest dated statement among positions in date order, in words ('' when none is dated)."""
    days = columns.day[positions[:1]]
    return day_label(np.datetime64(int(days[0]), "D").astype(object)) if len(days) and days[0] != NO_DAY else ""


# ---- Balance per outlet --------------------------------------------------------------------------


@dataclass(frozen=True)
class OutletRow:
    """One outlet's balance: statements per side (in the order of `BalanceRows.sides`), its answered claims,
    how many of them it also carried an answer to, the median days to that answer, and those carried without."""

    outlet_id: int
    name: str
    per_side: tuple[int, ...]
    answered: int
    replied: int
    reply_days: float

    @property
    def without_reply(self) -> int:
        """Answered claims it carried without carrying any answer."""
        return self.answered - self.replied

    @property
    def reply_words(self) -> str:
        """'2 of 3', or '—' when it carried no answered claim."""
        return f"{self.replied:,} of {self.answered:,}" if self.answered else "—"

    @property
    def reply_share(self) -> float:
        """The share of its answered claims whose answer it carried (-1 with none, sorted last)."""
        return self.replied / self.answered if self.answered else -1.0


@dataclass(frozen=True)
class BalanceRows:
    """Every outlet's balance, with the sides its columns count (names and colours)."""

    sides: tuple[tuple[str, str], ...]
    rows: list[OutletRow]


def balance_rows(found: Balance, known: Names) -> BalanceRows:
    """The balance per outlet as rows, outlets by name."""
    sides = tuple((known.side(side), known.colour(side)) for side in found.sides.tolist())
    rows = [
        OutletRow(outlet, known.of("outlet", outlet), tuple(counts), answered, replied, reply_days)
        for outlet, counts, answered, replied, reply_days in zip(
            found.outlets.tolist(), found.counts.tolist(), found.answered.tolist(), found.replied.tolist(),
            found.reply_days.tolist(),
        )
    ]
    return BalanceRows(sides, sorted(rows, key=lambda row: row.name.casefold()))
