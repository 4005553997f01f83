"""Add or edit a statement."""

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from desktop.domain.entities import Statement
from desktop.ui.dialogs.base import Choice, EditDialog, choice_combo, line_edit, text_edit
from desktop.ui.dialogs.verdict_fields import VerdictFields

_PASSED_THROUGH = ("document_id", "span_start", "span_end")


class StatementDialog(EditDialog):
    """The text, date, speaker, side, outlet, source link, story, note and verdict of one statement.

    Fields not shown here (the document and span it came from) pass through from `initial`.
    """

    model = Statement

    def __init__(
        self,
        parent: QWidget | None,
        *,
        speakers: list[Choice],
        sides: list[Choice],
        outlets: list[Choice],
        stories: list[Choice],
        initial: dict | None = None,
    ):
        # A stored statement always has text; a new one may start with a speaker or story filled in.
        super().__init__(parent, "Edit Statement" if (initial or {}).get("text") else "New Statement", 560)
        self._initial = initial or {}
        get = self._initial.get

        self.text = text_edit("statementText", get("text", ""), lines=6)
        self.text.setPlaceholderText("The claim, as quoted or paraphrased")
        self.quote = QCheckBox("&Direct quote")
        self.quote.setObjectName("statementQuote")
        self.quote.setChecked(bool(get("is_quote", False)))

        said_on: date | None = get("said_on")
        self.date = QDateEdit(QDate(said_on or date.today()))
        self.date.setObjectName("statementDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.unknown_date = QCheckBox("&Unknown date")
        self.unknown_date.setObjectName("unknownDate")
        self.unknown_date.toggled.connect(lambda unknown: self.date.setEnabled(not unknown))
        self.unknown_date.setChecked(bool(initial) and said_on is None)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date)
        date_row.addWidget(self.unknown_date)
        date_row.addStretch()

        self.speaker = choice_combo("statementSpeaker", speakers, get("speaker_id"))
        self.speaker.setPlaceholderText("Choose a speaker…")
        self.side = choice_combo("statementSide", sides, get("side_id"), "From speaker")
        self.outlet = choice_combo("statementOutlet", outlets, get("outlet_id"), "None")
        self.story = choice_combo("statementStory", stories, get("story_id"), "None")
        self.note = text_edit("statementNote", get("note", ""), lines=2)

        self.form.addRow("&Text:", self.text)
        self.form.addRow("", self.quote)
        date_label = QLabel("Date &said:")
        date_label.setBuddy(self.date)
        self.form.addRow(date_label, date_row)
        self.form.addRow("S&peaker:", self.speaker)
        self.form.addRow("Si&de:", self.side)
        self.form.addRow("&Outlet:", self.outlet)
        self.url = line_edit("statementUrl", get("url", "") or "")
        self.url.setPlaceholderText("https://… where the statement was reported")
        self.form.addRow("Source &link:", self.url)
        self.form.addRow("St&ory:", self.story)
        self.form.addRow("&Note:", self.note)
        self.verdict = VerdictFields(self.form, self._initial)

        self.text.textChanged.connect(self._refresh_ok)
        self.speaker.currentIndexChanged.connect(self._refresh_ok)
        self._refresh_ok()

    def _is_complete(self) -> bool:
        return bool(self.text.toPlainText().strip()) and self.speaker.currentData() is not None

    def values(self) -> dict:
        values = {
            "text": self.text.toPlainText().strip(),
            "is_quote": self.quote.isChecked(),
            "said_on": None if self.unknown_date.isChecked() else self.date.date().toPython(),
            "speaker_id": self.speaker.currentData(),
            "side_id": self.side.currentData(),
            "outlet_id": self.outlet.currentData(),
            "story_id": self.story.currentData(),
            "note": self.note.toPlainText().strip(),
            "url": self.url.text().strip(),
            **self.verdict.values(),
        }
        values.update({key: self._initial[key] for key in _PASSED_THROUGH if key in self._initial})
        return values
