"""Parts shared by the editing dialogs: OK that validates, the error label, choice combos."""

from collections.abc import Hashable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
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


def dialog_title(noun: str, initial: dict | None, editing: bool | None) -> str:
    """'Edit Speaker' when editing (by default, when `initial` values are given), else 'New Speaker'."""
    return f"{'Edit' if (bool(initial) if editing is None else editing) else 'New'} {noun}"


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


def name_combo(
    name: str, choices: Iterable[Choice], current: Hashable = None, none_label: str | None = None, placeholder: str = ""
) -> QComboBox:
    """A `choice_combo` in which a name can also be typed: a name not listed is a new entry (see `chosen`).

    Typing lists the entries holding the words typed, whatever their case. Left empty, it
    means `None`, which the placeholder should say.
    """
    combo = choice_combo(name, choices, current, none_label)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    if combo.currentData() is None:
        combo.setCurrentIndex(-1)  # the `None` entry is shown as the placeholder: typed text never follows its label
    combo.lineEdit().setPlaceholderText(placeholder)
    return combo


def chosen(combo: QComboBox) -> tuple[Hashable, str]:
    """The id of the entry a `name_combo`'s text names (whatever its case), and "";
    or None and the name typed, when it names no entry ("" when nothing is typed)."""
    text = " ".join(combo.currentText().split())
    index = combo.findText(text, Qt.MatchFlag.MatchFixedString) if text else -1
    if index >= 0:
        return combo.itemData(index), ""
    return None, text


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

    def problems(self) -> list[str]:
        """What keeps the entered values from being saved: `values()` checked against `model`."""
        return problems_with(self.model, self.values()) if self.model is not None else []

    def accept(self) -> None:
        """Close with the values if they pass validation; otherwise list the problems."""
        if not self._is_complete():
            return
        problems = self.problems()
        if problems:
            self.error_label.setText("\n".join(problems))
            self.error_label.show()
            return
        super().accept()


def problems_with(model: type, values: dict) -> list[str]:
    """The problems validation finds in `values` for `model`; empty when they can be saved."""
    try:
        validate(model, values)
    except ValidationError as error:
        return list(error.problems)
    return []
