"""The comparison: side pickers over a table of statement cards, claims spanning their answers."""

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.card_delegate import CARD_HEIGHT, CardDelegate
from desktop.ui.comparison_model import ComparisonModel
from desktop.ui.statement_drag import StatementDragStarter

NO_THIRD = "none"
ALL_OTHERS = "others"


class ComparisonTable(QTableView):
    """The table of cards; one cell is one statement, a claim's card spans the rows of its answers."""

    statement_selected = Signal(object)
    edit_requested = Signal(int)

    def __init__(self, model: ComparisonModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("comparisonView")
        self.setModel(model)
        self.setItemDelegate(CardDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setMouseTracking(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(CARD_HEIGHT)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setHighlightSections(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.selectionModel().currentChanged.connect(self._current_changed)
        self.activated.connect(self._activated)
        model.spans_changed.connect(self._set_spans)
        model.replacing.connect(self._rows_replacing)
        self._kept: int | None = None  # the current statement while the model replaces rows
        self._replacing = False
        self._let_cards_be_dragged()

    def _let_cards_be_dragged(self) -> None:
        """A card dragged onto a story in the navigator moves its statement there."""
        StatementDragStarter(self)

    def comparison_model(self) -> ComparisonModel:
        """The model as its own type."""
        return self.model()

    def _set_spans(self, first: int) -> None:
        if first == 0:
            self.clearSpans()
        for row, column, rows in self.comparison_model().spans(first):
            self.setSpan(row, column, rows, 1)

    def _rows_replacing(self, starting: bool) -> None:
        """Keep the current statement through a replacement of rows (Qt would move it to a neighbour)."""
        if starting:
            self._kept, self._replacing = self.comparison_model().statement_id(self.currentIndex()), True
            return
        self._replacing = False
        index = self.comparison_model().index_of(self._kept, fetch_pages=0) if self._kept is not None else None
        if index is not None and index.isValid():
            if index != self.currentIndex():
                self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        elif self._kept is not None:
            # Gone from the rows laid out: no neighbour stands for it (the window selects it again, or nothing).
            with QSignalBlocker(self.selectionModel()):
                self.selectionModel().clear()
            self.viewport().update()

    def _current_changed(self, current, _previous) -> None:
        if not self._replacing:
            self.statement_selected.emit(self.comparison_model().statement_id(current))

    def _activated(self, index) -> None:
        statement_id = self.comparison_model().statement_id(index)
        if statement_id is not None:
            self.edit_requested.emit(statement_id)

    def select_statement(self, statement_id: int | None, *, fetch_pages: int = 25) -> None:
        """Make a statement's cell current and scroll to it, if it is shown within `fetch_pages` more pages;
        None selects nothing."""
        if statement_id is None:
            if self.currentIndex().isValid():
                self.selectionModel().clear()
            return
        index = self.comparison_model().index_of(statement_id, fetch_pages=fetch_pages)
        if not index.isValid():
            return
        if self.currentIndex() != index:
            self.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self.scrollTo(index)

    def place(self) -> tuple[int, int] | None:
        """The statement whose card is at the top of the view, and where its card's top is (0 or above)."""
        for column in range(self.comparison_model().columnCount()):
            index = self.indexAt(QPoint(self.columnViewportPosition(column) + 4, 1))
            statement_id = self.comparison_model().statement_id(index)
            if statement_id is not None:
                return statement_id, self.visualRect(index).top()
        return None

    def restore_place(self, place: tuple[int, int] | None, *, fetch_pages: int = 25) -> None:
        """Scroll so the statement of `place` is at the top again, as far up as it was; nothing if it is gone."""
        if place is None:
            return
        index = self.comparison_model().index_of(place[0], fetch_pages=fetch_pages)
        if index.isValid():
            self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() - place[1])

    def reveal(self, statement_ids: frozenset[int]) -> None:
        """Mark the statements linked to the current one and scroll so that as many as fit are in view with it."""
        model = self.comparison_model()
        model.set_highlighted(statement_ids)
        current = self.currentIndex()
        if not statement_ids or not current.isValid():
            return
        shown = [current, *model.indexes_of(set(statement_ids))]
        top = min(shown, key=lambda index: self.visualRect(index).top())
        bottom = max(shown, key=lambda index: self.visualRect(index).bottom())
        span = self.visualRect(bottom).bottom() - self.visualRect(top).top()
        if span <= self.viewport().height():
            self.scrollTo(bottom, QAbstractItemView.ScrollHint.EnsureVisible)
            self.scrollTo(top, QAbstractItemView.ScrollHint.EnsureVisible)
        self.scrollTo(current, QAbstractItemView.ScrollHint.EnsureVisible)

    def toggle_folded(self, index: QModelIndex) -> None:
        """Show the statements folded into a card apart, or fold them again."""
        current = self.comparison_model().statement_id(self.currentIndex())
        self.comparison_model().toggle_folded(index)
        self.select_statement(current, fetch_pages=0)


class ComparisonPanel(QWidget):
    """The side pickers above the comparison table, and a note when nothing matches.

    `sides_chosen` carries the left, right and third side (None for no third column)
    and whether every other side gets a column of its own.
    """

    sides_chosen = Signal(object, object, object, bool)

    def __init__(self, model: ComparisonModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.left_picker = QComboBox(objectName="leftSidePicker")
        self.right_picker = QComboBox(objectName="rightSidePicker")
        self.third_picker = QComboBox(objectName="thirdSidePicker")
        self.third_picker.setToolTip("A third column: one more side, or every side not chosen")
        for picker in (self.left_picker, self.right_picker, self.third_picker):
            # Narrow enough that the docks beside the comparison keep their room on a small screen.
            picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            picker.setMinimumContentsLength(6)
            picker.currentIndexChanged.connect(self._picked)
        self._chosen: tuple[int | None, int | None] = (None, None)
        self.table = ComparisonTable(model, self)
        self.empty_note = QLabel(objectName="comparisonEmptyNote")
        self.empty_note.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_note.setStyleSheet("color: #5f6b7a; padding: 24px;")
        self.empty_note.hide()

        pickers = QHBoxLayout()
        pickers.addWidget(QLabel("Compare"))
        pickers.addWidget(self.left_picker, 1)
        pickers.addWidget(QLabel("with"))
        pickers.addWidget(self.right_picker, 1)
        pickers.addWidget(QLabel("and"))
        pickers.addWidget(self.third_picker, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(pickers)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_note)

    def set_side_choices(
        self, sides: list[tuple[int, str]], left: int | None, right: int | None,
        third: int | None = None, others: bool = False,
    ) -> None:
        """Fill the pickers with the sides and select the compared ones."""
        for picker, chosen in ((self.left_picker, left), (self.right_picker, right)):
            picker.blockSignals(True)
            picker.clear()
            for side_id, name in sides:
                picker.addItem(name, side_id)
            picker.setCurrentIndex(max(0, picker.findData(chosen)) if sides else -1)
            picker.blockSignals(False)
        self.third_picker.blockSignals(True)
        self.third_picker.clear()
        self.third_picker.addItem("no third column", NO_THIRD)
        for side_id, name in sides:
            self.third_picker.addItem(name, side_id)
        self.third_picker.addItem("all other sides", ALL_OTHERS)
        wanted = ALL_OTHERS if others else third if third is not None else NO_THIRD
        self.third_picker.setCurrentIndex(max(0, self.third_picker.findData(wanted)))
        self.third_picker.blockSignals(False)
        self._chosen = (self.left_picker.currentData(), self.right_picker.currentData())

    def _picked(self) -> None:
        """Emit the chosen sides; picking the side already on the other column swaps the two."""
        left, right = self.left_picker.currentData(), self.right_picker.currentData()
        if left is not None and left == right:
            changed = self.left_picker if self.sender() is self.left_picker else self.right_picker
            other = self.right_picker if changed is self.left_picker else self.left_picker
            other.blockSignals(True)
            other.setCurrentIndex(other.findData(self._chosen[0 if changed is self.left_picker else 1]))
            other.blockSignals(False)
            left, right = self.left_picker.currentData(), self.right_picker.currentData()
        self._chosen = (left, right)
        third = self.third_picker.currentData()
        if third in (left, right):
            self.third_picker.blockSignals(True)
            self.third_picker.setCurrentIndex(0)
            self.third_picker.blockSignals(False)
            third = NO_THIRD
        others = third == ALL_OTHERS
        self.sides_chosen.emit(left, right, None if third in (NO_THIRD, ALL_OTHERS) else third, others)

    def show_empty_note(self, text: str) -> None:
        """Explain an empty comparison, or hide the note when text is empty."""
        self.empty_note.setText(text)
        self.empty_note.setVisible(bool(text))
