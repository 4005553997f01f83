"""The application's shortcuts work whatever has focus; the search box keeps the keys typing needs."""

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLineEdit

from desktop.domain.entities import Outlet
from desktop.services import catalog
from desktop.services.operations import CreateRecord
from desktop.ui.export_dialog import ExportDialog
from desktop.ui.shortcuts import application_keys_first

CTRL = Qt.KeyboardModifier.ControlModifier


class ClaimingField(QLineEdit):
    """A field that claims every key before the shortcuts, as a line edit on Linux claims Ctrl+E (end of line)."""

    def event(self, event):
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        return super().event(event)


@pytest.fixture
def focused(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    window.search_box.setFocus()
    qtbot.waitUntil(window.search_box.hasFocus)
    return window


def _outlets(window) -> set[str]:
    return {outlet.name for outlet in catalog.all_rows(window.db, Outlet)}


def _close_exports(window) -> list:
    dialogs = window.findChildren(ExportDialog)
    for dialog in dialogs:
        dialog.reject()
        dialog.deleteLater()
    return dialogs


def test_ctrl_z_in_the_search_box_undoes_the_last_change_and_leaves_the_words(qtbot, focused, landed):
    window = focused
    landed(window.runner.run, CreateRecord(Outlet, {"name": "Reuters"}))
    qtbot.keyClicks(window.search_box, "kremlin")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Z, CTRL)
    landed.settle(window.runner)
    assert "Reuters" not in _outlets(window)
    assert window.search_box.text() == "kremlin"
    qtbot.keyClick(window.search_box, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    landed.settle(window.runner)
    assert "Reuters" in _outlets(window)
    assert window.search_box.text() == "kremlin"


def test_with_nothing_to_undo_ctrl_z_undoes_the_typing(qtbot, focused):
    window = focused
    assert not window.actions["undo"].isEnabled()
    qtbot.keyClicks(window.search_box, "kremlin")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Z, CTRL)
    assert window.search_box.text() == ""


def test_ctrl_e_in_the_search_box_opens_the_export(qtbot, focused):
    qtbot.keyClicks(focused.search_box, "peskov")
    qtbot.keyClick(focused.search_box, Qt.Key.Key_E, CTRL)
    assert len(_close_exports(focused)) == 1
    assert focused.search_box.text() == "peskov"


def test_a_field_that_claims_every_key_still_gives_the_application_its_shortcuts(qtbot, focused):
    window = focused
    field = ClaimingField(objectName="claiming")
    window.findChild(object, "searchToolbar").addWidget(field)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_E, CTRL)
    assert _close_exports(window) == [], "without the filter the field keeps Ctrl+E"
    application_keys_first(window, field)
    qtbot.keyClick(field, Qt.Key.Key_E, CTRL)
    assert len(_close_exports(window)) == 1


def test_the_search_box_keeps_delete_select_all_and_the_clipboard(qtbot, focused):
    window = focused
    selected = window.state.selected
    assert selected is not None
    qtbot.keyClicks(window.search_box, "kremlin")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Home)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Delete)
    assert window.search_box.text() == "remlin"
    assert window.state.selected == selected and window.runner.stack.count() == 0
    qtbot.keyClick(window.search_box, Qt.Key.Key_A, CTRL)
    assert window.search_box.selectedText() == "remlin"


def test_application_shortcuts_work_from_the_other_panels(qtbot, focused, landed):
    window = focused
    landed(window.runner.run, CreateRecord(Outlet, {"name": "Reuters"}))
    for widget in (window.navigator.tree, window.inspector.context):
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        qtbot.keyClick(widget, Qt.Key.Key_Z, CTRL)
        landed.settle(window.runner)
        assert "Reuters" not in _outlets(window)
        qtbot.keyClick(widget, Qt.Key.Key_Y, CTRL)
        landed.settle(window.runner)
        assert "Reuters" in _outlets(window)
