"""Runs undoable operations on the write executor and keeps them on the QUndoStack behind Edit > Undo/Redo.

Every step (apply, revert, the re-try after "Keep Mine") runs on the workspace's writer thread;
the GUI thread posts it, stays responsive, and takes the result when it comes back. Requests
(run, undo, redo) are taken one at a time in the order made: one made while a step is in flight
waits behind it, so Undo pressed just after an edit undoes that edit once it has landed.

Undo and redo go through the runner, never straight to the stack: the runner takes the step
first and moves the stack's index only when it was done, so a refused or failed undo leaves
Undo offered for what is still in place, not Redo.
"""

from collections import deque
from collections.abc import Callable, Generator, Iterable
from enum import Enum, auto
from functools import partial

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget
from sqlalchemy.exc import SQLAlchemyError

from desktop.services.conflicts import describe_conflict
from desktop.services.errors import ConflictError, ParallaxError
from desktop.services.changes import Change
from desktop.services.operations import Operation
from desktop.services.workspace import Workspace
from desktop.storage.database import Database, DatabaseBusy
from desktop.ui.dialogs import ConflictDialog

WAIT_SHOWN_AFTER_MS = 300  # a step still running after this shows a busy cursor and says it waits


class _OperationCommand(QUndoCommand):
    """An operation's place on the QUndoStack: the runner has taken the step by the time the stack moves over it."""

    def __init__(self, operation: Operation):
        super().__init__(operation.title)
        self.operation = operation

    def redo(self) -> None:
        """Nothing: the runner applied the operation before the stack moved."""

    def undo(self) -> None:
        """Nothing: the runner reverted the operation before the stack moved."""


class _Outcome(Enum):
    DONE = auto()
    THEIRS = auto()  # another editor's version was kept: nothing of this step is left to take
    REFUSED = auto()


def _operations(command: QUndoCommand) -> list[Operation]:
    """The operations of one entry of the stack, in the order they were made (a macro holds several)."""
    if isinstance(command, _OperationCommand):
        return [command.operation]
    return [operation for index in range(command.childCount()) for operation in _operations(command.child(index))]


# A request: a generator yielding (operation, step) pairs, sent each step's outcome, returning the
# request's result. It runs on the GUI thread between steps.
_Request = Generator[tuple[Operation, Callable], tuple[_Outcome, Change | None], object]


class OperationRunner(QObject):
    """Applies operations to the open workspace; says what changed, what was kept on purpose, or why it failed.

    When another editor saved the same record first, `resolve_conflict` shows both
    versions and returns True to keep this editor's ("Keep Mine": the step is made
    again over theirs) or False to take theirs (nothing is written).

    `waiting` carries, in words, what a step that has not finished after WAIT_SHOWN_AFTER_MS waits
    for, and "" once it is done.
    """

    changed = Signal(object)
    failed = Signal(str)
    told = Signal(str)  # what a step left in place on purpose, in words
    waiting = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.stack = QUndoStack(self)
        self.resolve_conflict: Callable[[ConflictError], bool] = self._ask
        self._requests: deque[tuple[Callable[[], _Request], Callable[[object], None] | None]] = deque()
        self._current: tuple[_Request, Callable[[object], None] | None] | None = None
        self._step_title = ""  # what the step in flight does, in words
        self._wait = QTimer(self, singleShot=True, interval=WAIT_SHOWN_AFTER_MS)
        self._wait.timeout.connect(self._show_waiting)
        self._cursor_shown = False

    @property
    def db(self) -> Database:
        """The open database."""
        return self.workspace.db

    @property
    def idle(self) -> bool:
        """True when no request is running or waiting."""
        return self._current is None and not self._requests

    def stop(self) -> None:
        """Take no more steps: the requests not taken are dropped (closing the workspace lets the step
        in flight finish; its result is not delivered)."""
        self._requests.clear()
        self._current = None
        self._done_waiting()

    def switch_to(self, workspace: Workspace) -> None:
        """Work on another workspace: the history and the requests not taken belong to the one left."""
        self.stop()
        self.stack.clear()
        self.workspace = workspace

    def _ask(self, conflict: ConflictError) -> bool:
        return ConflictDialog(self.parent(), describe_conflict(self.db, conflict)).keeps_mine()

    # Requests --------------------------------------------------------------------------------

    def run(self, operation: Operation, done: Callable[[Change | None], None] | None = None) -> None:
        """Apply an operation and push it for undo; then `done` with what changed, or None when nothing
        was done (`failed` says why)."""
        self._request(partial(self._apply, [operation], None), done)

    def run_together(self, title: str, operations: Iterable[Operation], done: Callable[[Change | None], None] | None = None) -> None:
        """Apply operations one after the other as one step of the undo stack called `title`; each is
        made only once the one before was done (it may use its `created_id`). `done` has the last change,
        or None when one was not done (those done before it stay, and undo together)."""
        self._request(partial(self._apply, operations, title), done)

    def undo(self, done: Callable[[bool], None] | None = None) -> None:
        """Undo the step before the stack's index (once the requests before this one are done); `done`
        with True when it was undone (the index moved)."""
        self._request(partial(self._move, undoing=True), done)

    def redo(self, done: Callable[[bool], None] | None = None) -> None:
        """Redo the step after the stack's index; `done` with True when it was redone (the index moved)."""
        self._request(partial(self._move, undoing=False), done)

    def _request(self, make: Callable[[], _Request], done) -> None:
        self._requests.append((make, done))
        if self._current is None:
            self._next()

    def _next(self) -> None:
        """Start the oldest request waiting, if any."""
        if not self._requests:
            return
        make, done = self._requests.popleft()
        self._current = (make(), done)
        self._advance(None)

    def _advance(self, outcome: tuple[_Outcome, Change | None] | None) -> None:
        """Send the current request the outcome of its last step; post its next step, or finish it."""
        request, done = self._current
        try:
            operation, step = next(request) if outcome is None else request.send(outcome)
        except StopIteration as stop:
            self._current = None
            try:
                if done is not None:
                    done(stop.value)
            finally:
                if self._current is None:  # `done` may have asked for another step, started already
                    self._next()
            return
        self._post(operation, step)

    def _post(self, operation: Operation, step: Callable) -> None:
        undoing = step == operation.revert
        # A slow step takes its time; any other that is not done soon waits for another writer.
        if operation.slow:
            self._step_title = f"{'Undoing' if undoing else 'Saving'} “{operation.title}”…"
        else:
            self._step_title = f"Waiting for the database to {'undo' if undoing else 'save'} “{operation.title}”…"
        if not self._wait.isActive() and not self._cursor_shown:
            self._wait.start()
        request = self._current[0]
        self.workspace.jobs.write(
            partial(self.workspace.step, step),
            partial(self._landed, request, operation, step),
            partial(self._refused, request, operation, step),
            name=f"{'Undoing' if undoing else 'Saving'} “{operation.title}”",
        )

    # Results, back on the GUI thread ----------------------------------------------------------

    def _is_current(self, request: _Request) -> bool:
        return self._current is not None and self._current[0] is request

    def _landed(self, request: _Request, operation: Operation, step, change: Change) -> None:
        if not self._is_current(request):
            return
        self._done_waiting()
        self.changed.emit(change)
        if change.notice:
            self.told.emit(change.notice)
        self._advance((_Outcome.DONE, change))

    def _refused(self, request: _Request, operation: Operation, step, error: BaseException) -> None:
        if not self._is_current(request):
            return
        self._done_waiting()
        if isinstance(error, ConflictError):
            if self.resolve_conflict(error):
                operation.rebase(error)
                self._post(operation, step)  # "Keep Mine": the step again, over theirs
                return
            self.changed.emit(Change.edited(error.table, [error.row_id], None))  # theirs: fields not known
            self._advance((_Outcome.THEIRS, None))
            return
        if isinstance(error, (ParallaxError, DatabaseBusy)):
            self.failed.emit(str(error))
        elif isinstance(error, SQLAlchemyError):
            reason = getattr(error, "orig", None) or error
            self.failed.emit(f"The database refused “{operation.title}”; nothing was changed. ({reason})")
        else:
            self._advance((_Outcome.REFUSED, None))
            raise error  # a bug: reported to the editor like any other, with where it is logged
        self._advance((_Outcome.REFUSED, None))

    def _show_waiting(self) -> None:
        if self._current is None:
            return
        self._cursor_shown = True
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.waiting.emit(self._step_title)

    def _done_waiting(self) -> None:
        self._wait.stop()
        if self._cursor_shown:
            self._cursor_shown = False
            QGuiApplication.restoreOverrideCursor()
            self.waiting.emit("")

    # The steps of each request ----------------------------------------------------------------

    def _apply(self, operations: Iterable[Operation], title: str | None) -> _Request:
        done: list[Operation] = []
        change = None
        for operation in operations:
            outcome, change = yield operation, operation.apply
            if outcome is not _Outcome.DONE:
                change = None
                break
            done.append(operation)
        if title is None or len(done) == 1 and title == done[0].title:
            for operation in done:
                self.stack.push(_OperationCommand(operation))
        elif done:
            self.stack.beginMacro(title)
            for operation in done:
                self.stack.push(_OperationCommand(operation))
            self.stack.endMacro()
        return change

    def _move(self, undoing: bool) -> _Request:
        """Take the steps of one entry of the stack, then move the index over it; a refused step puts
        back those of the entry taken before it and leaves the index where it was."""
        position = self.stack.index() - 1 if undoing else self.stack.index()
        if not 0 <= position < self.stack.count():
            return False
        command = self.stack.command(position)
        operations = _operations(command)
        if undoing:
            operations.reverse()
        taken, outcome = [], _Outcome.DONE
        for operation in operations:
            outcome, _change = yield operation, (operation.revert if undoing else operation.apply)
            if outcome is _Outcome.REFUSED:
                for done in reversed(taken):
                    yield done, (done.apply if undoing else done.revert)
                return False
            taken.append(operation)
        if outcome is _Outcome.THEIRS and len(operations) == 1:
            command.setObsolete(True)  # nothing of it is left to undo or redo: it leaves the history
        if undoing:
            self.stack.undo()
        else:
            self.stack.redo()
        return True

    # Edit > Undo and Redo ---------------------------------------------------------------------

    def undo_action(self, parent: QObject) -> QAction:
        """Edit > Undo: names the step it undoes, and undoes it through the runner."""
        return self._action(parent, "&Undo", self.stack.canUndo, self.stack.undoText, self.stack.canUndoChanged,
                            self.stack.undoTextChanged, self._undo_triggered)

    def redo_action(self, parent: QObject) -> QAction:
        """Edit > Redo: names the step it redoes, and redoes it through the runner."""
        return self._action(parent, "&Redo", self.stack.canRedo, self.stack.redoText, self.stack.canRedoChanged,
                            self.stack.redoTextChanged, self._redo_triggered)

    def _undo_triggered(self, _checked: bool = False) -> None:
        self.undo()

    def _redo_triggered(self, _checked: bool = False) -> None:
        self.redo()

    def _action(self, parent, verb, can, text, can_changed, text_changed, take) -> QAction:
        action = QAction(parent)
        action.setEnabled(can())
        _label(action, verb, text())
        can_changed.connect(action.setEnabled)
        text_changed.connect(partial(_label, action, verb))
        action.triggered.connect(take)
        return action


def _label(action: QAction, verb: str, step: str) -> None:
    action.setText(f"{verb} {step}" if step else verb)
