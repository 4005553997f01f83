"""A slow view shows its first page first and the rest when it is worked out: a large file's
first opening and filters, a search across the archive."""

import threading

from PySide6.QtCore import Qt

from desktop.app import build_main_window
from desktop.domain.entities import Side, Speaker, Statement
from desktop.domain.filters import StatementFilter
from desktop.services import catalog
from desktop.services import statement_columns
from desktop.services.cards import statement_cards
from desktop.services.comparison import compare
from desktop.services.operations import CreateRecord
from desktop.ui import main_window
from desktop.ui.comparison_model import CardRole, GroupRole


def _id(db, model, name):
    return next(row.id for row in catalog.all_rows(db, model) if row.name == name)


def _cells(window):
    """(group, statement id) of every card inside the filter, row by row (not echoes or context)."""
    model = window.comparison_model
    return [
        (model.index(row, column).data(GroupRole), model.statement_id(model.index(row, column)))
        for row in range(model.rowCount())
        for column in range(2)
        if (cell := model.cell(model.index(row, column))) is not None and not cell.context and cell.echo is None
    ]


def _held_back(monkeypatch) -> threading.Event:
    """Hold the views' background work back until the event returned is set: what shows meanwhile is the first page."""
    release = threading.Event()
    work_out = main_window.work_out

    def held_back(*args):
        assert release.wait(10), "never released"
        return work_out(*args)

    monkeypatch.setattr(main_window, "work_out", held_back)
    return release


def _headers(window):
    return [window.comparison_model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)]


def test_a_search_shows_the_newest_matches_first_and_combines_with_a_speaker(qtbot, qtmodeltester, window):
    db = window.db
    us, russia = _id(db, Side, "United States"), _id(db, Side, "Russia")
    window.state.update_filter(text="russia")
    assert window.comparison_model.column_counts() is None, "the first page comes before the counts"
    qtmodeltester.check(window.comparison_model)
    qtbot.waitUntil(lambda: window.view_is_complete)
    qtmodeltester.check(window.comparison_model)
    expected = compare(db, StatementFilter(text="russia"), us, russia)
    assert window.comparison_model.column_counts() == expected.column_counts
    cells = _cells(window)
    assert sorted(i for _, i in cells) == sorted(c.id for row in expected.all_rows() for c in row.cells if c and not c.context and c.echo is None)
    said_on = {i: card.said_on for i, card in statement_cards(db, [i for _, i in cells]).items()}
    firsts = {}
    for group, statement_id in cells:
        if said_on[statement_id] is not None:
            firsts[group] = min(firsts.get(group, said_on[statement_id]), said_on[statement_id])
    dated = [firsts[group] for group in dict.fromkeys(group for group, _ in cells) if group in firsts]
    assert dated == sorted(dated, reverse=True), "the newest statements come first"

    peskov = _id(db, Speaker, "Dmitry Peskov")
    with qtbot.waitSignal(window.view_completed):
        window.state.update_filter(speaker_id=peskov)
    shown = [statement_id for _, statement_id in _cells(window)]
    assert shown and {card.speaker_name for card in statement_cards(db, shown).values()} == {"Dmitry Peskov"}
    assert all("russia" in card.text.casefold() for card in statement_cards(db, shown).values())
    assert window.comparison_model.column_counts() == compare(
        db, StatementFilter(text="russia", speaker_id=peskov), us, russia
    ).column_counts


def test_a_large_file_shows_its_first_page_while_its_columns_are_read(qtbot, seeded_db, monkeypatch):
    monkeypatch.setattr(statement_columns, "_QUICK_READ_LIMIT", 0)
    first_page_shown = _held_back(monkeypatch)
    window = build_main_window(seeded_db)
    qtbot.addWidget(window)
    assert not window.view_is_complete
    qtbot.waitUntil(lambda: window.comparison_model.rowCount() > 0)  # the opening did not wait for it
    assert window.comparison_model.column_counts() is None
    assert all("counting" in header for header in _headers(window))
    assert window.navigator.model.rowCount() == 0
    with qtbot.waitSignal(window.view_completed):
        first_page_shown.set()
        window.show()
    assert window.comparison_model.column_counts() == (7, 9)
    assert _headers(window)[0].startswith("United States — 7 statements")
    assert window.navigator.model.rowCount() == 4  # stories, sides, speakers, outlets
    assert window.chart.totals() == {"United States": 4, "Russia": 5}


def test_a_filter_chosen_while_the_columns_are_read_is_the_one_shown(qtbot, seeded_db, monkeypatch):
    monkeypatch.setattr(statement_columns, "_QUICK_READ_LIMIT", 0)
    window = build_main_window(seeded_db)
    qtbot.addWidget(window)
    window.state.update_filter(speaker_id=_id(seeded_db, Speaker, "Dmitry Peskov"))
    with qtbot.waitSignal(window.view_completed):
        window.show()
    assert window.comparison_model.column_counts() == (0, 4)
    assert window.navigator.model.rowCount() == 4  # stories, sides, speakers, outlets
    assert window.chart.totals() == {"Russia": 4}


def test_a_large_file_shows_the_first_page_of_a_filter_at_once_and_keeps_its_view_through_an_edit(
    qtbot, qtmodeltester, seeded_db, monkeypatch, landed
):
    monkeypatch.setattr(main_window, "_AT_ONCE", 0)  # every file counts as large
    window = build_main_window(seeded_db)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.view_completed):
        window.show()
    peskov = _id(seeded_db, Speaker, "Dmitry Peskov")
    release = _held_back(monkeypatch)
    window.state.update_filter(speaker_id=peskov)
    qtbot.waitUntil(lambda: window.comparison_model.column_counts() is None)  # the first page, before the counts
    assert _cells(window), "the first page comes first"
    with qtbot.waitSignal(window.view_completed):
        release.set()
    assert window.comparison_model.column_counts() == (0, 4)
    qtmodeltester.check(window.comparison_model)

    shown = _cells(window)
    selected = shown[-1][1]
    window.state.select_statement(selected)
    statement = statement_cards(seeded_db, [selected])[selected]
    landed(window.runner.run, CreateRecord(Statement, {"text": "A new claim by Peskov.", "speaker_id": peskov}))
    assert _cells(window) == shown and window.comparison_model.column_counts() == (0, 4), "kept until replaced"
    qtbot.waitUntil(lambda: window.view_is_complete)
    assert window.comparison_model.column_counts() == (0, 5) and window.state.selected == selected
    assert statement.text in [card.text for card in statement_cards(seeded_db, [i for _, i in _cells(window)]).values()]


def test_the_cards_first_shown_are_read_with_their_rows_not_while_painting(qtbot, window, monkeypatch):
    # Read while the view painted, on the GUI thread, a page of cards took 10-30 ms at a million statements.
    read_while_painting = []
    model = window.comparison_model
    monkeypatch.setattr(model, "_fetch_cards", lambda ids: read_while_painting.append(ids) or statement_cards(window.db, ids))
    for text in ("russia", ""):
        window.state.update_filter(text=text)
        qtbot.waitUntil(lambda: window.view_is_complete)
        cards = [model.index(row, column).data(CardRole) for row in range(model.rowCount()) for column in range(2)
                 if model.cell(model.index(row, column)) is not None]
        assert cards and None not in cards
    assert read_while_painting == []
