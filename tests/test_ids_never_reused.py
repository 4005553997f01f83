"""An id once handed out is never handed out again: not by an add, not by an import, not after an upgrade."""

import shutil
import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from desktop.domain.entities import Link, Speaker, Statement
from desktop.services.importing import import_files
from desktop.services.importing.operation import ImportOperation
from desktop.services.importing.records import ImportOptions
from desktop.services.operations import CreateRecord, DeleteRecord
from desktop.storage.database import Database
from desktop.storage.migrations_runner import _config
from importing_helpers import statements, write

FIRST_RELEASE = Path(__file__).parent / "fixtures" / "schema-0001.parallax"
_TABLES = ("side", "story", "speaker", "outlet", "document", "statement", "link")


def _add_statement(db, text: str) -> CreateRecord:
    speaker_id = statements(db)[0].speaker_id
    added = CreateRecord(Statement, {"text": text, "speaker_id": speaker_id})
    added.apply(db)
    return added


def test_an_undone_add_leaves_its_id_unused(seeded_db):
    undone = _add_statement(seeded_db, "Added, then undone.")
    undone.revert(seeded_db)
    assert _add_statement(seeded_db, "Added after.").created_id == undone.created_id + 1


def test_a_deleted_row_leaves_its_id_unused(seeded_db):
    for model, values in ((Speaker, {"name": "Someone new"}), (Statement, {"text": "Soon deleted."})):
        values = {**values, "speaker_id": statements(seeded_db)[0].speaker_id} if model is Statement else values
        deleted = CreateRecord(model, values)
        deleted.apply(seeded_db)
        DeleteRecord(model, deleted.created_id).apply(seeded_db)
        again = CreateRecord(model, values)
        again.apply(seeded_db)
        assert again.created_id == deleted.created_id + 1, model


def test_redo_of_an_add_succeeds_after_another_editor_added_a_row(seeded_db):
    other = Database(seeded_db.file)
    try:
        mine = _add_statement(seeded_db, "Mine.")
        mine.revert(seeded_db)  # undo
        theirs = _add_statement(other, "Theirs, added while mine was undone.")
        mine.apply(seeded_db)  # redo
        assert theirs.created_id != mine.created_id
        texts = {row.id: row.text for row in statements(seeded_db)}
        assert texts[mine.created_id] == "Mine." and texts[theirs.created_id] == "Theirs, added while mine was undone."
    finally:
        other.close()


def _claims(tmp_path: Path, name: str, claim: str) -> Path:
    return write(tmp_path, name, f"Claim,Speaker,Said On\n{claim},Dmitry Peskov,2021-11-12\n")


def test_an_import_never_takes_an_id_freed_by_an_undo(seeded_db, tmp_path):
    freed = _add_statement(seeded_db, "Added, then undone.")
    freed.revert(seeded_db)
    summary = import_files(seeded_db, [_claims(tmp_path, "one.csv", "Imported after the undo")])
    assert summary.committed, summary.report()
    first, last = summary.created["statement"]
    assert first > freed.created_id

    ImportOperation([tmp_path / "one.csv"], ImportOptions(), summary, _adopted=True).revert(seeded_db)
    again = import_files(seeded_db, [_claims(tmp_path, "two.csv", "Imported after the import was undone")])
    assert again.created["statement"][0] > last
    assert _add_statement(seeded_db, "Added by hand after both.").created_id > again.created["statement"][1]


def _schema(path: Path) -> dict[str, str]:
    connection = sqlite3.connect(path)
    try:
        return {
            name: sql
            for kind, name, sql in connection.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")
            if kind in ("index", "trigger")
        }
    finally:
        connection.close()


def _rows(path: Path) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(path)
    try:
        return {table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in _TABLES}
    finally:
        connection.close()


def test_an_old_file_keeps_its_rows_indexes_and_triggers_and_then_never_reuses_an_id(tmp_path):
    path = tmp_path / "first.parallax"
    shutil.copy(FIRST_RELEASE, path)
    before = Database(tmp_path / "new.parallax")  # the indexes and triggers a file at the newest schema has
    before.close()
    rows = _rows(path)
    db = Database(path)
    try:
        assert db.backup is not None
        assert _rows(path)["statement"][0][:2] == rows["statement"][0][:2]
        assert [len(kept) for kept in _rows(path).values()] == [len(old) for old in rows.values()]
        assert _schema(path) == _schema(tmp_path / "new.parallax")
        connection = sqlite3.connect(path)
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        connection.execute("INSERT INTO statement_fts(statement_fts) VALUES ('integrity-check')")
        connection.close()

        last = max(row[0] for row in rows["statement"])
        linked = next(row[1] for row in rows["link"])
        DeleteRecord(Statement, last).apply(db)
        assert _add_statement(db, "After the upgrade.").created_id == last + 1
        with db.engine.begin() as connection:  # foreign keys are on again: links go with their statement
            connection.exec_driver_sql("DELETE FROM statement WHERE id = ?", (linked,))
            assert connection.exec_driver_sql("SELECT count(*) FROM link WHERE from_id = ?", (linked,)).scalar() == 0
    finally:
        db.close()


def test_the_upgrade_starts_past_ids_the_change_log_remembers(tmp_path):
    path = tmp_path / "0006.parallax"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(_config(connection), "0006")
    engine.dispose()
    Database(tmp_path / "seeded.parallax").close()
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO speaker (id, name, kind, role, aliases) VALUES (1, 'A', 'person', '', '[]')")
    for row_id in (1, 2, 3):
        connection.execute(
            "INSERT INTO statement (id, text, is_quote, speaker_id, note, created_at, updated_at) "
            "VALUES (?, 'Said.', 0, 1, '', '2024-01-01', '2024-01-01')",
            (row_id,),
        )
    connection.execute("INSERT INTO link (from_id, to_id, type) VALUES (1, 3, 'rebuts')")
    connection.execute("DELETE FROM link")
    connection.execute("DELETE FROM statement WHERE id = 3")
    connection.commit()
    connection.close()

    db = Database(path)
    try:
        assert _add_statement(db, "After the upgrade.").created_id == 4
        link = CreateRecord(Link, {"from_id": 1, "to_id": 2, "type": "rebuts"})
        link.apply(db)
        assert link.created_id == 2
    finally:
        db.close()
