"""What the editor is looking at: the filter, the sides compared, the selection."""

from datetime import date

from PySide6.QtCore import QObject, Signal

from desktop.domain.filters import StatementFilter


class DeskState(QObject):
    """Shared view state; views listen to its signals instead of to one another."""

    filter_changed = Signal(object)
    sides_changed = Signal()
    statement_selected = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.filter = StatementFilter()
        self.left_side: int | None = None
        self.right_side: int | None = None
        self.third_side: int | None = None  # a third column, if chosen
        self.others = False  # a last column for every side not chosen
        self.selected: int | None = None

    def set_filter(self, chosen: StatementFilter) -> None:
        """Replace the filter and tell the views."""
        if chosen != self.filter:
            self.filter = chosen
            self.filter_changed.emit(chosen)

    def update_filter(self, **changes) -> None:
        """Change some fields of the filter."""
        self.set_filter(self.filter.with_changes(**changes))

    def choose(self, **one) -> None:
        """Show one side's, speaker's or outlet's statements, or one answer direction's, in place of any other."""
        self.set_filter(self.filter.choosing(**one))

    def filter_dates(self, first: date | None = None, last: date | None = None) -> None:
        """Show only the statements said from `first` to `last`, inclusive; with neither, said on any date."""
        self.update_filter(date_from=first, date_to=last)

    def clear_filter(self) -> None:
        """Show everything again."""
        self.set_filter(StatementFilter())

    def settle(self, *, lanes: tuple[int | None, int | None, int | None, bool] | None = None,
               chosen: StatementFilter | None = None) -> None:
        """Set the sides compared and the filter without telling the views: for the window, which is about to
        show them itself (opening a database, a side or story another editor deleted)."""
        if lanes is not None:
            self.left_side, self.right_side, self.third_side, self.others = lanes
        if chosen is not None:
            self.filter = chosen

    def set_sides(self, left: int | None, right: int | None, third: int | None = None, others: bool = False) -> None:
        """Choose the sides laid side by side: two, an optional third, and optionally a column for all others."""
        if (left, right, third, others) != self.lanes:
            self.left_side, self.right_side, self.third_side, self.others = left, right, third, others
            self.sides_changed.emit()

    @property
    def lanes(self) -> tuple[int | None, int | None, int | None, bool]:
        """The chosen sides (left, right, third) and whether all others get a column."""
        return self.left_side, self.right_side, self.third_side, self.others

    @property
    def compared(self) -> tuple[int | None, ...]:
        """The sides with a column of their own, in order."""
        chosen = (self.left_side, self.right_side, self.third_side)
        return chosen if self.third_side is not None else chosen[:2]

    def select_statement(self, statement_id: int | None) -> None:
        """Make one statement the current one (None for none)."""
        if statement_id != self.selected:
            self.selected = statement_id
            self.statement_selected.emit(statement_id)
