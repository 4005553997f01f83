"""The change log is pruned to its newest entries; a reader left behind reads everything again."""

from sqlalchemy import text

from desktop.storage import change_log
from desktop.storage.database import Database


def _edit_every_statement(db, times: int) -> None:
    with db.engine.begin() as connection:
        for _ in range(times):
            connection.execute(text("UPDATE statement SET note = note || '.'"))


def test_pruning_keeps_the_newest_entries_and_marks_what_went(seeded_db):
    with seeded_db.engine.begin() as connection:
        before = change_log.latest(connection)
    _edit_every_statement(seeded_db, 10)
    with seeded_db.engine.begin() as connection:
        newest = change_log.latest(connection)
        assert newest > 300
        change_log.prune(connection, kept=newest // 2 + 1)  # not yet twice as many as kept: left as it is
        assert change_log.latest(connection) == newest

        change_log.prune(connection, kept=100)
        remaining = connection.execute(text("SELECT count(*) FROM change_log WHERE tbl != 'pruned'")).scalar()
        assert remaining == 100
        assert change_log.changes_since(connection, before) == [("all", 0)]
        recent = change_log.changes_since(connection, newest - 20)
        assert len(recent) == 20 and all(table == "statement" for table, _ in recent)

        marked = change_log.latest(connection)
        change_log.prune(connection, kept=100)  # fewer than twice as many as kept again
        assert change_log.latest(connection) == marked


def test_a_database_opened_again_is_pruned_and_its_readers_catch_up(seeded_db, monkeypatch):
    from desktop.services.statement_columns import columns_for

    columns_for(seeded_db)
    _edit_every_statement(seeded_db, 5)
    with seeded_db.engine.begin() as connection:
        connection.execute(text("DELETE FROM statement WHERE id = (SELECT max(id) FROM statement)"))
    monkeypatch.setattr(change_log, "KEPT", 10)
    reopened = Database(seeded_db.url)
    try:
        with reopened.engine.begin() as connection:
            assert connection.execute(text("SELECT count(*) FROM change_log WHERE tbl != 'pruned'")).scalar() == 10
    finally:
        reopened.close()
    with seeded_db.engine.begin() as connection:
        stored = sorted(row[0] for row in connection.execute(text("SELECT id FROM statement")))
    assert sorted(columns_for(seeded_db).ids.tolist()) == stored and len(stored) == 15


def _log_size(db) -> int:
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM change_log WHERE tbl != 'pruned'")).scalar()


def test_the_log_is_pruned_while_the_file_is_open_and_readers_behind_read_everything(seeded_db, monkeypatch):
    from desktop.domain.entities import Statement
    from desktop.services.operations import UpdateRecord
    from desktop.services.statement_columns import columns_for
    from desktop.storage.columns import read_columns

    monkeypatch.setattr(change_log, "KEPT", 6)
    behind = columns_for(seeded_db)
    with seeded_db.engine.connect() as connection:
        ids = [row[0] for row in connection.execute(text("SELECT id FROM statement ORDER BY id"))]
    for number, statement_id in enumerate(ids[:14]):
        UpdateRecord(Statement, statement_id, {"note": f"edit {number}"}).apply(seeded_db)
        if number == 12:
            near = columns_for(seeded_db)
    assert _log_size(seeded_db) <= 2 * 6, "pruned by the edits themselves, the file still open"
    with seeded_db.engine.connect() as connection:
        assert change_log.changes_since(connection, behind.seq) == [("all", 0)], "a reader behind reads everything"
        assert change_log.changes_since(connection, near.seq) == [("statement", ids[13])], "one still within reads the rest"
    UpdateRecord(Statement, ids[0], {"said_on": None}).apply(seeded_db)
    caught_up = columns_for(seeded_db)
    with seeded_db.engine.connect() as connection:
        fresh = read_columns(connection)
    where = caught_up.positions(fresh["id"])
    assert caught_up.count == len(fresh["id"]) and all(
        (caught_up.columns[name][where] == values).all() for name, values in fresh.items()
    )
