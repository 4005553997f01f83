"""Writers to one SQLite file queue for the write lock instead of failing with "database is locked"."""

import sqlite3
import threading
import time

import pytest
from sqlalchemy import select

from desktop.domain.entities import Side, Speaker, Statement
from desktop.services import catalog
from desktop.services.importing import import_files
from desktop.services.operations import CreateRecord, UpdateRecord
from desktop.storage.database import Database, DatabaseBusy
from desktop.services.workspace import Workspace
from desktop.ui.gui_thread import gui_deliver
from desktop.ui.operation_runner import OperationRunner
from importing_helpers import write

_HOLD = 1.0  # seconds the other program keeps the write lock
_GIVE_UP = 30  # seconds a test waits on an event before it calls the run broken


class _OtherWriter:
    """Another program on the same file: takes the write lock, writes, holds it, commits.

    It holds the lock `hold` seconds, or until `release()` when `hold` is None."""

    def __init__(self, path, hold: float | None):
        self._path, self._hold = path, hold
        self.holding, self.done, self._release = threading.Event(), threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._run, name="other-writer")

    def _run(self) -> None:
        connection = sqlite3.connect(self._path, isolation_level=None)
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("UPDATE side SET colour = '#000000'")
            self.holding.set()
            self._release.wait(self._hold if self._hold is not None else _GIVE_UP)
            connection.execute("COMMIT")
        finally:
            connection.close()
            self.done.set()

    def __enter__(self) -> "_OtherWriter":
        self._thread.start()
        assert self.holding.wait(_GIVE_UP)
        return self

    def release(self) -> None:
        self._release.set()

    def __exit__(self, *_) -> None:
        self.release()
        self._thread.join(_GIVE_UP)


def _add_statements(db, count: int) -> list[int]:
    side = CreateRecord(Side, {"name": "Russia", "colour": "#c0392b"})
    side.apply(db)
    speaker = CreateRecord(Speaker, {"name": "Dmitry Peskov", "side_id": side.created_id})
    speaker.apply(db)
    ids = []
    for number in range(count):
        statement = CreateRecord(Statement, {"text": f"Claim {number}.", "speaker_id": speaker.created_id})
        statement.apply(db)
        ids.append(statement.created_id)
    return ids


def test_an_edit_waits_while_another_program_writes_then_succeeds(db):
    """Read then write: without BEGIN IMMEDIATE the edit's read is outdated once the other program
    commits, and SQLite refuses at once however long the busy timeout."""
    [statement_id] = _add_statements(db, 1)
    with _OtherWriter(db.file, hold=_HOLD) as other:
        UpdateRecord(Statement, statement_id, {"text": "Changed while another program wrote."}).apply(db)
        assert other.done.is_set()  # the edit went in after the other program's commit, not beside it
    assert catalog.get(db, Statement, statement_id).text == "Changed while another program wrote."
    with db.reading() as session:
        assert session.exec(select(Side.colour)).scalars().all() == ["#000000"]


def test_a_write_that_never_gets_the_lock_says_so_in_words_and_changes_nothing(tmp_path):
    db = Database(tmp_path / "busy.parallax", write_wait=0.2)
    try:
        [statement_id] = _add_statements(db, 1)
        with _OtherWriter(db.file, hold=None):
            with pytest.raises(DatabaseBusy) as refused:
                UpdateRecord(Statement, statement_id, {"text": "Never stored."}).apply(db)
        assert str(refused.value) == "Another program kept the database busy for 0.2 s; nothing was changed. Try again."
        assert catalog.get(db, Statement, statement_id).text == "Claim 0."
        UpdateRecord(Statement, statement_id, {"text": "Stored once the lock is free."}).apply(db)
        assert catalog.get(db, Statement, statement_id).text == "Stored once the lock is free."
    finally:
        db.close()


def test_the_window_shows_a_busy_database_as_a_message_and_keeps_no_undo_step(qtbot, tmp_path, landed):
    workspace = Workspace(Database(tmp_path / "busy.parallax", write_wait=0.2), gui_deliver())
    try:
        [statement_id] = _add_statements(workspace.db, 1)
        runner = OperationRunner(workspace)
        with _OtherWriter(workspace.db.file, hold=None), qtbot.waitSignal(runner.failed) as failed:
            assert landed(runner.run, UpdateRecord(Statement, statement_id, {"text": "Never stored."})) is None
        assert failed.args == ["Another program kept the database busy for 0.2 s; nothing was changed. Try again."]
        assert runner.stack.count() == 0
    finally:
        workspace.close()


def _in_threads(count: int, work) -> list[BaseException]:
    """Run `work(number)` in `count` threads started together; the errors they raised."""
    start, errors = threading.Barrier(count), []

    def run(number: int) -> None:
        start.wait(_GIVE_UP)
        try:
            work(number)
        except BaseException as error:  # collected for the test to show
            errors.append(error)

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
        assert not thread.is_alive()
    return errors


def test_three_hundred_racing_edits_from_three_editors_all_succeed(db):
    ids = _add_statements(db, 3)
    editors, edits = 3, 100
    began = time.monotonic()

    def edit(number: int) -> None:
        own = Database(db.file)  # another editor: connections of its own
        try:
            for edit_number in range(edits):
                UpdateRecord(Statement, ids[number], {"text": f"Edit {edit_number} by editor {number}."}).apply(own)
        finally:
            own.close()

    errors = _in_threads(editors, edit)
    assert errors == []
    assert time.monotonic() - began < 120
    for number, statement_id in enumerate(ids):
        stored = catalog.get(db, Statement, statement_id)
        assert (stored.text, stored.version) == (f"Edit {edits - 1} by editor {number}.", edits + 1)


def test_four_small_imports_into_one_file_at_once_all_succeed(db, tmp_path):
    Database(db.file).close()  # the file and its schema exist before the imports open it
    rows = 50
    files = [
        write(tmp_path, f"claims-{number}.csv", "text,speaker,side,outlet\n" + "".join(
            f"Claim {row} of file {number},Dmitry Peskov,Russia,TASS\n" for row in range(rows)
        ))
        for number in range(4)
    ]
    summaries = {}

    def load(number: int) -> None:
        own = Database(db.file)
        try:
            summaries[number] = import_files(own, [files[number]])
        finally:
            own.close()

    assert _in_threads(4, load) == []
    assert {number: summary.errors for number, summary in summaries.items()} == {number: [] for number in range(4)}
    assert all(summary.committed and summary.imported == rows for summary in summaries.values())
    with db.reading() as session:
        texts = set(session.exec(select(Statement.text)).scalars())
        speakers = session.exec(select(Speaker.name)).scalars().all()
    assert texts == {f"Claim {row} of file {number}" for number in range(4) for row in range(rows)}
    assert speakers == ["Dmitry Peskov"]
