"""Views follow a change in place: an edited card is redrawn alone, added and removed statements are
inserted and removed as rows, and the scroll position and the selection survive, local change or remote."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint

from desktop.domain.entities import Speaker, Statement
from desktop.services import catalog
from desktop.services.operations import CreateRecord, DeleteRecord, UpdateRecord
from desktop.storage.database import Database
from desktop.ui.comparison_model import CardRole

LINES = 700  # more than a page of the comparison, enough to scroll far


class _Signals:
    """Counts what the comparison model emits."""

    def __init__(self, model):
        self.resets = 0
        self.inserted: list[tuple[int, int]] = []
        self.removed: list[tuple[int, int]] = []
        self.redrawn: list[tuple[int, int, int, int]] = []
        model.modelAboutToBeReset.connect(self._reset)
        model.rowsInserted.connect(self._inserted)
        model.rowsRemoved.connect(self._removed)
        model.dataChanged.connect(self._redrawn)

    def _reset(self):
        self.resets += 1

    def _inserted(self, _parent, first, last):
        self.inserted.append((first, last))

    def _removed(self, _parent, first, last):
        self.removed.append((first, last))

    def _redrawn(self, top_left, bottom_right, _roles=()):
        self.redrawn.append((top_left.row(), top_left.column(), bottom_right.row(), bottom_right.column()))


@pytest.fixture
def scrolled(qtbot, seeded_db):
    """A window on a long comparison, scrolled deep down, a statement near the middle of the view selected."""
    from desktop.app import build_main_window

    speaker = next(s.id for s in catalog.all_rows(seeded_db, Speaker) if s.name == "Dmitry Peskov")
    for number in range(LINES):
        said_on = date(2030, 1, 1) + timedelta(days=number)
        CreateRecord(Statement, {"text": f"Line {number} on the troops", "speaker_id": speaker, "said_on": said_on}).apply(seeded_db)
    window = build_main_window(seeded_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    table = window.comparison.table
    model = table.comparison_model()
    while model.canFetchMore():
        model.fetchMore()
    bar = table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 50_000)
    bar.setValue(bar.maximum() * 3 // 4 + 37)  # deep down, part of a card showing at the top
    column = model.index_of(table.place()[0]).column()
    chosen = model.statement_id(table.indexAt(QPoint(table.columnViewportPosition(column) + 4, table.viewport().height() // 2)))
    assert chosen is not None
    window.state.select_statement(chosen)
    qtbot.waitUntil(lambda: window.view_is_complete)
    return window


def _other_editor(db, work) -> None:
    other = Database(db.url)
    try:
        work(other)
    finally:
        other.close()


def _row(db, statement_id):
    return catalog.get(db, Statement, statement_id)


def test_a_remote_and_a_local_note_keep_the_scroll_and_the_selection_without_a_reset(qtbot, landed, scrolled, qtmodeltester):
    window, table = scrolled, scrolled.comparison.table
    model, bar = table.comparison_model(), table.verticalScrollBar()
    signals = _Signals(model)
    before, top, chosen = bar.value(), table.place(), window.state.selected
    assert top[0] != chosen

    _other_editor(window.db, lambda other: UpdateRecord(Statement, top[0], {"note": "checked elsewhere"}).apply(other))
    qtbot.waitUntil(lambda: "another editor" in window.statusBar().currentMessage(), timeout=10_000)
    qtbot.waitUntil(lambda: window.view_is_complete)
    assert model.index_of(top[0]).data(CardRole).note == "checked elsewhere"

    landed(window.runner.run, UpdateRecord(Statement, chosen, {"note": "checked here"}, version=_row(window.db, chosen).version))
    qtbot.waitUntil(lambda: window.view_is_complete)
    assert model.index_of(chosen).data(CardRole).note == "checked here"
    assert window.inspector.note.text() == "checked here"

    assert signals.resets == 0 and not signals.inserted and not signals.removed
    assert bar.value() == before and table.place() == top
    assert window.state.selected == chosen and model.statement_id(table.currentIndex()) == chosen
    qtmodeltester.check(model)


def test_another_editors_note_logged_just_before_a_local_edit_is_shown_with_it(qtbot, landed, scrolled):
    window, table = scrolled, scrolled.comparison.table
    model = table.comparison_model()
    top, chosen = table.place(), window.state.selected
    model.index_of(top[0]).data(CardRole)  # its card at hand
    _other_editor(window.db, lambda other: UpdateRecord(Statement, top[0], {"note": "theirs, just now"}).apply(other))
    # No event is handled in between: the watcher has not looked at the change log yet.
    landed(window.runner.run, UpdateRecord(Statement, chosen, {"note": "mine"}, version=_row(window.db, chosen).version))
    assert model.index_of(top[0]).data(CardRole).note == "theirs, just now"
    assert model.index_of(chosen).data(CardRole).note == "mine"


def test_an_edited_note_redraws_that_card_alone(qtbot, landed, scrolled):
    window = scrolled
    model = window.comparison.table.comparison_model()
    chosen = window.state.selected
    signals = _Signals(model)
    landed(window.runner.run, UpdateRecord(Statement, chosen, {"note": "one card"}, version=_row(window.db, chosen).version))
    where = model.index_of(chosen)
    assert signals.redrawn and all(change == (where.row(), where.column()) * 2 for change in signals.redrawn)


def test_a_speakers_new_name_shows_on_its_cards_in_place(qtbot, landed, scrolled):
    window = scrolled
    model = window.comparison.table.comparison_model()
    chosen = window.state.selected
    speaker = model.index_of(chosen).data(CardRole).speaker_id
    signals = _Signals(model)
    row = catalog.get(window.db, Speaker, speaker)
    landed(window.runner.run, UpdateRecord(Speaker, speaker, {"name": "Dmitri S. Peskov"}, version=row.version))
    qtbot.waitUntil(lambda: window.view_is_complete)
    assert model.index_of(chosen).data(CardRole).speaker_name == "Dmitri S. Peskov"
    assert signals.resets == 0 and not signals.inserted and not signals.removed


def test_added_and_deleted_statements_are_inserted_and_removed_as_rows(qtbot, landed, scrolled, qtmodeltester):
    window, table = scrolled, scrolled.comparison.table
    model, bar = table.comparison_model(), table.verticalScrollBar()
    speaker = model.index_of(window.state.selected).data(CardRole).speaker_id
    top, chosen, rows = table.place(), window.state.selected, model.rowCount()
    signals = _Signals(model)

    # Dated before every line: its row comes in above the view, which keeps its top statement where it was.
    before = bar.value()
    adding = CreateRecord(Statement, {"text": "A new early line", "speaker_id": speaker, "said_on": date(2029, 6, 1)})
    landed(window.runner.run, adding)
    qtbot.waitUntil(lambda: window.view_is_complete)
    added = adding.created_id
    assert model.index_of(added).isValid() and model.rowCount() == rows + 1
    assert signals.inserted and not signals.removed and signals.resets == 0
    assert bar.value() == before + table.rowHeight(0) and table.place() == top
    assert window.state.selected == chosen and model.statement_id(table.currentIndex()) == chosen
    qtmodeltester.check(model)

    before = bar.value()
    landed(window.runner.run, DeleteRecord(Statement, added, version=_row(window.db, added).version))
    qtbot.waitUntil(lambda: window.view_is_complete)
    assert not model.index_of(added).isValid() and model.rowCount() == rows
    assert signals.removed and signals.resets == 0
    assert bar.value() == before - table.rowHeight(0), "the rows below the one removed move up with it"
    assert table.place() == top and model.statement_id(table.currentIndex()) == chosen
    qtmodeltester.check(model)


def test_a_new_date_moves_the_card_and_keeps_the_top_statement_where_it_was(qtbot, landed, scrolled, qtmodeltester):
    window, table = scrolled, scrolled.comparison.table
    model = table.comparison_model()
    top = table.place()
    moving = model.statement_id(model.index(model.rowCount() - 1, 1)) or model.statement_id(model.index(model.rowCount() - 1, 0))
    signals = _Signals(model)
    landed(window.runner.run, UpdateRecord(Statement, moving, {"said_on": date(2029, 1, 1)}, version=_row(window.db, moving).version))
    qtbot.waitUntil(lambda: window.view_is_complete)
    assert model.index_of(moving).row() < model.index_of(top[0]).row(), "it moved above the view"
    assert signals.resets == 0 and signals.inserted and signals.removed
    assert table.place() == top
    qtmodeltester.check(model)


def test_another_editors_new_date_moves_the_card_they_dated(qtbot, scrolled):
    window, table = scrolled, scrolled.comparison.table
    model = table.comparison_model()
    top = table.place()
    shown = model.index_of(top[0])
    moving = model.statement_id(shown.siblingAtRow(shown.row() + 2))  # in view, its card at hand
    signals = _Signals(model)
    _other_editor(window.db, lambda other: UpdateRecord(Statement, moving, {"said_on": date(2029, 1, 1)}).apply(other))
    qtbot.waitUntil(lambda: "another editor" in window.statusBar().currentMessage(), timeout=10_000)
    qtbot.waitUntil(lambda: window.view_is_complete)
    assert model.index_of(moving).row() < model.index_of(top[0]).row(), "it moved above the view"
    assert signals.resets == 0 and signals.removed and signals.inserted
    assert table.place() == top


def test_a_remote_statement_added_and_one_deleted_are_rows_inserted_and_removed(qtbot, scrolled):
    window, table = scrolled, scrolled.comparison.table
    model = table.comparison_model()
    top, chosen = table.place(), window.state.selected
    speaker = model.index_of(chosen).data(CardRole).speaker_id
    last = model.statement_id(model.index(model.rowCount() - 1, 1)) or model.statement_id(model.index(model.rowCount() - 1, 0))
    signals = _Signals(model)

    def work(other):
        CreateRecord(Statement, {"text": "Their early line", "speaker_id": speaker, "said_on": date(2029, 6, 2)}).apply(other)
        DeleteRecord(Statement, last).apply(other)

    _other_editor(window.db, work)
    qtbot.waitUntil(lambda: "another editor" in window.statusBar().currentMessage(), timeout=10_000)
    qtbot.waitUntil(lambda: window.view_is_complete)
    assert signals.inserted and signals.removed and signals.resets == 0
    assert not model.index_of(last, fetch_pages=0).isValid()
    assert table.place() == top and window.state.selected == chosen


def test_in_the_background_a_deleted_statement_leaves_and_comes_back_with_undo(qtbot, landed, window, monkeypatch):
    from desktop.ui import main_window

    monkeypatch.setattr(main_window, "_AT_ONCE", 0)  # every view worked out in the background, as in a large archive
    model = window.comparison.table.comparison_model()
    first = model.first_statement()
    window.state.select_statement(first)
    row = _row(window.db, first)
    landed(window.runner.run, UpdateRecord(Statement, first, {"text": row.text + " (checked)"}, version=row.version))
    qtbot.waitUntil(lambda: window.view_is_complete)
    adding = CreateRecord(Statement, {"text": "Added while measuring", "speaker_id": row.speaker_id, "said_on": row.said_on})
    landed(window.runner.run, adding)
    qtbot.waitUntil(lambda: window.view_is_complete)
    assert model.index_of(adding.created_id).isValid()
    landed(window.runner.run, DeleteRecord(Statement, first, version=_row(window.db, first).version))
    qtbot.waitUntil(lambda: window.view_is_complete)
    assert not model.index_of(first).isValid()
    landed(window.runner.undo)
    qtbot.waitUntil(lambda: window.view_is_complete)
    assert model.index_of(first).isValid()
    landed(window.runner.redo)
    qtbot.waitUntil(lambda: window.view_is_complete)
    assert not model.index_of(first).isValid() and model.first_statement() != first
