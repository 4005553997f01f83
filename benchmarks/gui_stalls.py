"""The longest time the GUI thread stops handling events while an editor works in the main window.

    python -m benchmarks.gui_stalls --db PATH     # changes the database: run it on a copy

Each action is taken as an editor takes it (the window's actions, signals and operations;
a dialog's answer is given as the operation the dialog would run), from the event loop,
while a watchdog timer on the GUI thread ticks every few milliseconds. The longest gap
between two ticks, from the action until every view is complete again (and a short while
after, for what is painted or worked out late), is the action's stall. One line is printed
per action: `gui stall, <action>: <N> ms`, the median of the rounds (`--runs`), then each round's when there are
several. A gap includes up to one tick of the timer.

The Analysis view is measured last: shown, then each of its panels shown in turn and the
filter changed while it is shown, until the panel shows its figures again.
"""

import argparse
import os
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from desktop.ui.analysis.view import PANELS

TICK_MS = 5  # the watchdog's resolution
SETTLE_SECONDS = 1.0  # idle after opening, before the first action: what opening left to do is not counted
TAIL_SECONDS = 0.3  # kept watching after the views are complete: late paints and deferred work count too
ANALYSIS = ("show the Analysis view", *(
    action for panel in PANELS for action in (f"show the {panel.title} panel", f"filter change, {panel.title} shown")
))
ACTIONS = (
    "edit a statement", "add a statement", "delete a statement", "undo", "redo", "accept an article proposal",
    "another editor's change arriving", "search", "filter change", *ANALYSIS,
)
_ARTICLE = Path(__file__).resolve().parent.parent / "seeds" / "kremlin-refutes-invasion-reports.txt"


class Watchdog:
    """A timer on the GUI thread; `longest` is the longest gap (seconds) between its ticks since `start`,
    and `at` when that gap ended (seconds after `start`)."""

    def __init__(self):
        from PySide6.QtCore import QTimer, Qt

        self._timer = QTimer(interval=TICK_MS, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._started = self._last = 0.0
        self.longest = self.at = 0.0

    def start(self) -> None:
        """Start timing from now."""
        self.longest, self.at, self._started = 0.0, 0.0, time.perf_counter()
        self._last = self._started
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        if now - self._last > self.longest:
            self.longest, self.at = now - self._last, now - self._started
        self._last = now

    def stop(self) -> float:
        """Stop; the longest gap in seconds."""
        self._tick()
        self._timer.stop()
        return self.longest


class Stalls:
    """Takes each action in one main window on a database and measures its longest stall."""

    def __init__(self, database: Path, timeout: float):
        from desktop.app import application, build_main_window

        self.app = application()
        self.database = database
        self.timeout = timeout
        self.window = build_main_window(database)
        self.window.show()
        self.window.editing.confirm = _yes  # "Delete this statement?" answered Yes, as the editor would
        self.failures: list[str] = []
        self.window.runner.failed.connect(self.failures.append)
        self.watchdog = Watchdog()
        if not self._wait(lambda: self.window.view_is_complete, self.timeout):
            raise RuntimeError("the window's views were not complete after opening")
        self._wait(lambda: False, SETTLE_SECONDS)

    def _wait(self, done: Callable[[], bool], seconds: float) -> bool:
        """Handle events until `done()` or `seconds` have passed; whether it was done."""
        from PySide6.QtCore import QEventLoop, QTimer

        deadline = time.perf_counter() + seconds
        wake = QTimer(interval=TICK_MS)  # WaitForMoreEvents returns at least this often
        wake.start()
        try:
            while not done():
                if time.perf_counter() > deadline:
                    return False
                self.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            return True
        finally:
            wake.stop()

    def measure(self, action: Callable[[], object], done: Callable[[], bool] = lambda: True) -> float | None:
        """Take `action` from the event loop; the longest stall (seconds) until its steps have landed on
        the writer thread, the views are complete and `done()`, None when they were not within the
        timeout. `action` returns False when it failed, or a check of its effect made once it landed."""
        from PySide6.QtCore import QTimer

        outcome: dict = {}

        def take() -> None:
            try:
                outcome["result"] = action()
            except Exception as error:  # noqa: BLE001 - raised again below, out of the event loop
                outcome["error"] = error

        self.failures.clear()
        self.watchdog.start()
        QTimer.singleShot(0, take)
        runner = self.window.runner
        complete = self._wait(lambda: bool(outcome) and runner.idle and self.window.view_is_complete and done(), self.timeout)
        if complete:
            self._wait(lambda: False, TAIL_SECONDS)
        longest = self.watchdog.stop()
        if "error" in outcome:
            raise outcome["error"]
        result = outcome.get("result")
        if callable(result):
            result = result()
        if self.failures or result is False:
            raise RuntimeError(f"the action failed: {self.failures}")
        return longest if complete else None

    def run(self) -> dict[str, float | None]:
        """One round of every action in ACTIONS, in that order, on the first statement shown: each its stall."""
        from desktop.domain.entities import Statement
        from desktop.services import catalog
        from desktop.services.operations import CreateRecord, UpdateRecord

        window = self.window
        runner, state = window.runner, window.state
        window.clear_filter()
        self._wait(lambda: window.view_is_complete, self.timeout)
        edited = window.comparison_model.first_statement()
        state.select_statement(edited)
        if edited is None:
            raise RuntimeError("the window selected no statement to work on")

        def edit() -> Callable[[], bool]:
            row = catalog.get(window.db, Statement, edited)
            text = row.text + " (checked)"
            runner.run(UpdateRecord(Statement, edited, {"text": text}, version=row.version, seen={"text": row.text}))
            return lambda: catalog.get(window.db, Statement, edited).text == text

        def add() -> Callable[[], bool]:
            row = catalog.get(window.db, Statement, edited)
            values = {"text": "A statement added while measuring.", "said_on": row.said_on,
                      "speaker_id": row.speaker_id, "outlet_id": row.outlet_id}
            operation = CreateRecord(Statement, values)
            runner.run(operation, lambda change: change is not None and state.select_statement(operation.created_id))
            return lambda: operation.created_id is not None

        def delete() -> Callable[[], bool]:
            window.editing.delete("statement", edited)
            return lambda: catalog.get(window.db, Statement, edited) is None

        def step(action: str) -> Callable[[], Callable[[], bool]]:
            def take() -> Callable[[], bool]:
                before = runner.stack.index()
                window.actions[action].trigger()
                return lambda: runner.stack.index() != before

            return take

        stalls = {
            "edit a statement": self.measure(edit),
            "add a statement": self.measure(add),
            "delete a statement": self.measure(delete),
            "undo": self.measure(step("undo")),
            "redo": self.measure(step("redo")),
        }
        stalls["accept an article proposal"] = self._accept()
        stalls["another editor's change arriving"] = self._remote_change()
        stalls["search"] = self.measure(
            lambda: window.search_box.setText("russia"), lambda: state.filter.text == "russia"
        )
        window.clear_filter()
        self._wait(lambda: window.view_is_complete, self.timeout)
        speaker = _busiest_speaker(window.db)
        stalls["filter change"] = self.measure(
            lambda: window.navigator.entry_chosen.emit("speaker", speaker), lambda: state.filter.speaker_id == speaker
        )
        stalls.update(self._analysis(speaker))
        return stalls

    def _analysis(self, speaker: int) -> dict[str, float | None]:
        """Show the Analysis view, then each panel in turn (the first last), changing the filter while it is
        shown (to the busiest speaker, not timed back): each until the panel shows its figures."""
        window = self.window
        view = window.analysis
        window.actions["show_comparison"].trigger()  # the window may have opened on it, as it was left
        window.clear_filter()
        self._wait(lambda: window.view_is_complete and not getattr(view.current, "working", False), self.timeout)

        def settled(panel) -> Callable[[], bool]:
            return lambda: not getattr(panel, "working", False)

        stalls = {"show the Analysis view": self.measure(window.actions["show_analysis"].trigger, settled(view.current))}
        first = view.current
        for panel in [*view.panels[view.panels.index(first) + 1:], *view.panels[: view.panels.index(first) + 1]]:
            stalls[f"show the {panel.title} panel"] = self.measure(partial(view.tabs.setCurrentWidget, panel), settled(panel))
            stalls[f"filter change, {panel.title} shown"] = self.measure(
                partial(window.navigator.entry_chosen.emit, "speaker", speaker), settled(panel)
            )
            window.clear_filter()
            self._wait(lambda: window.view_is_complete and settled(panel)(), self.timeout)
        window.actions["show_comparison"].trigger()
        return stalls

    def _accept(self) -> float | None:
        """Open the review of the seed article (not timed), then accept its first proposal still pending."""
        from desktop.ui.review import open_article_review
        from desktop.ui.review.review_window import Status

        opened: list = []
        reading = open_article_review(self.window, _ARTICLE)
        reading.opened.connect(opened.append)
        if not self._wait(lambda: bool(opened), self.timeout) or not self._wait(lambda: self.window.view_is_complete, self.timeout):
            raise RuntimeError("the article's review did not open")
        review = opened[0]

        def accept() -> Callable[[], bool]:
            review.accept_current()
            return lambda: any(item.status == Status.ACCEPTED for item in review.items)

        try:
            return self.measure(accept)
        finally:
            review.confirm_close = _yes
            review.close()

    def _remote_change(self) -> float | None:
        """Another editor edits a statement through a Database of their own (not timed); the window's
        watcher finds the change and the views show it."""
        from desktop.domain.entities import Statement
        from desktop.services import catalog
        from desktop.services.operations import UpdateRecord
        from desktop.storage.database import Database

        seen: list = []
        self.window.changed_elsewhere.connect(seen.append)
        other = Database(self.database)
        try:
            theirs = self.window.comparison_model.first_statement()
            row = catalog.get(other, Statement, theirs)
            UpdateRecord(Statement, theirs, {"text": row.text + " (their note)"}, version=row.version).apply(other)
        finally:
            other.close()
        return self.measure(lambda: None, lambda: bool(seen))

    def close(self) -> None:
        """Close the window and its database."""
        self.window.close()
        self.window.deleteLater()
        self.app.processEvents()


def _yes(*_question) -> bool:
    return True


def _busiest_speaker(db) -> int:
    from desktop.services import catalog

    counts = catalog.catalog(db).speakers
    return max(counts, key=lambda entry: entry.count).id


def gui_stalls(database: Path, runs: int = 1, timeout: float = 300.0) -> dict[str, str]:
    """The longest stall of each action in ACTIONS, in words ("12 ms"), the median of `runs` rounds and, when there
    are several, each round's ("12 ms (rounds: 9, 12, 30 ms)"), measured in this process (Qt offscreen unless
    QT_QPA_PLATFORM says otherwise). The database is changed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    stalls = Stalls(database, timeout)
    try:
        rounds = [stalls.run() for _ in range(runs)]
    finally:
        stalls.close()
    words = {}
    for action in ACTIONS:
        measured = [round_[action] for round_ in rounds]
        if None in measured:
            words[action] = f"views not complete after {timeout:.0f} s"
        else:
            words[action] = f"{statistics.median(measured) * 1000:.0f} ms"
            if runs > 1:  # the target is for every time, not for the median
                words[action] += f" (rounds: {', '.join(f'{stall * 1000:.0f}' for stall in measured)} ms)"
    return words


def main(argv: list[str] | None = None) -> int:
    """Print one `gui stall, <action>: <N> ms` line per action."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="a Parallax database; it is changed")
    parser.add_argument("--runs", type=int, default=1, help="rounds of every action; the median is printed")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds an action may take to complete")
    args = parser.parse_args(argv)
    for action, stall in gui_stalls(args.db, args.runs, args.timeout).items():
        print(f"gui stall, {action}: {stall}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
