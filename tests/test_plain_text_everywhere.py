"""Every view that shows data shows it as plain text: tags and entities in the data come out as typed.

Markup goes into every text field of a side, speaker, outlet, document and statement;
then each view is searched: labels must be plain text, tooltips escaped, item views must
hand the raw characters to their (plain-text) painting, and message boxes must be plain.
"""

import csv
from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QMessageBox, QWidget

from desktop.domain.entities import Document, Link, Outlet, Side, Speaker, Statement
from desktop.services import catalog
from desktop.services.operations import CreateRecord
from desktop.ui.dialogs import LinkDialog
from desktop.ui.export_dialog import open_export_dialog
from desktop.ui.import_dialog import ImportDialog
from desktop.ui.review import review_pasted_text

MARKUP = '<b>bold</b><img src="file:///etc/passwd">&amp;'
TAG = "<img"


def _create(window, landed, model, values) -> int:
    operation = CreateRecord(model, values)
    assert landed(window.runner.run, operation), values
    return operation.created_id


@pytest.fixture
def desk(window, landed):
    """The window comparing a side of markup with a seed side, the markup statement selected."""
    answer = window.comparison_model.first_statement()  # a seed statement, to rebut the markup one
    side = _create(window, landed, Side, {"name": f"{MARKUP} side", "colour": "#123456"})
    speaker = _create(window, landed, Speaker, {"name": f"{MARKUP} speaker", "role": MARKUP, "side_id": side, "aliases": [MARKUP]})
    outlet = _create(window, landed, Outlet, {"name": f"{MARKUP} outlet", "country": MARKUP})
    text = f"Intro. {MARKUP} statement. Outro."
    document = _create(window, landed, Document, {"title": MARKUP, "publisher": MARKUP, "text": text, "url": "https://example.com/a"})
    statement = _create(window, landed, Statement, {
        "text": f"{MARKUP} statement", "note": MARKUP, "verdict": MARKUP, "verdict_explanation": MARKUP,
        "speaker_id": speaker, "outlet_id": outlet, "document_id": document, "said_on": date(2021, 11, 12),
        "span_start": 7, "span_end": 7 + len(MARKUP) + 10, "url": "https://example.com/a",
    })
    _create(window, landed, Link, {"from_id": answer, "to_id": statement, "type": "rebuts"})
    window.comparison.left_picker.setCurrentIndex(window.comparison.left_picker.findData(side))
    window.state.select_statement(statement)
    return window


def _plain_labels(widget: QWidget) -> int:
    """Assert every label showing the markup shows it as plain text; returns how many do."""
    shown = [label for label in widget.findChildren(QLabel) if TAG in label.text()]
    for label in shown:
        assert label.textFormat() == Qt.TextFormat.PlainText, (label.objectName(), label.text())
    return len(shown)


def _escaped(tooltip: str) -> None:
    assert TAG not in tooltip and "&lt;img" in tooltip, tooltip


def _indexes(model, parent=QModelIndex()):
    for row in range(min(model.rowCount(parent), 500)):
        column = 0
        while (index := model.index(row, column, parent)).isValid():  # list models keep columnCount private
            yield index
            yield from _indexes(model, index)
            column += 1


def _item_views(widget: QWidget) -> int:
    """Assert every item view hands over the raw markup to paint and escapes it in tooltips; returns the cells showing it."""
    shown = 0
    for view in widget.findChildren(QAbstractItemView):
        if view.model() is None:
            continue
        for index in _indexes(view.model()):
            if TAG in str(index.data(Qt.ItemDataRole.DisplayRole) or ""):
                shown += 1
                assert MARKUP in index.data(Qt.ItemDataRole.DisplayRole)
            tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
            if tooltip and ("img" in tooltip):
                _escaped(tooltip)
    return shown


def test_the_main_window_shows_markup_as_typed(desk):
    assert _plain_labels(desk) >= 7  # statement, kind, speaker, outlet, note, verdict, source document
    assert _item_views(desk) >= 5  # the card, the navigator's side, speaker and outlet, the inspector's link
    assert MARKUP in desk.inspector.context.toPlainText()
    assert MARKUP in desk.comparison.left_picker.currentText()
    assert MARKUP in desk.comparison_model.headerData(0, Qt.Orientation.Horizontal)
    assert f"{MARKUP} side" in desk.chart.legend_text()  # the chart follows the sides compared


def test_message_boxes_that_show_data_are_plain(desk, monkeypatch):
    desk.show_error(MARKUP)
    boxes = [box for box in desk.findChildren(QMessageBox) if TAG in box.text()]
    assert boxes and all(box.textFormat() == Qt.TextFormat.PlainText for box in boxes)
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box) or QMessageBox.StandardButton.Cancel)
    desk.editing.delete("statement", desk.state.selected)
    assert TAG in asked[0].text() and asked[0].textFormat() == Qt.TextFormat.PlainText


def test_the_review_window_shows_markup_as_typed(desk, qtbot):
    reading = review_pasted_text(desk, f"{MARKUP}\n\nPeskov said {MARKUP} was false, Peskov said.\n")
    with qtbot.waitSignal(reading.opened) as blocker:
        pass
    review = blocker.args[0]
    qtbot.addWidget(review)
    assert _plain_labels(review) >= 1
    assert _item_views(review) >= 1
    assert MARKUP in review.article_view.toPlainText()
    review.accept_current()
    assert _plain_labels(review) >= 2  # and what the accepted statement may answer


def test_the_import_and_export_dialogs_show_markup_as_typed(desk, qtbot, tmp_path):
    path = tmp_path / "markup.csv"
    long_text = f"{MARKUP} " * 6  # long enough to get a tooltip
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows([["text", "speaker", MARKUP], [long_text, MARKUP, "x"]])
    dialog = ImportDialog(desk, desk.runner, [path])
    qtbot.addWidget(dialog)
    assert _item_views(dialog) >= 3  # the text and speaker previewed, the unknown column's name
    assert any(TAG in dialog.problems.item(row).text() for row in range(dialog.problems.count()))
    _plain_labels(dialog)

    speaker = next(row.id for row in catalog.all_rows(desk.db, Speaker) if TAG in row.name)
    desk.state.update_filter(speaker_id=speaker)
    export = open_export_dialog(desk)
    qtbot.addWidget(export)
    assert any(TAG in button.text() for button in export.findChildren(QAbstractButton))  # buttons never read markup
    _plain_labels(export)


def test_the_link_dialog_shows_markup_as_typed(qtbot):
    dialog = LinkDialog(None, source_label=MARKUP, targets=[(1, MARKUP), (2, "plain")])
    qtbot.addWidget(dialog)
    assert _plain_labels(dialog) == 1
    assert _item_views(dialog) == 1
    _escaped(dialog.targets.item(0).toolTip())
