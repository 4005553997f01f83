"""The numpy statement columns follow every change, from this process or another."""

from datetime import date

import numpy as np
from sqlalchemy import select

from desktop.domain.entities import Outlet, Side, Speaker, Statement
from desktop.domain.filters import StatementFilter
from desktop.services import catalog
from desktop.services.filtering import mask
from desktop.services.operations import CreateRecord, DeleteRecord, UpdateRecord
from desktop.services.statement_columns import columns_at_hand, columns_for
from desktop.storage.columns import FIELDS, NO_DAY, read_columns
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
    assert mask(seeded_db, columns_for(seeded_db), StatementFilter(date_from=date(2022, 1, 1))).sum() == 0

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
    kept = columns.ids[mask(seeded_db, columns, StatementFilter(outlet_id=sputnik))]
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


def _stored(db):
    """What the columns should hold, worked out row by row in Python."""
    with db.reading() as session:
        rows = session.execute(
            select(
                Statement.id, Statement.side_id, Statement.speaker_id, Statement.outlet_id, Statement.story_id,
                Statement.said_on,
            ).order_by(Statement.id)
        ).all()
    return {
        "id": [row.id for row in rows],
        "own_side": [row.side_id or 0 for row in rows],
        "speaker": [row.speaker_id for row in rows],
        "outlet": [row.outlet_id or 0 for row in rows],
        "story": [row.story_id or 0 for row in rows],
        "day": [NO_DAY if row.said_on is None else (row.said_on - date(1970, 1, 1)).days for row in rows],
    }


def test_reading_in_chunks_gives_every_statement_as_stored(seeded_db, monkeypatch):
    import desktop.storage.columns as module

    nobody = CreateRecord(Speaker, {"name": "Nobody in particular"})
    nobody.apply(seeded_db)
    russia = _id(seeded_db, Side, "Russia")
    for values in (
        {"text": "Undated, side-less, no outlet.", "speaker_id": nobody.created_id},
        {"text": "Before 1970.", "speaker_id": nobody.created_id, "said_on": date(1969, 12, 31)},
        {"text": "Leap day.", "speaker_id": nobody.created_id, "said_on": date(2020, 2, 29), "side_id": russia},
    ):
        CreateRecord(Statement, values).apply(seeded_db)
    monkeypatch.setattr(module, "_CHUNK", 3)
    expected = _stored(seeded_db)
    with seeded_db.engine.connect() as connection:
        whole = read_columns(connection)
        some = read_columns(connection, expected["id"][::-2])
    assert {name: values.tolist() for name, values in whole.items()} == expected
    assert {name: values.tolist() for name, values in some.items()} == {
        name: sorted(values[::-2]) if name == "id" else values[::-2][::-1] for name, values in expected.items()
    }
    assert whole["id"].dtype == np.int64 and all(whole[name].dtype == np.int32 for name in FIELDS[1:])
    assert NO_DAY in whole["day"] and 0 in whole["own_side"] and 0 in whole["outlet"] and 0 in whole["story"]


def test_columns_at_hand_are_current_or_none_and_never_read_on_the_calling_thread(seeded_db, monkeypatch):
    import desktop.services.statement_columns as module

    assert columns_at_hand(seeded_db) is None, "nothing read yet: the caller reads in the background"
    read = columns_for(seeded_db)
    assert columns_at_hand(seeded_db) is read
    with module._keeper(seeded_db)._lock:  # another thread catching up does not hide current columns
        assert columns_at_hand(seeded_db, small=100) is read
    peskov = _id(seeded_db, Speaker, "Dmitry Peskov")
    CreateRecord(Statement, {"text": "One more.", "speaker_id": peskov}).apply(seeded_db)
    monkeypatch.setattr(module, "read_columns", None)  # any read on this thread would fail
    assert columns_at_hand(seeded_db) is None, "a change is caught up by whoever calls columns_for"
    assert columns_at_hand(seeded_db, small=15) is None, "16 statements are more than small"
    monkeypatch.undo()
    caught_up = columns_at_hand(seeded_db, small=16)
    assert caught_up.count == 17 and columns_at_hand(seeded_db) is caught_up is columns_for(seeded_db)


def test_a_large_first_read_is_left_to_whoever_can_wait(seeded_db, monkeypatch):
    import desktop.services.statement_columns as module

    monkeypatch.setattr(module, "_QUICK_READ_LIMIT", 10)
    assert columns_at_hand(seeded_db, small=100) is None, "16 statements count as large for a whole read here"
    read = columns_for(seeded_db)
    assert columns_at_hand(seeded_db, small=100) is read


def test_columns_once_made_never_change(seeded_db):
    before = columns_for(seeded_db)
    ids, sides = before.ids.copy(), before.side.copy()
    DeleteRecord(Statement, int(ids[0])).apply(seeded_db)
    UpdateRecord(Speaker, _id(seeded_db, Speaker, "Dmitry Peskov"), {"side_id": _id(seeded_db, Side, "Ukraine")}).apply(
        seeded_db
    )
    after = columns_for(seeded_db)
    assert np.array_equal(before.ids, ids) and np.array_equal(before.side, sides)
    assert after.count == before.count - 1 and not np.array_equal(after.side[after.ids > 0], sides[1:])


def test_newest_first_order_puts_undated_statements_last(seeded_db):
    columns = columns_for(seeded_db)
    everything = np.ones(len(columns), dtype=bool)
    order = columns.date_order(everything, newest_first=True)
    days, ids = columns.day[order].tolist(), columns.ids[order].tolist()
    expected = sorted(zip(days, ids), key=lambda pair: (pair[0] == NO_DAY, -pair[0], -pair[1]))
    assert list(zip(days, ids)) == expected
    assert NO_DAY in days and days[-1] == NO_DAY
    some = columns.side == _id(seeded_db, Side, "Russia")
    assert columns.date_order(some, newest_first=True).tolist() == [p for p in order.tolist() if some[p]]


def test_a_new_database_at_the_path_of_an_old_one_never_takes_its_cache(tmp_path, monkeypatch):
    import shutil

    import desktop.services.statement_columns as module
    from desktop.services.seed import load_seed

    monkeypatch.setattr(module, "_CACHE_FROM", 1)
    path = tmp_path / "same-name.parallax"
    old = Database(path)
    load_seed(old)
    assert len(columns_for(old)) == 16  # and kept in the cache
    old.close()

    other_path = tmp_path / "other.parallax"
    other = Database(other_path)
    speaker = CreateRecord(Speaker, {"name": "Someone"})
    speaker.apply(other)
    statement = CreateRecord(Statement, {"text": "The only one.", "speaker_id": speaker.created_id})
    statement.apply(other)
    for n in range(60):  # its change log gets past the position the old cache holds
        UpdateRecord(Statement, statement.created_id, {"note": str(n)}).apply(other)
    other.close()
    shutil.copyfile(other_path, path)  # the same path and inode, another database

    reopened = Database(path)
    try:
        assert columns_for(reopened).ids.tolist() == [statement.created_id]
    finally:
        reopened.close()
