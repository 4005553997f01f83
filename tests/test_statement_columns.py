"""The numpy statement columns follow every change, from this process or another."""

from datetime import date

import numpy as np
from sqlalchemy import select

from desktop.domain.entities import Outlet, Side, Speaker, Statement
from desktop.domain.filters import StatementFilter
from desktop.services import catalog
from desktop.services.operations import CreateRecord, DeleteRecord, UpdateRecord
from desktop.services.statement_columns import columns_for
from desktop.storage.database import Database


def _id(db, model, name):
    return next(row.id for row in catalog.all_rows(db, model) if row.name == name)


def test_columns_match_the_tables_and_follow_edits(seeded_db):
    columns = columns_for(seeded_db)
    assert len(columns) == 16
    russia = _id(seeded_db, Side, "Russia")
    peskov = _id(seeded_db, Speaker, "Dmitry Peskov")
    assert np.count_nonzero(columns.side == russia) == 9

    added = CreateRecord(Statement, {"text": "New.", "speaker_id": peskov, "said_on": date(2022, 2, 1)})
    added.apply(seeded_db)
    columns = columns_for(seeded_db)
    assert len(columns) == 17 and added.created_id in columns.ids
    position = int(np.flatnonzero(columns.ids == added.created_id)[0])
    assert columns.day[position] == np.datetime64("2022-02-01", "D").astype(np.int64)

    UpdateRecord(Statement, added.created_id, {"said_on": None}).apply(seeded_db)
    assert columns_for(seeded_db).mask(seeded_db, StatementFilter(date_from=date(2022, 1, 1))).sum() == 0

    DeleteRecord(Statement, added.created_id).apply(seeded_db)
    assert added.created_id not in columns_for(seeded_db).ids


def test_a_speakers_new_side_moves_their_statements(seeded_db):
    ukraine = _id(seeded_db, Side, "Ukraine")
    peskov = _id(seeded_db, Speaker, "Dmitry Peskov")
    UpdateRecord(Speaker, peskov, {"side_id": ukraine}).apply(seeded_db)
    columns = columns_for(seeded_db)
    assert np.count_nonzero(columns.side == ukraine) == 4


def test_changes_by_another_connection_are_seen(seeded_db):
    other = Database(seeded_db.url)
    try:
        columns_for(seeded_db)
        peskov = _id(other, Speaker, "Dmitry Peskov")
        CreateRecord(Statement, {"text": "From elsewhere.", "speaker_id": peskov}).apply(other)
    finally:
        other.close()
    assert len(columns_for(seeded_db)) == 17


def test_filters_over_columns_agree_with_the_tables(seeded_db):
    columns = columns_for(seeded_db)
    sputnik = _id(seeded_db, Outlet, "Sputnik")
    kept = columns.ids[columns.mask(seeded_db, StatementFilter(outlet_id=sputnik))]
    with seeded_db.reading() as session:
        expected = sorted(session.exec(select(Statement.id).where(Statement.outlet_id == sputnik)).scalars())
    assert sorted(kept.tolist()) == expected
    undated_last = columns.ids[columns.date_order(np.ones(len(columns), dtype=bool))]
    days = columns.day[np.searchsorted(columns.ids, undated_last)]
    known = days[days != np.iinfo(np.int32).min]
    assert np.all(np.diff(known) >= 0) and np.all(days[len(known):] == np.iinfo(np.int32).min)


def test_the_next_opening_reads_the_columns_from_the_cache_and_catches_up(seeded_db, monkeypatch):
    import desktop.services.statement_columns as module

    monkeypatch.setattr(module, "_CACHE_FROM", 1)
    columns_for(seeded_db)
    peskov = _id(seeded_db, Speaker, "Dmitry Peskov")
    CreateRecord(Statement, {"text": "After the cache was written.", "speaker_id": peskov}).apply(seeded_db)

    full_reads = []
    original = module.read_columns
    monkeypatch.setattr(module, "read_columns", lambda connection, ids=None: full_reads.append(ids) or original(connection, ids))
    reopened = Database(seeded_db.url)
    try:
        columns = columns_for(reopened)
        assert len(columns) == 17
        assert None not in full_reads, "the whole table was read again instead of the cache"
    finally:
        reopened.close()
