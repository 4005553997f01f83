"""The comparison: two side pickers over a table of statement cards."""

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
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


class ComparisonTable(QTableView):
    """The table of cards; one cell is one statement."""

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
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(CARD_HEIGHT)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setHighlightSections(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.selectionModel().currentChanged.connect(self._current_changed)
        self.activated.connect(self._activated)
        self._let_cards_be_dragged()

    def _let_cards_be_dragged(self) -> None:
        """A card dragged onto a story in the navigator moves its statement there."""
        StatementDragStarter(self)

    def comparison_model(self) -> ComparisonModel:
        """The model as its own type."""
        return self.model()

    def _current_changed(self, current, _previous) -> None:
        self.statement_selected.emit(self.comparison_model().statement_id(current))

    def _activated(self, index) -> None:
        statement_id = self.comparison_model().statement_id(index)
        if statement_id is not None:
            self.edit_requested.emit(statement_id)

    def select_statement(self, statement_id: int | None, *, fetch_pages: int = 25) -> None:
        """Make a statement's cell current and scroll to it, if it is shown within `fetch_pages` more pages."""
        index = self.comparison_model().index_of(statement_id, fetch_pages=fetch_pages) if statement_id else None
        if index is None or not index.isValid():
            return
        if self.currentIndex() != index:
            self.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self.scrollTo(index)


class ComparisonPanel(QWidget):
    """The side pickers above the comparison table, and a note when nothing matches."""

    sides_chosen = Signal(object, object)

    def __init__(self, model: ComparisonModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.left_picker = QComboBox(objectName="leftSidePicker")
        self.right_picker = QComboBox(objectName="rightSidePicker")
        for picker in (self.left_picker, self.right_picker):
            picker.setMinimumContentsLength(14)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(pickers)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_note)

    def set_side_choices(self, sides: list[tuple[int, str]], left: int | None, right: int | None) -> None:
        """Fill both pickers with the sides and select the compared pair."""
        for picker, chosen in ((self.left_picker, left), (self.right_picker, right)):
            picker.blockSignals(True)
            picker.clear()
            for side_id, name in sides:
                picker.addItem(name, side_id)
            picker.setCurrentIndex(max(0, picker.findData(chosen)) if sides else -1)
            picker.blockSignals(False)
        self._chosen = (self.left_picker.currentData(), self.right_picker.currentData())

    def _picked(self) -> None:
        """Emit the chosen pair; picking the side already on the other column swaps the two."""
        left, right = self.left_picker.currentData(), self.right_picker.currentData()
        if left is not None and left == right:
            changed = self.left_picker if self.sender() is self.left_picker else self.right_picker
            other = self.right_picker if changed is self.left_picker else self.left_picker
            other.blockSignals(True)
            other.setCurrentIndex(other.findData(self._chosen[0 if changed is self.left_picker else 1]))
            other.blockSignals(False)
            left, right = self.left_picker.currentData(), self.right_picker.currentData()
        self._chosen = (left, right)
        self.sides_chosen.emit(left, right)

    def show_empty_note(self, text: str) -> None:
        """Explain an empty comparison, or hide the note when text is empty."""
        self.empty_note.setText(text)
        self.empty_note.setVisible(bool(text))
