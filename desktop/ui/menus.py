"""Menus and their actions, with the platform's standard shortcuts."""

from functools import partial
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow

from desktop import APP_NAME
from desktop.logging_setup import log_file
from desktop.ui.export_dialog import open_export_dialog
from desktop.ui.files import open_file, save_file, show_folder
from desktop.ui.help import show_about, show_guide, show_shortcuts
from desktop.ui.import_dialog import open_import_dialog
from desktop.ui.link_import import import_from_link, paste_link
from desktop.ui.review import choose_article, review_pasted_text

_RECENT_KEY = "files/recent"
_RECENT_LIMIT = 8
_DB_FILTER = "Parallax databases (*.parallax *.db *.sqlite);;All files (*)"


def _action(window, menu, text, slot, shortcut=None, name=None) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    menu.addAction(action)
    if name:
        action.setObjectName(name)
    return action


def remember_recent(window, path: str) -> None:
    """Put a database at the top of File > Open Recent."""
    recent = [p for p in (window.settings.value(_RECENT_KEY) or []) if p != path]
    window.settings.setValue(_RECENT_KEY, [path, *recent][:_RECENT_LIMIT])


def _fill_recent(window, menu) -> None:
    menu.clear()
    recent = [p for p in (window.settings.value(_RECENT_KEY) or []) if Path(p).exists()]
    for path in recent:
        menu.addAction(path, lambda p=path: open_path(window, p))
    if not recent:
        menu.addAction("No recent databases").setEnabled(False)


def open_path(window, path: str) -> None:
    """Open a database by path for the editor: failures are shown, the open one stays; success goes to Open Recent."""
    try:
        window.open_database(path)
    except Exception as error:  # noqa: BLE001 - any failure to open is shown, the old database stays
        window.show_error(f"Could not open {path}:\n{error}")
        return
    remember_recent(window, path)


def _choose_new(window) -> None:
    path = save_file(window, window.settings, "database", "New Database", "untitled.parallax", _DB_FILTER)
    if path:
        if not Path(path).suffix:
            path += ".parallax"
        open_path(window, path)


def _choose_open(window) -> None:
    path = open_file(window, window.settings, "database", "Open Database", _DB_FILTER)
    if path:
        open_path(window, path)


def open_log_folder(window) -> None:
    """Show the folder holding the log file in the file manager (a local folder, not a link from data)."""
    folder = log_file().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    if not show_folder(folder):
        window.show_error(f"The log folder could not be opened. It is:\n{folder}")


def _step_panel(window, by: int) -> None:
    """Show the Analysis view, or within it the next (1) or previous (-1) panel."""
    if window.views.currentWidget() is not window.analysis:
        window.show_analysis()
    else:
        window.analysis.step(by)


def build_menus(window: QMainWindow) -> dict[str, QAction]:
    """Create File, Edit, View and Help; return the actions other code enables or triggers."""
    bar = window.menuBar()
    editing = window.editing
    actions: dict[str, QAction] = {}

    file_menu = bar.addMenu("&File")
    _action(window, file_menu, "&New Database…", lambda: _choose_new(window), "Ctrl+Shift+N")
    _action(window, file_menu, "&Open Database…", lambda: _choose_open(window), QKeySequence.StandardKey.Open)
    recent = file_menu.addMenu("Open &Recent")
    recent.aboutToShow.connect(lambda: _fill_recent(window, recent))
    file_menu.addSeparator()
    actions["import"] = _action(window, file_menu, "&Import…", lambda: open_import_dialog(window), "Ctrl+Shift+I", "importAction")
    actions["export"] = _action(window, file_menu, "&Export…", lambda: open_export_dialog(window), "Ctrl+E", "exportAction")
    actions["import_article"] = _action(window, file_menu, "Import &Article…", lambda: choose_article(window), "Ctrl+I", "importArticleAction")
    actions["import_link"] = _action(window, file_menu, "Import Article from &Link…", partial(import_from_link, window), name="importLinkAction")
    file_menu.addSeparator()
    _action(window, file_menu, "&Quit", window.close, QKeySequence.StandardKey.Quit)

    edit_menu = bar.addMenu("&Edit")
    undo = window.runner.undo_action(window)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = window.runner.redo_action(window)
    # Both keys everywhere, each once (the platform's Redo is one of them; twice, it would be ambiguous and do nothing).
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit_menu.addActions([undo, redo])
    actions["undo"], actions["redo"] = undo, redo
    edit_menu.addSeparator()
    paste = lambda: review_pasted_text(window, QApplication.clipboard().text())  # noqa: E731
    actions["paste_article"] = _action(window, edit_menu, "&Paste Article", paste, "Ctrl+Shift+V", "pasteArticleAction")
    # Text fields keep Ctrl+V for themselves; elsewhere on the desk it imports the link on the clipboard.
    actions["paste_link"] = _action(window, edit_menu, "Paste &Link", partial(paste_link, window), QKeySequence.StandardKey.Paste, "pasteLinkAction")
    actions["new_statement"] = _action(window, edit_menu, "&New Statement…", editing.new_statement, QKeySequence.StandardKey.New)

    def on_selected(method):
        return lambda: window.state.selected is not None and method(window.state.selected)

    actions["edit_statement"] = _action(window, edit_menu, "&Edit Statement…", on_selected(lambda i: editing.edit("statement", i)), "F2")
    actions["link_statement"] = _action(window, edit_menu, "&Link Statement…", on_selected(editing.link), "Ctrl+L")
    actions["delete_statement"] = _action(window, edit_menu, "&Delete Statement…", on_selected(lambda i: editing.delete("statement", i)), QKeySequence.StandardKey.Delete)
    actions["move_to_story"] = _action(window, edit_menu, "&Move to Story…", window.move_selected_to_story, name="moveToStoryAction")
    edit_menu.addSeparator()
    actions["new_story"] = _action(window, edit_menu, "New S&tory…", editing.new_story, name="newStoryAction")
    _action(window, edit_menu, "New S&peaker…", lambda: editing.create("speaker"))
    _action(window, edit_menu, "New &Outlet…", lambda: editing.create("outlet"))
    _action(window, edit_menu, "New S&ide…", lambda: editing.create("side"))
    edit_menu.addSeparator()
    _action(window, edit_menu, "&Find…", lambda: (window.search_box.setFocus(), window.search_box.selectAll()), QKeySequence.StandardKey.Find)

    view_menu = bar.addMenu("&View")
    for dock in window.docks.values():
        view_menu.addAction(dock.toggleViewAction())
    view_menu.addSeparator()
    actions["show_comparison"] = _action(window, view_menu, "Co&mparison", window.show_comparison,
                                         "Ctrl+1", "showComparisonAction")
    actions["show_analysis"] = _action(window, view_menu, "&Analysis", window.show_analysis,
                                       "Ctrl+2", "showAnalysisAction")
    actions["next_panel"] = _action(window, view_menu, "&Next Analysis Panel", partial(_step_panel, window, 1), "Ctrl+PgDown",
                                    "nextPanelAction")
    actions["previous_panel"] = _action(window, view_menu, "&Previous Analysis Panel", partial(_step_panel, window, -1),
                                        "Ctrl+PgUp", "previousPanelAction")
    view_menu.addSeparator()
    actions["clear_filter"] = _action(window, view_menu, "&Clear Filter", window.clear_filter, "Esc")

    help_menu = bar.addMenu("&Help")
    actions["guide"] = _action(window, help_menu, "User &Guide", partial(show_guide, window), QKeySequence.StandardKey.HelpContents, "guideAction")
    actions["shortcuts"] = _action(window, help_menu, "&Keyboard Shortcuts", partial(show_shortcuts, window), "Ctrl+/", "shortcutsAction")
    help_menu.addSeparator()
    actions["open_log_folder"] = _action(window, help_menu, "Open &Log Folder", lambda: open_log_folder(window), name="openLogFolderAction")
    actions["about"] = _action(window, help_menu, f"&About {APP_NAME}", partial(show_about, window), name="aboutAction")
    return actions
