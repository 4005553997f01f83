"""Runs undoable operations and keeps them on the QUndoStack behind Edit > Undo/Redo.

Undo and redo go through the runner, never straight to the stack: the runner takes the step
first and moves the stack's index only when it was done, so a refused or failed undo leaves
Undo offered for what is still in place, not Redo.
"""

from collections.abc import Callable
from enum import Enum, auto
from functools import partial

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget
from sqlalchemy.exc import SQLAlchemyError

from desktop.services.conflicts import describe_conflict
from desktop.services.errors import ConflictError, ParallaxError
from desktop.services.changes import Change
from desktop.services.operations import Operation
from desktop.storage.database import Database, DatabaseBusy
from desktop.ui.busy import run_busy
from desktop.ui.dialogs import ConflictDialog


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


class OperationRunner(QObject):
    """Applies operations to the open database; says what changed, what was kept on purpose, or why it failed.

    When another editor saved the same record first, `resolve_conflict` shows both
    versions and returns True to keep this editor's ("Keep Mine": the step is made
    again over theirs) or False to take theirs (nothing is written).
    """

    changed = Signal(object)
    failed = Signal(str)
    told = Signal(str)  # what a step left in place on purpose, in words

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.stack = QUndoStack(self)
        self.resolve_conflict: Callable[[ConflictError], bool] = self._ask

    def _ask(self, conflict: ConflictError) -> bool:
        return ConflictDialog(self.parent(), describe_conflict(self.db, conflict)).keeps_mine()

    def _attempt(self, operation: Operation, step) -> tuple[_Outcome, Change | None]:
        """Run one step until it is done or given up, telling the views what changed; the change when done."""
        while True:
            try:
                change = self._step(operation, step)
            except ConflictError as conflict:
                if not self.resolve_conflict(conflict):
                    self.changed.emit(Change.edited(conflict.table, [conflict.row_id], None))  # theirs: fields not known
                    return _Outcome.THEIRS, None
                operation.rebase(conflict)
                continue
            except (ParallaxError, DatabaseBusy) as error:
                self.failed.emit(str(error))
                return _Outcome.REFUSED, None
            except SQLAlchemyError as error:
                reason = getattr(error, "orig", None) or error
                self.failed.emit(f"The database refused “{operation.title}”; nothing was changed. ({reason})")
                return _Outcome.REFUSED, None
            self.changed.emit(change)
            if change.notice:
                self.told.emit(change.notice)
            return _Outcome.DONE, change

    def _step(self, operation: Operation, step) -> Change:
        """One step: a slow one off the GUI thread behind a busy dialog, any other behind a busy cursor."""
        if operation.slow:
            doing = "Undoing" if step == operation.revert else "Doing"
            return run_busy(self.parent(), f"{doing} “{operation.title}”…", lambda: step(self.db))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return step(self.db)
        finally:
            QGuiApplication.restoreOverrideCursor()

    def run(self, operation: Operation) -> Change | None:
        """Apply an operation and push it for undo; None when nothing was done (`failed` says why)."""
        outcome, change = self._attempt(operation, operation.apply)
        if outcome is _Outcome.DONE:
            self.stack.push(_OperationCommand(operation))
        return change

    def undo(self) -> bool:
        """Undo the step before the stack's index; True when it was undone (the index moved)."""
        return self._move(self.stack.index() - 1, undoing=True)

    def redo(self) -> bool:
        """Redo the step after the stack's index; True when it was redone (the index moved)."""
        return self._move(self.stack.index(), undoing=False)

    def _move(self, position: int, undoing: bool) -> bool:
        """Take the steps of one entry of the stack, then move the index over it; a refused step puts
        back those of the entry taken before it and leaves the index where it was."""
        if not 0 <= position < self.stack.count():
            return False
        command = self.stack.command(position)
        operations = _operations(command)
        if undoing:
            operations.reverse()
        taken, outcome = [], _Outcome.DONE
        for operation in operations:
            outcome, _change = self._attempt(operation, operation.revert if undoing else operation.apply)
            if outcome is _Outcome.REFUSED:
                for done in reversed(taken):
                    self._attempt(done, done.apply if undoing else done.revert)
                return False
            taken.append(operation)
        if outcome is _Outcome.THEIRS and len(operations) == 1:
            command.setObsolete(True)  # nothing of it is left to undo or redo: it leaves the history
        if undoing:
            self.stack.undo()
        else:
            self.stack.redo()
        return True

    def undo_action(self, parent: QObject) -> QAction:
        """Edit > Undo: names the step it undoes, and undoes it through the runner."""
        return self._action(parent, "&Undo", self.stack.canUndo, self.stack.undoText, self.stack.canUndoChanged,
                            self.stack.undoTextChanged, self.undo)

    def redo_action(self, parent: QObject) -> QAction:
        """Edit > Redo: names the step it redoes, and redoes it through the runner."""
        return self._action(parent, "&Redo", self.stack.canRedo, self.stack.redoText, self.stack.canRedoChanged,
                            self.stack.redoTextChanged, self.redo)

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
