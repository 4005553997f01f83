"""File dialogs start in the folder used last; an export makes its folder and offers Show in Folder."""

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from desktop.ui import import_dialog, menus, review
from desktop.ui.export_dialog import open_export_dialog
from desktop.ui.files import documents_folder, last_folder


class FakeDialogs:
    """Stands in for QFileDialog's static functions: records the folder each call starts in and answers `path`."""

    def __init__(self, monkeypatch):
        self.started_in: list[Path] = []
        self.path = ""
        for name in ("getOpenFileName", "getSaveFileName"):
            monkeypatch.setattr(QFileDialog, name, self._one)
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", self._many)

    def _start(self, start: str) -> None:
        start = Path(start)
        self.started_in.append(start if start.is_dir() else start.parent)

    def _one(self, parent, title, start, filters):
        self._start(start)
        return self.path, ""

    def _many(self, parent, title, start, filters):
        self._start(start)
        return ([self.path] if self.path else []), ""


def _browse_export(window):
    dialog = open_export_dialog(window)
    dialog._browse()
    chosen = dialog.path.text()
    dialog.reject()
    dialog.deleteLater()
    return chosen


@pytest.fixture
def asked(monkeypatch, window):
    """Each file dialog of the app, by purpose, with what would follow the choice stubbed out."""
    monkeypatch.setattr(menus, "open_path", lambda window, path: None)
    monkeypatch.setattr(review, "open_article_review", lambda window, path: None)
    monkeypatch.setattr(import_dialog, "ImportDialog", lambda *args: type("Stub", (), {"open": lambda self: None})())
    return {
        "database": lambda: menus._choose_open(window),
        "new database": lambda: menus._choose_new(window),
        "article": lambda: review.choose_article(window),
        "import": lambda: import_dialog.open_import_dialog(window),
        "export": lambda: _browse_export(window),
    }


@pytest.mark.parametrize("purpose", ["database", "new database", "article", "import", "export"])
def test_each_file_dialog_starts_where_the_last_one_of_its_kind_chose(monkeypatch, tmp_path, asked, purpose):
    dialogs = FakeDialogs(monkeypatch)
    folder = tmp_path / f"{purpose} folder"
    folder.mkdir()
    asked[purpose]()
    assert dialogs.started_in[-1] == documents_folder(), "the first one starts in Documents"
    dialogs.path = str(folder / "chosen.parallax")
    asked[purpose]()
    dialogs.path = ""
    asked[purpose]()
    assert dialogs.started_in[-1] == folder


def test_a_dialog_not_used_yet_starts_where_any_other_chose_and_keeps_its_own_folder(monkeypatch, tmp_path, asked):
    dialogs = FakeDialogs(monkeypatch)
    articles, imports = tmp_path / "articles", tmp_path / "imports"
    articles.mkdir()
    imports.mkdir()
    dialogs.path = str(articles / "a.txt")
    asked["article"]()
    dialogs.path = ""
    asked["import"]()
    assert dialogs.started_in[-1] == articles
    dialogs.path = str(imports / "claims.csv")
    asked["import"]()
    dialogs.path = ""
    asked["article"]()
    assert dialogs.started_in[-1] == articles


def test_a_remembered_folder_that_is_gone_falls_back_to_documents_or_home(monkeypatch, tmp_path, window):
    gone = tmp_path / "gone"
    window.settings.setValue("files/last_folder/export", str(gone))
    window.settings.setValue("files/last_folder/any", str(gone))
    assert last_folder(window.settings, "export") == documents_folder()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda location: str(tmp_path / "no Documents"))
    assert documents_folder() == Path.home()
    dialog = open_export_dialog(window)
    assert Path(dialog.path.text()).parent == Path.home()
    dialog.reject()
    dialog.deleteLater()


def test_an_export_makes_its_folder_and_shows_it(qtbot, monkeypatch, tmp_path, window):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = open_export_dialog(window)
    qtbot.addWidget(dialog)
    target = tmp_path / "new" / "deeper" / "claims.csv"
    dialog.path.setText(str(target))
    assert not dialog.show_folder_button.isVisible()
    dialog.export()
    qtbot.waitUntil(lambda: dialog.result_label.text().startswith("Exported "))
    assert target.stat().st_size > 0
    assert dialog.show_folder_button.isVisible()
    dialog.show_folder_button.click()
    assert [url.toString() for url in opened] == [target.parent.as_uri()]
    assert last_folder(window.settings, "export") == target.parent, "the next export starts there"


def test_show_in_folder_says_where_the_folder_is_when_it_cannot_open_it(qtbot, monkeypatch, tmp_path, window):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    dialog = open_export_dialog(window)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "claims.csv"))
    dialog.export()
    qtbot.waitUntil(dialog.show_folder_button.isVisible)
    dialog.show_folder_button.click()
    assert dialog.result_label.text() == f"The folder could not be opened. It is:\n{tmp_path}"
