"""Help > User Guide: the guide shipped with the app (guide.md beside this module), read offline."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop import APP_NAME
from desktop.ui.help.window import show_once

GUIDE = Path(__file__).with_name("guide.md")


class GuideDialog(QDialog):
    """The guide as formatted text; its web links go to `open_url` (which opens http and https only)."""

    def __init__(self, parent: QWidget | None, text: str, open_url: Callable[[str], None]):
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME} User Guide")
        self._open_url = open_url
        self.browser = QTextBrowser(objectName="guideText")
        self.browser.setOpenLinks(False)  # every link goes through _follow
        self.browser.setMarkdown(text)
        self.browser.document().setDocumentMargin(12)
        self.browser.anchorClicked.connect(self._follow)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)

    def sizeHint(self) -> QSize:
        return QSize(760, 720)

    def _follow(self, url: QUrl) -> None:
        if not url.scheme() and url.hasFragment():
            self.browser.scrollToAnchor(url.fragment())
        else:
            self._open_url(url.toString())


def show_guide(window) -> QDialog:
    """Show the user guide beside the window."""
    return show_once(window, "guideDialog", lambda: GuideDialog(window, GUIDE.read_text(encoding="utf-8"), window.open_url))
