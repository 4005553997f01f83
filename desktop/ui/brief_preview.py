"""The brief's pages, shown before they are saved: Save writes them, Cancel leaves everything as it was."""

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGraphicsView, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.services.wording import plural
from desktop.ui.exporting.brief_document import TypesetBrief, page_layout
from desktop.ui.plain_text import plain_label

_WANTED = (900, 1000)  # room for a page at a readable width, where the screen has it
_SCREEN_EDGE = 40


class BriefPreviewDialog(QDialog):
    """The pages of a typeset brief as they will be saved, with Save and Cancel."""

    def __init__(self, parent: QWidget | None, typeset: TypesetBrief, target: Path):
        super().__init__(parent)
        self.setObjectName("briefPreview")
        self.setWindowTitle(f"Preview: {typeset.brief.title}")
        self.typeset = typeset
        self.printer = QPrinter()
        self.printer.setPageLayout(page_layout())
        self.pages = QPrintPreviewWidget(self.printer, self)
        self.pages.setObjectName("briefPages")
        self.pages.paintRequested.connect(typeset.paint)
        shows = typeset.brief.statement_count
        self.summary = plain_label(
            f"{plural(typeset.page_count(), 'page')} · {plural(shows, 'statement')} · to be saved as {target}", wrap=True
        )
        self.summary.setObjectName("briefPreviewSummary")
        tools = QHBoxLayout()
        for text, slot in (("Zoom &out", self.pages.zoomOut), ("Zoom &in", self.pages.zoomIn),
                           ("Fit &width", self.pages.fitToWidth), ("&Whole page", self.pages.fitInView)):
            button = QPushButton(text)
            button.setAutoDefault(False)  # Enter saves, whichever was clicked last
            button.clicked.connect(slot)
            tools.addWidget(button)
        tools.addWidget(self.summary, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.pages, 1)
        layout.addWidget(buttons)
        self.pages.fitToWidth()
        self.pages.setFocusProxy(self.pages.findChild(QGraphicsView))  # its view scrolls with the keys
        self.pages.setFocus()  # arrows and Page Up/Down move through the pages; Enter saves, Escape cancels
        self._fit_screen(parent)

    def _fit_screen(self, parent: QWidget | None) -> None:
        """As large as a page wants, inside the screen the dialog opens on."""
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        width = min(_WANTED[0], screen.width() - _SCREEN_EDGE)
        height = min(_WANTED[1], screen.height() - _SCREEN_EDGE)
        self.resize(width, height)
        self.move(screen.center().x() - width // 2, screen.center().y() - height // 2)
