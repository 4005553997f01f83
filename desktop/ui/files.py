"""File dialogs that open in the folder used last, and showing a local folder in the file manager."""

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

_KEY = "files/last_folder/"


def documents_folder() -> Path:
    """The user's Documents folder, or the home folder when there is none."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def last_folder(settings: QSettings, purpose: str) -> Path:
    """The folder a dialog for `purpose` ("database", "import", "article", "export") used last,
    else the one any file dialog used last, else Documents (or home); always one that exists."""
    for key in (_KEY + purpose, _KEY + "any"):
        folder = settings.value(key)
        if isinstance(folder, str) and folder and Path(folder).is_dir():
            return Path(folder)
    return documents_folder()


def remember_folder(settings: QSettings, purpose: str, path: str | Path) -> None:
    """Remember the folder holding `path` for the next dialog for `purpose`, and for any other."""
    folder = str(Path(path).parent)
    settings.setValue(_KEY + purpose, folder)
    settings.setValue(_KEY + "any", folder)


def open_file(parent: QWidget, settings: QSettings, purpose: str, title: str, filters: str) -> str:
    """Ask for one existing file, starting in the folder last used; "" when cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, str(last_folder(settings, purpose)), filters)
    if path:
        remember_folder(settings, purpose, path)
    return path


def open_files(parent: QWidget, settings: QSettings, purpose: str, title: str, filters: str) -> list[str]:
    """Ask for existing files, starting in the folder last used; [] when cancelled."""
    paths, _ = QFileDialog.getOpenFileNames(parent, title, str(last_folder(settings, purpose)), filters)
    if paths:
        remember_folder(settings, purpose, paths[0])
    return paths


def save_file(parent: QWidget, settings: QSettings, purpose: str, title: str, name: str, filters: str) -> str:
    """Ask where to save a file called `name` at first, starting in the folder last used; "" when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(last_folder(settings, purpose) / name), filters)
    if path:
        remember_folder(settings, purpose, path)
    return path


def show_folder(folder: Path) -> bool:
    """Open a local folder in the file manager (a folder of the app's own choosing, never a link
    from data); False when it could not be opened."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
