"""Add or edit a statement."""

from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QWidget
from shiboken6 import isValid

from desktop.domain.entities import Outlet, Side, Speaker, Statement
from desktop.domain.extraction.names import same_name, same_person
from desktop.ui.dialogs.base import (
    Choice,
    EditDialog,
    choice_combo,
    chosen,
    dialog_title,
    line_edit,
    name_combo,
    problems_with,
    text_edit,
)
from desktop.ui.dialogs.date_field import DateField
from desktop.ui.dialogs.verdict_fields import VerdictFields
from desktop.ui.plain_text import plain_label

_PASSED_THROUGH = ("document_id", "span_start", "span_end")
_NEW_KINDS = {"side": Side, "speaker": Speaker, "outlet": Outlet}

# Asks for a new speaker or outlet in its own dialog over the given one, starting from the values
# given, and adds it; its (id, name), or None when the editor gave up.
# (kind, values to start from, parent, added): asks for a new record and adds it; `added` is handed
# its (id, name) once it is stored, and not called when nothing was added.
AddRecord = Callable[[str, dict, QWidget, Callable[[Choice], None]], None]


def _looks_like(name: str, choices: list[Choice]) -> str:
    """A listed name the typed one may mean ('Peskov' for 'Dmitry Peskov'), or ''."""
    return next((label for _, label in choices if same_person(name, label) or same_name(name, label)), "")


class StatementDialog(EditDialog):
    """The text, date, speaker, side, outlet, source link, story, note and verdict of one statement.

    A speaker, side or outlet can be chosen or typed: a name typed that is not listed is added
    when the statement is saved (`new_names`), so the first statement of an empty database needs
    nothing else. With `add_record`, "New…" beside the speaker and the outlet opens their own
    dialog and the one added is chosen. Fields not shown here (the document and span it came
    from) pass through from `initial`; a new statement from a document starts at its `article_date`.
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
        editing: bool | None = None,
        article_date: date | None = None,
        add_record: AddRecord | None = None,
    ):
        super().__init__(parent, dialog_title("Statement", initial, editing), 560)
        self._initial = initial or {}
        self._add_record = add_record
        self._listed = {"speaker": speakers, "side": sides, "outlet": outlets}
        get = self._initial.get

        self.text = text_edit("statementText", get("text", ""), lines=6)
        self.text.setPlaceholderText("The claim, as quoted or paraphrased")
        self.quote = QCheckBox("&Direct quote")
        self.quote.setObjectName("statementQuote")
        self.quote.setChecked(bool(get("is_quote", False)))
        said_on = self._initial["said_on"] if "said_on" in self._initial else article_date
        self.date = DateField("statementDate", said_on, article_date=article_date)

        self.speaker = name_combo(
            "statementSpeaker", speakers, get("speaker_id"),
            placeholder="Choose a speaker or type a new one's name" if speakers else "Type the speaker's name",
        )
        self.side = name_combo("statementSide", sides, get("side_id"), "From speaker", "From speaker; or choose a side, or type a new one")
        self.outlet = name_combo("statementOutlet", outlets, get("outlet_id"), "None", "None; or choose an outlet, or type a new one")
        self.story = choice_combo("statementStory", stories, get("story_id"), "None")
        self.note = text_edit("statementNote", get("note", ""), lines=2)
        self.adding = plain_label()
        self.adding.setObjectName("statementAdding")
        self.adding.setStyleSheet("color: #5f6b7a;")
        self.adding.hide()

        self.form.addRow("&Text:", self.text)
        self.form.addRow("", self.quote)
        date_label = QLabel("Date &said:")
        date_label.setBuddy(self.date.edit)
        self.form.addRow(date_label, self.date)
        self.form.addRow("S&peaker:", self._with_new_button(self.speaker, "statementNewSpeaker", self._new_speaker))
        self.form.addRow("Si&de:", self.side)
        self.form.addRow("&Outlet:", self._with_new_button(self.outlet, "statementNewOutlet", self._new_outlet))
        self.url = line_edit("statementUrl", get("url", "") or "")
        self.url.setPlaceholderText("https://… where the statement was reported")
        self.form.addRow("Source &link:", self.url)
        self.form.addRow("St&ory:", self.story)
        self.form.addRow("&Note:", self.note)
        self.verdict = VerdictFields(self.form, self._initial)
        self.layout().insertWidget(1, self.adding)  # under the form, over OK: read when saving, never scrolled away

        self.text.textChanged.connect(self._refresh_ok)
        self.date.changed.connect(self._refresh_ok)
        for combo in (self.speaker, self.side, self.outlet):
            combo.editTextChanged.connect(self._names_changed)
        self._names_changed()

    def _with_new_button(self, combo, name: str, slot) -> QWidget:
        """The combo with "New…" beside it when new records can be added from here."""
        if self._add_record is None:
            return combo
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(combo, 1)
        button = QPushButton("New…", objectName=name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return row

    def _new_speaker(self) -> None:
        self._new("speaker", self.speaker, {"name": chosen(self.speaker)[1], "side_id": chosen(self.side)[0]})

    def _new_outlet(self) -> None:
        self._new("outlet", self.outlet, {"name": chosen(self.outlet)[1]})

    def _new(self, kind: str, combo, start: dict) -> None:
        self._add_record(kind, start, self, partial(self._added, kind, combo))

    def _added(self, kind: str, combo, made: Choice) -> None:
        if not isValid(self) or not self.isVisible():
            return  # the dialog was closed while the record was being stored
        record_id, label = made
        self._listed[kind] = [*self._listed[kind], made]
        combo.addItem(label, record_id)
        combo.setCurrentIndex(combo.count() - 1)

    def new_names(self) -> dict[str, str]:
        """The speaker, side and outlet typed that are not listed yet, by kind: added on saving."""
        typed = {kind: chosen(combo)[1] for kind, combo in (("side", self.side), ("speaker", self.speaker), ("outlet", self.outlet))}
        return {kind: name for kind, name in typed.items() if name}

    def _names_changed(self) -> None:
        """Say what saving will add, so a misspelt name is caught before it becomes a second speaker."""
        new = self.new_names()
        notes = []
        if "speaker" in new:
            side_id, new_side = chosen(self.side)
            side = new_side or (self.side.currentText().strip() if side_id is not None else "")
            on_side = f", on the side {side}." if side else ", with no side: choose or type one to show the statement in a column."
            notes.append(f"Saving adds the speaker “{new['speaker']}”{on_side}")
            if similar := _looks_like(new["speaker"], self._listed["speaker"]):
                notes.append(f"Did you mean “{similar}”? Choose it from the list.")
        if "side" in new:
            notes.append(f"Saving adds the side “{new['side']}”.")
        if "outlet" in new:
            notes.append(f"Saving adds the outlet “{new['outlet']}”.")
            if similar := _looks_like(new["outlet"], self._listed["outlet"]):
                notes.append(f"Did you mean “{similar}”?")
        self.adding.setText("\n".join(notes))
        self.adding.setVisible(bool(notes))
        self._refresh_ok()

    def _is_complete(self) -> bool:
        speaker_id, speaker_name = chosen(self.speaker)
        has_speaker = speaker_id is not None or bool(speaker_name)
        return bool(self.text.toPlainText().strip()) and has_speaker and self.date.problem() is None

    def problems(self) -> list[str]:
        values = self.values()
        new = self.new_names()
        if "speaker" in new:
            values["speaker_id"] = 0  # stands for the speaker added on saving, whose name is checked below
        found = problems_with(Statement, values)
        for kind, name in new.items():
            found += problems_with(_NEW_KINDS[kind], {"name": name})
        return found

    def values(self) -> dict:
        """The statement's fields; a speaker, side or outlet typed but not listed yet is None (see `new_names`)."""
        values = {
            "text": self.text.toPlainText().strip(),
            "is_quote": self.quote.isChecked(),
            "said_on": self.date.value(),
            "speaker_id": chosen(self.speaker)[0],
            "side_id": chosen(self.side)[0],
            "outlet_id": chosen(self.outlet)[0],
            "story_id": self.story.currentData(),
            "note": self.note.toPlainText().strip(),
            "url": self.url.text().strip(),
            **self.verdict.values(),
        }
        values.update({key: self._initial[key] for key in _PASSED_THROUGH if key in self._initial})
        return values
