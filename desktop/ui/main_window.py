"""The main window: composes the comparison, navigator, inspector and chart."""

from functools import partial
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDockWidget, QLineEdit, QMainWindow, QMessageBox, QTabWidget, QToolBar, QWidget

from desktop import APP_NAME
from desktop.domain.entities import Side, Story
from desktop.domain.filters import NO_STORY, StatementFilter
from desktop.services import catalog
from desktop.services.cards import statement_cards, statement_detail
from desktop.services.comparison import ComparisonLayout, linked_statements
from desktop.services.desk_views import first_page_laid_out, work_out
from desktop.services.changes import Change, views_concerned
from desktop.services.statement_columns import columns_at_hand
from desktop.services.workspace import Workspace
from desktop.services.wording import plural
from desktop.storage.database import Database
from desktop.ui.analysis.view import AnalysisView
from desktop.ui.background import LatestOnly
from desktop.ui.comparison_model import ComparisonModel
from desktop.ui.comparison_view import ComparisonPanel
from desktop.ui.desk_state import DeskState
from desktop.ui.editing import EditingController
from desktop.ui.gui_thread import gui_deliver
from desktop.ui.job_dialog import JobDialog
from desktop.ui.lifetime import transient
from desktop.ui.inspector import Inspector
from desktop.ui.menus import build_menus
from desktop.ui.navigator import Navigator
from desktop.ui.operation_runner import OperationRunner
from desktop.ui.review import close_reviews, dropped_articles, open_article_review
from desktop.ui.shortcuts import application_keys_first
from desktop.ui.statement_drag import selected_statements
from desktop.ui.timeline_chart import TimelineChart
from desktop.ui.web_links import open_web_link
from desktop.ui.window_layout import restore_layout, restore_tabs, save_layout, save_tabs

_FILTER_FIELDS = {"side": "side_id", "speaker": "speaker_id", "outlet": "outlet_id"}
_FIRST_ROWS = 100  # statements shown at once while a slow view is worked out: a few screens full
_AT_ONCE = 20_000  # statements up to which every view is worked out at once (in about 30 ms at most)


class MainWindow(QMainWindow):
    """Lays the views out and keeps them in step with the desk state and the data.

    When bringing the views up to date is slow (a large database, above all while its
    columns are still being read; a search for words in much of the archive), the
    comparison shows its first page at once and the rest is worked out in a background
    thread; `view_completed` is emitted whenever every view shows the current filter and data.
    """

    view_completed = Signal()
    changed_elsewhere = Signal(object)  # another editor's change (a Change) arrived: the views are being brought up to date

    def __init__(self, db: Database, settings: QSettings):
        super().__init__()
        self.settings = settings
        self.state = DeskState(self)
        self.workspace = self._workspace(db)
        self.background = LatestOnly(self.workspace.jobs, self)
        self._first_page = LatestOnly(self.workspace.jobs, self)  # the comparison's first page, while the rest is worked out
        self._stale: set[str] = set()
        self.filter_words = ""  # what the filter chooses, in words, as the last refresh put it
        self.runner = OperationRunner(self.workspace, self)
        self.editing = EditingController(self.runner, self.state, self)
        self.comparison_model = ComparisonModel(lambda ids: statement_cards(self.db, ids), self)
        self.comparison = ComparisonPanel(self.comparison_model, self)
        self.navigator = Navigator(self)
        self.inspector = Inspector(self)
        self.chart = TimelineChart(self)
        self.search_box = QLineEdit(objectName="searchBox")
        self.search_box.setPlaceholderText("Search statements, speakers, outlets…")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(280)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._apply_search)

        self.analysis = AnalysisView(self)
        self.views = QTabWidget(objectName="centralViews")
        self.views.setDocumentMode(True)
        self.views.addTab(self.comparison, "Comparison")
        self.views.addTab(self.analysis, "Analysis")
        self.setCentralWidget(self.views)
        self.docks = {
            "navigator": self._dock("Navigator", self.navigator, Qt.DockWidgetArea.LeftDockWidgetArea),
            "inspector": self._dock("Inspector", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea),
            "chart": self._dock("Timeline", self.chart, Qt.DockWidgetArea.BottomDockWidgetArea),
        }
        toolbar = QToolBar("Search", objectName="searchToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.search_box)
        self.addToolBar(toolbar)
        self.actions = build_menus(self)
        application_keys_first(self, self.search_box)
        self._connect()
        self.setAcceptDrops(True)
        restore_layout(self, self.settings, self.docks, self.chart)
        restore_tabs(self.settings, self._tabs())
        self._load_database()

    def _tabs(self) -> dict[str, QTabWidget]:
        return {"view": self.views, "analysis": self.analysis.tabs}

    @property
    def db(self) -> Database:
        """The open database."""
        return self.workspace.db

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self, objectName=f"{widget.objectName() or title.lower()}Dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _connect(self) -> None:
        state = self.state
        self.runner.changed.connect(self._data_changed)
        self.runner.failed.connect(self.show_error)
        self.runner.told.connect(self.show_notice)
        self.runner.waiting.connect(self._show_waiting)
        state.filter_changed.connect(self._filter_changed)
        state.sides_changed.connect(self._sides_changed)
        state.statement_selected.connect(self._statement_selected)
        self.comparison.sides_chosen.connect(state.set_sides)
        self.comparison.table.statement_selected.connect(state.select_statement)
        self.comparison.table.edit_requested.connect(self.editing.edit_statement)
        self.navigator.entry_chosen.connect(self._entry_chosen)
        self.navigator.story_chosen.connect(self._story_chosen)
        self.navigator.verdict_chosen.connect(self._verdict_chosen)
        self.navigator.new_story_requested.connect(self.editing.new_story)
        self.navigator.statements_dropped.connect(self.editing.move_to_story)
        self.navigator.clear_requested.connect(self.clear_filter)
        self.navigator.edit_requested.connect(self.editing.edit)
        self.navigator.delete_requested.connect(self.editing.delete)
        self.inspector.statement_activated.connect(state.select_statement)
        self.inspector.link_requested.connect(self.link_selected)
        self.inspector.unlink_requested.connect(self.editing.unlink)
        self.inspector.open_url_requested.connect(self.open_url)
        self.chart.bucket_changed.connect(self._bucket_changed)
        self.chart.range_selected.connect(state.filter_dates)
        self.chart.range_cleared.connect(state.filter_dates)
        self.search_box.textChanged.connect(self._search_typed)

    # Bound methods, not lambdas over the window, take the signals below: a lambda holding the
    # window kept it alive from Python while Qt deleted it (the crash on quit).
    def _bucket_changed(self, _bucket) -> None:
        self._refresh("chart")

    def _search_typed(self, _text: str) -> None:
        self._search_timer.start()

    def _workspace(self, db: Database) -> Workspace:
        """The workspace on a database, watched for other editors' changes, which refresh every view."""
        return Workspace(db, gui_deliver(), self._changed_elsewhere)

    def _show_waiting(self, message: str) -> None:
        """Say what a step that takes a while waits for; clear it when done."""
        if message:
            self.statusBar().showMessage(message)
        else:
            self.statusBar().clearMessage()

    def _changed_elsewhere(self, change: Change) -> None:
        self.changed_elsewhere.emit(change)
        # Another editor's change does not scroll this window, not even to its selection.
        place = self.comparison.table.place()
        self._data_changed(change)
        self.comparison.table.restore_place(place, fetch_pages=0)
        self.statusBar().showMessage("Changes made by another editor are now shown.", 5000)

    def _load_database(self) -> None:
        """Fill every view from the open database, comparing the default pair of sides."""
        self.setWindowTitle(f"{self.db.label} — {APP_NAME}")
        if self.db.backup is not None:
            self.statusBar().showMessage(f"Database upgraded; the previous version was saved as {self.db.backup}")
        sides = catalog.all_rows(self.db, Side)
        left, right = catalog.default_pair(sides)
        self.state.settle(lanes=(left, right, None, False))  # the refresh below shows the new sides
        self.comparison.set_side_choices([(s.id, s.name) for s in sides], left, right)
        self._refresh("navigator", "comparison", "chart")
        self.analysis.refresh()
        first = self.comparison_model.first_statement()
        if first is not None:
            self.state.select_statement(first)

    def open_database(self, target: str | Path) -> None:
        """Switch to another database; the undo history belongs to the one left behind."""
        new_db = Database(target)
        for worker in (self.background, self._first_page):
            worker.stop()
            worker.deleteLater()
        self._stale.clear()
        self.workspace.close()  # its threads are done with the old database before it closes
        self.workspace = self._workspace(new_db)
        self.background = LatestOnly(self.workspace.jobs, self)
        self._first_page = LatestOnly(self.workspace.jobs, self)
        self.runner.switch_to(self.workspace)
        self.state.select_statement(None)
        self.state.settle(chosen=StatementFilter())  # _load_database refreshes every view
        self.search_box.clear()
        self._load_database()

    def _data_changed(self, change: Change) -> None:
        if "side" in change.tables:
            sides = catalog.all_rows(self.db, Side)
            left, right, third, others = self.state.lanes
            known = {s.id for s in sides}
            if left not in known or right not in known:
                left, right = catalog.default_pair(sides)
            if third not in known:
                third = None
            self.comparison.set_side_choices([(s.id, s.name) for s in sides], left, right, third, others)
            self.state.settle(lanes=(left, right, third, others))  # the refresh below shows the new sides
        story = self.state.filter.story_id
        if "story" in change.tables and story not in (None, NO_STORY) and catalog.get(self.db, Story, story) is None:
            # The chosen story was deleted: all stories are shown, by the refresh below.
            self.state.settle(chosen=self.state.filter.with_changes(story_id=None))
        change = self.comparison_model.refresh_cards(change)  # in place: what the change edited, nothing else
        views = views_concerned(change, self.state.filter)
        if views:
            self._refresh(*views, data_changed=True)
        if change.tables - {"document"}:
            self.analysis.refresh()
        self._statement_selected(self.state.selected)

    def _filter_changed(self, _chosen) -> None:
        self._refresh("navigator", "comparison", "chart")  # the navigator counts under the whole filter
        self.analysis.refresh()

    @property
    def view_is_complete(self) -> bool:
        """True when no view waits for work still running in the background."""
        return not self._stale

    def _refresh(self, *views: str, data_changed: bool = False) -> None:
        """Bring the named views ("navigator", "comparison", "chart") up to date with the data and the filter.

        Done at once when the columns are at hand, they are not many and no search is shown
        newest first; otherwise every view still stale is worked out in the background (a
        newer refresh supersedes it), the comparison showing its first page meanwhile, except
        after a change to the data: the view the editor was working in then stays as it was
        until the new one replaces it, the selection kept.
        """
        self._stale.update(views)
        db, state, stale = self.db, self.state, frozenset(self._stale)
        chosen, sides, others, bucket = state.filter, state.compared, state.others, self.chart.bucket()
        searching = bool(chosen.text.strip())
        self.filter_words = catalog.describe_filter(db, chosen)  # the analysis says it too
        self.navigator.describe_filter(self.filter_words)
        columns = columns_at_hand(db, small=_AT_ONCE)
        shown = self.comparison_model.rowCount()  # laid out with the rest, not on this thread when it is shown
        if not (searching and "comparison" in stale) and columns is not None and len(columns) <= _AT_ONCE:
            self.background.cancel()
            self._first_page.cancel()
            self._show(work_out(db, stale, chosen, sides, others, bucket, shown))
            return
        if "comparison" in views and not data_changed:
            page = partial(first_page_laid_out, db, chosen, sides, others, searching, _FIRST_ROWS)
            if columns is not None and len(columns) <= _AT_ONCE:
                self._show_comparison(page())  # a search of a small archive: its first page at once
            else:
                self._first_page.run(page, self._show_first_page)
        self.background.run(lambda: work_out(db, stale, chosen, sides, others, bucket, shown), self._show_in_turns)

    def _show_first_page(self, layout: ComparisonLayout) -> None:
        if "comparison" in self._stale:  # not when the whole comparison came first
            self._show_comparison(layout)

    def _show_in_turns(self, done: dict) -> None:
        """Show what was worked out in the background one view per turn of the event loop, the comparison first:
        the window handles input and paints between them rather than once after all three."""
        first, *rest = sorted(done, key=lambda view: view != "comparison")
        self._show({first: done[first]})
        for view in rest:  # the window as context: nothing runs after it is gone
            QTimer.singleShot(0, self, partial(self._show, {view: done[view]}))

    def _show(self, done: dict) -> None:
        if "navigator" in done:
            chosen = self.state.filter
            chosen_entries = ((kind, getattr(chosen, field)) for kind, field in _FILTER_FIELDS.items())
            entry = next(((kind, entry_id) for kind, entry_id in chosen_entries if entry_id is not None), None)
            self.navigator.set_catalog(done["navigator"], entry, chosen.story_id, chosen.verdict)
        if "comparison" in done:
            self._show_comparison(done["comparison"])
        if "chart" in done:
            self.chart.set_counts(done["chart"])
            self.chart.set_selected_range(self.state.filter.date_from, self.state.filter.date_to)
        self._stale.difference_update(done)
        if not self._stale:
            self.view_completed.emit()

    def _show_comparison(self, layout: ComparisonLayout) -> None:
        state = self.state
        names = dict(catalog.choices(self.db, Side))
        counts = layout.column_counts or (None,) * layout.column_count
        titles = [names.get(side, "No side chosen") for side in layout.lanes.sides]
        titles += ["All other sides"] * layout.lanes.others
        headers = tuple(
            f"{title} — " + ("counting…" if count is None else plural(count, "statement"))
            for title, count in zip(titles, counts)
        )
        self.comparison_model.words = state.filter.text
        place = self.comparison.table.place()
        # Laid out again for the same database, sides and filter (after a change), only the rows that differ are replaced.
        self.comparison_model.show(layout, headers, (self.db, layout.lanes, layout.newest_first, state.filter))
        if layout.statement_count or layout.column_counts is None:
            self.comparison.show_empty_note("")
        elif state.filter.is_empty:
            self.comparison.show_empty_note("No statements yet. Add one with Edit > New Statement (Ctrl+N).")
        else:
            self.comparison.show_empty_note("No statement matches the filter. Clear it with Escape.")
        if layout.column_counts is not None and state.selected is not None and not layout.holds(state.selected):
            state.select_statement(None)  # the inspector shows nothing rather than a statement the filter hides
        # Search results start with the newest: the view does not page away to an older selection.
        self.comparison.table.select_statement(state.selected, fetch_pages=0 if layout.newest_first else 25)
        # The statement at the top stays where it was (after another editor's change, say), if still shown.
        self.comparison.table.restore_place(place, fetch_pages=0 if layout.newest_first else 25)

    def _statement_selected(self, statement_id: int | None) -> None:
        detail = statement_detail(self.db, statement_id) if statement_id is not None else None
        self.inspector.show_detail(detail)
        self.comparison.table.select_statement(statement_id)
        linked = linked_statements(self.db, statement_id) if statement_id is not None else []
        self.comparison.table.reveal(frozenset(linked))
        for name in ("edit_statement", "delete_statement", "link_statement", "move_to_story"):
            self.actions[name].setEnabled(detail is not None)

    def _sides_changed(self) -> None:
        self._refresh("comparison", "chart")

    def _entry_chosen(self, kind: str, entry_id: int) -> None:
        self.state.choose(**{_FILTER_FIELDS[kind]: entry_id})

    def _story_chosen(self, story_id: int | None) -> None:
        self.state.update_filter(story_id=story_id)

    def _verdict_chosen(self, verdict: str | None) -> None:
        self.state.update_filter(verdict=verdict)

    def move_selected_to_story(self) -> None:
        """Ask which story the selected statements move to, and move them."""
        selected = selected_statements(self.comparison.table)
        if not selected and self.state.selected is not None:
            selected = [self.state.selected]
        self.editing.choose_story_for(selected)

    def _apply_search(self) -> None:
        self.state.update_filter(text=self.search_box.text())

    def clear_filter(self) -> None:
        """Show every statement again."""
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.state.clear_filter()
        self.navigator.show_choice(None)

    def show_comparison(self) -> None:
        """Bring the Comparison tab to the front (the Analysis view filters it, then shows it)."""
        self.views.setCurrentWidget(self.comparison)

    def show_analysis(self) -> None:
        """Bring the Analysis tab to the front."""
        self.views.setCurrentWidget(self.analysis)

    def link_selected(self) -> None:
        """Link the selected statement to another."""
        if self.state.selected is not None:
            self.editing.link(self.state.selected)

    def open_url(self, url: str) -> None:
        """Open an http or https link in the browser; refuse anything else."""
        if not open_web_link(url):
            self.show_error(f"Parallax opens only http and https links. This link was not opened:\n{url}")

    def show_error(self, message: str) -> None:
        """Tell the editor what went wrong, as plain text."""
        self._tell(QMessageBox.Icon.Warning, message)

    def show_notice(self, message: str) -> None:
        """Tell the editor what a step left in place on purpose, as plain text."""
        self._tell(QMessageBox.Icon.Information, message)

    def _tell(self, icon: QMessageBox.Icon, message: str) -> None:
        box = transient(QMessageBox(icon, APP_NAME, message, parent=self))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Take article files (.txt, .md, .html) dragged onto the window."""
        if dropped_articles(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Open the review of each article dropped on the window."""
        for path in dropped_articles(event.mimeData()):
            open_article_review(self, path)
        event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Every change is already committed; remember the layout and release the database.

        An import, an export or a page being read is cancelled first, and waited for: an import rolls back
        and an export leaves its file as it was, before the database closes. Articles being read are
        dropped and their reviews closed first (a review with proposals left may ask, and stay).
        """
        if not close_reviews(self):
            event.ignore()
            return
        for dialog in self.findChildren(JobDialog):
            dialog.stop()
        save_tabs(self.settings, self._tabs())
        save_layout(self, self.settings, self.chart)
        self.background.stop()
        self._first_page.stop()
        self.runner.stop()
        self.workspace.close()  # joins every thread working on the database, then closes it
        super().closeEvent(event)
