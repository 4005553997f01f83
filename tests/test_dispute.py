"""The figures of a dispute (desktop/services/dispute.py) on the seed story and on small hand-made cases."""

from datetime import date

import numpy as np
import pytest
from sqlmodel import select

from desktop.domain.entities import Link, Outlet, Side, Speaker, Statement
from desktop.domain.filters import StatementFilter
from desktop.services.dispute import balance, dispute_report, network, response_times, spread_by, unanswered
from desktop.services.statement_columns import columns_for


def _ids(db, model, field="name"):
    with db.reading() as session:
        return {getattr(row, field): row.id for row in session.exec(select(model))}


def _statement_ids(db, positions):
    return [int(i) for i in columns_for(db).ids[positions]]


def _seed_statement(db, beginning: str) -> int:
    with db.reading() as session:
        return session.exec(select(Statement.id).where(Statement.text.startswith(beginning))).one()


def test_peskov_answers_blinken_two_days_later_on_the_seed(seeded_db):
    times = response_times(seeded_db)
    sides, speakers = _ids(seeded_db, Side), _ids(seeded_db, Speaker)
    dated = [(int(c), int(a), int(d)) for c, a, d in zip(*(v[times.dated] for v in (times.claim, times.answer, times.days)))]
    columns = times.columns
    assert {(int(columns.speaker[c]), int(columns.speaker[a]), d) for c, a, d in dated} == {
        (speakers["Antony Blinken"], speakers["Dmitry Peskov"], 2)
    }
    assert len(dated) == 2  # "unusual activities" and "escalation" both answered on 12 Nov
    assert times.by_side.row(sides["Russia"])[:2] == (2, 2.0)
    assert times.by_speaker.row(speakers["Dmitry Peskov"])[:2] == (2, 2.0)
    assert times.answered == {sides["Russia"]: 6}  # six US claims answered, most without a date
    assert not times.early.any()


def test_only_blinkens_monitoring_is_left_unanswered_on_the_seed(seeded_db):
    queue = unanswered(seeded_db, today=date(2021, 11, 20))
    monitoring = _seed_statement(seeded_db, "The United States is closely monitoring")
    assert _statement_ids(seeded_db, queue.positions) == [monitoring]
    assert queue.age_days.tolist() == [10]


def test_right_of_reply_per_outlet_on_the_seed(seeded_db):
    found = balance(seeded_db)
    outlets = _ids(seeded_db, Outlet)
    by_outlet = {int(o): i for i, o in enumerate(found.outlets)}
    republic, ap, sputnik = (by_outlet[outlets[name]] for name in ("Republic World", "The Associated Press", "Sputnik"))
    # Republic World carried the invasion, build-up and Biden claims, and answers to the first two.
    assert (found.answered[republic], found.replied[republic]) == (3, 2)
    assert (found.answered[ap], found.replied[ap]) == (3, 2)
    assert found.answered[sputnik] == 0 and np.isnan(found.right_of_reply[sputnik])
    assert found.without_reply[republic] == 1
    assert found.counts.sum() == 16


def test_who_answers_whom_on_the_seed(seeded_db):
    speakers = _ids(seeded_db, Speaker)
    graph = network(seeded_db)
    edges = {(int(a), int(b)): int(n) for a, b, n in zip(graph.source, graph.target, graph.count)}
    assert edges[(speakers["Dmitry Peskov"], speakers["Several US media outlets"])] == 4
    assert edges[(speakers["Dmitry Polyansky"], speakers["Antony Blinken"])] == 3
    assert sum(edges.values()) == 14  # every rebuts and responds_to link of the seed crosses sides
    assert speakers["Antony Blinken"] in graph.speakers


@pytest.fixture
def two_camps(db):
    """Two sides, a speaker each, one outlet each, and statements added by `say`."""
    with db.transaction() as session:
        east, west = Side(name="East"), Side(name="West")
        session.add_all([east, west])
        session.flush()
        speakers = [Speaker(name="Ann", side_id=east.id), Speaker(name="Bob", side_id=west.id)]
        outlets = [Outlet(name="East Wire"), Outlet(name="West Post")]
        session.add_all(speakers + outlets)
    return db, [s.id for s in speakers], [o.id for o in outlets], (east.id, west.id)


def _say(db, speaker, outlet, said_on, text="A claim.", **links) -> int:
    with db.transaction() as session:
        statement = Statement(text=text, speaker_id=speaker, outlet_id=outlet, said_on=said_on)
        session.add(statement)
        session.flush()
        for kind, targets in links.items():
            for target in targets:
                session.add(Link(from_id=statement.id, to_id=target, type=kind))
        return statement.id


def test_an_answer_dated_before_its_claim_is_flagged_and_left_out_of_the_median(two_camps):
    db, (ann, bob), (east_wire, west_post), (east, west) = two_camps
    claim = _say(db, ann, east_wire, date(2022, 3, 10))
    _say(db, bob, west_post, date(2022, 3, 8), rebuts=[claim])  # a pre-emptive denial, or a wrong date
    other = _say(db, ann, east_wire, date(2022, 3, 1))
    _say(db, bob, west_post, date(2022, 3, 5), responds_to=[other])
    _say(db, bob, west_post, date(2022, 3, 4), rebuts=[other])  # the earlier answer is the one timed
    times = response_times(db)
    assert sorted(zip(times.days.tolist(), times.early.tolist())) == [(-2, True), (3, False)]
    assert times.by_side.row(west)[:2] == (1, 3.0)
    assert times.answered == {west: 2}


def test_an_answer_from_the_same_side_leaves_a_claim_unanswered(two_camps):
    db, (ann, bob), (east_wire, _), (east, west) = two_camps
    claim = _say(db, ann, east_wire, date(2022, 3, 10))
    _say(db, ann, east_wire, date(2022, 3, 11), rebuts=[claim])
    queue = unanswered(db)
    assert claim in _statement_ids(db, queue.positions)
    assert response_times(db).unanswered == {east: 2}  # the same-side rebuttal answers no other side: a claim too
    assert len(network(db).source) == 0


def test_a_claim_answered_after_the_chosen_dates_is_still_answered(two_camps):
    db, (ann, bob), (east_wire, west_post), _ = two_camps
    claim = _say(db, ann, east_wire, date(2022, 3, 10))
    _say(db, bob, west_post, date(2022, 5, 1), rebuts=[claim])
    march = StatementFilter(date_from=date(2022, 3, 1), date_to=date(2022, 3, 31))
    assert len(unanswered(db, march)) == 0
    assert response_times(db, march).days.tolist() == [52]  # kept by its claim
    report = dispute_report(db, StatementFilter(speaker_id=bob))
    assert report.response_times.days.tolist() == [52]  # kept by its answer
    assert len(report.unanswered) == 0  # Bob's rebuttal is no claim


def test_spread_by_gives_each_groups_median_and_quartiles():
    keys = np.array([2, 1, 2, 1, 2, 2])
    values = np.array([4, 10, 1, 20, 3, 2])
    spread = spread_by(keys, values)
    assert spread.keys.tolist() == [1, 2]
    assert spread.count.tolist() == [2, 4]
    assert spread.median.tolist() == [15.0, 2.5]
    assert spread.low.tolist() == [np.quantile([10, 20], 0.25), np.quantile([1, 2, 3, 4], 0.25)]
    assert spread.high.tolist() == [np.quantile([10, 20], 0.75), np.quantile([1, 2, 3, 4], 0.75)]
    assert spread.row(3)[0] == 0


def test_an_outlets_reply_dated_before_its_claim_is_left_out_of_its_days_to_reply(two_camps):
    db, (ann, bob), (east_wire, _), _ = two_camps
    claim = _say(db, ann, east_wire, date(2022, 3, 10))
    _say(db, bob, east_wire, date(2022, 3, 1), rebuts=[claim])  # carried by the same outlet, dated before the claim
    later = _say(db, ann, east_wire, date(2022, 4, 1))
    _say(db, bob, east_wire, date(2022, 4, 4), rebuts=[later])
    found = balance(db)
    wire = list(found.outlets).index(east_wire)
    assert (found.answered[wire], found.replied[wire]) == (2, 2)
    assert found.reply_days[wire] == 3.0  # not the median of -9 and 3
