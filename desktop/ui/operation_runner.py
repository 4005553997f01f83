"""Runs undoable operations and keeps them on the QUndoStack behind Edit > Undo/Redo."""

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from desktop.services.conflicts import describe_conflict
from desktop.services.errors import ConflictError, ParallaxError
from desktop.services.operations import Change, Operation
from desktop.storage.database import Database, DatabaseBusy
from desktop.ui.busy import run_busy
from desktop.ui.dialogs import ConflictDialog


class _OperationCommand(QUndoCommand):
    """A QUndoCommand around an operation that has already been applied once.

    A step that cannot be undone or redone any more (refused, or another editor's
    version kept) leaves the history.
    """

    def __init__(self, runner: "OperationRunner", operation: Operation):
        super().__init__(operation.title)
        self._runner = runner
        self._operation = operation
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        if not self._runner.replay(self._operation, self._operation.apply):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._runner.replay(self._operation, self._operation.revert):
            self.setObsolete(True)


class OperationRunner(QObject):
    """Applies operations to the open database; says what changed or why it failed.

    When another editor saved the same record first, `resolve_conflict` shows both
    versions and returns True to keep this editor's ("Keep Mine": the step is made
    again over theirs) or False to take theirs (nothing is written).
    """

    changed = Signal(object)
    failed = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.stack = QUndoStack(self)
        self.resolve_conflict: Callable[[ConflictError], bool] = self._ask

    def _ask(self, conflict: ConflictError) -> bool:
        return ConflictDialog(self.parent(), describe_conflict(self.db, conflict)).keeps_mine()

    def _attempt(self, operation: Operation, step) -> Change | None:
        """Run one step until it is done or given up; None when nothing was changed."""
        while True:
            try:
                return self._step(operation, step)
            except ConflictError as conflict:
                if not self.resolve_conflict(conflict):
                    self.changed.emit(Change(frozenset({conflict.table}), (conflict.row_id,)))
                    return None
                operation.rebase(conflict)
            except (ParallaxError, DatabaseBusy) as error:
                self.failed.emit(str(error))
                return None

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
        """Apply an operation and push it for undo; on refusal emit `failed` and return None."""
        change = self._attempt(operation, operation.apply)
        if change is not None:
            self.stack.push(_OperationCommand(self, operation))
            self.changed.emit(change)
        return change

    def replay(self, operation: Operation, step) -> bool:
        """Undo or redo one step, reporting a refusal instead of raising inside Qt; True when it was done."""
        change = self._attempt(operation, step)
        if change is not None:
            self.changed.emit(change)
        return change is not None
