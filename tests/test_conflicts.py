"""Two editors on one database (a SQLite file, or PostgreSQL): a stale save is refused with both
versions, the editor chooses, and nothing is overwritten silently."""

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from desktop.domain.entities import Speaker, Statement
from desktop.services import catalog
from desktop.services.conflicts import describe_conflict
from desktop.services.errors import ConflictError
from desktop.services.operations import DeleteRecord, UpdateRecord
from desktop.ui.dialogs import ConflictDialog


def _text(db, statement_id=1) -> str:
    return catalog.get(db, Statement, statement_id).text


def test_a_stale_edit_is_refused_with_both_versions(team_editors):
    mine, theirs = team_editors
    read = catalog.get(mine, Statement, 1)
    UpdateRecord(Statement, 1, {"text": "Their wording."}, version=read.version).apply(theirs)
    with pytest.raises(ConflictError) as raised:
        UpdateRecord(Statement, 1, {"text": "My wording."}, version=read.version).apply(mine)
    conflict = raised.value
    assert conflict.mine == {"text": "My wording."}
    assert conflict.theirs["text"] == "Their wording." and conflict.version == read.version + 1
    assert _text(mine) == "Their wording."


def test_keep_mine_overwrites_theirs_and_undo_brings_theirs_back(team_editors):
    mine, theirs = team_editors
    read = catalog.get(mine, Statement, 1)
    UpdateRecord(Statement, 1, {"text": "Their wording."}, version=read.version).apply(theirs)
    edit = UpdateRecord(Statement, 1, {"text": "My wording."}, version=read.version)
    with pytest.raises(ConflictError) as raised:
        edit.apply(mine)
    edit.rebase(raised.value)
    edit.apply(mine)
    assert _text(theirs) == "My wording."
    edit.revert(mine)
    assert _text(theirs) == "Their wording."


def test_edits_to_different_fields_are_merged_and_undone_apart(team_editors):
    mine, theirs = team_editors
    read = catalog.get(mine, Statement, 1)
    UpdateRecord(Statement, 1, {"note": "Their note."}, version=read.version).apply(theirs)
    edit = UpdateRecord(Statement, 1, {"text": "My wording."}, version=read.version, seen={"text": read.text})
    edit.apply(mine)
    stored = catalog.get(theirs, Statement, 1)
    assert (stored.text, stored.note, stored.version) == ("My wording.", "Their note.", read.version + 2)

    UpdateRecord(Statement, 1, {"verdict": "False"}).apply(theirs)
    edit.revert(mine)
    stored = catalog.get(theirs, Statement, 1)
    assert (stored.text, stored.note, stored.verdict) == (read.text, "Their note.", "False")
    edit.apply(mine)
    assert _text(theirs) == "My wording."


def test_edits_to_the_same_field_still_conflict_when_merging(team_editors):
    mine, theirs = team_editors
    read = catalog.get(mine, Statement, 1)
    UpdateRecord(Statement, 1, {"text": "Their wording."}, version=read.version).apply(theirs)
    edit = UpdateRecord(Statement, 1, {"text": "My wording.", "note": "Mine."}, version=read.version,
                        seen={"text": read.text, "note": read.note})
    with pytest.raises(ConflictError):
        edit.apply(mine)
    assert _text(mine) == "Their wording."


def test_an_undo_after_someone_elses_edit_is_refused(team_editors):
    mine, theirs = team_editors
    edit = UpdateRecord(Statement, 1, {"note": "mine"})
    edit.apply(mine)
    UpdateRecord(Statement, 1, {"note": "theirs"}).apply(theirs)
    with pytest.raises(ConflictError):
        edit.revert(mine)
    assert catalog.get(mine, Statement, 1).note == "theirs"


def test_a_stale_delete_is_refused(team_editors):
    mine, theirs = team_editors
    read = catalog.get(mine, Statement, 1)
    UpdateRecord(Statement, 1, {"text": "Changed meanwhile."}).apply(theirs)
    with pytest.raises(ConflictError) as raised:
        DeleteRecord(Statement, 1, version=read.version).apply(mine)
    assert raised.value.mine is None
    assert _text(mine) == "Changed meanwhile."


def test_writers_outside_the_operations_count_up_the_version_too(team_editors):
    mine, theirs = team_editors
    read = catalog.get(mine, Speaker, 1)
    with theirs.transaction() as session:
        speaker = session.get(Speaker, 1)
        speaker.aliases = [*speaker.aliases, "Another spelling"]
        session.add(speaker)
    with pytest.raises(ConflictError):
        UpdateRecord(Speaker, 1, {"role": "Mine"}, version=read.version).apply(mine)


def test_the_dialog_shows_both_versions_as_plain_text(qtbot, team_editors):
    mine, theirs = team_editors
    read = catalog.get(mine, Statement, 1)
    UpdateRecord(Statement, 1, {"text": "<b>Theirs</b> <img src=file:///etc/passwd>"}).apply(theirs)
    with pytest.raises(ConflictError) as raised:
        UpdateRecord(Statement, 1, {"text": "Mine & <i>only</i> mine"}, version=read.version).apply(mine)
    dialog = ConflictDialog(None, describe_conflict(mine, raised.value))
    qtbot.addWidget(dialog)
    assert "Text: Mine & <i>only</i> mine" in dialog.mine.toPlainText()
    assert "Text: <b>Theirs</b> <img src=file:///etc/passwd>" in dialog.theirs.toPlainText()
    assert "Speaker: " in dialog.theirs.toPlainText() and "Different: Text" in dialog.findChild(object, "conflictMessage").text()
    assert dialog.take_theirs_button.isDefault()


def _answer_conflict(button: str) -> None:
    """Click a button of the conflict dialog once it is open."""

    def click():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ConflictDialog):
            getattr(dialog, button).click()
        else:
            QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)


def test_keep_mine_in_the_window_saves_over_theirs_and_undo_restores_theirs(team_window, team_editors, landed):
    mine, theirs = team_editors
    read = catalog.get(mine, Statement, 1)
    UpdateRecord(Statement, 1, {"text": "Their wording."}).apply(theirs)
    _answer_conflict("keep_mine_button")
    assert landed(team_window.runner.run, UpdateRecord(Statement, 1, {"text": "My wording."}, version=read.version))
    assert _text(theirs) == "My wording."
    assert landed(team_window.runner.undo)
    assert _text(theirs) == "Their wording."


def test_take_theirs_in_the_window_drops_my_change(team_window, team_editors, landed):
    mine, theirs = team_editors
    read = catalog.get(mine, Statement, 1)
    UpdateRecord(Statement, 1, {"text": "Their wording."}).apply(theirs)
    _answer_conflict("take_theirs_button")
    assert landed(team_window.runner.run, UpdateRecord(Statement, 1, {"text": "My wording."}, version=read.version)) is None
    assert _text(theirs) == "Their wording." and team_window.runner.stack.count() == 0
    assert "Their wording." in team_window.inspector.findChild(object, "inspectorText").text()


def test_an_undo_refused_in_the_window_leaves_the_history(team_window, team_editors, landed):
    mine, theirs = team_editors
    runner = team_window.runner
    landed(runner.run, UpdateRecord(Statement, 1, {"note": "mine"}))
    UpdateRecord(Statement, 1, {"note": "theirs"}).apply(theirs)
    _answer_conflict("take_theirs_button")
    assert landed(runner.undo)
    assert runner.stack.count() == 0
    assert catalog.get(mine, Statement, 1).note == "theirs"


def test_editing_in_the_window_merges_a_change_to_another_field(team_window, team_editors, landed, monkeypatch):
    mine, theirs = team_editors
    editing, conflicts = team_window.editing, []
    monkeypatch.setattr(ConflictDialog, "exec", lambda dialog: conflicts.append(dialog) or 0)
    make_dialog = editing._dialog

    def dialog_while_they_edit(kind, initial, **options):
        dialog = make_dialog(kind, initial, **options)
        UpdateRecord(Statement, 1, {"note": "Their note."}).apply(theirs)  # while the dialog is open
        dialog.exec = lambda: QDialog.DialogCode.Accepted
        dialog.values = lambda: {**initial, "text": "My wording."}
        return dialog

    monkeypatch.setattr(editing, "_dialog", dialog_while_they_edit)
    editing.edit("statement", 1)
    landed.settle(team_window.runner)
    stored = catalog.get(theirs, Statement, 1)
    assert (stored.text, stored.note, conflicts) == ("My wording.", "Their note.", [])
