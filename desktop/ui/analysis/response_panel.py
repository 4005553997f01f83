"""The Response times panel: how fast each side (speaker, outlet) answers the other's claims, month by month,
and every claim with its first answer from each side."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget

from desktop.domain.filters import StatementFilter
from desktop.services.dispute import ResponseTimes, response_times
from desktop.services.dispute_rows import (
    GROUPS,
    MonthlyMedians,
    PairRow,
    TimeRow,
    days_words,
    monthly_medians,
    pair_rows,
    time_rows,
)
from desktop.services.names import names
from desktop.services.wording import plural
from desktop.storage.database import Database
from desktop.ui.analysis.exports import save_chart, save_table
from desktop.ui.analysis.month_chart import FEW, MonthlyChart
from desktop.ui.analysis.panel import HOW_TO_LINK, AnalysisPanel, captioned
from desktop.ui.analysis.tables import PAGE, AnalysisTable, Column, PagedModel, RowsModel
from desktop.ui.plain_text import plain_label


def _count(value: int) -> str:
    return f"{value:,}"


def _middle_half(row: TimeRow) -> str:
    return "—" if row.timed == 0 else f"{days_words(row.low)}–{days_words(row.high)}"


def time_columns(group: str) -> list[Column]:
    """The columns of the answer times told by side, speaker or outlet."""
    columns = [
        Column(group.title(), lambda r: r.name, f"The answering {group}.",
               colour=(lambda r: r.colour) if group == "side" else None),
        Column("Answered", lambda r: _count(r.answered), "Claims of another side it answered, dated or not.",
               lambda r: r.answered, number=True),
        Column("Timed", lambda r: _count(r.timed),
               "Answers with a date on both ends, not before the claim: those the days are worked out from.",
               lambda r: r.timed, number=True),
        Column("Median\ndays", lambda r: days_words(r.median), "Half the timed answers came sooner, half later.",
               lambda r: (r.timed == 0, r.median), number=True),
        Column("Middle half\n(days)", _middle_half,
               "The quartiles: the middle half of the timed answers took from this many days to that many.",
               lambda r: (r.timed == 0, r.low, r.high), number=True),
        Column("Answered before\nreported", lambda r: _count(r.early),
               "Answers dated before the claim they answer: a pre-emptive denial, or a wrong date.",
               lambda r: r.early, number=True),
    ]
    if group == "side":
        columns.append(Column("Own claims\nunanswered", lambda r: _count(r.unanswered),
                              "Claims of this side (under the filter) that no other side has answered.",
                              lambda r: r.unanswered, number=True))
    return columns


PAIR_COLUMNS = [
    Column("Claim", lambda p: p.claim, "The statement answered."),
    Column("Claimed by", lambda p: p.claim_speaker),
    Column("Side", lambda p: p.claim_side),
    Column("Claim date", lambda p: p.claim_date),
    Column("First answer", lambda p: p.answer, "The earliest answer from the answering side."),
    Column("Answered by", lambda p: p.answer_speaker),
    Column("Side", lambda p: p.answer_side),
    Column("Answer date", lambda p: p.answer_date),
    Column("Days", lambda p: p.days_words,
           "Days from the claim to its first answer; “answered before reported” when the answer is dated earlier."),
]
_ANSWER_COLUMNS = range(4, 8)  # Enter on these shows the answer, elsewhere the claim
_ROWS_SHOWN = 5  # rows of the table of sides shown at first, without scrolling


@dataclass(frozen=True)
class ResponseFigures:
    """What the panel shows, worked out off the GUI thread."""

    times: ResponseTimes
    rows: dict[str, list[TimeRow]]
    months: list[MonthlyMedians]
    first_pairs: list[PairRow]


class ResponseTimesPanel(AnalysisPanel):
    """How fast each side answers: a row per answering side (speaker, outlet), its monthly median as a chart,
    and every claim with its first answer from each side (Enter shows the claim, or the answer, in the
    comparison and the inspector)."""

    title = "Response times"

    def __init__(self, window):
        super().__init__(window)
        self.group = QComboBox(objectName="responseGroup")
        for group in GROUPS:
            self.group.addItem(f"by {group}", group)
        self.group.currentIndexChanged.connect(self._group_chosen)
        self.by_group = RowsModel(time_columns("side"), self)
        self.group_table = AnalysisTable(self.by_group, "responseByGroup", stretch=0)
        self.chart = MonthlyChart()
        self.pairs = PagedModel(PAIR_COLUMNS, self)
        self.pair_table = AnalysisTable(self.pairs, "responsePairs")
        self.pair_table.size_columns([40, 16, 12, 14, 40, 16, 12, 14])
        self.pair_table.row_activated.connect(self._pair_activated)
        self.group_table.export_requested.connect(self._export_groups)
        self.pair_table.export_requested.connect(self._export_pairs)
        self.chart.export_requested.connect(self._export_chart)

        groups, line = captioned("Answer times", self.group_table,
                                 "Export CSV…", self._export_groups)
        line.setStretch(0, 0)
        line.insertWidget(1, self.group)
        line.insertStretch(2, 1)
        self.details = QTabWidget(objectName="responseDetails")
        self.details.setDocumentMode(True)
        chart_page = QWidget()
        chart_layout = QVBoxLayout(chart_page)
        chart_layout.setContentsMargins(0, 2, 0, 0)
        chart_layout.addWidget(plain_label(f"Median days to answer, by month of the answer · hollow: fewer than {FEW} "
                                           f"answers · hover over a point for its counts"))
        chart_layout.addWidget(self.chart, 1)
        self.details.addTab(chart_page, "Month by month")
        self.details.addTab(self.pair_table, "Every answer")
        self.details.setTabToolTip(1, "Every claim with its first answer from each side; Enter shows one in the inspector")
        export = QPushButton("Export…", objectName="exportDetails")
        export.setAutoDefault(False)
        export.setToolTip("Save the chart as PNG or SVG, or the answers as CSV")
        export.clicked.connect(self._export_details)
        self.details.setCornerWidget(export)
        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="responseSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(groups)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._figures: ResponseFigures | None = None
        self._sized = False

    def work(self, db: Database, chosen: StatementFilter) -> ResponseFigures:
        times = response_times(db, chosen)
        known = names(db)
        rows = {group: time_rows(times, known, group) for group in GROUPS}
        return ResponseFigures(times, rows, monthly_medians(times, known), pair_rows(db, times, 0, PAGE))

    def show_result(self, figures: ResponseFigures) -> list[Callable[[], None]]:
        self._figures = figures
        draw_chart = [partial(self.chart.set_series, figures.months)]  # in a turn of its own: the window paints first
        times = figures.times
        db = self.main_window.db
        self.pairs.set_source(len(times), partial(pair_rows, db, times), figures.first_pairs)
        self._group_chosen()
        if not self._sized:  # once: the editor's own sizes are kept after that
            self._sized = True
            self._fit_group_table()
        if not len(times):
            waiting = sum(times.unanswered.values())
            said = f"No claim the filter keeps has an answer from another side ({plural(waiting, 'claim')} wait for one). "
            self.show_note(said + "\n\n" + HOW_TO_LINK)
            return draw_chart
        timed = int((times.dated & ~times.early).sum())
        sides = len(times.answered)
        early = int(times.early.sum())
        summary = (f"{plural(len(times), 'first answer')} from {plural(sides, 'side')} to the claims the filter "
                   f"touches; {plural(timed, 'answer')} dated on both ends are timed")
        if early:
            summary += f"; {plural(early, 'answer')} dated before the claim (answered before reported)"
        self.show_content(summary + ".")
        return draw_chart

    def _group_chosen(self) -> None:
        group = self.group.currentData()
        if self._figures is not None:
            self.by_group.set_rows(self._figures.rows[group], time_columns(group))
            self.group_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            self.group_table.size_columns([0, 6, 5, 6, 7, 8, 8])

    def _fit_group_table(self) -> None:
        """The table of sides as tall as its rows (up to _ROWS_SHOWN), the chart or the answers below taking the rest."""
        table = self.group_table
        rows = min(max(self.by_group.rowCount(), 2), _ROWS_SHOWN)
        wanted = (table.horizontalHeader().height() + rows * table.verticalHeader().defaultSectionSize()
                  + 2 * table.frameWidth() + table.horizontalScrollBar().sizeHint().height())
        box = self.splitter.widget(0)
        wanted += box.sizeHint().height() - table.sizeHint().height()
        self.splitter.setSizes([wanted, max(sum(self.splitter.sizes()) - wanted, 0)])

    def _pair_activated(self, row: PairRow | None) -> None:
        if row is None:
            return
        shows_answer = self.pair_table.currentIndex().column() in _ANSWER_COLUMNS
        self.main_window.state.select_statement(row.answer_id if shows_answer else row.claim_id)

    def _export_groups(self) -> None:
        save_table(self, self.by_group, f"response-times-by-{self.group.currentData()}")

    def _export_pairs(self) -> None:
        save_table(self, self.pairs, "answers")

    def _export_details(self) -> None:
        if self.details.currentWidget() is self.pair_table:
            self._export_pairs()
        else:
            self._export_chart()

    def _export_chart(self) -> None:
        save_chart(self, self.chart.plot, "median-days-to-answer")


