"""The editing dialogs: values they return, OK gating, validation and plain-text display."""

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
)

from desktop.domain.values import MAX_TEXT_LENGTH
from desktop.ui.dialogs import LinkDialog, OutletDialog, SideDialog, SpeakerDialog, StatementDialog

MARKUP = "<b>x</b><img src=x>"
CHOICES = {
    "speakers": [(1, "Dmitry Peskov"), (2, MARKUP)],
    "sides": [(10, "Russia"), (11, "United States")],
    "outlets": [(20, "Sputnik"), (21, "TASS")],
    "stories": [(30, "Troop build-up, Nov 2021")],
}


def shown(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def child(dialog: QDialog, kind: type, name: str):
    widget = dialog.findChild(kind, name)
    assert widget is not None, name
    return widget


def press_ok(qtbot, dialog: QDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def select(combo: QComboBox, label: str) -> None:
    combo.setCurrentIndex(combo.findText(label))


def test_filled_statement_dialog_returns_typed_values(qtbot):
    dialog = shown(qtbot, StatementDialog(None, **CHOICES))
    assert dialog.windowTitle() == "New Statement"
    child(dialog, QPlainTextEdit, "statementText").setPlainText("  No invasion is planned.  ")
    child(dialog, QCheckBox, "statementQuote").setChecked(True)
    child(dialog, QLineEdit, "statementDate").setText("2 Nov 2021")
    select(child(dialog, QComboBox, "statementSpeaker"), "Dmitry Peskov")
    select(child(dialog, QComboBox, "statementSide"), "Russia")
    select(child(dialog, QComboBox, "statementOutlet"), "Sputnik")
    child(dialog, QPlainTextEdit, "statementNote").setPlainText("via Republic World")

    press_ok(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values() == {
        "text": "No invasion is planned.",
        "is_quote": True,
        "said_on": date(2021, 11, 2),
        "speaker_id": 1,
        "side_id": 10,
        "outlet_id": 20,
        "story_id": None,
        "note": "via Republic World",
        "url": "",
        "verdict": "",
        "rating_value": None,
        "rating_best": None,
        "rating_worst": None,
        "verdict_explanation": "",
    }
    assert type(dialog.values()["said_on"]) is date


def test_statement_ok_needs_text_and_speaker(qtbot):
    dialog = shown(qtbot, StatementDialog(None, **CHOICES))
    text = child(dialog, QPlainTextEdit, "statementText")
    speaker = child(dialog, QComboBox, "statementSpeaker")
    assert speaker.currentIndex() == -1
    assert not dialog.ok_button.isEnabled()

    select(speaker, "Dmitry Peskov")
    text.setPlainText("   \n ")
    assert not dialog.ok_button.isEnabled()
    press_ok(qtbot, dialog)
    assert dialog.isVisible()

    text.setPlainText("A claim.")
    assert dialog.ok_button.isEnabled()


def test_editing_prefills_and_passes_document_span_through(qtbot):
    initial = {
        "text": "Russia is not going to attack anyone.",
        "is_quote": True,
        "said_on": date(2021, 11, 2),
        "speaker_id": 2,
        "side_id": None,
        "outlet_id": 21,
        "story_id": 30,
        "note": "",
        "url": "https://example.org/peskov",
        "verdict": "Misleading",
        "rating_value": 2.0,
        "rating_best": 5.0,
        "rating_worst": 1.0,
        "verdict_explanation": "Troops were massing.",
        "document_id": 7,
        "span_start": 120,
        "span_end": 157,
    }
    dialog = shown(qtbot, StatementDialog(None, **CHOICES, initial=initial))

    assert dialog.windowTitle() == "Edit Statement"
    side = child(dialog, QComboBox, "statementSide")
    assert side.currentText() == "" and side.lineEdit().placeholderText().startswith("From speaker")
    assert child(dialog, QComboBox, "statementStory").currentText() == "Troop build-up, Nov 2021"
    press_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values() == initial


def test_date_said_starts_empty_never_today_and_empty_means_undated(qtbot):
    dialog = shown(qtbot, StatementDialog(None, **CHOICES, initial={"text": "x", "speaker_id": 1}, editing=False))
    assert dialog.windowTitle() == "New Statement"
    field = child(dialog, QLineEdit, "statementDate")
    assert field.text() == "" and field.placeholderText()
    assert "undated" in child(dialog, QLabel, "statementDateReading").text()
    assert dialog.ok_button.isEnabled()
    press_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values()["said_on"] is None


@pytest.mark.parametrize(
    ("typed", "said_on", "reading"),
    [
        ("2021-11-12", date(2021, 11, 12), "Friday 12 November 2021"),
        ("12 Nov 2021", date(2021, 11, 12), "Friday 12 November 2021"),
        ("November 12, 2021", date(2021, 11, 12), "Friday 12 November 2021"),
        ("13/11/2021", date(2021, 11, 13), "Saturday 13 November 2021"),
    ],
)
def test_a_date_is_typed_as_editors_write_it(qtbot, typed, said_on, reading):
    dialog = shown(qtbot, StatementDialog(None, **CHOICES, initial={"text": "x", "speaker_id": 1}, editing=False))
    child(dialog, QLineEdit, "statementDate").setText(typed)
    assert dialog.values()["said_on"] == said_on
    assert child(dialog, QLabel, "statementDateReading").text() == reading
    assert dialog.ok_button.isEnabled()


@pytest.mark.parametrize(("typed", "why"), [("11/12/2021", "could be"), ("last Friday", "not a date"), ("2021-02-30", "not a real date")])
def test_text_that_is_no_date_is_never_saved_as_undated(qtbot, typed, why):
    dialog = shown(qtbot, StatementDialog(None, **CHOICES, initial={"text": "x", "speaker_id": 1}, editing=False))
    child(dialog, QLineEdit, "statementDate").setText(typed)
    assert why in child(dialog, QLabel, "statementDateReading").text()
    assert not dialog.ok_button.isEnabled()
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted


def test_a_statement_from_an_article_starts_at_the_articles_date(qtbot):
    initial = {"speaker_id": 1, "document_id": 4, "span_start": 0, "span_end": 5}
    dialog = shown(qtbot, StatementDialog(None, **CHOICES, initial=initial, editing=False, article_date=date(2021, 11, 12)))
    assert child(dialog, QLineEdit, "statementDate").text() == "2021-11-12"
    assert "the date of its article" in child(dialog, QLabel, "statementDateReading").text()
    assert dialog.values()["said_on"] == date(2021, 11, 12)


def test_editing_keeps_the_stored_date_or_its_absence(qtbot):
    undated = shown(qtbot, StatementDialog(None, **CHOICES, initial={"text": "x", "speaker_id": 1, "said_on": None, "document_id": 4}, article_date=date(2021, 11, 12)))
    assert undated.windowTitle() == "Edit Statement"
    assert child(undated, QLineEdit, "statementDate").text() == ""
    dated = shown(qtbot, StatementDialog(None, **CHOICES, initial={"text": "x", "speaker_id": 1, "said_on": date(2021, 11, 10)}))
    assert child(dated, QLineEdit, "statementDate").text() == "2021-11-10"


def test_a_date_picked_in_the_calendar_is_typed_in(qtbot):
    dialog = shown(qtbot, StatementDialog(None, **CHOICES, initial={"text": "x", "speaker_id": 1}, editing=False))
    calendar = child(dialog, QCalendarWidget, "statementDateCalendar")
    calendar.clicked.emit(QDate(2021, 11, 9))
    assert child(dialog, QLineEdit, "statementDate").text() == "2021-11-09"
    assert dialog.values()["said_on"] == date(2021, 11, 9)


def test_validation_problem_shows_error_and_keeps_dialog_open(qtbot):
    dialog = shown(qtbot, StatementDialog(None, **CHOICES, initial={"speaker_id": 1}))
    child(dialog, QPlainTextEdit, "statementText").setPlainText("x" * (MAX_TEXT_LENGTH + 1))
    error = child(dialog, QLabel, "errorLabel")
    assert not error.isVisible()

    press_ok(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert error.isVisible()
    assert "longer than" in error.text()
    assert error.textFormat() == Qt.TextFormat.PlainText


def test_escape_cancels(qtbot):
    dialog = shown(qtbot, OutletDialog(None, initial={"name": "TASS"}))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()


def test_speaker_aliases_are_stripped_deduplicated_lines(qtbot):
    dialog = shown(qtbot, SpeakerDialog(None, sides=CHOICES["sides"]))
    assert not dialog.ok_button.isEnabled()
    child(dialog, QLineEdit, "speakerName").setText(" Dmitry Peskov ")
    select(child(dialog, QComboBox, "speakerKind"), "Person")
    child(dialog, QLineEdit, "speakerRole").setText("Kremlin spokesperson")
    select(child(dialog, QComboBox, "speakerSide"), "Russia")
    child(dialog, QPlainTextEdit, "speakerAliases").setPlainText(
        "Dmitri Peskov\n\n  Песков \nDmitri Peskov\n   \nPeskov"
    )

    press_ok(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values() == {
        "name": "Dmitry Peskov",
        "kind": "person",
        "role": "Kremlin spokesperson",
        "side_id": 10,
        "aliases": ["Dmitri Peskov", "Песков", "Peskov"],
    }


def test_markup_in_data_shows_as_characters(qtbot):
    speaker = shown(qtbot, SpeakerDialog(None, sides=[], initial={"name": MARKUP, "aliases": []}))
    assert child(speaker, QLineEdit, "speakerName").text() == MARKUP
    assert speaker.values()["name"] == MARKUP

    statement = shown(qtbot, StatementDialog(None, **CHOICES, initial={"speaker_id": 2}))
    assert child(statement, QComboBox, "statementSpeaker").currentText() == MARKUP

    link = shown(qtbot, LinkDialog(None, source_label=MARKUP, targets=[(1, MARKUP)]))
    source = child(link, QLabel, "linkSource")
    assert source.textFormat() == Qt.TextFormat.PlainText
    assert source.text() == MARKUP
    assert child(link, QListWidget, "linkTargets").item(0).text() == MARKUP


def test_outlet_kinds_have_readable_labels(qtbot):
    dialog = shown(qtbot, OutletDialog(None))
    kind = child(dialog, QComboBox, "outletKind")
    assert kind.currentData() == "newspaper"
    select(kind, "State media")
    child(dialog, QLineEdit, "outletName").setText("TASS")
    child(dialog, QLineEdit, "outletCountry").setText("Russia")
    press_ok(qtbot, dialog)
    assert dialog.values() == {"name": "TASS", "country": "Russia", "kind": "state media"}


@pytest.mark.parametrize(("initial", "expected"), [(None, "#c0392b"), ("#C0392B", "#c0392b"), ("#123456", "#123456")])
def test_side_colour_is_hash_rrggbb(qtbot, initial, expected):
    values = {"name": "Russia"} | ({"colour": initial} if initial else {})
    dialog = shown(qtbot, SideDialog(None, initial=values))
    assert dialog.values() == {"name": "Russia", "colour": expected, "cues": []}
    assert child(dialog, QPushButton, "sideColour").text() == expected


def test_side_colour_button_takes_the_chosen_colour(qtbot, monkeypatch):
    monkeypatch.setattr(QColorDialog, "getColor", lambda *args: QColor(18, 52, 86))
    dialog = shown(qtbot, SideDialog(None, initial={"name": "NATO"}))
    qtbot.mouseClick(child(dialog, QPushButton, "sideColour"), Qt.MouseButton.LeftButton)
    assert dialog.values()["colour"] == "#123456"


def test_link_filter_narrows_and_values_return_target_and_type(qtbot):
    targets = [(5, "Peskov: no invasion"), (6, "Blinken: Russia plans attack"), (7, "PESKOV again")]
    dialog = shown(qtbot, LinkDialog(None, source_label="US media: invasion", targets=targets))
    listing = child(dialog, QListWidget, "linkTargets")
    link_type = child(dialog, QComboBox, "linkType")
    assert link_type.currentText() == "rebuts"
    assert [link_type.itemText(i) for i in range(link_type.count())] == [
        "rebuts", "supports", "responds to", "repeats"
    ]
    assert not dialog.ok_button.isEnabled()

    qtbot.keyClicks(child(dialog, QLineEdit, "linkFilter"), "peskov")
    items = [listing.item(row) for row in range(listing.count())]
    assert [item.text() for item in items if not item.isHidden()] == [
        "Peskov: no invasion", "PESKOV again"
    ]

    listing.setCurrentRow(2)
    select(link_type, "responds to")
    press_ok(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values() == {"to_id": 7, "type": "responds_to"}


def test_link_words_are_looked_up_once_typing_pauses_and_the_choice_kept_if_found(qtbot, gui_jobs):
    found = {"": [(5, "Peskov: no invasion"), (6, "Blinken: Russia plans attack")], "pesk": [(9, "Peskov, later"), (5, "Peskov: no invasion")]}
    asked = []
    find = lambda words: asked.append(words) or found.get(words, [])  # noqa: E731
    dialog = shown(qtbot, LinkDialog(None, source_label="s", targets=found[""], initial_target=5, find=find, jobs=gui_jobs))
    listing = child(dialog, QListWidget, "linkTargets")
    qtbot.keyClicks(child(dialog, QLineEdit, "linkFilter"), "pesk")
    qtbot.waitUntil(lambda: listing.count() == 2 and listing.item(0).text() == "Peskov, later")
    assert asked == ["pesk"]  # once, after the last key
    assert dialog.values()["to_id"] == 5 and dialog.ok_button.isEnabled()
    child(dialog, QLineEdit, "linkFilter").setText("nothing")
    qtbot.waitUntil(lambda: listing.count() == 0)
    assert dialog.values()["to_id"] is None and not dialog.ok_button.isEnabled()


def test_link_initial_target_is_selected_and_filtered_out_selection_is_dropped(qtbot):
    targets = [(5, "Peskov: no invasion"), (6, "Blinken: Russia plans attack")]
    dialog = shown(qtbot, LinkDialog(None, source_label="s", targets=targets, initial_target=6))
    assert dialog.values()["to_id"] == 6
    assert dialog.ok_button.isEnabled()

    child(dialog, QLineEdit, "linkFilter").setText("peskov")
    assert dialog.values()["to_id"] is None
    assert not dialog.ok_button.isEnabled()


def test_statement_verdict_and_link_are_entered_and_checked(qtbot):
    dialog = shown(qtbot, StatementDialog(None, **CHOICES))
    child(dialog, QPlainTextEdit, "statementText").setPlainText("No troops are massing.")
    select(child(dialog, QComboBox, "statementSpeaker"), "Dmitry Peskov")
    child(dialog, QComboBox, "statementVerdict").setCurrentText("False")
    child(dialog, QCheckBox, "statementRated").setChecked(True)
    child(dialog, QDoubleSpinBox, "ratingValue").setValue(9)
    child(dialog, QPlainTextEdit, "verdictExplanation").setPlainText("Satellite images show them.")
    child(dialog, QLineEdit, "statementUrl").setText("javascript:alert(1)")

    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    problems = child(dialog, QLabel, "errorLabel").text()
    assert "http or https" in problems and "between the worst and the best" in problems

    child(dialog, QLineEdit, "statementUrl").setText("https://example.org/a")
    child(dialog, QDoubleSpinBox, "ratingValue").setValue(1)
    press_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    values = dialog.values()
    assert (values["verdict"], values["rating_value"], values["rating_worst"], values["rating_best"]) == ("False", 1, 1, 5)
    assert values["verdict_explanation"] == "Satellite images show them." and values["url"] == "https://example.org/a"
