"""Entering statements from the window: new speakers and outlets on the spot, and a first statement on an empty database."""

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QPlainTextEdit, QPushButton
from sqlalchemy import func, select

from desktop.domain.entities import Outlet, Side, Speaker, Statement
from desktop.services import catalog
from desktop.ui.dialogs import OutletDialog, SpeakerDialog, StatementDialog
from dialog_helpers import when_shown


def _count(db, model) -> int:
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def _names(db, model) -> list[str]:
    return [row.name for row in catalog.all_rows(db, model)]


def _deleted_later() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_new_speaker_from_the_statement_dialog_is_added_chosen_and_undone(qtbot, window, landed):
    seen = {}

    def add_speaker(dialog: SpeakerDialog):
        assert dialog.windowTitle() == "New Speaker"
        assert dialog.findChild(QLineEdit, "speakerName").text() == "Oleksii Reznikov"  # the name typed is carried over
        dialog.findChild(QLineEdit, "speakerRole").setText("Ukraine's defence minister")
        dialog.accept()

    def in_statement(dialog: StatementDialog):
        speaker = dialog.findChild(QComboBox, "statementSpeaker")
        qtbot.keyClicks(speaker.lineEdit(), "Oleksii Reznikov")
        when_shown(add_speaker, SpeakerDialog)
        qtbot.mouseClick(dialog.findChild(QPushButton, "statementNewSpeaker"), Qt.MouseButton.LeftButton)
        landed.settle(window.runner)  # the record is stored, then chosen in the dialog
        seen["chosen"] = speaker.currentText(), speaker.currentData(), dialog.new_names()
        dialog.reject()

    when_shown(in_statement, StatementDialog)
    window.actions["new_statement"].trigger()
    landed.settle(window.runner)

    added = next(s for s in catalog.all_rows(window.db, Speaker) if s.name == "Oleksii Reznikov")
    assert added.role == "Ukraine's defence minister"
    assert seen["chosen"] == ("Oleksii Reznikov", added.id, {})
    _deleted_later()
    assert not window.findChildren(QDialog)  # every dialog deleted after use

    window.actions["undo"].trigger()
    landed.settle(window.runner)
    assert "Oleksii Reznikov" not in _names(window.db, Speaker)


def test_new_outlet_from_the_statement_dialog_is_saved_with_the_statement(qtbot, window, landed):
    before = _count(window.db, Statement)

    def add_outlet(dialog: OutletDialog):
        dialog.findChild(QLineEdit, "outletName").setText("Kyiv Independent")
        dialog.accept()

    def in_statement(dialog: StatementDialog):
        dialog.findChild(QPlainTextEdit, "statementText").setPlainText("Troops are massing near the border.")
        speaker = dialog.findChild(QComboBox, "statementSpeaker")
        speaker.setCurrentIndex(speaker.findText("Dmytro Kuleba"))
        when_shown(add_outlet, OutletDialog)
        qtbot.mouseClick(dialog.findChild(QPushButton, "statementNewOutlet"), Qt.MouseButton.LeftButton)
        landed.settle(window.runner)  # the record is stored, then chosen in the dialog
        dialog.accept()

    when_shown(in_statement, StatementDialog)
    window.actions["new_statement"].trigger()
    landed.settle(window.runner)

    assert _count(window.db, Statement) == before + 1
    card = window.inspector.text.text()
    assert card == "Troops are massing near the border."
    outlet_id = next(o.id for o in catalog.all_rows(window.db, Outlet) if o.name == "Kyiv Independent")
    assert catalog.get(window.db, Statement, window.state.selected).outlet_id == outlet_id


def test_a_name_typed_in_another_case_is_the_listed_speaker_not_a_new_one(qtbot, window, landed):
    speakers = _count(window.db, Speaker)

    def in_statement(dialog: StatementDialog):
        dialog.findChild(QPlainTextEdit, "statementText").setPlainText("No invasion is planned.")
        qtbot.keyClicks(dialog.findChild(QComboBox, "statementSpeaker").lineEdit(), "dmitry peskov")
        assert dialog.new_names() == {}
        assert not dialog.findChild(QLabel, "statementAdding").isVisible()
        dialog.accept()

    when_shown(in_statement, StatementDialog)
    window.actions["new_statement"].trigger()
    landed.settle(window.runner)
    assert _count(window.db, Speaker) == speakers
    assert catalog.get(window.db, Statement, window.state.selected).speaker_id == next(
        s.id for s in catalog.all_rows(window.db, Speaker) if s.name == "Dmitry Peskov"
    )


def test_a_new_speaker_typed_takes_the_side_chosen_and_one_undo_removes_both(qtbot, window, landed):
    statements = _count(window.db, Statement)

    def in_statement(dialog: StatementDialog):
        dialog.findChild(QPlainTextEdit, "statementText").setPlainText("We are ready for talks.")
        qtbot.keyClicks(dialog.findChild(QComboBox, "statementSpeaker").lineEdit(), "Volodymyr Zelensky")
        side = dialog.findChild(QComboBox, "statementSide")
        side.setCurrentIndex(side.findText("Ukraine"))
        note = dialog.findChild(QLabel, "statementAdding").text()
        assert "Volodymyr Zelensky" in note and "Ukraine" in note
        dialog.accept()

    when_shown(in_statement, StatementDialog)
    window.actions["new_statement"].trigger()
    landed.settle(window.runner)

    zelensky = next(s for s in catalog.all_rows(window.db, Speaker) if s.name == "Volodymyr Zelensky")
    ukraine = next(s.id for s in catalog.all_rows(window.db, Side) if s.name == "Ukraine")
    statement = catalog.get(window.db, Statement, window.state.selected)
    assert (zelensky.side_id, statement.speaker_id, statement.side_id) == (ukraine, zelensky.id, None)

    window.actions["undo"].trigger()
    landed.settle(window.runner)
    assert _count(window.db, Statement) == statements
    assert "Volodymyr Zelensky" not in _names(window.db, Speaker)


def test_a_misspelt_speaker_is_questioned_before_it_becomes_a_second_one(qtbot):
    dialog = StatementDialog(None, speakers=[(1, "Dmitry Peskov")], sides=[], outlets=[], stories=[])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.findChild(QComboBox, "statementSpeaker").lineEdit(), "Dmitri Peskov")
    assert "Did you mean “Dmitry Peskov”?" in dialog.findChild(QLabel, "statementAdding").text()


def test_the_first_statement_on_an_empty_database_needs_only_its_text_and_who_said_it(qtbot, db, landed):
    from desktop.app import build_main_window

    window = build_main_window(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "Ctrl+N" in window.comparison.empty_note.text()

    def in_statement(dialog: StatementDialog):
        assert not dialog.ok_button.isEnabled()
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "statementText"), "Russia has no plans to invade.")
        qtbot.keyClicks(dialog.findChild(QComboBox, "statementSpeaker").lineEdit(), "Dmitry Peskov")
        qtbot.keyClicks(dialog.findChild(QComboBox, "statementSide").lineEdit(), "Russia")
        assert dialog.ok_button.isEnabled()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_shown(in_statement, StatementDialog)
    new_statement = window.actions["new_statement"]
    assert new_statement.shortcut().toString() == "Ctrl+N"
    new_statement.trigger()  # as Ctrl+N does (a key sent to a window offscreen reaches no shortcut unless it is active)
    landed.settle(window.runner)

    assert (_names(db, Speaker), _names(db, Side), _count(db, Statement)) == (["Dmitry Peskov"], ["Russia"], 1)
    qtbot.waitUntil(lambda: window.comparison_model.first_statement() is not None)
    assert window.inspector.text.text() == "Russia has no plans to invade."
    assert window.comparison.left_picker.currentText() == "Russia" or window.comparison.right_picker.currentText() == "Russia"

    window.actions["undo"].trigger()  # one step took back the statement, its speaker and its side
    landed.settle(window.runner)
    assert (_names(db, Speaker), _names(db, Side), _count(db, Statement)) == ([], [], 0)


def test_a_statement_with_a_new_speaker_and_no_side_is_saved_too(qtbot, db, landed):
    from desktop.app import build_main_window

    window = build_main_window(db)
    qtbot.addWidget(window)

    def in_statement(dialog: StatementDialog):
        dialog.findChild(QPlainTextEdit, "statementText").setPlainText("Something was said.")
        qtbot.keyClicks(dialog.findChild(QComboBox, "statementSpeaker").lineEdit(), "A spokesperson")
        assert "with no side" in dialog.findChild(QLabel, "statementAdding").text()
        dialog.accept()

    when_shown(in_statement, StatementDialog)
    window.actions["new_statement"].trigger()
    landed.settle(window.runner)
    assert _names(db, Speaker) == ["A spokesperson"] and _count(db, Statement) == 1
    assert window.state.selected is not None


def test_enter_in_the_form_never_presses_new_or_calendar(qtbot):
    dialog = StatementDialog(None, speakers=[], sides=[], outlets=[], stories=[], add_record=lambda *_: None)
    qtbot.addWidget(dialog)
    buttons = [b for b in dialog.findChildren(QPushButton) if b.text() in ("New…", "Calendar")]
    assert len(buttons) == 3 and not any(button.autoDefault() for button in buttons)
