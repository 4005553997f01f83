"""Help: the user guide read offline, a shortcut sheet made from the actions themselves, and About."""

from PySide6.QtCore import QTimer, QUrl, Qt
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox

from desktop import __version__
from desktop.domain.entities import Outlet
from desktop.paths import log_dir
from desktop.services.operations import CreateRecord
from desktop.ui.help import about, show_about
from desktop.ui.help.about import AboutDialog, licence
from desktop.ui.help.guide import GUIDE, GuideDialog
from desktop.ui.help.shortcut_sheet import shortcut_rows

MARKUP = "<b>bold</b><img src=file:///etc/passwd>"


def _help_texts(window) -> list[str]:
    help_menu = window.menuBar().actions()[-1].menu()
    return [action.text() for action in help_menu.actions() if not action.isSeparator()]


def _menu_shortcuts(window) -> dict[str, list[QKeySequence]]:
    found = {}
    for top in window.menuBar().actions():
        for action in top.menu().actions():
            if action.shortcuts():
                found[action.text()] = action.shortcuts()
    return found


def test_the_help_menu_offers_the_guide_the_shortcuts_the_log_and_about(window):
    assert _help_texts(window) == ["User &Guide", "&Keyboard Shortcuts", "Open &Log Folder", "&About Parallax"]
    assert window.actions["guide"].shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)


def test_the_guide_opens_from_the_package_beside_the_window_and_once(qtbot, window):
    window.actions["guide"].trigger()
    guide = window.findChild(QDialog, "guideDialog")
    assert isinstance(guide, GuideDialog) and guide.isVisible() and not guide.isModal()
    text = guide.browser.toPlainText()
    assert GUIDE.is_file() and "Parallax user guide" in text and "Undo" in text
    assert "#" not in text.split("\n")[0], "the Markdown is rendered, not shown as source"
    screen = window.screen().availableGeometry()
    assert guide.width() <= screen.width() and guide.height() <= screen.height()
    window.actions["guide"].trigger()
    assert window.findChildren(QDialog, "guideDialog") == [guide]
    guide.close()
    qtbot.waitUntil(lambda: window.findChild(QDialog, "guideDialog") is None)


def test_guide_links_open_web_pages_only(qtbot, window, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    guide = GuideDialog(window, "[site](https://example.org/guide) [file](file:///etc/passwd)", window.open_url)
    qtbot.addWidget(guide)
    guide.browser.anchorClicked.emit(QUrl("https://example.org/guide"))
    assert opened == ["https://example.org/guide"]
    guide.browser.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert opened == ["https://example.org/guide"]
    refusal = next(box for box in window.findChildren(QMessageBox) if box.isVisible())
    assert "not opened" in refusal.text()
    refusal.close()


def test_the_shortcut_sheet_lists_every_menu_shortcut_as_the_actions_have_them_now(qtbot, window, qtmodeltester, landed):
    window.actions["export"].setShortcut(QKeySequence("Ctrl+Shift+E"))
    landed(window.runner.run, CreateRecord(Outlet, {"name": "Reuters"}))
    rows = dict(shortcut_rows(window))
    assert rows["File › Export"] == QKeySequence("Ctrl+Shift+E").toString(QKeySequence.SequenceFormat.NativeText)
    assert rows["Edit › Redo"] == " or ".join(
        QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) for key in ("Ctrl+Shift+Z", "Ctrl+Y"))
    assert rows["Help › User Guide"] and rows["View › Clear Filter"]
    assert len(rows) == len(_menu_shortcuts(window))
    window.actions["shortcuts"].trigger()
    sheet = window.findChild(QDialog, "shortcutSheet")
    table = sheet.table
    shown = {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}
    assert shown == rows
    assert "Edit › Undo Add Outlet" in shown, "Undo is listed with the step it undoes now"
    assert "Ctrl+Z undoes the last change" in sheet.findChild(QLabel, "shortcutNote").text()
    qtmodeltester.check(table.model())
    screen = window.screen().availableGeometry()
    assert sheet.height() <= screen.height()
    assert table.verticalScrollBar().maximum() == 0, "every row in view"
    sheet.close()


def test_about_names_the_version_licence_and_folders_as_plain_selectable_text(qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(about, "default_database_path", lambda: tmp_path / MARKUP / "parallax.db")
    dialog = AboutDialog(None)
    qtbot.addWidget(dialog)
    shown = {name: dialog.findChild(QLabel, f"about{name}") for name in ("Version", "Licence", "Datafolder", "Logfolder")}
    assert shown["Version"].text() == __version__
    assert shown["Datafolder"].text() == str(tmp_path / MARKUP)
    assert shown["Logfolder"].text() == str(log_dir())
    assert shown["Licence"].text() == licence()
    for label in shown.values():
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


def test_the_licence_is_what_the_package_declares(monkeypatch):
    assert licence() == "None declared: the package names no licence."  # pyproject.toml declares none yet

    class Declared(dict):
        def get_all(self, name):
            return ["License :: OSI Approved :: MIT License"]

    monkeypatch.setattr(about.metadata, "metadata", lambda name: Declared())
    assert licence() == "MIT License"
    monkeypatch.setattr(about.metadata, "metadata", lambda name: Declared({"License-Expression": "EUPL-1.2"}))
    assert licence() == "EUPL-1.2"


def test_about_is_deleted_once_closed(qtbot, window):
    def close():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, AboutDialog):
            dialog.reject()
        else:
            QTimer.singleShot(10, close)

    QTimer.singleShot(0, close)
    show_about(window)
    qtbot.waitUntil(lambda: not window.findChildren(AboutDialog))
