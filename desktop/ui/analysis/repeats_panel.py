"""The Repeated lines panel: find statements that repeat an earlier line of their side, accept (A) or
reject (R) them, and see the groups accepted, each with who said it first, who repeated it, where
and when."""

from dataclasses import dataclass
from functools import partial

import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.filters import StatementFilter
from desktop.services.changes import Change
from desktop.services.jobs import Job
from desktop.services import collector
from desktop.services.repeat_decisions import AcceptRepeats, RejectRepeats, undecided
from desktop.services.repeats import RepeatLine, find_repeats, lines, repeat_groups
from desktop.services.wording import plural
from desktop.ui.analysis import repeat_models
from desktop.ui.analysis.exports import save_table
from desktop.ui.analysis.repeat_models import ID_ROLE, Group, Member, RepeatTreeModel
from desktop.ui.background import LatestOnly
from desktop.ui.plain_text import plain_label


@dataclass(frozen=True)
class _Summary:
    """What the status line says of a find."""

    repeats: int
    lines: int
    compared: int


def _found(db, chosen: StatementFilter, progress, cancelled) -> tuple[_Summary, list[Group]] | None:
    """Off the GUI thread: what was found under the filter, and its groups ready to show; None if cancelled. The
    finder's own records are let go here: freed on the GUI thread, their 100,000 objects stalled it 20-30 ms."""
    with collector.paused():
        found = find_repeats(db, chosen, progress, cancelled)
        if found is None:
            return None
        shown = lines(db, [i for group in found.groups for i in group.statements])
        return _Summary(found.count, len(found.groups), found.compared), [
            Group(shown[group.first], [Member(shown[p.later], p.earlier, p.score, p.across) for p in group.proposals if p.later in shown])
            for group in found.groups
            if group.first in shown
        ]


def _accepted(db, chosen: StatementFilter, proposed: tuple[tuple[int, int], ...]) -> tuple[list[Group], tuple, set]:
    """Off the GUI thread: the groups accepted links make under the filter, ready to show; and of the proposals
    shown or decided here (`proposed`), those undecided now."""
    groups = repeat_groups(db, chosen)
    shown = lines(db, [i for group in groups for i in group.statements])
    return [
        Group(shown[group.first], [Member(shown[i], group.first) for i in group.statements[1:] if i in shown])
        for group in groups
        if group.first in shown
    ], proposed, undecided(db, proposed)


_WIDTHS = (24, 24, 29, 27)  # characters of Who, Outlet, When and Score; the line takes the rest


def _tree(model: RepeatTreeModel, name: str) -> QTreeView:
    view = QTreeView(objectName=name)
    view.setModel(model)
    view.setUniformRowHeights(True)
    view.setAllColumnsShowFocus(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = view.header()
    header.setStretchLastSection(True)
    # Widths from the font, not from the contents: measuring thousands of rows would stall the window.
    characters = view.fontMetrics().averageCharWidth()
    for column, width in enumerate(_WIDTHS):
        header.resizeSection(column, width * characters)
    return view


class RepeatsPanel(QWidget):
    """Repeated lines: proposals to accept or reject, and the groups accepted, under the current filter."""

    title = "Repeated lines"

    def __init__(self, window):
        super().__init__(window)
        self.setMinimumSize(80, 100)  # as the other panels: on a small screen it is squeezed, the window is not made larger
        self.window_ = window
        self.chosen = window.state.filter
        self._searched: StatementFilter | None = None  # the filter the proposals shown were found under
        self._job: Job | None = None
        # Proposals decided here, with their group's first line, until a new find: an undone decision brings its back.
        self._set_aside: dict[tuple[int, int], tuple[RepeatLine, Member]] = {}
        self._groups_read = LatestOnly(window.workspace.jobs, self)
        self.working = False  # the accepted groups are being read

        self.find_button = QPushButton("Find repeated lines", objectName="findRepeats")
        self.find_button.setToolTip("Compare the statements the filter keeps, in the background")
        self.find_button.clicked.connect(self.find)
        self.progress = QProgressBar(objectName="repeatsProgress", maximum=1000, visible=False)
        self.cancel_button = QPushButton("Cancel", objectName="cancelRepeats", visible=False)
        self.cancel_button.clicked.connect(self.cancel)
        self.status = plain_label("Find repeated lines to compare the statements the filter keeps.", wrap=True)
        top = QHBoxLayout()
        top.addWidget(self.find_button)
        top.addWidget(self.progress, 1)
        top.addWidget(self.cancel_button)
        top.addWidget(self.status, 2)

        self.proposals = RepeatTreeModel(self)
        self.proposal_view = _tree(self.proposals, "repeatProposals")
        self.proposal_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.proposal_view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.accept_button = QPushButton("Accept (A)", objectName="acceptRepeats", enabled=False)
        self.accept_button.setToolTip("Link each selected statement to the earlier one it repeats")
        self.accept_button.clicked.connect(self.accept_selected)
        self.reject_button = QPushButton("Reject (R)", objectName="rejectRepeats", enabled=False)
        self.reject_button.setToolTip("Not a repeat: never propose these pairs again")
        self.reject_button.clicked.connect(self.reject_selected)
        for key, take in (("A", self.accept_selected), ("R", self.reject_selected)):
            QShortcut(QKeySequence(key), self.proposal_view, take, context=Qt.ShortcutContext.WidgetShortcut)
        export_proposals = QPushButton("Export CSV…", objectName="exportRepeatProposals")
        export_proposals.clicked.connect(self.export_proposals)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(plain_label("A group's row stands for all its repeats.", wrap=False))
        buttons.addStretch(1)
        buttons.addWidget(export_proposals)
        proposed = QGroupBox("Proposed: who said it first, who repeated it")
        box = QVBoxLayout(proposed)
        box.addWidget(self.proposal_view)
        box.addLayout(buttons)

        self.groups = RepeatTreeModel(self)
        self.group_view = _tree(self.groups, "repeatGroups")
        self.group_view.selectionModel().currentChanged.connect(self._current_changed)
        self.groups_title = QGroupBox("Accepted groups")
        export_groups = QPushButton("Export CSV…", objectName="exportRepeatGroups")
        export_groups.clicked.connect(self.export_groups)
        accepted = QVBoxLayout(self.groups_title)
        accepted.addWidget(self.group_view)
        accepted.addWidget(export_groups, 0, Qt.AlignmentFlag.AlignRight)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(proposed)
        split.addWidget(self.groups_title)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    # Following the filter ------------------------------------------------------------------

    def refresh(self, chosen: StatementFilter) -> None:
        """Show the accepted groups under `chosen`; proposals found under another filter say so."""
        self.chosen = chosen
        self.working = True
        proposed = (*self._set_aside, *self.proposals.shown_pairs())
        self._groups_read.run(partial(_accepted, self.window_.db, chosen, proposed), self._show_groups)
        if self._searched is not None and self._searched != chosen and self._job is None:
            self.status.setText("The filter changed since these were found: find repeated lines again to follow it.")

    def _show_groups(self, read: tuple[list[Group], tuple, set]) -> None:
        groups, asked, undecided_now = read
        self.working = False
        self._set_aside_decided({pair for pair in asked if pair not in undecided_now})
        back = [self._set_aside.pop(pair) for pair in asked if pair in self._set_aside and pair in undecided_now]
        if back:
            row = self.proposals.restore(back)
            self.proposal_view.scrollTo(row)
            self.status.setText(f"{plural(len(back), 'proposal')} back: {'its' if len(back) == 1 else 'their'} decision was undone.")
        self.groups.set_groups(groups)
        count = sum(len(group.members) for group in groups)
        shown = f" (the largest {repeat_models.SHOWN} shown)" if self.groups.waiting else ""
        self.groups_title.setTitle(f"Accepted groups: {plural(len(groups), 'line')}, {plural(count, 'repeat')}{shown}")
        if len(groups) <= 50:
            self.group_view.expandAll()

    # Exporting -----------------------------------------------------------------------------

    def export_proposals(self) -> None:
        """Save the proposals shown as a CSV file."""
        save_table(self, self.proposals, "repeated-lines-proposed")

    def export_groups(self) -> None:
        """Save the accepted groups shown as a CSV file."""
        save_table(self, self.groups, "repeated-lines-accepted")

    # Finding -------------------------------------------------------------------------------

    def find(self) -> None:
        """Find repeated lines among the statements the filter keeps, in the background."""
        if self._job is not None:
            return
        chosen = self.chosen
        self.progress.setValue(0)
        self._busy(True)
        self.status.setText("Reading the statements the filter keeps…")
        self._job = self.window_.workspace.jobs.start(
            partial(_found, self.window_.db, chosen), partial(self._found, chosen), self._failed, self.progress.setValue,
            writes=False, name="Finding repeated lines",
        )
        self.destroyed.connect(self._job.cancel)

    def cancel(self) -> None:
        """Stop finding; what was shown before stays."""
        if self._job is not None:
            self._job.cancel()
            self.status.setText("Cancelling…")

    def _busy(self, busy: bool) -> None:
        self.find_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def _found(self, chosen: StatementFilter, result) -> None:
        if not shiboken6.isValid(self):
            return
        self._job = None
        self._busy(False)
        if result is None:
            self.status.setText("Cancelled: nothing new was found.")
            return
        found, groups = result
        self._searched = chosen
        self._set_aside.clear()
        self.proposals.set_groups(groups)
        if self.proposals.group_count <= 50:
            self.proposal_view.expandAll()
        self.status.setText(
            f"{plural(found.repeats, 'repeat')} of {plural(found.lines, 'line')} found among "
            f"{plural(found.compared, 'statement')}." if found.repeats else
            f"No repeated lines found among {plural(found.compared, 'statement')}."
        )
        if self.proposals.waiting:
            self.status.setText(f"{self.status.text()} The largest {repeat_models.SHOWN} are shown; the next come as you decide.")
        if self.proposals.group_count:
            self.proposal_view.setFocus()
            self.proposal_view.selectionModel().setCurrentIndex(
                self.proposals.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
        if chosen != self.chosen:
            self.refresh(self.chosen)

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._job = None
        self._busy(False)
        self.status.setText("Finding repeated lines failed.")
        self.window_.show_error(f"Finding repeated lines failed: {error}")

    # Deciding ------------------------------------------------------------------------------

    def _selected_pairs(self) -> list[tuple[int, int]]:
        return self.proposals.pairs(self.proposal_view.selectionModel().selectedRows())

    def _selection_changed(self, *_args) -> None:
        chosen = self.proposal_view.selectionModel().hasSelection()
        self.accept_button.setEnabled(chosen)
        self.reject_button.setEnabled(chosen)
        current = self.proposal_view.currentIndex()
        if current.isValid():
            self.window_.state.select_statement(current.data(ID_ROLE))

    def _current_changed(self, current, _previous) -> None:
        if current.isValid():
            self.window_.state.select_statement(current.data(ID_ROLE))

    def accept_selected(self) -> None:
        """Link each selected statement to the one it repeats: one step of Edit > Undo."""
        self._decide(AcceptRepeats)

    def reject_selected(self) -> None:
        """Remember the selected pairs as not repeats: one step of Edit > Undo."""
        self._decide(RejectRepeats)

    def _decide(self, operation) -> None:
        pairs = self._selected_pairs()
        if pairs:
            self.window_.runner.run(operation(pairs), partial(self._decided, set(pairs)))

    def _decided(self, pairs: set[tuple[int, int]], change: Change | None) -> None:
        if change is None or not shiboken6.isValid(self):
            return
        self._set_aside_decided(pairs)
        self.refresh(self.chosen)

    def _set_aside_decided(self, pairs: set[tuple[int, int]]) -> None:
        """Take decided proposals out of those shown, kept aside in case their decision is undone."""
        if pairs:
            for first, member in self.proposals.remove_pairs(pairs):
                self._set_aside[(member.line.id, member.earlier)] = (first, member)
