"""The comparison in the window: a claim beside its answers, linked cards outlined, repeated lines folded, more columns."""

from PySide6.QtCore import Qt

from desktop.domain.entities import Side
from desktop.services import catalog
from desktop.ui.card_delegate import _matches
from desktop.ui.comparison_model import CardRole, CellRole, HighlightRole


def _cells(model):
    return [
        (row, column, model.index(row, column).data(CellRole))
        for row in range(model.rowCount())
        for column in range(model.columnCount())
        if model.index(row, column).data(CellRole) is not None
    ]


def test_the_headline_claim_opens_the_comparison_spanning_its_answers(window, qtmodeltester):
    model = window.comparison_model
    qtmodeltester.check(model)
    first = model.index(0, 0)
    assert first.data(CardRole).text.startswith("Russia intends to")
    span = first.data(CellRole).span
    assert span > 1 and window.comparison.table.rowSpan(0, 0) == span, "the view draws the claim across its answers"
    beside = [model.index(row, 1).data(CellRole) for row in range(span)]
    assert all(cell is not None and cell.answers == first.data(CellRole).id for cell in beside)


def test_selecting_a_claim_outlines_its_answers_and_only_those(qtbot, window):
    model = window.comparison_model
    claim = model.index(0, 0).data(CellRole).id
    window.state.select_statement(claim)
    outlined = {cell.id for row, column, cell in _cells(model) if model.index(row, column).data(HighlightRole)}
    answers = {cell.id for _, column, cell in _cells(model) if cell.answers == claim and cell.echo is None}
    assert answers and answers <= outlined
    assert claim not in outlined
    window.state.select_statement(None)
    assert not any(model.index(row, column).data(HighlightRole) for row, column, _ in _cells(model))


def test_a_repeated_line_unfolds_and_folds_again(qtbot, window, qtmodeltester):
    model = window.comparison_model
    row, column, folded = next((r, c, cell) for r, c, cell in _cells(model) if cell.folded)
    hidden = folded.folded[0]
    assert hidden not in {cell.id for _, _, cell in _cells(model)}
    window.comparison.table.toggle_folded(model.index(row, column))
    qtmodeltester.check(model)
    assert hidden in {cell.id for _, _, cell in _cells(model) if cell.echo is None}
    shown = next(cell for _, _, cell in _cells(model) if cell.id == folded.id)
    assert not shown.folded
    window.comparison.table.toggle_folded(model.index_of(folded.id))
    assert hidden not in {cell.id for _, _, cell in _cells(model)}


def test_a_third_column_shows_another_side_or_all_others(qtbot, window):
    picker = window.comparison.third_picker
    ukraine = next(s.id for s in catalog.all_rows(window.db, Side) if s.name == "Ukraine")
    with qtbot.waitSignal(window.view_completed):
        picker.setCurrentIndex(picker.findData(ukraine))
    model = window.comparison_model
    assert model.columnCount() == 3
    assert model.headerData(2, Qt.Orientation.Horizontal).startswith("Ukraine")
    with qtbot.waitSignal(window.view_completed):
        picker.setCurrentIndex(picker.count() - 1)
    assert model.headerData(2, Qt.Orientation.Horizontal).startswith("All other sides")
    with qtbot.waitSignal(window.view_completed):
        picker.setCurrentIndex(0)
    assert model.columnCount() == 2


def test_a_search_marks_the_words_found_in_the_cards(qtbot, window):
    with qtbot.waitSignal(window.view_completed):
        window.state.update_filter(text="ground")
    assert window.comparison_model.words == "ground"
    assert _matches('are "false" and "groundless".', "ground") == [(17, 27)]
    assert _matches("Groundless claims", "GROUND claims") == [(0, 10), (11, 17)]
    assert _matches("nothing here", "") == []
