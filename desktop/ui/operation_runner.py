"""Runs undoable operations and keeps them on the QUndoStack behind Edit > Undo/Redo."""

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.services.errors import ParallaxError
from desktop.services.operations import Change, Operation
from desktop.storage.database import Database


class _OperationCommand(QUndoCommand):
    """A QUndoCommand around an operation that has already been applied once."""

    def __init__(self, runner: "OperationRunner", operation: Operation):
        super().__init__(operation.title)
        self._runner = runner
        self._operation = operation
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._runner.replay(self._operation.apply)

    def undo(self) -> None:
        self._runner.replay(self._operation.revert)


class OperationRunner(QObject):
    """Applies operations to the open database; says what changed or why it failed."""

    changed = Signal(object)
    failed = Signal(str)

    def __init__(self, db: Database, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        self.stack = QUndoStack(self)

    def run(self, operation: Operation) -> Change | None:
        """Apply an operation and push it for undo; on refusal emit `failed` and return None."""
        try:
            change = operation.apply(self.db)
        except ParallaxError as error:
            self.failed.emit(str(error))
            return None
        self.stack.push(_OperationCommand(self, operation))
        self.changed.emit(change)
        return change

    def replay(self, step) -> None:
        """Undo or redo one step, reporting a refusal instead of raising inside Qt."""
        try:
            change = step(self.db)
        except ParallaxError as error:
            self.failed.emit(str(error))
            return
        self.changed.emit(change)
