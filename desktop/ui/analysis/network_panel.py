"""The Who answers whom panel: speakers joined by their answers across sides, drawn and listed.

A click on a speaker (in the drawing or the Speakers table, or Enter on its row) shows that
speaker's statements in the comparison; a click on an arrow (or a row of Answer directions)
shows one speaker's answers to another and the statements they answer. The network is worked
out off the GUI thread for the filter shown (the newest request wins); only the busiest part
of a large one is drawn, and the panel says so, while the tables list all of it.
"""

from functools import partial

import numpy as np
from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from desktop.domain.filters import StatementFilter
from desktop.services.answer_network import AnswerNetwork, answer_network
from desktop.services.wording import plural
from desktop.storage.database import Database
from desktop.ui.analysis import exports
from desktop.ui.analysis.network_graph import Drawing, NetworkGraph, drawing
from desktop.ui.analysis.network_tables import DIRECTIONS, SPEAKERS, ItemRole, NetworkTable
from desktop.ui.analysis.panel import SummaryLine
from desktop.ui.analysis.tables import AnalysisTable

WORKING = "Working out who answers whom…"
NOTHING = "No answers across sides among the statements the filter keeps."
_COUNT_WIDTH = 9  # characters of a count column ("Answers" and 000,000)
_NAME_WIDTH = 21  # characters of a name column: most names in full ("Dmitry Polyansky", capitals and all)
_TABLE_EXTRAS = 64  # pixels of a table that are not text: the side colour squares, padding, the scroll bar


def caption(found: AnswerNetwork) -> str:
    """What the drawing shows of the network, e.g. 'Drawn: 300 of the 61,234 answer directions (the busiest, …'."""
    directions, speakers = plural(len(found), "answer direction"), plural(len(found.speakers), "speaker")
    drawn, on_ring = len(found.drawn), len(found.drawn_speakers)
    if drawn == len(found) and on_ring == len(found.speakers):
        return f"{directions} between {speakers}. Click a speaker or an arrow to show those statements."
    return (f"Drawn: {drawn:,} of the {directions} (the busiest, among {on_ring:,} of the {speakers}); the tables "
            f"list them all. Click a speaker or an arrow to show those statements.")


def _worked_out(db: Database, chosen: StatementFilter, background: QColor) -> Drawing:
    """The network under the filter and what draws it (on a reader thread)."""
    return drawing(answer_network(db, chosen), background)


class NetworkPanel(QWidget):
    """Who answers whom (the panel contract: `title`, built as `NetworkPanel(window)`, `refresh(chosen)`)."""

    title = "Who answers whom"
    shown = Signal()  # a network worked out was drawn

    def __init__(self, window):
        super().__init__()
        self.setMinimumSize(80, 100)  # as the other panels: on a small screen it is squeezed, the window is not made larger
        self.setObjectName("networkPanel")
        self.window = window
        self.found: AnswerNetwork | None = None
        self._chosen = StatementFilter()  # the filter of the network shown or on its way
        self.summary = SummaryLine(WORKING)
        self.graph = NetworkGraph(self)
        self.directions = NetworkTable(DIRECTIONS, self)
        self.speakers = NetworkTable(SPEAKERS, self)
        self.direction_table = AnalysisTable(self.directions, "answerDirections", stretch=(0, 1))  # the two names
        self.speaker_table = AnalysisTable(self.speakers, "answerSpeakers", stretch=0)
        for table in (self.direction_table, self.speaker_table):
            table.size_columns([_COUNT_WIDTH] * table.model().columnCount())
            table.export_requested.connect(self.save_table)
        self.direction_table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.speaker_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.DescendingOrder)  # busiest first
        self.tables = QTabWidget(objectName="networkTables")
        self.tables.setDocumentMode(True)
        self.tables.addTab(self.direction_table, "Answer directions")
        self.tables.addTab(self.speaker_table, "Speakers")

        save_chart_button = QPushButton("Save Chart…", objectName="saveNetworkChart")
        save_table_button = QPushButton("Save Table…", objectName="saveNetworkTable")
        for button in (save_chart_button, save_table_button):
            button.setAutoDefault(False)
        save_chart_button.clicked.connect(self.save_chart)
        save_table_button.clicked.connect(self.save_table)
        tables_box = QWidget()
        tables_layout = QVBoxLayout(tables_box)
        tables_layout.setContentsMargins(0, 0, 0, 0)
        tables_layout.addWidget(self.tables, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(save_chart_button)
        buttons.addWidget(save_table_button)
        tables_layout.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.graph)
        self.splitter.addWidget(tables_box)
        self.splitter.setStretchFactor(0, 1)
        self._split = False
        self.working = False  # a network is being worked out or drawn
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)

        self.graph.speaker_clicked.connect(self.choose_speaker)
        self.graph.edge_clicked.connect(self._edge_clicked)
        for view in (self.direction_table, self.speaker_table):
            view.clicked.connect(self._row_chosen)
            view.activated.connect(self._row_chosen)
            view.selectionModel().currentRowChanged.connect(self._row_current)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._split:  # once, at the size first shown: the tables want room for two names and a count
            self._split = True
            width = self.splitter.width()
            wanted = self.fontMetrics().averageCharWidth() * (2 * _NAME_WIDTH + _COUNT_WIDTH) + _TABLE_EXTRAS
            tables = min(max(width * 2 // 5, wanted), width * 11 // 20)  # the drawing keeps 45% at least
            self.splitter.setSizes([width - tables, tables])

    # ---- Following the filter ----------------------------------------------------------------------

    def refresh(self, chosen: StatementFilter) -> None:
        """Work out who answers whom under `chosen` off the GUI thread and show it when it comes (newest wins)."""
        self.summary.working(WORKING)
        self.working = True
        self._chosen = chosen
        jobs = self.window.workspace.jobs
        work = partial(_worked_out, self.window.db, chosen, self.graph.background)
        jobs.latest(("analysis", "network"), work, self.show_network, self._failed)

    def show_network(self, drawn: Drawing) -> None:
        """List the network, then draw it in a turn of its own (the window paints the tables between)."""
        found = self.found = drawn.found
        self.summary.say(caption(found) if len(found) else NOTHING)
        self.directions.set_network(found)
        self.speakers.set_network(found)
        QTimer.singleShot(0, self, partial(self._draw, drawn))

    def _draw(self, drawn: Drawing) -> None:
        if drawn.found is self.found:  # not when a newer network came first
            self.graph.show_network(drawn, "" if len(drawn.found) else NOTHING)
            self._show_chosen()
            self.working = False
            self.shown.emit()

    def _show_chosen(self) -> None:
        """The answer direction or speaker the filter chose, if listed, is the current row and traced in amber."""
        found, chosen = self.found, self._chosen
        if chosen.answers is not None:
            rows = np.flatnonzero((found.source == chosen.answers[0]) & (found.target == chosen.answers[1]))
            table, model = self.direction_table, self.directions
        else:
            rows = np.flatnonzero(found.speakers == chosen.speaker_id) if chosen.speaker_id is not None else []
            table, model = self.speaker_table, self.speakers
        if len(rows):
            self.tables.setCurrentWidget(table)
            table.selectRow(model.row_of(int(rows[0])))

    def _failed(self, error: Exception) -> None:
        self.working = False
        self.summary.say(f"Who answers whom could not be worked out: {error}")

    # ---- Choosing --------------------------------------------------------------------------------

    def choose_speaker(self, speaker_id: int) -> None:
        """Show one speaker's statements in the comparison."""
        self._choose(speaker_id=speaker_id)

    def choose_direction(self, answering: int, answered: int) -> None:
        """Show one speaker's answers to another (speaker ids) and what they answer."""
        self._choose(answers=(answering, answered))

    def _choose(self, **one) -> None:
        self.window.state.choose(**one)
        self.window.show_comparison()

    def _edge_clicked(self, answering: int, answered: int) -> None:
        found = self.found
        edge = np.flatnonzero((found.source == answering) & (found.target == answered))
        if len(edge):
            self.direction_table.selectRow(self.directions.row_of(int(edge[0])))
        self.choose_direction(answering, answered)

    def _row_chosen(self, index: QModelIndex) -> None:
        item = index.data(ItemRole)
        found = self.found
        if index.model() is self.speakers:
            self.choose_speaker(int(found.speakers[item]))
        else:
            self.choose_direction(int(found.source[item]), int(found.target[item]))

    def _row_current(self, index: QModelIndex, _previous: QModelIndex) -> None:
        """The row moved to is traced in the drawing."""
        if not index.isValid():
            self.graph.highlight()
        elif index.model() is self.speakers:
            self.graph.highlight(speaker=index.data(ItemRole))
        else:
            self.graph.highlight(edge=index.data(ItemRole))

    # ---- Saving ----------------------------------------------------------------------------------

    def save_chart(self) -> None:
        """Save the drawing as PNG or SVG."""
        exports.save_chart(self, self.graph.plot, "who-answers-whom")

    def save_table(self) -> None:
        """Save the table shown (every row) as CSV."""
        speakers = self.tables.currentWidget() is self.speaker_table
        exports.save_table(self, self.speakers if speakers else self.directions, "answer-speakers" if speakers else "answer-directions")
