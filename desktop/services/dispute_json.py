"""The figures of a dispute (desktop/services/dispute.py) as plain data for JSON: names, ISO dates, numbers.

`parallax report` prints it; the brief's "How the dispute moved" reads the same figures.
Names are looked up once per table into arrays indexed by id, then taken for every row
at once, and dates are written by numpy, so a million statements print in seconds. A
number that is not there (a median without dated answers) is None, never NaN.
"""

import math
from collections.abc import Iterable
from datetime import date

import numpy as np

from desktop.domain.filters import StatementFilter
from desktop.services.dispute import DisputeReport, dispute_report
from desktop.services.names import Names, names
from desktop.services.repeats import RepeatGroup
from desktop.storage.columns import NO_DAY
from desktop.storage.database import Database

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


def response_times_section(report: DisputeReport, known: Names) -> dict:
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
            known.each("side", claim_side), known.each("side", answer_side),
            iso_dates(columns.day[times.claim]), iso_dates(columns.day[times.answer]),
            days, times.dated.tolist(), times.early.tolist(),
        )
    ]
    early = np.bincount(answer_side[times.early], minlength=max(known.sides, default=0) + 1)
    by_side = {}
    for side in sorted(set(times.answered) | set(times.unanswered), key=lambda s: known.side(s).casefold()):
        count, median, low, high = times.by_side.row(side)
        by_side[known.side(side)] = {
            "median_days": number(median), "lower_quartile_days": number(low), "upper_quartile_days": number(high),
            "timed": count, "answered": _counts(times.answered, side), "unanswered": _counts(times.unanswered, side),
            "answered_before_reported": int(early[side]) if 0 <= side < len(early) else 0,
        }
    return {"items": items, "by_side": by_side}


def unanswered_section(report: DisputeReport, known: Names) -> list[dict]:
    """The kept claims no other side answered, oldest first, with their age in days (None when undated)."""
    queue = report.unanswered
    columns = queue.columns
    at = queue.positions
    return [
        {"id": statement, "side": side, "speaker": speaker, "outlet": outlet, "date": said, "age_days": age if age >= 0 else None}
        for statement, side, speaker, outlet, said, age in zip(
            columns.ids[at].tolist(), known.each("side", columns.side[at]), known.each("speaker", columns.speaker[at]),
            known.each("outlet", columns.outlet[at], None), iso_dates(columns.day[at]), queue.age_days.tolist(),
        )
    ]


def repeats_section(groups: Iterable[RepeatGroup]) -> list[dict]:
    """Each group of statements saying the same thing: the first said, and every statement of the group."""
    return [{"first": int(group.first), "statements": [int(s) for s in group.statements]} for group in groups]


def balance_section(report: DisputeReport, known: Names) -> list[dict]:
    """Per outlet, most statements first: statements per side and its right of reply."""
    found = report.balance
    sides = known.each("side", found.sides)
    share, without = found.right_of_reply, found.without_reply
    order = np.lexsort((found.outlets, -found.counts.sum(axis=1)))
    return [
        {
            "id": int(found.outlets[o]),
            "name": known.outlets.get(int(found.outlets[o])),
            "statements": dict(zip(sides, found.counts[o].tolist())),
            "right_of_reply": {"answered": int(found.answered[o]), "replied": int(found.replied[o]),
                               "share": number(share[o]), "median_days": number(found.reply_days[o])},
            "without_reply": int(without[o]),
        }
        for o in order.tolist()
    ]


def network_section(report: DisputeReport, known: Names) -> dict:
    """Speakers with their side, and an edge per answer direction (answering speaker to speaker answered), most first."""
    graph = report.network
    order = np.lexsort((graph.target, graph.source, -graph.count))
    source, target = graph.source[order], graph.target[order]
    return {
        "speakers": [{"id": s, "name": name, "side": side} for s, name, side in zip(
            graph.speakers.tolist(), known.each("speaker", graph.speakers), known.each("side", graph.sides))],
        "edges": [{"from": a, "to": b, "from_id": a_id, "to_id": b_id, "count": n} for a, b, a_id, b_id, n in zip(
            known.each("speaker", source), known.each("speaker", target), source.tolist(), target.tolist(), graph.count[order].tolist())],
    }


def report_data(db: Database, chosen: StatementFilter, today: date, groups: Iterable[RepeatGroup]) -> dict:
    """The whole report under the filter as one JSON-ready object: `response_times`, `unanswered`, `repeats`,
    `balance` and `network` (docs/ANALYSIS.md says what each holds)."""
    report = dispute_report(db, chosen, today)
    known = names(db)
    return {
        "response_times": response_times_section(report, known),
        "unanswered": unanswered_section(report, known),
        "repeats": repeats_section(groups),
        "balance": balance_section(report, known),
        "network": network_section(report, known),
    }
