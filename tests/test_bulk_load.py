"""The bulk load's background writes: in order, seen by anything run after them, errors raised as SQLAlchemy's."""

import sys

import pytest
from sqlalchemy.exc import IntegrityError

from desktop.storage import bulk
from desktop.storage.bulk import BulkLoad

_HEAD, _ROW = "INSERT INTO side (id, name, colour, version) VALUES ", "(?, ?, '', 1)"


@pytest.fixture
def load(db):
    """A bulk load on an empty database, inside a transaction rolled back at the end."""
    with db.engine.connect() as connection:
        transaction = connection.begin()
        with BulkLoad(connection, expected_rows=10 * bulk._MIN_ROWS) as started:
            assert started.active
            yield started
        transaction.rollback()


def test_rows_given_in_several_batches_are_all_written_in_order_before_the_next_query(load):
    count = 3 * bulk._ROWS_PER_INSERT + 17  # several INSERTs of many rows and one of fewer
    load.insert(_HEAD, _ROW, [(n, f"side {n}") for n in range(1, count)])
    load.insert(_HEAD, _ROW, [(count, "the last side")])
    rows = load.connection.exec_driver_sql("SELECT id, name FROM side ORDER BY id").fetchall()
    assert rows == [(n, f"side {n}") for n in range(1, count)] + [(count, "the last side")]


def test_a_refused_write_is_raised_by_the_next_query_and_the_writes_after_it_are_not_made(load):
    load.insert(_HEAD, _ROW, [(1, "Russia"), (2, "Russia")])  # side names are unique
    load.insert(_HEAD, _ROW, [(3, "United States")])
    with pytest.raises(IntegrityError, match="UNIQUE"):
        load.connection.exec_driver_sql("SELECT count(*) FROM side")
    assert load.connection.exec_driver_sql("SELECT count(*) FROM side WHERE id = 3").scalar() == 0


def test_the_thread_switch_interval_is_shortened_during_the_load_and_restored_after(db):
    before = sys.getswitchinterval()
    with db.engine.connect() as connection, connection.begin():
        with BulkLoad(connection, expected_rows=10 * bulk._MIN_ROWS):
            assert sys.getswitchinterval() == bulk._SWITCH_INTERVAL
        assert sys.getswitchinterval() == before


def test_a_refused_write_is_raised_by_the_next_rows_given_once_it_is_known(load):
    load.insert(_HEAD, _ROW, [(1, "Russia"), (2, "Russia")])
    load._writer._jobs.join()  # the writing thread has met the error
    with pytest.raises(IntegrityError, match="UNIQUE"):
        load.insert(_HEAD, _ROW, [(3, "United States")])
