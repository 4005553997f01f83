"""What the Response times, Unanswered and Balance panels share: work done off the GUI thread for the filter
shown, the newest request winning, "Working out…" meanwhile, and a plain note when there is nothing to show."""

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from desktop.domain.filters import StatementFilter
from desktop.storage.database import Database
from desktop.ui.plain_text import plain_label

WORKING = "Working out…"
HOW_TO_LINK = (
    "To link an answer: select the answering statement in the Comparison, press Ctrl+L (Edit > Link Statement…), "
    "choose the claim it answers and the type “rebuts” or “responds to”. Or choose a claim in the Unanswered tab "
    "and press A."
)


class SummaryLine(QLabel):
    """A panel's line over its figures. While they are worked out it says so at the height it had: the figures
    below stay where they are, rather than be laid out and painted again twice as the line shrinks to one and
    grows back (10-20 ms at a million statements)."""

    def __init__(self, text: str):
        super().__init__(objectName="panelSummary", textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.setText(text)

    def working(self, text: str) -> None:
        """Say the figures are being worked out, keeping the line's height."""
        self.setMinimumHeight(self.height() if self.isVisible() else 0)
        self.setText(text)

    def say(self, text: str) -> None:
        """Say what the figures shown are."""
        self.setMinimumHeight(0)
        self.setText(text)


class AnalysisPanel(QWidget):
    """A panel of the Analysis view (the panel contract: `title`, built as `Panel(window)`, `refresh(chosen)`).

    A subclass says what to work out (`work(db, chosen)`, run by the jobs service on a reader thread)
    and shows it (`show_result`), calling `show_note` instead when there is nothing to show; `summary`
    is a line over the figures saying what they are.
    """

    title = ""

    def __init__(self, window):
        super().__init__()
        self.main_window = window
        self.setObjectName(f"{type(self).__name__[0].lower()}{type(self).__name__[1:]}")
        self.summary = SummaryLine(WORKING)
        self.note = plain_label()
        self.note.setObjectName("panelNote")
        self.note.setContentsMargins(12, 12, 12, 12)
        self.content = QWidget()
        self._pages = QStackedWidget()
        note_page = QWidget()
        note_layout = QVBoxLayout(note_page)
        note_layout.addWidget(self.note)
        note_layout.addStretch(1)
        self._pages.addWidget(note_page)
        self._pages.addWidget(self.content)
        # In a window smaller than the figures need, they scroll rather than make the window larger.
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setWidget(self._pages)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        self.working = False
        self._later: list[Callable[[], None]] = []

    def refresh(self, chosen: StatementFilter) -> None:
        """Work the figures out for `chosen` off the GUI thread and show them when they come (newest request wins)."""
        self.working = True
        self.summary.working(WORKING)
        jobs = self.main_window.workspace.jobs
        jobs.latest(("analysis", self.objectName()), partial(self.work, self.main_window.db, chosen), self._arrived, self._failed)

    def work(self, db: Database, chosen: StatementFilter) -> object:
        """The figures to show (on a reader thread: services only, no widget)."""
        raise NotImplementedError

    def show_result(self, result) -> list[Callable[[], None]] | None:
        """Show the figures worked out; what is slow to draw (a chart) may be returned as steps taken in later turns
        of the event loop, so that the window paints in between."""
        raise NotImplementedError

    def _arrived(self, result) -> None:
        self._later = list(self.show_result(result) or ())
        self._go_on()

    def _go_on(self) -> None:
        """Take the next step of showing the figures in a later turn of the event loop (the window paints between
        them), or say the figures are all shown."""
        if self._later:
            QTimer.singleShot(0, self, self._next_step)
        else:
            self.working = False

    def _next_step(self) -> None:
        if self._later:
            self._later.pop(0)()
            self._go_on()

    def _failed(self, error: Exception) -> None:
        self.working = False
        self.show_note(f"These figures could not be worked out: {error}")

    def show_note(self, text: str) -> None:
        """Say plainly why there is nothing to show, in place of the figures (and no line over them)."""
        self.summary.say("")
        self.note.setText(text)
        self._pages.setCurrentIndex(0)

    def show_content(self, summary: str) -> None:
        """Show the figures, under a line saying what they are."""
        self.summary.say(summary)
        self._pages.setCurrentIndex(1)


def captioned(caption: str, widget: QWidget, export_text: str, export) -> tuple[QWidget, QHBoxLayout]:
    """A widget under a line of its caption and an Export button; the line is returned to add more to it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    line = QHBoxLayout()
    label = plain_label(caption)
    label.setObjectName("caption")
    line.addWidget(label, 1)
    button = QPushButton(export_text)
    button.setAutoDefault(False)
    button.clicked.connect(export)
    line.addWidget(button)
    layout.addLayout(line)
    layout.addWidget(widget, 1)
    return box, line
