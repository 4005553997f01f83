"""Parts shared by the editing dialogs: OK that validates, the error label, choice combos."""

from collections.abc import Hashable, Iterable

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.errors import ValidationError
from desktop.services.validation import validate
from desktop.ui.plain_text import plain_label
from desktop.ui.screen_fit import FittingScrollArea, ScreenFitDialog

Choice = tuple[Hashable, str]


def line_edit(name: str, text: str = "") -> QLineEdit:
    """A named single-line field."""
    edit = QLineEdit(text)
    edit.setObjectName(name)
    return edit


def text_edit(name: str, text: str = "", lines: int = 3) -> QPlainTextEdit:
    """A named plain-text field about `lines` lines tall; Tab moves focus on."""
    edit = QPlainTextEdit(text)
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 16)
    return edit


def choice_combo(
    name: str, choices: Iterable[Choice], current: Hashable = None, none_label: str | None = None
) -> QComboBox:
    """A combo of `(id, label)` choices, led by a `None` entry when `none_label` is given.

    The entry whose id equals `current` is selected; with no match, nothing is.
    """
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(20)
    if none_label is not None:
        combo.addItem(none_label, None)
    for choice_id, label in choices:
        combo.addItem(label, choice_id)
    combo.setCurrentIndex(
        next((i for i in range(combo.count()) if combo.itemData(i) == current), -1)
    )
    return combo


class EditDialog(ScreenFitDialog):
    """A dialog whose `values()` are checked against `model` on OK.

    Subclasses add rows to `self.form`, override `values()` and `_is_complete()`,
    and connect their required fields' change signals to `_refresh_ok`. The form scrolls
    when the screen is too short for it; the error and the buttons stay below it, in view.
    """

    model: type | None = None

    def __init__(self, parent: QWidget | None, title: str, min_width: int = 420):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(min_width)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error_label = plain_label()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        fields = QWidget(objectName="formFields")
        fields.setLayout(self.form)
        layout = QVBoxLayout(self)
        layout.addWidget(FittingScrollArea(fields, self), 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def values(self) -> dict:
        """The entered values, keyed by the entity's field names."""
        raise NotImplementedError

    def _is_complete(self) -> bool:
        """Whether the required fields are filled in, so OK can be pressed."""
        return True

    def _refresh_ok(self) -> None:
        self.ok_button.setEnabled(self._is_complete())

    def accept(self) -> None:
        """Close with the values if they pass validation; otherwise list the problems."""
        if not self._is_complete():
            return
        if self.model is not None:
            try:
                validate(self.model, self.values())
            except ValidationError as error:
                self.error_label.setText("\n".join(error.problems))
                self.error_label.show()
                return
        super().accept()
