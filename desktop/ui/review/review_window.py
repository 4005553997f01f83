"""The review window: an article with its proposed statements, accepted, edited or rejected from the keyboard."""

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial

from PySide6.QtCore import QItemSelectionModel, QSize, Qt
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.domain.entities import Link, Outlet, Side, Speaker
from desktop.domain.values import LinkType
from desktop.services import catalog
from desktop.services.extraction import (
    CONFIDENT,
    AcceptProposal,
    Review,
    existing_statements,
    propose,
    suggest_answers,
    suggest_for_proposal,
)
from desktop.services.changes import Change
from desktop.services.operations import CreateRecord
from desktop.services.wording import plural
from desktop.ui.background import LatestOnly
from desktop.ui.plain_text import plain_label
from desktop.ui.review.article_view import ArticleView
from desktop.ui.review.models import ProposalModel, ReviewItem, Status, SuggestionModel, short
from desktop.ui.review.proposal_editor import ProposalEditor
from desktop.ui.screen_fit import FittingScrollArea, fit_to_screen

# Single keys: a text field that has focus takes printable keys and Delete for itself (Qt asks it
# first), so these act everywhere else in the window. Enter accepts through keyPressEvent instead,
# so that a focused button or the article date field keeps it.
KEYS = {
    "next": ("N", "J"),
    "previous": ("P", "K"),
    "accept": ("A",),
    "reject": ("R", "Delete"),
    "edit": ("E",),
    "accept_confident": ("Ctrl+Shift+A",),
    "close": ("Escape",),
}
_PREFERRED_SIZE = QSize(1320, 860)  # shrunk to the screen's available area
HINT = "N/J next · P/K previous · A or Enter accept · Ctrl+Shift+A accept confident · R or Delete reject · E edit · Esc close"
_LINK_VERBS = {LinkType.REBUTS: "rebuts", LinkType.RESPONDS_TO: "responds to"}
_CLOSE_TITLE = "Close Review"


class _DateField(QLineEdit):
    """The article's date: Enter applies it and goes no further (it does not accept a statement)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


def _said(speaker: str, text: str) -> str:
    """A statement in a few words, with its speaker: 'Dmitry Peskov: “Russia is progressing…”'."""
    return f"{speaker or 'No speaker'}: “{short(text, 60).rstrip(' .,;:')}”"


class ReviewWindow(QWidget):
    """Walks an editor through an article's proposals; every accept and link is an undoable operation."""

    def __init__(self, main_window, review: Review):
        super().__init__(main_window, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("reviewWindow")
        self.main_window = main_window
        self.runner = main_window.runner
        self.article = review.article
        self.document_id = review.document_id
        self.items = [ReviewItem(p) for p in review.proposals]
        for row, known in review.known.items():
            self.items[row] = ReviewItem(known.stored, Status.KNOWN, statement_id=known.statement_id, reason=known.reason)
        self.current: int | None = None
        self.confirm_close = self._ask_to_close  # (pending count) -> bool; tests answer it themselves
        self._closing = False
        # Finding what a proposal may answer and dating the proposals again read the whole archive
        # or the whole article: both are done off the GUI thread, the newest request of each counting.
        jobs = main_window.workspace.jobs
        self._answers = LatestOnly(jobs, self)
        self._dating = LatestOnly(jobs, self)
        self._accepting = False  # an accept is being stored: another waits until it has landed
        self._answers_for: tuple | None = None  # the proposal the suggestion panel shows, or looks for
        self.looking_for_answers = False  # True while what the proposal shown may answer is worked out
        self.setWindowTitle(f"Review: {self.article.title}")
        self._build()
        self._connect()
        fit_to_screen(self, _PREFERRED_SIZE)
        pending = [i for i, item in enumerate(self.items) if item.status == Status.PENDING]
        self.go_to(pending[0] if pending else (0 if self.items else None))
        self.list.setFocus()

    def _build(self) -> None:
        db = self.runner.db
        self.title = plain_label(self.article.title, selectable=True)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.source = plain_label(" · ".join(p for p in (self.article.publisher, self.article.url) if p), selectable=True)
        self.article_date = _DateField(self.article.published_on.isoformat() if self.article.published_on else "")
        self.article_date.setObjectName("articleDate")
        self.article_date.setPlaceholderText("YYYY-MM-DD")
        self.article_date.setToolTip("The article's date: phrases such as “on Friday” are read against it.")
        self.article_date.setMaximumWidth(130)
        self.summary = plain_label(wrap=False)
        self.article_view = ArticleView(self.article.text)
        self.model = ProposalModel(self.items, self)
        self.list = QListView(objectName="proposalList")
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.setAlternatingRowColors(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMinimumHeight(self.list.fontMetrics().lineSpacing() * 5)  # the rest of a short screen is the form's
        names = lambda model: [name for _, name in catalog.choices(db, model)]  # noqa: E731
        self.editor = ProposalEditor(names(Speaker), names(Outlet), names(Side))
        self.buttons = {
            "previous": QPushButton("◀ Previous"),
            "next": QPushButton("Next ▶"),
            "reject": QPushButton("Reject (R)"),
            "accept": QPushButton("Accept (A)"),
            "accept_confident": QPushButton(objectName="acceptConfident"),
        }
        self.buttons["accept_confident"].setToolTip(
            f"Accept in one step every proposal not yet accepted or rejected that is {CONFIDENT:.0%} sure or more "
            "(Ctrl+Shift+A); one undo takes them all back."
        )
        self.answering_label = plain_label()
        self.suggestions = SuggestionModel(self)
        self.suggestion_list = QListView(objectName="suggestionList")
        self.suggestion_list.setModel(self.suggestions)
        self.suggestion_list.setUniformItemSizes(True)
        self.suggestion_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.suggestion_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        line = self.suggestion_list.fontMetrics().lineSpacing()
        self.suggestion_list.setMinimumHeight(line * 4)
        self.suggestion_list.setMaximumHeight(line * 7)
        self.link_buttons = {
            LinkType.REBUTS: QPushButton("&Rebuts"),
            LinkType.RESPONDS_TO: QPushButton("Responds &to"),
        }
        self.link_result = plain_label()
        for button in (*self.buttons.values(), *self.link_buttons.values()):
            button.setAutoDefault(True)  # Enter on a focused button presses it, as in a dialog
        self.setLayout(self._layout())

    def _layout(self) -> QVBoxLayout:
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.source)
        header.addLayout(titles, 1)
        header.addWidget(plain_label("Article date", wrap=False))
        header.addWidget(self.article_date)
        steps = QHBoxLayout()
        for name in ("previous", "next", "accept_confident"):
            steps.addWidget(self.buttons[name])
        steps.addStretch(1)
        for name in ("reject", "accept"):
            steps.addWidget(self.buttons[name])
        answers = QGroupBox("What does it answer?")
        answers_layout = QVBoxLayout(answers)
        answers_layout.addWidget(self.answering_label)
        answers_layout.addWidget(self.suggestion_list)
        links = QHBoxLayout()
        links.addStretch(1)
        links.addWidget(self.link_buttons[LinkType.REBUTS])
        links.addWidget(self.link_buttons[LinkType.RESPONDS_TO])
        answers_layout.addLayout(links)
        answers_layout.addWidget(self.link_result)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(plain_label("Proposed statements", wrap=False))
        side.addWidget(self.list, 5)
        side.addWidget(self.editor)
        side.addLayout(steps)
        side.addWidget(answers)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.article_view)
        splitter.addWidget(FittingScrollArea(right, min_lines=12))  # scrolls on a short screen, Accept in reach
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([700, 600])
        footer = QHBoxLayout()
        footer.addWidget(self.summary)
        footer.addStretch(1)
        footer.addWidget(plain_label(HINT, wrap=False))
        layout = QVBoxLayout()
        layout.addLayout(header)
        layout.addWidget(splitter, 1)
        layout.addLayout(footer)
        return layout

    def _connect(self) -> None:
        actions = {
            "next": partial(self.step, 1),
            "previous": partial(self.step, -1),
            "accept": self.accept_current,
            "reject": self.reject_current,
            "edit": self.edit_current,
            "accept_confident": self.accept_confident,
            "close": self.close_asking,
        }
        for name, keys in KEYS.items():
            for key in keys:
                QShortcut(QKeySequence(key), self, actions[name], context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for name, button in self.buttons.items():
            button.clicked.connect(actions[name])
        for link_type, button in self.link_buttons.items():
            button.clicked.connect(partial(self.link, link_type))
        self.list.selectionModel().currentChanged.connect(self._row_chosen)
        self.article_view.position_chosen.connect(self._position_chosen)
        self.editor.edited.connect(self._edited)
        self.article_date.editingFinished.connect(self._date_changed)
        self.runner.changed.connect(self._data_changed)
        self.addActions([self.main_window.actions["undo"], self.main_window.actions["redo"]])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter that no field or button took accepts the proposal shown."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.accept_current()
            return
        super().keyPressEvent(event)

    def pending_count(self) -> int:
        """How many proposals are neither accepted, rejected nor in the database already."""
        return sum(item.status == Status.PENDING for item in self.items)

    def close_asking(self) -> None:
        """Close the window; with proposals left undecided, only if the editor says so."""
        pending = self.pending_count()
        if pending and not self.confirm_close(pending):
            return
        self._closing = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """The window's close button asks as Escape does; closing from code (the app quitting) does not."""
        if event.spontaneous() and not self._closing and self.pending_count() and not self.confirm_close(self.pending_count()):
            event.ignore()
            return
        self._answers.stop()  # their threads are done with the database before it may close
        self._dating.stop()
        super().closeEvent(event)

    def _ask_to_close(self, pending: int) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, _CLOSE_TITLE, "", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            f"{plural(pending, 'proposed statement')} {'is' if pending == 1 else 'are'} not accepted or rejected yet. "
            "Close the review anyway? Statements accepted so far stay in the database."
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        answer = box.exec()
        box.deleteLater()
        return answer == QMessageBox.StandardButton.Yes

    def _row_chosen(self, index, _previous) -> None:
        if index.isValid():
            self.go_to(index.row())

    def go_to(self, row: int | None) -> None:
        """Make one proposal current: select it, show it in the form, in the article and in what it may answer."""
        if row is not None and not 0 <= row < len(self.items):
            return
        self._keep_edits()
        self.current = row
        if row is not None:
            index = self.model.index(row, 0)
            if self.list.currentIndex() != index:
                self.list.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.list.scrollTo(index)
        self._show_current()
        self.link_result.clear()

    def _show_current(self, answers_again: bool = False) -> None:
        item = self.items[self.current] if self.current is not None else None
        self.editor.show_proposal(item.proposal if item else None, editable=bool(item) and item.status.open)
        self.editor.note.setText(self._status_note(item))
        self._show_answers(again=answers_again)
        self._refresh()

    @staticmethod
    def _status_note(item: ReviewItem | None) -> str:
        if item is None:
            return ""
        if item.status == Status.KNOWN:
            return item.reason[:1].upper() + item.reason[1:] + "."
        if item.status == Status.ACCEPTED:
            return f"Accepted as statement #{item.statement_id}."
        return "Rejected." if item.status == Status.REJECTED else "To review."

    def step(self, delta: int) -> None:
        """Move to the next or previous proposal."""
        if self.items:
            start = self.current if self.current is not None else -delta
            self.go_to(max(0, min(len(self.items) - 1, start + delta)))

    def _next_pending(self) -> None:
        after = list(range((self.current or 0) + 1, len(self.items))) + list(range(0, self.current or 0))
        pending = next((i for i in after if self.items[i].status == Status.PENDING), None)
        self.go_to(pending if pending is not None else self.current)

    def _accept(self, answers: tuple[int, LinkType] | None = None, then: Callable[[], None] | None = None) -> None:
        """Store the current proposal, as edited (and linked to what it answers); then, once it is
        stored, `then()`."""
        if self._accepting or self.current is None or not self.items[self.current].status.open:
            return
        item = self.items[self.current]
        try:
            proposal = self.editor.values()
        except ValueError as error:
            self.main_window.show_error(str(error))
            return
        operation = AcceptProposal(proposal, self.article, self.document_id, answers=answers)
        self._accepting = True
        self.runner.run(operation, partial(self._accepted, item, proposal, operation, then))

    def _accepted(self, item: ReviewItem, proposal, operation: AcceptProposal, then, change: Change | None) -> None:
        if not isValid(self):
            return  # the window was closed while the proposal was being stored
        self._accepting = False
        if change is None:
            return
        item.proposal, item.operation, item.statement_id = proposal, operation, operation.statement_id
        item.status, item.edited = Status.ACCEPTED, False
        self.document_id = operation.document_id
        if then is not None:
            then()

    def accept_current(self) -> None:
        """Store the current proposal, as edited, as a statement of the article; then move on."""
        self._accept(then=self._next_pending)

    def confident_pending(self) -> list[int]:
        """The rows of the proposals not yet accepted or rejected that are CONFIDENT or more sure, with a speaker."""
        return [
            row for row, item in enumerate(self.items)
            if item.status == Status.PENDING and item.proposal.confidence >= CONFIDENT and item.proposal.speaker.strip()
        ]

    def accept_confident(self) -> None:
        """Accept, as they stand (edits kept), every proposal `confident_pending` gives: one step to undo."""
        self._keep_edits()
        rows = self.confident_pending()
        if self._accepting or not rows:
            return
        operations = [AcceptProposal(self.items[row].proposal, self.article, self.document_id) for row in rows]
        self._accepting = True
        title = f"Accept {plural(len(rows), 'Confident Statement')}"
        self.runner.run_together(title, operations, partial(self._accepted_confident, rows, operations))

    def _accepted_confident(self, rows: list[int], operations: list[AcceptProposal], _change: Change | None) -> None:
        """Mark accepted those stored (all, unless one was refused: those before it stay, and undo together)."""
        if not isValid(self):
            return
        self._accepting = False
        alive = existing_statements(self.runner.db, [op.statement_id for op in operations if op.statement_id is not None])
        for row, operation in zip(rows, operations):
            if operation.statement_id in alive:
                item = self.items[row]
                item.operation, item.statement_id = operation, operation.statement_id
                item.status, item.edited = Status.ACCEPTED, False
                self.document_id = operation.document_id
        self._next_pending()

    def reject_current(self) -> None:
        """Set the current proposal aside; then move on."""
        if self.current is None or self.items[self.current].status != Status.PENDING:
            return
        self._keep_edits()
        self.items[self.current].status = Status.REJECTED
        self._next_pending()

    def edit_current(self) -> None:
        """Put the cursor in the statement's text."""
        if self.editor.text.isEnabled():
            self.editor.text.setFocus()
            self.editor.text.selectAll()

    def link(self, link_type: LinkType) -> None:
        """Link the proposal shown to the chosen (or best) suggestion, accepting it first if it is pending."""
        if self.current is None or not self.suggestions.suggestions:
            return
        item = self.items[self.current]
        target = self.suggestions.suggestions[max(self.suggestion_list.currentIndex().row(), 0)]
        linked = partial(self._linked, item, target, link_type)
        if item.status == Status.PENDING:
            self._accept(answers=(target.statement_id, link_type), then=linked)
        elif item.statement_id is not None:
            values = {"from_id": item.statement_id, "to_id": target.statement_id, "type": link_type.value}
            self.runner.run(CreateRecord(Link, values), partial(self._link_made, linked))

    def _link_made(self, linked: Callable[[], None], change: Change | None) -> None:
        if change is not None and isValid(self):
            linked()

    def _linked(self, item: ReviewItem, target, link_type: LinkType) -> None:
        self._show_current()
        said = _said(item.proposal.speaker, item.proposal.text)
        self.link_result.setText(f"Linked: {said} {_LINK_VERBS[link_type]} {_said(target.speaker, target.text)}.")

    def _show_answers(self, again: bool = False) -> None:
        """What the proposal shown may answer: for a stored statement its own suggestions, for a pending one
        those its words and side give (linking it accepts it). Worked out in the background, once for
        each proposal shown (`again` after the data changed); meanwhile the panel says it is looking."""
        item = self.items[self.current] if self.current is not None else None
        if item is None or item.status == Status.REJECTED:
            self._answers_for, self.looking_for_answers = None, False
            self._answers.cancel()
            self.answering_label.setText(
                "No proposal to answer anything." if item is None else "Rejected: it is not stored, so it answers nothing."
            )
            self._set_suggestions([])
            return
        stored = item.statement_id is not None and not item.status.open
        proposal = item.proposal
        key = (self.current, stored, item.statement_id, proposal.text, proposal.side, proposal.speaker)
        if key == self._answers_for and not again:
            return
        self._answers_for, self.looking_for_answers = key, True
        said = _said(proposal.speaker, proposal.text)
        self.answering_label.setText(f"{said}: looking for what it may answer…")
        self._set_suggestions([])
        db = self.runner.db
        if stored:
            work = partial(suggest_answers, db, item.statement_id)
        else:
            work = partial(suggest_for_proposal, db, proposal)
        self._answers.run(work, partial(self._answers_found, key, said, stored))

    def _answers_found(self, key: tuple, said: str, stored: bool, suggestions: list) -> None:
        if key != self._answers_for:
            return  # for a proposal no longer shown
        self.looking_for_answers = False
        if not suggestions:
            self.answering_label.setText(f"{said}: no statement of another side to answer.")
        else:
            self.answering_label.setText(f"{said} may answer:" if stored else f"{said} may answer (linking accepts it):")
        self._set_suggestions(suggestions)

    def _set_suggestions(self, suggestions: list) -> None:
        self.suggestions.set_suggestions(suggestions)
        self.suggestion_list.setCurrentIndex(self.suggestions.index(0, 0))
        for button in self.link_buttons.values():
            button.setEnabled(bool(suggestions))

    def _keep_edits(self) -> None:
        if self.current is None:
            return
        item = self.items[self.current]
        if item.edited and item.status.open:
            try:
                item.proposal = self.editor.values()
            except ValueError:
                pass

    def _edited(self) -> None:
        if self.current is not None:
            self.items[self.current].edited = True

    def _position_chosen(self, position: int) -> None:
        hits = [i for i, item in enumerate(self.items) if item.proposal.start <= position < item.proposal.end]
        if hits and self.current not in hits:
            self.go_to(min(hits, key=lambda i: self.items[i].proposal.end - self.items[i].proposal.start))

    def _date_changed(self) -> None:
        typed = self.article_date.text().strip()
        try:
            published_on = date.fromisoformat(typed) if typed else None
        except ValueError:
            self.main_window.show_error(f"“{typed}” is not a date: write it as YYYY-MM-DD.")
            return
        if published_on == self.article.published_on:
            return
        self.article = replace(self.article, published_on=published_on)
        self._dating.run(partial(propose, self.runner.db, self.article), self._dated)

    def _dated(self, proposals: list) -> None:
        """Date again the proposals not yet stored nor edited, read against the article's new date."""
        self._keep_edits()
        dates = {(p.start, p.end): p.said_on for p in proposals}
        for item in self.items:
            if item.status.open and not item.edited and (item.proposal.start, item.proposal.end) in dates:
                item.proposal = replace(item.proposal, said_on=dates[(item.proposal.start, item.proposal.end)])
        self.go_to(self.current)

    def _data_changed(self, change: Change) -> None:
        """Follow undo and redo: a stored statement that is gone is pending again, and back on redo."""
        if "side" in change.tables:  # a side accepting made (or undo took back) is new no longer (or again)
            self.editor.set_sides([name for _, name in catalog.choices(self.runner.db, Side)])
        self._keep_edits()
        before = self.items[self.current].status if self.current is not None else None
        ids = [item.statement_id for item in self.items if item.statement_id is not None]
        alive = existing_statements(self.runner.db, ids)
        for item in self.items:
            if item.statement_id is None:
                continue
            if item.statement_id in alive:
                item.status = Status.KNOWN if item.reason else Status.ACCEPTED
            elif not item.status.open:
                item.status = Status.PENDING
        now = self.items[self.current].status if self.current is not None else None
        if now != before or "link" in change.tables or "statement" in change.tables:
            self._show_current(answers_again=True)
        else:
            self._refresh()

    def _refresh(self) -> None:
        self.model.refresh()
        self.article_view.highlight(self.items, self.current)
        counts = {status: sum(item.status == status for item in self.items) for status in Status}
        known = f"{counts[Status.KNOWN]} already in the database · " if counts[Status.KNOWN] else ""
        self.summary.setText(
            f"{len(self.items)} proposed · {known}{counts[Status.ACCEPTED]} accepted · "
            f"{counts[Status.REJECTED]} rejected · {counts[Status.PENDING]} to review"
        )
        self.summary.setToolTip(
            "“Already in the database”: statements stored before, from this passage of the article "
            "or with the same words and speaker; select one to see which." if counts[Status.KNOWN] else ""
        )
        item = self.items[self.current] if self.current is not None else None
        self.buttons["accept"].setEnabled(item is not None and item.status.open)
        self.buttons["reject"].setEnabled(item is not None and item.status == Status.PENDING)
        confident = len(self.confident_pending())
        self.buttons["accept_confident"].setText(f"Accept {confident} confident")
        self.buttons["accept_confident"].setEnabled(bool(confident))
