"""The review window: an article with its proposed statements, accepted, edited or rejected from the keyboard."""

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QSize, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.entities import Link, Outlet, Side, Speaker
from desktop.domain.values import LinkType
from desktop.services import catalog
from desktop.services.extraction import AcceptProposal, Review, existing_statements, open_review, suggest_answers
from desktop.services.operations import Change, CreateRecord
from desktop.ui.plain_text import plain_label
from desktop.ui.review.article_view import ArticleView
from desktop.ui.review.models import ProposalModel, ReviewItem, Status, SuggestionModel
from desktop.ui.review.proposal_editor import ProposalEditor
from desktop.ui.screen_fit import FittingScrollArea, fit_to_screen

KEYS = {
    "next": ("N", "J"),
    "previous": ("P", "K"),
    "accept": ("A", "Return", "Enter"),
    "reject": ("R", "Delete"),
    "edit": ("E",),
}
_PREFERRED_SIZE = QSize(1320, 860)  # shrunk to the screen's available area
HINT = "N/J next · P/K previous · A or Enter accept · R or Delete reject · E edit"


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
        self.items = [
            ReviewItem(p, Status.ACCEPTED if i in review.stored else Status.PENDING, statement_id=review.stored.get(i))
            for i, p in enumerate(review.proposals)
        ]
        self.current: int | None = None
        self.answering: int | None = None
        self.setWindowTitle(f"Review: {self.article.title}")
        self._build()
        self._connect()
        fit_to_screen(self, _PREFERRED_SIZE)
        pending = [i for i, item in enumerate(self.items) if item.status == Status.PENDING]
        self.go_to(pending[0] if pending else (0 if self.items else None))

    def _build(self) -> None:
        db = self.runner.db
        self.title = plain_label(self.article.title, selectable=True)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.source = plain_label(" · ".join(p for p in (self.article.publisher, self.article.url) if p), selectable=True)
        self.article_date = QLineEdit(self.article.published_on.isoformat() if self.article.published_on else "")
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
        }
        self.buttons["accept"].setDefault(True)
        self.answering_label = plain_label("Accept a statement to see what it may answer.")
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
        for name in ("previous", "next"):
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
        actions = {"next": lambda: self.step(1), "previous": lambda: self.step(-1), "accept": self.accept_current,
                   "reject": self.reject_current, "edit": self.edit_current}
        for name, keys in KEYS.items():
            for key in keys:
                QShortcut(QKeySequence(key), self, actions[name], context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for name, button in self.buttons.items():
            button.clicked.connect(actions[name])
        for link_type, button in self.link_buttons.items():
            button.clicked.connect(lambda _=False, t=link_type: self.link(t))
        self.list.selectionModel().currentChanged.connect(lambda index, _: index.isValid() and self.go_to(index.row()))
        self.article_view.position_chosen.connect(self._position_chosen)
        self.editor.edited.connect(self._edited)
        self.article_date.editingFinished.connect(self._date_changed)
        self.runner.changed.connect(self._data_changed)
        self.addActions([self.main_window.actions["undo"], self.main_window.actions["redo"]])

    def go_to(self, row: int | None) -> None:
        """Make one proposal current: select it, show it in the form and in the article."""
        if row is not None and not 0 <= row < len(self.items):
            return
        self._keep_edits()
        self.current = row
        if row is not None:
            index = self.model.index(row, 0)
            if self.list.currentIndex() != index:
                self.list.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.list.scrollTo(index)
            item = self.items[row]
            if item.status == Status.ACCEPTED and item.statement_id is not None:
                self._answer(item.statement_id)
        item = self.items[row] if row is not None else None
        self.editor.show_proposal(item.proposal if item else None, editable=bool(item) and item.status != Status.ACCEPTED)
        self._refresh()

    def step(self, delta: int) -> None:
        """Move to the next or previous proposal."""
        if self.items:
            start = self.current if self.current is not None else -delta
            self.go_to(max(0, min(len(self.items) - 1, start + delta)))

    def _next_pending(self) -> None:
        after = list(range((self.current or 0) + 1, len(self.items))) + list(range(0, self.current or 0))
        pending = next((i for i in after if self.items[i].status == Status.PENDING), None)
        self.go_to(pending if pending is not None else self.current)

    def accept_current(self) -> None:
        """Store the current proposal, as edited, as a statement of the article; then move on."""
        if self.current is None or self.items[self.current].status == Status.ACCEPTED:
            return
        item = self.items[self.current]
        try:
            proposal = self.editor.values()
        except ValueError as error:
            self.main_window.show_error(str(error))
            return
        operation = AcceptProposal(proposal, self.article, self.document_id)
        if self.runner.run(operation) is None:
            return
        item.proposal, item.operation, item.statement_id = proposal, operation, operation.statement_id
        item.status, item.edited = Status.ACCEPTED, False
        self.document_id = operation.document_id
        self._answer(operation.statement_id)
        self._next_pending()

    def reject_current(self) -> None:
        """Set the current proposal aside; then move on."""
        if self.current is None or self.items[self.current].status == Status.ACCEPTED:
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
        """Link the statement just accepted to the chosen (or best) suggestion."""
        if self.answering is None or not self.suggestions.suggestions:
            return
        row = max(self.suggestion_list.currentIndex().row(), 0)
        target = self.suggestions.suggestions[row].statement_id
        values = {"from_id": self.answering, "to_id": target, "type": link_type.value}
        if self.runner.run(CreateRecord(Link, values)) is not None:
            self._answer(self.answering)

    def _answer(self, statement_id: int | None) -> None:
        self.answering = statement_id
        item = next((i for i in self.items if i.statement_id == statement_id), None)
        if statement_id is None or item is None:
            self.answering_label.setText("Accept a statement to see what it may answer.")
            self.suggestions.set_suggestions([])
        else:
            self.answering_label.setText(f"{item.proposal.speaker}: {item.proposal.text}")
            self.suggestions.set_suggestions(suggest_answers(self.runner.db, statement_id))
            self.suggestion_list.setCurrentIndex(self.suggestions.index(0, 0))
        for button in self.link_buttons.values():
            button.setEnabled(bool(self.suggestions.suggestions))

    def _keep_edits(self) -> None:
        if self.current is None:
            return
        item = self.items[self.current]
        if item.edited and item.status != Status.ACCEPTED:
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
        self._keep_edits()
        self.article = replace(self.article, published_on=published_on)
        dates = {(p.start, p.end): p.said_on for p in open_review(self.runner.db, self.article).proposals}
        for item in self.items:
            if item.status != Status.ACCEPTED and not item.edited and (item.proposal.start, item.proposal.end) in dates:
                item.proposal = replace(item.proposal, said_on=dates[(item.proposal.start, item.proposal.end)])
        self.go_to(self.current)

    def _data_changed(self, change: Change) -> None:
        """Follow undo and redo: an accepted statement that is gone is pending again, and back on redo."""
        self._keep_edits()
        before = self.items[self.current].status if self.current is not None else None
        ids = [item.statement_id for item in self.items if item.statement_id is not None]
        alive = existing_statements(self.runner.db, ids)
        for item in self.items:
            if item.statement_id is None:
                continue
            if item.statement_id in alive:
                item.status = Status.ACCEPTED
            elif item.status == Status.ACCEPTED:
                item.status = Status.PENDING
        if self.answering is not None and self.answering not in alive:
            self._answer(None)
        elif self.answering is not None and "link" in change.tables:
            self._answer(self.answering)
        if self.current is not None and self.items[self.current].status != before:
            item = self.items[self.current]
            self.editor.show_proposal(item.proposal, editable=item.status != Status.ACCEPTED)
        self._refresh()

    def _refresh(self) -> None:
        self.model.refresh()
        self.article_view.highlight(self.items, self.current)
        counts = {status: sum(item.status == status for item in self.items) for status in Status}
        self.summary.setText(
            f"{len(self.items)} proposed · {counts[Status.ACCEPTED]} accepted · "
            f"{counts[Status.REJECTED]} rejected · {counts[Status.PENDING]} to review"
        )
        item = self.items[self.current] if self.current is not None else None
        open_item = item is not None and item.status != Status.ACCEPTED
        self.buttons["accept"].setEnabled(open_item)
        self.buttons["reject"].setEnabled(open_item and item.status != Status.REJECTED)
