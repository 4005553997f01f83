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
