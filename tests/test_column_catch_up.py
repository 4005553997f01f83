"""Columns caught up from the change log, with the changed rows laid over a shared base, answer exactly as
columns read afresh, after any mix of edits, adds, deletes, undos and another connection's changes."""

import shutil
import tempfile
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

import desktop.services.statement_columns as module
from desktop.domain.entities import Side, Speaker, Statement, Story
from desktop.domain.filters import StatementFilter
from desktop.services import catalog
from desktop.services.filtering import facet_counts, mask
from desktop.services.operations import CreateRecord, DeleteRecord, UpdateRecord
from desktop.services.statement_columns import StatementColumns, _Base, columns_for
from desktop.storage import change_log
from desktop.storage.columns import FIELDS, read_columns, read_speaker_sides
from desktop.storage.database import Database


@pytest.fixture
def template(seeded_db, monkeypatch):
    """A file holding the seed and two stories; folds come after a few changes."""
    monkeypatch.setattr(module, "_FOLD_FROM", 12)
    for name in ("Black Sea", "Grain"):
        CreateRecord(Story, {"name": name, "description": ""}).apply(seeded_db)
    with seeded_db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # all in the file, to be copied
    return seeded_db.file


@contextmanager
def _desk(template: Path):
    """A copy of the template, opened twice: this window's connection and another editor's."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "desk.parallax"
        shutil.copyfile(template, path)
        db, other = Database(path), Database(path)
        try:
            yield db, other
        finally:
            other.close()
            db.close()


def _fresh(db: Database) -> StatementColumns:
    with db.engine.connect() as connection:
        return StatementColumns(
            change_log.latest(connection), _Base(read_columns(connection)), read_speaker_sides(connection)
        )


def _choices(db: Database, model) -> list[int | None]:
    return [None, *(row.id for row in catalog.all_rows(db, model))]


def _ids(db: Database) -> list[int]:
    with db.engine.connect() as connection:
        return [row[0] for row in connection.execute(text("SELECT id FROM statement ORDER BY id"))]


def _values(data, db: Database) -> dict:
    """Random values for a statement's fields that place it in the columns."""
    day = data.draw(st.one_of(st.none(), st.integers(0, 30).map(lambda n: date(2022, 1, 1) + timedelta(days=n))))
    return {
        "said_on": day,
        "speaker_id": data.draw(st.sampled_from(_choices(db, Speaker)[1:])),
        "side_id": data.draw(st.sampled_from(_choices(db, Side))),
        "story_id": data.draw(st.sampled_from(_choices(db, Story))),
    }


def _step(data, db: Database, other: Database, deleted: list) -> None:
    kind = data.draw(st.sampled_from(["edit", "add", "delete", "undo delete", "speaker's side", "elsewhere"]))
    ids = _ids(db)
    if kind == "edit" and ids:
        values = _values(data, db)
        field = data.draw(st.sampled_from(sorted(values)))
        UpdateRecord(Statement, data.draw(st.sampled_from(ids)), {field: values[field]}).apply(db)
    elif kind == "add":
        CreateRecord(Statement, {"text": "Added.", **_values(data, db)}).apply(db)
    elif kind == "delete" and ids:
        removed = DeleteRecord(Statement, data.draw(st.sampled_from(ids)))
        removed.apply(db)
        deleted.append(removed)
    elif kind == "undo delete" and deleted:
        deleted.pop().revert(db)  # the statement comes back with its id, among the older ones
    elif kind == "speaker's side":
        speaker = data.draw(st.sampled_from(_choices(db, Speaker)[1:]))
        UpdateRecord(Speaker, speaker, {"side_id": data.draw(st.sampled_from(_choices(db, Side)))}).apply(db)
    elif kind == "elsewhere":
        CreateRecord(Statement, {"text": "From another editor.", **_values(data, other)}).apply(other)
        if ids:
            UpdateRecord(Statement, data.draw(st.sampled_from(ids)), {"said_on": None}).apply(other)


def _same_answers(data, db: Database, caught_up: StatementColumns, fresh: StatementColumns) -> None:
    assert caught_up.count == len(fresh)
    where = caught_up.positions(fresh.ids)
    assert (where >= 0).all()
    for name in FIELDS:
        assert np.array_equal(caught_up.columns[name][where], fresh.columns[name])
    assert np.array_equal(caught_up.side[where], fresh.side)
    assert facet_counts(db, caught_up, StatementFilter())["side"].tolist() == facet_counts(db, fresh, StatementFilter())["side"].tolist()
    chosen = StatementFilter(
        side_id=data.draw(st.sampled_from(_choices(db, Side))),
        story_id=data.draw(st.sampled_from(_choices(db, Story))),
        date_from=data.draw(st.sampled_from([None, date(2022, 1, 10)])),
    )
    keep, expected = mask(db, caught_up, chosen), mask(db, fresh, chosen)
    assert sorted(caught_up.ids[keep]) == sorted(fresh.ids[expected])
    assert caught_up.ids[caught_up.id_order(keep)].tolist() == fresh.ids[fresh.id_order(expected)].tolist()
    for newest_first in (False, True):
        for limit in (None, 1, 5):
            order = caught_up.date_order(keep, newest_first=newest_first, limit=limit)
            assert caught_up.ids[order].tolist() == fresh.ids[fresh.date_order(expected, newest_first=newest_first, limit=limit)].tolist()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_caught_up_columns_answer_as_columns_read_afresh(template, data):
    with _desk(template) as (db, other):
        deleted: list[DeleteRecord] = []
        for _ in range(data.draw(st.integers(1, 6))):
            before = columns_for(db)
            kept = {name: before.columns[name].copy() for name in FIELDS}
            for _ in range(data.draw(st.integers(1, 3))):
                _step(data, db, other, deleted)
            caught_up = columns_for(db)
            _same_answers(data, db, caught_up, _fresh(db))
            assert all(np.array_equal(before.columns[name], kept[name]) for name in FIELDS), "a snapshot never changes"


def test_a_catch_up_reads_only_the_rows_changed(seeded_db, monkeypatch):
    db = seeded_db
    columns_for(db)
    asked = []
    reading = module.read_columns
    monkeypatch.setattr(module, "read_columns", lambda connection, ids=None: asked.append(ids) or reading(connection, ids))
    target = _ids(db)[3]
    UpdateRecord(Statement, target, {"said_on": date(2023, 5, 1)}).apply(db)
    caught_up = columns_for(db)
    assert asked == [[target]] and caught_up.changed == 2  # its old place emptied, its new row laid over
    assert caught_up.day[caught_up.positions([target])[0]] == np.datetime64("2023-05-01", "D").astype(np.int64)


def test_the_comparison_holds_a_statement_edited_since_the_columns_were_read(seeded_db):
    from desktop.services.comparison import compare

    columns_for(seeded_db)
    edited = _ids(seeded_db)[0]
    UpdateRecord(Statement, edited, {"text": "Edited."}).apply(seeded_db)
    sides = [side.id for side in catalog.all_rows(seeded_db, Side)]
    layout = compare(seeded_db, StatementFilter(), *sides[:2], others=True)
    assert all(layout.holds(statement_id) for statement_id in _ids(seeded_db))
