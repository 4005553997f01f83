"""Importing an article from its link: File > Import Article from Link…, and a link pasted onto the desk.

The page is read as a long job of the workspace (progress, Cancel; the window never waits); the
article read from it then takes the path of an article file, ending in its review window.
"""

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QLineEdit, QProgressBar, QVBoxLayout

from desktop.services.articles import Article
from desktop.services.fetching import MAX_PAGE_BYTES, fetch_article, is_link
from desktop.ui.job_dialog import JobDialog
from desktop.ui.plain_text import plain_label
from desktop.ui.review import ArticleReading


class LinkImportDialog(JobDialog):
    """Asks for an article's address and reads the page; a failure is said here, and the address can be mended."""

    def __init__(self, window, address: str = ""):
        super().__init__(window)
        self.setWindowTitle("Import Article from Link")
        self.setObjectName("linkImportDialog")
        self._window = window
        self._cancelled = False
        self.address = QLineEdit(address.strip(), objectName="linkAddress")
        self.address.setPlaceholderText("https://")
        self.address.setClearButtonEnabled(True)
        self.address.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        # Room for what the reading says (three lines) and its progress is kept from the start: the dialog
        # does not grow under the editor's pointer, nor cut off a message.
        self.status = plain_label()
        self.status.setObjectName("linkStatus")
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.status.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.progress = QProgressBar(objectName="linkProgress")
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        kept = self.progress.sizePolicy()
        kept.setRetainSizeWhenHidden(True)
        self.progress.setSizePolicy(kept)
        self.progress.hide()
        note = QLabel(
            f"The page is read once (web pages of up to {MAX_PAGE_BYTES // 1024 // 1024} MB) and kept as read, "
            "with its address and the time, as the evidence for the statements taken from it."
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6b7a;")
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("linkImportButton")
        self.import_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        self.import_button.clicked.connect(self.start)
        self.address.textChanged.connect(self._update)

        layout = QVBoxLayout(self)
        label = QLabel("&Address of the article (http or https):")
        label.setBuddy(self.address)
        for widget in (label, self.address, self.status, self.progress, note):
            layout.addWidget(widget)
        layout.addStretch()
        layout.addWidget(buttons)
        self._update()

    def _update(self) -> None:
        self.import_button.setEnabled(self._worker is None and is_link(self.address.text()))
        if self._worker is None:
            self.status.setText("")

    def start(self) -> None:
        """Read the page at the address typed, off the GUI thread."""
        if self._worker is not None or not is_link(self.address.text()):
            return
        url = self.address.text().strip()
        self.address.setReadOnly(True)
        self.import_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText(f"Reading {url}…")
        self._worker = self._window.workspace.jobs.start(
            partial(fetch_article, url), self._read, self._failed, self.progress.setValue, writes=False, name="Reading a link"
        )

    def _read(self, article: Article) -> None:
        self._worker = None
        self.done(self.DialogCode.Accepted)
        if not self._cancelled:
            ArticleReading(self._window, article)

    def _failed(self, error: BaseException) -> None:
        self._worker = None
        if self._cancelled:
            self.done(self.DialogCode.Rejected)
            return
        self.address.setReadOnly(False)
        self.progress.hide()
        self._update()
        self.status.setText(str(error))  # logged by the jobs service

    def _show_cancelling(self) -> None:
        self._cancelled = True
        self.status.setText("Cancelling…")


def import_from_link(window, address: str = "") -> LinkImportDialog:
    """File > Import Article from Link…: the dialog, reading at once when it is given a link."""
    dialog = LinkImportDialog(window, address)
    dialog.open()
    if address:
        dialog.start()
    return dialog


def paste_link(window) -> LinkImportDialog | None:
    """Ctrl+V on the desk (not in a text field): the link on the clipboard is imported; other text is left alone."""
    text = QApplication.clipboard().text()
    if not is_link(text):
        window.statusBar().showMessage(
            "The clipboard holds no web address to import; Edit > Paste Article (Ctrl+Shift+V) reads pasted text.", 8000
        )
        return None
    return import_from_link(window, text)
