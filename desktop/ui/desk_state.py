"""What the editor is looking at: the filter, the two sides compared, the selection."""

from datetime import date

from PySide6.QtCore import QObject, Signal

from desktop.domain.filters import StatementFilter


class DeskState(QObject):
    """Shared view state; views listen to its signals instead of to one another."""

    filter_changed = Signal(object)
    sides_changed = Signal(object, object)
    statement_selected = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.filter = StatementFilter()
        self.left_side: int | None = None
        self.right_side: int | None = None
        self.selected: int | None = None

    def set_filter(self, chosen: StatementFilter) -> None:
        """Replace the filter and tell the views."""
        if chosen != self.filter:
            self.filter = chosen
            self.filter_changed.emit(chosen)

    def update_filter(self, **changes) -> None:
        """Change some fields of the filter."""
        self.set_filter(self.filter.with_changes(**changes))

    def filter_dates(self, first: date | None = None, last: date | None = None) -> None:
        """Show only the statements said from `first` to `last`, inclusive; with neither, said on any date."""
        self.update_filter(date_from=first, date_to=last)

    def clear_filter(self) -> None:
        """Show everything again."""
        self.set_filter(StatementFilter())

    def set_sides(self, left: int | None, right: int | None) -> None:
        """Choose the two sides laid side by side."""
        if (left, right) != (self.left_side, self.right_side):
            self.left_side, self.right_side = left, right
            self.sides_changed.emit(left, right)

    def select_statement(self, statement_id: int | None) -> None:
        """Make one statement the current one (None for none)."""
        if statement_id != self.selected:
            self.selected = statement_id
            self.statement_selected.emit(statement_id)
