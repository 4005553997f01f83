"""The workspace: one writer for every change, reads where the newest counts, long jobs that stop
when asked, and a window that stays responsive while a write waits for another program."""

import logging
import queue
import sqlite3
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication

from desktop.domain.entities import Statement
from desktop.services import catalog
from desktop.services.jobs import Jobs
from desktop.services.operations import UpdateRecord
from desktop.services.workspace import Workspace

_GIVE_UP = 10  # seconds a test waits for something that should come at once


class _Calls:
    """A deliver function for tests without Qt: calls are queued, and run when the test pumps them."""

    def __init__(self) -> None:
        self.queue: queue.Queue = queue.Queue()
        self.delivered = 0

    def __call__(self, call) -> None:
        self.queue.put(call)

    def pump_until(self, condition) -> None:
        """Run delivered calls until `condition()` holds."""
        while not condition():
            self.queue.get(timeout=_GIVE_UP)()
            self.delivered += 1

    def pump_waiting(self) -> None:
        while not self.queue.empty():
            self.queue.get()()
            self.delivered += 1


@pytest.fixture
def calls():
    return _Calls()


@pytest.fixture
def jobs(calls):
    service = Jobs(calls)
    yield service
    service.close()


def test_writes_run_one_after_the_other_in_the_order_given_on_one_thread(jobs, calls):
    order, threads, results = [], set(), []

    def write(number: int) -> int:
        order.append(number)
        threads.add(threading.current_thread())
        return number

    for number in range(40):
        jobs.write(lambda number=number: write(number), results.append)
    calls.pump_until(lambda: len(results) == 40)
    assert order == results == list(range(40))
    assert len(threads) == 1 and threading.main_thread() not in threads


def test_a_newer_read_of_the_same_key_supersedes_the_older(jobs, calls):
    started, release, ended, results = threading.Event(), threading.Event(), threading.Event(), []

    def slow() -> str:
        started.set()
        release.wait(_GIVE_UP)
        ended.set()
        return "older"

    jobs.latest("search", slow, results.append)
    assert started.wait(_GIVE_UP)
    jobs.latest("search", lambda: "newer", results.append)
    jobs.latest("other key", lambda: "kept", results.append)
    calls.pump_until(lambda: len(results) == 2)
    release.set()
    assert ended.wait(_GIVE_UP)
    calls.pump_until(lambda: calls.delivered == 3)  # the older one's result comes back, and is dropped
    assert sorted(results) == ["kept", "newer"]


def test_a_cancelled_read_delivers_nothing(jobs, calls):
    started, release, results = threading.Event(), threading.Event(), []
    jobs.latest("chart", lambda: started.set() or release.wait(_GIVE_UP) or "cancelled", results.append)
    assert started.wait(_GIVE_UP)
    jobs.cancel_latest("chart")
    release.set()
    jobs.latest("chart", lambda: "after", results.append)
    calls.pump_until(lambda: results)
    assert results == ["after"]


def test_a_long_job_reports_progress_and_stops_when_cancelled(jobs, calls):
    progress, results, going = [], [], threading.Event()

    def work(report, cancelled) -> str:
        done = 0
        while not cancelled():
            done = min(done + 1, 99)
            report(done, 100)
            going.set()
        return f"stopped at {done}"

    job = jobs.start(work, results.append, progress=progress.append, writes=True, name="An import")
    assert going.wait(_GIVE_UP)
    calls.pump_until(lambda: progress)
    job.cancel()
    calls.pump_until(lambda: results)
    assert job.finished and results[0].startswith("stopped at ")
    assert progress == sorted(set(progress)) and all(0 < per_mille < 1000 for per_mille in progress)


def test_an_error_is_handed_to_the_caller_and_logged(jobs, calls, caplog):
    failures = []
    with caplog.at_level(logging.ERROR, logger="desktop.services.jobs"):
        jobs.write(lambda: 1 / 0, failures.append, failures.append, name="A broken write")
        calls.pump_until(lambda: failures)
    assert isinstance(failures[0], ZeroDivisionError)
    assert [record.message for record in caplog.records] == ["A broken write failed"]
    assert caplog.records[0].exc_info[0] is ZeroDivisionError


def test_an_error_with_no_one_to_hand_it_to_is_raised_where_it_is_delivered(jobs, calls):
    jobs.latest("navigator", lambda: 1 / 0, print)
    with pytest.raises(ZeroDivisionError):
        calls.pump_until(lambda: False)


def _until(done, pause: threading.Event) -> None:
    while not done():
        pause.wait(0.01)


def test_close_cancels_jobs_finishes_writes_joins_every_thread_and_delivers_nothing_after(calls):
    before = set(threading.enumerate())
    jobs = Jobs(calls)
    delivered, written, started, looping, pause = [], [], threading.Event(), threading.Event(), threading.Event()

    def export(_report, cancelled) -> str:
        started.set()
        _until(cancelled, pause)
        return "cancelled"

    def loop(stopping) -> None:
        looping.set()
        _until(stopping, pause)

    job = jobs.start(export, delivered.append, writes=False, name="An export")
    jobs.write(lambda: written.append("asked for"), delivered.append)
    jobs.keep_running(loop, "a loop")
    assert started.wait(_GIVE_UP) and looping.wait(_GIVE_UP)
    jobs.close()
    assert job.cancelled and job.finished
    assert written == ["asked for"]  # a write asked for is made, not dropped
    assert set(threading.enumerate()) <= before
    calls.pump_waiting()
    assert delivered == []  # nothing reaches the caller after close
    with pytest.raises(RuntimeError):
        jobs.write(lambda: None)


class _Held:
    """Work and callbacks as a window hands them: bound to an object, which says where it was let go."""

    def __init__(self, let_go: list):
        self.let_go = let_go

    def __del__(self):
        self.let_go.append(threading.current_thread())

    def work(self, *_progress_and_cancelled):
        return 1

    def done(self, _result):
        pass


def test_what_a_request_was_handed_is_let_go_where_its_end_is_delivered(jobs, calls):
    let_go = []
    asks = (
        lambda held: jobs.write(held.work, held.done),
        lambda held: jobs.latest("read", held.work, held.done),
        lambda held: jobs.start(held.work, held.done, writes=True, name="A job"),
    )
    for ask in asks:
        ask(_Held(let_go))
    ends = [calls.queue.get(timeout=_GIVE_UP) for _ in asks]
    finished = []
    jobs.write(lambda: None, finished.append)  # the writer takes its next task: the last ones are behind it
    calls.pump_until(lambda: finished)
    assert let_go == []
    for end in ends:
        end()
    assert let_go == [threading.main_thread()] * len(asks)


def test_the_workspace_tells_another_connections_change_but_not_its_own(seeded_db, tmp_path, calls):
    heard = []
    workspace = Workspace(seeded_db, calls, heard.append)
    try:
        read = catalog.get(seeded_db, Statement, 1)
        mine = []
        workspace.jobs.write(lambda: UpdateRecord(Statement, 1, {"note": "mine"}, version=read.version).apply(seeded_db),
                             mine.append)
        calls.pump_until(lambda: mine)
        other = sqlite3.connect(seeded_db.file, isolation_level=None)
        other.execute("UPDATE statement SET note = 'theirs' WHERE id = 2")
        other.close()
        calls.pump_until(lambda: heard)
        assert len(heard) == 1 and heard[0].of("statement").edited.keys() == {2}, "theirs is told, typed; mine is not"
    finally:
        workspace.close()


def test_an_edit_waits_for_another_programs_write_lock_while_the_window_stays_responsive(qtbot, window, landed):
    runner = window.runner
    read = catalog.get(window.db, Statement, 1)
    ticks = []
    ticker = QTimer(interval=10)
    ticker.timeout.connect(lambda: ticks.append(True))
    ticker.start()
    other = sqlite3.connect(window.db.file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    landed_with = []
    runner.run(UpdateRecord(Statement, 1, {"text": "Saved once the lock was free."}, version=read.version),
               landed_with.append)

    status = window.statusBar()
    qtbot.waitUntil(lambda: status.currentMessage() == "Waiting for the database to save “Edit Statement”…", timeout=5_000)
    assert QGuiApplication.overrideCursor() is not None
    assert QGuiApplication.overrideCursor().shape() == Qt.CursorShape.WaitCursor
    seen = len(ticks)
    qtbot.waitUntil(lambda: len(ticks) >= seen + 20, timeout=5_000)  # the GUI thread goes on meanwhile
    assert not landed_with and not window.actions["undo"].isEnabled()

    other.execute("COMMIT")
    other.close()
    qtbot.waitUntil(lambda: bool(landed_with), timeout=_GIVE_UP * 1000)
    ticker.stop()
    assert landed_with[0] is not None
    assert catalog.get(window.db, Statement, 1).text == "Saved once the lock was free."
    assert window.actions["undo"].isEnabled() and window.actions["undo"].text() == "&Undo Edit Statement"
    assert status.currentMessage() == "" and QGuiApplication.overrideCursor() is None
    assert landed(runner.undo)
    assert catalog.get(window.db, Statement, 1).text == read.text


def test_a_step_that_lands_at_once_shows_no_wait(qtbot, window, landed):
    messages = []
    window.runner.waiting.connect(messages.append)
    read = catalog.get(window.db, Statement, 1)
    assert landed(window.runner.run, UpdateRecord(Statement, 1, {"note": "quick"}, version=read.version))
    assert messages == [] and QGuiApplication.overrideCursor() is None


def test_undo_asked_while_an_edit_is_in_flight_undoes_that_edit_once_it_lands(qtbot, window, landed):
    runner = window.runner
    read = catalog.get(window.db, Statement, 1)
    other = sqlite3.connect(window.db.file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    runner.run(UpdateRecord(Statement, 1, {"note": "for a moment"}, version=read.version))
    undone = []
    runner.undo(undone.append)
    other.execute("COMMIT")
    other.close()
    qtbot.waitUntil(lambda: bool(undone), timeout=_GIVE_UP * 1000)
    assert undone == [True]
    assert catalog.get(window.db, Statement, 1).note == read.note
    assert runner.stack.canRedo() and runner.stack.redoText() == "Edit Statement"
