"""The form for the proposal under review: text, quote, speaker, role, side, outlet and date, all plain text."""

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop.domain.extraction import Proposal
from desktop.domain.extraction.names import fold
from desktop.ui.plain_text import plain_label, tooltip_text


def _completer(names: list[str], parent: QWidget) -> QCompleter:
    completer = QCompleter(names, parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    return completer


class ProposalEditor(QGroupBox):
    """Shows one proposal for editing; `values()` gives it back with the editor's changes."""

    edited = Signal()

    def __init__(self, speakers: list[str], outlets: list[str], sides: list[str], parent: QWidget | None = None):
        super().__init__("Statement", parent)
        self._proposal: Proposal | None = None
        self.text = QPlainTextEdit(objectName="proposalText")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 5 + 12)
        self.is_quote = QCheckBox("Direct quote")
        self.speaker = QLineEdit(objectName="proposalSpeaker")
        self.speaker.setCompleter(_completer(speakers, self))
        self.role = QLineEdit(objectName="proposalRole")
        self.side = QComboBox(objectName="proposalSide")
        self.side.setEditable(True)
        self.side_note = plain_label(wrap=False)
        self.side_note.setObjectName("proposalSideNote")
        self._sides: set[str] = set()
        self.set_sides(sides)
        self.outlet = QLineEdit(objectName="proposalOutlet")
        self.outlet.setCompleter(_completer(outlets, self))
        self.said_on = QLineEdit(objectName="proposalDate")
        self.said_on.setPlaceholderText("YYYY-MM-DD, or empty")
        self.confidence = plain_label()
        self.note = plain_label()
        self.note.setObjectName("proposalStatus")
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Text", self.text)
        form.addRow("", self.is_quote)
        form.addRow("S&peaker", self.speaker)
        form.addRow("&Role", self.role)
        side_row = QHBoxLayout()
        side_row.addWidget(self.side, 1)
        side_row.addWidget(self.side_note)  # beside the side, so the form is no taller on a short screen
        side_label = QLabel("S&ide")
        side_label.setBuddy(self.side)
        form.addRow(side_label, side_row)
        form.addRow("&Outlet", self.outlet)
        form.addRow("&Said on", self.said_on)
        form.addRow("Confidence", self.confidence)
        form.addRow("Status", self.note)
        self.text.textChanged.connect(self.edited)
        self.is_quote.toggled.connect(self.edited)
        for field in (self.speaker, self.role, self.outlet, self.said_on):
            field.textEdited.connect(self.edited)
        self.side.currentTextChanged.connect(self.edited)
        self.side.currentTextChanged.connect(self._note_new_side)

    def set_sides(self, sides: list[str]) -> None:
        """The sides of the database, offered in the side field; one typed or proposed that is not among them is new."""
        current = self.side.currentText()
        self.side.blockSignals(True)
        self.side.clear()
        self.side.addItems(["", *sides])
        self.side.setCurrentText(current)
        self.side.blockSignals(False)
        self._sides = {name.strip().casefold() for name in sides}
        self._note_new_side()

    def _note_new_side(self) -> None:
        """Say that accepting creates the side, when it is not one of the database's yet (a camp such as China)."""
        name = self.side.currentText().strip()
        new = bool(name) and name.casefold() not in self._sides and self.side.isEnabled()
        self.side_note.setText("New side, added on accept" if new else "")
        self.side_note.setToolTip(tooltip_text(f"“{name}” is not a side of the database yet: accepting the statement adds it.") if new else "")
        self.side_note.setVisible(new)

    def show_proposal(self, proposal: Proposal | None, editable: bool) -> None:
        """Fill the form without reporting edits; read-only for accepted statements."""
        self._proposal = proposal
        widgets = (self.text, self.is_quote, self.speaker, self.role, self.side, self.outlet, self.said_on)
        for widget in widgets:
            widget.blockSignals(True)
        proposal = proposal or Proposal("", "", "", None, None, False, None, 0, 0, 0.0)
        self.text.setPlainText(proposal.text)
        self.is_quote.setChecked(proposal.is_quote)
        self.speaker.setText(proposal.speaker)
        self.role.setText(proposal.role)
        self.side.setCurrentText(proposal.side or "")
        self.outlet.setText(proposal.outlet or "")
        self.said_on.setText(proposal.said_on.isoformat() if proposal.said_on else "")
        self.confidence.setText(f"{proposal.confidence:.0%}" if self._proposal else "")
        for widget in widgets:
            widget.blockSignals(False)
            widget.setEnabled(editable and self._proposal is not None)
        self._note_new_side()

    def values(self) -> Proposal:
        """The proposal with the editor's changes; raises ValueError for a date that is not one."""
        assert self._proposal is not None
        typed = self.said_on.text().strip()
        try:
            said_on = date.fromisoformat(typed) if typed else None
        except ValueError:
            raise ValueError(f"“{typed}” is not a date: write it as YYYY-MM-DD, or leave it empty.") from None
        speaker = " ".join(self.speaker.text().split())
        outlet = self.outlet.text().strip() or None
        same_speaker = fold(speaker) == fold(self._proposal.speaker)
        same_outlet = fold(outlet or "") == fold(self._proposal.outlet or "")
        return replace(
            self._proposal,
            text=self.text.toPlainText().strip(),
            is_quote=self.is_quote.isChecked(),
            speaker=speaker,
            role=self.role.text().strip(),
            side=self.side.currentText().strip() or None,
            outlet=outlet,
            said_on=said_on,
            aliases=self._proposal.aliases if same_speaker else (),
            outlet_kind=self._proposal.outlet_kind if same_outlet else "",
            outlet_country=self._proposal.outlet_country if same_outlet else "",
        )
