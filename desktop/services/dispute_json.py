"""The figures of a dispute (desktop/services/dispute.py) as plain data for JSON: names, ISO dates, numbers.

`parallax report` prints it; the brief's "How the dispute moved" reads the same figures.
Names are looked up once per table into arrays indexed by id, then taken for every row
at once, and dates are written by numpy, so a million statements print in seconds. A
number that is not there (a median without dated answers) is None, never NaN.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

from desktop.domain.entities import Outlet, Side, Speaker
from desktop.domain.filters import StatementFilter
from desktop.services import catalog
from desktop.services.dispute import DisputeReport, dispute_report
from desktop.services.repeats import RepeatGroup
from desktop.storage.columns import NO_DAY
from desktop.storage.database import Database

NO_SIDE = "No side"  # a statement with no side counts as a side of its own
NO_OUTLET = "No outlet"


@dataclass(frozen=True)
class Names:
    """The names of sides, speakers and outlets as arrays indexed by id (`side[0]` is NO_SIDE)."""

    side: np.ndarray
    speaker: np.ndarray
    outlet: np.ndarray

    def sides(self, ids: np.ndarray) -> list[str]:
        return _taken(self.side, ids, NO_SIDE)

    def speakers(self, ids: np.ndarray) -> list[str]:
        return _taken(self.speaker, ids, "")

    def outlets(self, ids: np.ndarray) -> list[str | None]:
        return _taken(self.outlet, ids, None)


def _lookup(pairs: list[tuple[int, str]], none: str | None) -> np.ndarray:
    names = np.full(max((row_id for row_id, _ in pairs), default=0) + 1, none, dtype=object)
    for row_id, name in pairs:
        names[row_id] = name
    return names


def _taken(names: np.ndarray, ids: np.ndarray, missing) -> list:
    ids = np.asarray(ids, dtype=np.int64)
    inside = (ids >= 0) & (ids < len(names))
    taken = np.full(len(ids), missing, dtype=object)
    taken[inside] = names[ids[inside]]
    return taken.tolist()


def names_of(db: Database) -> Names:
    """Every side, speaker and outlet name, read once."""
    return Names(
        _lookup(catalog.choices(db, Side), NO_SIDE),
        _lookup(catalog.choices(db, Speaker), ""),
        _lookup(catalog.choices(db, Outlet), None),
    )


def iso_dates(days: np.ndarray) -> list[str | None]:
    """Days since 1970 as ISO dates ('2021-11-10'), None where NO_DAY."""
    days = np.asarray(days, dtype=np.int64)
    dated = days != NO_DAY
    written = np.full(len(days), None, dtype=object)
    if dated.any():
        # Each day of the span written once (a few thousand), then taken for every row.
        first, last = int(days[dated].min()), int(days[dated].max())
        span = np.datetime_as_string(np.arange(first, last + 1).astype("datetime64[D]")).astype(object)
        written[dated] = span[days[dated] - first]
    return written.tolist()


def number(value: float) -> float | None:
    """A float for JSON: None for NaN."""
    return None if math.isnan(value) else float(value)


def _counts(values: dict[int, int], side: int) -> int:
    return int(values.get(side, 0))


def response_times_section(report: DisputeReport, names: Names) -> dict:
    """Each kept claim's first answer from each answering side, and per side the median, quartiles and counts."""
    times = report.response_times
    columns = times.columns
    claim_side, answer_side = columns.side[times.claim], columns.side[times.answer]
    days = np.where(times.dated, times.days, 0).tolist()
    items = [
        {"claim": claim, "answer": answer, "claim_side": c_side, "answer_side": a_side, "claim_date": c_date,
         "answer_date": a_date, "days": d if dated else None, "answered_before_reported": early}
        for claim, answer, c_side, a_side, c_date, a_date, d, dated, early in zip(
            columns.ids[times.claim].tolist(), columns.ids[times.answer].tolist(),
            names.sides(claim_side), names.sides(answer_side),
            iso_dates(columns.day[times.claim]), iso_dates(columns.day[times.answer]),
            days, times.dated.tolist(), times.early.tolist(),
        )
    ]
    early = np.bincount(answer_side[times.early], minlength=len(names.side))
    by_side = {}
    for side in sorted(set(times.answered) | set(times.unanswered), key=lambda s: names.sides([s])[0].casefold()):
        count, median, low, high = times.by_side.row(side)
        by_side[names.sides([side])[0]] = {
            "median_days": number(median), "lower_quartile_days": number(low), "upper_quartile_days": number(high),
            "timed": count, "answered": _counts(times.answered, side), "unanswered": _counts(times.unanswered, side),
            "answered_before_reported": int(early[side]) if 0 <= side < len(early) else 0,
        }
    return {"items": items, "by_side": by_side}


def unanswered_section(report: DisputeReport, names: Names) -> list[dict]:
    """The kept claims no other side answered, oldest first, with their age in days (None when undated)."""
    queue = report.unanswered
    columns = queue.columns
    at = queue.positions
    return [
        {"id": statement, "side": side, "speaker": speaker, "outlet": outlet, "date": said, "age_days": age if age >= 0 else None}
        for statement, side, speaker, outlet, said, age in zip(
            columns.ids[at].tolist(), names.sides(columns.side[at]), names.speakers(columns.speaker[at]),
            names.outlets(columns.outlet[at]), iso_dates(columns.day[at]), queue.age_days.tolist(),
        )
    ]


def repeats_section(groups: Iterable[RepeatGroup]) -> list[dict]:
    """Each group of statements saying the same thing: the first said, and every statement of the group."""
    return [{"first": int(group.first), "statements": [int(s) for s in group.statements]} for group in groups]


def balance_section(report: DisputeReport, names: Names) -> list[dict]:
    """Per outlet, most statements first: statements per side and its right of reply."""
    found = report.balance
    sides = names.sides(found.sides)
    share, without = found.right_of_reply, found.without_reply
    order = np.lexsort((found.outlets, -found.counts.sum(axis=1)))
    return [
        {
            "id": int(found.outlets[o]),
            "name": names.outlets(found.outlets[o : o + 1])[0],
            "statements": dict(zip(sides, found.counts[o].tolist())),
            "right_of_reply": {"answered": int(found.answered[o]), "replied": int(found.replied[o]),
                               "share": number(share[o]), "median_days": number(found.reply_days[o])},
            "without_reply": int(without[o]),
        }
        for o in order.tolist()
    ]


def network_section(report: DisputeReport, names: Names) -> dict:
    """Speakers with their side, and an edge per answer direction (answering speaker to speaker answered), most first."""
    graph = report.network
    order = np.lexsort((graph.target, graph.source, -graph.count))
    source, target = graph.source[order], graph.target[order]
    return {
        "speakers": [{"id": s, "name": name, "side": side} for s, name, side in zip(
            graph.speakers.tolist(), names.speakers(graph.speakers), names.sides(graph.sides))],
        "edges": [{"from": a, "to": b, "from_id": a_id, "to_id": b_id, "count": n} for a, b, a_id, b_id, n in zip(
            names.speakers(source), names.speakers(target), source.tolist(), target.tolist(), graph.count[order].tolist())],
    }


def report_data(db: Database, chosen: StatementFilter, today: date, groups: Iterable[RepeatGroup]) -> dict:
    """The whole report under the filter as one JSON-ready object: `response_times`, `unanswered`, `repeats`,
    `balance` and `network` (docs/ANALYSIS.md says what each holds)."""
    report = dispute_report(db, chosen, today)
    names = names_of(db)
    return {
        "response_times": response_times_section(report, names),
        "unanswered": unanswered_section(report, names),
        "repeats": repeats_section(groups),
        "balance": balance_section(report, names),
        "network": network_section(report, names),
    }
