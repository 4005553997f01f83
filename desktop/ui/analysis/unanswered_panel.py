"""The Unanswered panel: the claims no other side has answered, oldest first, and linking an answer to one in
two keys (A, then Enter)."""

from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QVBoxLayout

from desktop.domain.filters import StatementFilter
from desktop.services.dispute import Unanswered, unanswered
from desktop.services.dispute_rows import QueueRow, oldest_day, queue_rows
from desktop.services.extraction import suggest_replies
from desktop.services.wording import plural
from desktop.storage.database import Database
from desktop.ui.analysis.exports import save_table
from desktop.ui.analysis.tables import PAGE, AnalysisTable, Column, PagedModel
from desktop.ui.analysis.panel import AnalysisPanel, captioned

SUGGESTED = 5  # answers suggested first in the dialog

QUEUE_COLUMNS = [
    Column("Age (days)", lambda r: "undated" if r.age_days is None else f"{r.age_days:,}",
           "Days since the claim was made.", number=True),
    Column("Date", lambda r: r.date),
    Column("Claim", lambda r: r.text),
    Column("Speaker", lambda r: r.speaker),
    Column("Side", lambda r: r.side),
    Column("Outlet", lambda r: r.outlet),
]


@dataclass(frozen=True)
class Queue:
    """The queue worked out off the GUI thread, with the date of its oldest claim in words and its first rows."""

    claims: Unanswered
    oldest: str
    first_page: list[QueueRow]


def _suggested(db: Database, claim_id: int) -> list[int]:
    return [found.statement_id for found in suggest_replies(db, claim_id, SUGGESTED)]


class UnansweredPanel(AnalysisPanel):
    """The queue of claims waiting for an answer from another side, oldest first. A claim chosen, A opens the
    answer dialog with the likeliest answer from another side chosen, and Enter links it; Enter on a claim
    shows it in the comparison and the inspector."""

    title = "Unanswered"

    def __init__(self, window):
        super().__init__(window)
        self.queue = PagedModel(QUEUE_COLUMNS, self)
        self.table = AnalysisTable(self.queue, "unansweredQueue", stretch=2)  # the claim's text
        self.table.size_columns([7, 14, 0, 16, 10, 14])
        self.table.row_activated.connect(self._claim_activated)
        self.table.export_requested.connect(self._export)
        self.answer_action = QAction("Link an &Answer…", self)
        self.answer_action.setShortcut(QKeySequence(Qt.Key.Key_A))
        self.answer_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.answer_action.triggered.connect(self.answer_current)
        self.table.addAction(self.answer_action)
        box, line = captioned("Oldest first · press A, then Enter, to link a claim's answer", self.table,
                              "Export CSV…", self._export)
        answer = QPushButton("Link an Answer… (A)", objectName="answerButton")
        answer.setAutoDefault(False)
        answer.clicked.connect(self.answer_current)
        line.insertWidget(1, answer)
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)

    def work(self, db: Database, chosen: StatementFilter) -> Queue:
        claims = unanswered(db, chosen)
        return Queue(claims, oldest_day(claims.columns, claims.positions), queue_rows(db, claims, 0, PAGE))

    def show_result(self, queue: Queue) -> None:
        claims = queue.claims
        row = max(self.table.currentIndex().row(), 0)
        self.queue.set_source(len(claims), partial(queue_rows, self.main_window.db, claims), queue.first_page)
        if not len(claims):
            self.show_note("Every claim the filter keeps has an answer from another side: nothing is waiting.")
            return
        self.table.setCurrentIndex(self.queue.index(min(row, len(claims) - 1), 0))  # the next claim, after a link
        since = f"; the oldest since {queue.oldest}" if queue.oldest else ""
        waits = "waits" if len(claims) == 1 else "wait"
        self.show_content(f"{plural(len(claims), 'claim')} the filter keeps {waits} for an answer from another side{since}.")

    def answer_current(self) -> None:
        """Open the answer dialog for the claim chosen, its likeliest answers (worked out off the GUI thread) first."""
        row: QueueRow | None = self.table.current_row()
        if row is None:
            return
        jobs = self.main_window.workspace.jobs
        jobs.latest(("analysis", "replies"), partial(_suggested, self.main_window.db, row.statement_id),
                    partial(self._answer, row.statement_id))

    def _answer(self, claim_id: int, suggested: list[int]) -> None:
        self.main_window.editing.answer(claim_id, suggested)

    def _claim_activated(self, row: QueueRow | None) -> None:
        if row is not None:
            self.main_window.state.select_statement(row.statement_id)

    def _export(self) -> None:
        save_table(self, self.queue, "unanswered-claims")
