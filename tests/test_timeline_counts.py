"""Statement counts per side and day, week or month, aggregated in SQL."""

from datetime import date, timedelta

import numpy as np
import pytest
from sqlmodel import select

from desktop.domain.entities import Side, Speaker, Statement
from desktop.domain.filters import StatementFilter
from desktop.services.seed import load_seed
from desktop.services.timeline import Bucket, bucket_end, timeline_counts
from desktop.services.wording import span_words
from desktop.storage.database import Database


@pytest.fixture
def db(tmp_path):
    """Two sides; dates from Sunday 7 Nov to 20 Dec 2021, one statement with no date, one with no side."""
    database = Database(tmp_path / "timeline.db")
    with database.transaction() as session:
        us = Side(name="United States", colour="#1f77b4")
        russia = Side(name="Russia", colour="#d62728")
        session.add_all([us, russia])
        session.flush()
        media = Speaker(name="US media", side_id=us.id)
        peskov = Speaker(name="Dmitry Peskov", side_id=russia.id)
        nobody = Speaker(name="Unknown official")
        session.add_all([media, peskov, nobody])
        session.flush()
        said = [
            (media, None, date(2021, 11, 7)),  # a Sunday
            (media, None, date(2021, 11, 8)),  # the Monday after
            (peskov, None, date(2021, 11, 10)),
            (peskov, us.id, date(2021, 11, 12)),  # counted for its own side
            (peskov, None, date(2021, 12, 20)),
            (nobody, russia.id, date(2021, 11, 10)),
            (nobody, None, date(2021, 11, 10)),  # no side: left out
            (peskov, None, None),  # no date: counted apart
        ]
        session.add_all(
            Statement(text=f"claim {n}", speaker_id=speaker.id, side_id=side_id, said_on=on)
            for n, (speaker, side_id, on) in enumerate(said)
        )
    yield database
    database.close()


def _by_name(counts):
    return {side.name: side.counts.tolist() for side in counts.sides}


def test_days_cover_the_whole_span_with_zeros_between(db):
    counts = timeline_counts(db, StatementFilter(), Bucket.DAY)
    assert counts.starts[0] == np.datetime64("2021-11-07")
    assert counts.starts[-1] == np.datetime64("2021-12-20")
    assert len(counts.starts) == 44
    series = _by_name(counts)
    assert series["United States"][:6] == [1, 1, 0, 0, 0, 1]
    assert series["Russia"][:6] == [0, 0, 0, 2, 0, 0]
    assert series["Russia"][-1] == 1
    assert sum(series["Russia"][6:-1]) == 0
    assert counts.totals() == {"United States": 3, "Russia": 3}


def test_weeks_start_on_monday(db):
    counts = timeline_counts(db, StatementFilter(), Bucket.WEEK)
    assert counts.starts.tolist() == [date(2021, 11, 1) + timedelta(weeks=n) for n in range(8)]
    series = _by_name(counts)
    assert series["United States"] == [1, 2, 0, 0, 0, 0, 0, 0]
    assert series["Russia"] == [0, 2, 0, 0, 0, 0, 0, 1]


def test_months_group_dates_of_one_month(db):
    counts = timeline_counts(db, StatementFilter(), Bucket.MONTH)
    assert counts.starts.tolist() == [date(2021, 11, 1), date(2021, 12, 1)]
    assert _by_name(counts) == {"United States": [3, 0], "Russia": [2, 1]}
    assert [side.colour for side in counts.sides] == ["#1f77b4", "#d62728"]


def test_filters_are_honoured_but_not_their_dates(db):
    with db.reading() as session:
        peskov = session.exec(select(Speaker).where(Speaker.name == "Dmitry Peskov")).one()
        russia = session.exec(select(Side).where(Side.name == "Russia")).one()
    by_speaker = timeline_counts(db, StatementFilter(speaker_id=peskov.id), Bucket.MONTH)
    assert by_speaker.totals() == {"United States": 1, "Russia": 2}
    by_side = timeline_counts(db, StatementFilter(side_id=russia.id), Bucket.MONTH)
    assert by_side.totals() == {"Russia": 3}
    dated = StatementFilter(date_from=date(2021, 12, 1), date_to=date(2021, 12, 31))
    assert timeline_counts(db, dated, Bucket.MONTH).totals() == {"United States": 3, "Russia": 3}


def test_no_dated_statements_give_empty_counts(tmp_path):
    database = Database(tmp_path / "empty.db")
    counts = timeline_counts(database, StatementFilter(), Bucket.WEEK)
    database.close()
    assert len(counts.starts) == 0 and counts.sides == [] and counts.totals() == {}


@pytest.mark.parametrize(
    ("start", "bucket", "end"),
    [
        (date(2021, 11, 10), Bucket.DAY, date(2021, 11, 10)),
        (date(2021, 11, 8), Bucket.WEEK, date(2021, 11, 14)),
        (date(2021, 2, 1), Bucket.MONTH, date(2021, 2, 28)),
        (date(2024, 2, 1), Bucket.MONTH, date(2024, 2, 29)),
        (date(2021, 12, 1), Bucket.MONTH, date(2021, 12, 31)),
    ],
)
def test_bucket_end_is_the_last_day(start, bucket, end):
    assert bucket_end(start, bucket) == end


def _side_id(db, name):
    with db.reading() as session:
        return session.exec(select(Side).where(Side.name == name)).one().id


def test_statements_with_no_date_are_counted_per_side_apart(db):
    counts = timeline_counts(db, StatementFilter(), Bucket.WEEK)
    assert counts.undated_by_side() == {"United States": 0, "Russia": 1}
    assert counts.undated == 1
    assert counts.totals() == {"United States": 3, "Russia": 3}  # the undated one is not in a bucket


def test_only_the_sides_asked_for_are_counted_in_their_order(db):
    us, russia = _side_id(db, "United States"), _side_id(db, "Russia")
    counts = timeline_counts(db, StatementFilter(), Bucket.MONTH, [russia, us])
    assert [side.name for side in counts.sides] == ["Russia", "United States"]
    assert _by_name(timeline_counts(db, StatementFilter(), Bucket.MONTH, [russia])) == {"Russia": [2, 1]}
    assert timeline_counts(db, StatementFilter(), Bucket.MONTH, []).sides == []


def test_a_side_asked_for_is_listed_even_with_nothing_to_count(db):
    with db.transaction() as session:
        ukraine = Side(name="Ukraine", colour="#ffd700")
        session.add(ukraine)
        session.flush()
        ukraine_id = ukraine.id
    counts = timeline_counts(db, StatementFilter(), Bucket.MONTH, [_side_id(db, "Russia"), ukraine_id])
    assert _by_name(counts) == {"Russia": [2, 1], "Ukraine": [0, 0]}
    assert counts.undated_by_side() == {"Russia": 1, "Ukraine": 0}


def test_undated_statements_are_counted_when_none_is_dated(db):
    russia = _side_id(db, "Russia")
    with db.transaction() as session:
        for statement in session.exec(select(Statement)).all():
            statement.said_on = None
    counts = timeline_counts(db, StatementFilter(), Bucket.DAY, [russia])
    assert len(counts.starts) == 0 and counts.totals() == {"Russia": 0}
    assert counts.undated_by_side() == {"Russia": 4}  # Peskov's three of his own side, and one put on it


@pytest.fixture
def seed(tmp_path):
    """The seed story (this module's `db` is a story of its own)."""
    database = Database(tmp_path / "seed.db")
    load_seed(database)
    yield database
    database.close()


def test_the_seed_counts_its_undated_statements_for_the_sides_compared(seed):
    us, russia, ukraine = (_side_id(seed, name) for name in ("United States", "Russia", "Ukraine"))
    counts = timeline_counts(seed, StatementFilter(), Bucket.WEEK, [us, russia])
    assert counts.totals() == {"United States": 4, "Russia": 5}
    assert counts.undated_by_side() == {"United States": 3, "Russia": 4}
    other_pair = timeline_counts(seed, StatementFilter(), Bucket.WEEK, [russia, ukraine])
    assert other_pair.totals() == {"Russia": 5, "Ukraine": 0} and other_pair.undated == 4


@pytest.mark.parametrize(
    ("first", "last", "words"),
    [
        (date(2021, 11, 12), date(2021, 11, 12), "12 Nov 2021"),
        (date(2021, 11, 8), date(2021, 11, 14), "8–14 Nov 2021"),
        (date(2021, 11, 29), date(2021, 12, 5), "29 Nov – 5 Dec 2021"),
        (date(2021, 12, 27), date(2022, 1, 2), "27 Dec 2021 – 2 Jan 2022"),
        (date(2024, 2, 1), date(2024, 2, 29), "February 2024"),
        (date(2024, 2, 1), date(2024, 2, 28), "1–28 Feb 2024"),
    ],
)
def test_a_bucket_s_days_are_put_into_words(first, last, words):
    assert span_words(first, last) == words
