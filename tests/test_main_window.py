"""The main window on the seed story, driven as an editor would."""

import threading
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from sqlalchemy import select

from desktop.domain.entities import Link, Outlet, Side, Speaker, Statement
from desktop.services import catalog
from desktop.services.changes import Change
from desktop.services.operations import CreateRecord, Operation
from desktop.ui import editing
from desktop.ui.comparison_model import CardRole, GroupRole
from desktop.ui.navigator import KindRole
from dialog_helpers import when_shown


def _shown(window):
    """Ids of the cards inside the filter per column, as the comparison model lays them out.

    Statements folded into a card are not counted: on the seed the Kremlin's line and
    Peskov's same words are one card, so Russia's 9 statements show as 8 cards.
    """
    model = window.comparison_model
    columns = ([], [])
    for row in range(model.rowCount()):
        for column in range(2):
            cell = model.cell(model.index(row, column))
            if cell is not None and cell.echo is None and not cell.context:
                columns[column].append(cell.id)
    return columns


def _id(window, model, name):
    return next(row.id for row in catalog.all_rows(window.db, model) if row.name == name)


def _navigator_index(window, kind, name):
    model = window.navigator.model
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data(KindRole) == kind and index.data() == name:
                return index
    raise AssertionError(f"{kind} {name} not in the navigator")


def _click(qtbot, view, index):
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def test_opening_on_the_seed_fills_both_columns_and_the_chart(window):
    left, right = _shown(window)
    assert (len(left), len(right)) == (7, 8)
    assert window.comparison.left_picker.currentText() == "United States"
    assert window.comparison.right_picker.currentText() == "Russia"
    headers = [window.comparison_model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)]
    assert headers[0].startswith("United States") and headers[1].startswith("Russia")
    assert window.chart.totals() == {"United States": 4, "Russia": 5}
    card = window.comparison_model.index(0, 0).data(CardRole) or window.comparison_model.index(0, 1).data(CardRole)
    assert card.speaker_name and card.outlet_name


def test_choosing_a_speaker_shows_only_their_statements(qtbot, window):
    _click(qtbot, window.navigator.tree, _navigator_index(window, "speaker", "Dmitry Peskov"))
    qtbot.waitUntil(lambda: _shown(window)[0] == [])
    cards = [window.comparison_model.index(r, 1).data(CardRole) for r in range(window.comparison_model.rowCount())]
    assert {card.speaker_name for card in cards if card} == {"Dmitry Peskov"}
    assert len(_shown(window)[1]) == 4
    assert window.chart.totals() == {"Russia": 4}
    assert "Dmitry Peskov" in window.navigator.filter_label.text()
    qtbot.mouseClick(window.navigator.clear_button, Qt.MouseButton.LeftButton)
    assert list(map(len, _shown(window))) == [7, 8]


def test_adding_a_statement_through_its_dialog_shows_it_and_undo_removes_it(qtbot, window, landed):
    peskov = _id(window, Speaker, "Dmitry Peskov")

    def fill(dialog):
        dialog.findChild(object, "statementText").setPlainText("Nobody is planning an invasion.")
        dialog.findChild(object, "statementDate").setText("2021-11-12")
        speaker_box = dialog.findChild(object, "statementSpeaker")
        speaker_box.setCurrentIndex(speaker_box.findData(peskov))
        dialog.accept()

    when_shown(fill)
    window.actions["new_statement"].trigger()
    texts = lambda: [window.comparison_model.index(r, 1).data() for r in range(window.comparison_model.rowCount())]  # noqa: E731
    qtbot.waitUntil(lambda: "Nobody is planning an invasion." in texts())
    assert window.chart.totals()["Russia"] == 6
    assert window.inspector.text.text() == "Nobody is planning an invasion."

    window.actions["undo"].trigger()
    landed.settle(window.runner)
    assert "Nobody is planning an invasion." not in texts()
    assert window.chart.totals()["Russia"] == 5
    window.actions["redo"].trigger()
    landed.settle(window.runner)
    assert "Nobody is planning an invasion." in texts()


def test_linking_two_statements_shows_them_joined(qtbot, window, landed):
    us, russia = _id(window, Side, "United States"), _id(window, Side, "Russia")
    blinken = _id(window, Speaker, "Antony Blinken")
    peskov = _id(window, Speaker, "Dmitry Peskov")
    claim = CreateRecord(Statement, {"text": "Troops are massing.", "speaker_id": blinken, "said_on": date(2022, 1, 3)})
    answer = CreateRecord(Statement, {"text": "They are exercises.", "speaker_id": peskov, "said_on": date(2022, 1, 4)})
    landed(window.runner.run, claim)
    landed(window.runner.run, answer)
    model = window.comparison_model
    assert model.index_of(claim.created_id).row() != model.index_of(answer.created_id).row()

    landed(window.runner.run, CreateRecord(Link, {"from_id": answer.created_id, "to_id": claim.created_id, "type": "rebuts"}))
    left, right = model.index_of(claim.created_id), model.index_of(answer.created_id)
    assert (left.column(), right.column()) == (0, 1)
    assert left.row() == right.row() and left.data(GroupRole) == right.data(GroupRole)
    assert us != russia


def test_linking_through_the_dialog(qtbot, window):
    window.state.select_statement(_shown(window)[0][0])
    source = window.state.selected

    def choose(dialog):
        targets = dialog.findChild(object, "linkTargets")
        targets.setCurrentRow(0)
        dialog.findChild(object, "linkType").setCurrentIndex(0)
        dialog.accept()

    when_shown(choose)
    with qtbot.waitSignal(window.runner.changed):
        window.actions["link_statement"].trigger()
    detail_links = [window.inspector.links.item(i).text() for i in range(window.inspector.links.count())]
    assert window.state.selected == source
    assert any(text.startswith("Rebuts ") for text in detail_links)


def test_the_link_dialog_lists_the_newest_and_searches_every_statement(qtbot, window, monkeypatch):
    monkeypatch.setattr(editing, "_LINK_TARGETS", 3)
    with window.db.reading() as session:
        rows = session.execute(select(Statement.id, Statement.said_on, Statement.text)).all()
    rows.sort(key=lambda row: (row.said_on is not None, row.said_on or date.min, row.id), reverse=True)
    window.state.select_statement(rows[0].id)  # the newest: those after it are listed
    black_sea = [row.id for row in rows if "black sea" in row.text.casefold()]
    assert black_sea and not set(black_sea) & {row.id for row in rows[:4]}
    listed = {}

    def search(dialog):
        targets = dialog.findChild(object, "linkTargets")
        ids = lambda: [targets.item(i).data(Qt.ItemDataRole.UserRole) for i in range(targets.count())]  # noqa: E731
        listed["first"] = ids()
        dialog.findChild(object, "linkFilter").setText("black sea")
        qtbot.waitUntil(lambda: ids() != listed["first"])
        listed["found"] = ids()
        dialog.reject()

    when_shown(search)
    window.actions["link_statement"].trigger()
    assert listed["first"] == [row.id for row in rows[1:4]]
    assert sorted(listed["found"]) == sorted(black_sea)


def test_hostile_text_is_shown_as_written(qtbot, window, landed):
    hostile = "<b>bold</b><img src=x>"
    speaker = CreateRecord(Speaker, {"name": hostile, "role": hostile, "side_id": _id(window, Side, "Russia")})
    landed(window.runner.run, speaker)
    statement = CreateRecord(Statement, {"text": hostile, "speaker_id": speaker.created_id, "note": hostile})
    landed(window.runner.run, statement)
    window.state.select_statement(statement.created_id)

    index = window.comparison_model.index_of(statement.created_id)
    assert index.data() == hostile
    assert "&lt;img" in index.data(Qt.ItemDataRole.ToolTipRole)
    inspector_labels = [label for label in window.inspector.findChildren(QLabel) if hostile in label.text()]
    assert inspector_labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in inspector_labels)
    assert window.inspector.text.text() == hostile
    entry = _navigator_index(window, "speaker", hostile)
    assert "&lt;b&gt;" in entry.data(Qt.ItemDataRole.ToolTipRole)


def test_deleting_asks_first_and_undo_brings_it_back(qtbot, window, landed):
    target = _shown(window)[1][0]
    window.state.select_statement(target)
    window.editing.confirm = lambda title, question: False
    window.actions["delete_statement"].trigger()
    assert target in _shown(window)[1]
    window.editing.confirm = lambda title, question: True
    window.actions["delete_statement"].trigger()
    landed.settle(window.runner)
    assert target not in _shown(window)[1]
    window.actions["undo"].trigger()
    landed.settle(window.runner)
    assert target in _shown(window)[1]


def test_inspector_shows_the_span_and_follows_links(qtbot, window):
    peskov = _id(window, Speaker, "Dmitry Peskov")
    window.state.update_filter(speaker_id=peskov, text="groundless")
    qtbot.waitUntil(lambda: len(_shown(window)[1]) == 1)
    window.state.update_filter(speaker_id=None, text="")
    statement_id = window.comparison_model.index_of(_shown(window)[1][0]).data(CardRole).id
    window.state.select_statement(statement_id)
    assert window.inspector.highlighted_text()
    links = window.inspector.links
    assert links.count() >= 1
    first = links.item(0)
    links.itemActivated.emit(first)
    assert window.state.selected != statement_id
    assert window.comparison.table.currentIndex() == window.comparison_model.index_of(window.state.selected)


def test_search_box_filters_by_words_and_names(qtbot, window):
    qtbot.keyClicks(window.search_box, "Sputnik")
    qtbot.waitUntil(lambda: [len(c) for c in _shown(window)] == [0, 4])
    window.actions["clear_filter"].trigger()
    assert window.search_box.text() == ""
    assert [len(c) for c in _shown(window)] == [7, 8]


def test_a_chart_range_filters_the_comparison(qtbot, window):
    window.chart.range_selected.emit(date(2021, 11, 10), date(2021, 11, 10))
    assert [len(c) for c in _shown(window)] == [4, 0]
    window.chart.range_cleared.emit()
    assert [len(c) for c in _shown(window)] == [7, 8]


def test_only_web_links_are_opened(qtbot, window, monkeypatch):
    opened = []
    monkeypatch.setattr("desktop.ui.web_links.QDesktopServices.openUrl", lambda url: opened.append(url))
    window.open_url("file:///etc/passwd")
    box = window.findChild(QMessageBox)
    assert opened == [] and box is not None and "not opened" in box.text()
    window.open_url("https://example.org/a")
    assert [url.toString() for url in opened] == ["https://example.org/a"]


def test_window_layout_is_remembered(qtbot, seeded_db, window):
    from desktop.app import build_main_window

    window.resize(720, 610)
    window.docks["inspector"].hide()
    window.close()
    again = build_main_window(seeded_db.url)
    qtbot.addWidget(again)
    again.show()
    assert (again.width(), again.height()) == (720, 610)
    assert not again.docks["inspector"].isVisible()


def test_item_models_pass_the_model_tester(qtmodeltester, window):
    qtmodeltester.check(window.comparison_model)
    qtmodeltester.check(window.navigator.model)


def test_opening_another_database_switches_every_view(qtbot, window, tmp_path):
    window.open_database(tmp_path / "empty.parallax")
    assert _shown(window) == ([], [])
    assert window.comparison.empty_note.isVisibleTo(window)
    assert window.runner.stack.count() == 0


def test_picking_the_same_side_twice_swaps_the_columns(qtbot, window):
    left_before = _shown(window)[0]
    picker = window.comparison.left_picker
    picker.setCurrentIndex(picker.findText("Russia"))
    assert window.comparison.right_picker.currentText() == "United States"
    assert sorted(_shown(window)[1]) == sorted(left_before)
    assert len(_shown(window)[0]) == 8


def test_enter_on_a_card_opens_it_for_editing(qtbot, window):
    table = window.comparison.table
    table.setFocus()
    statement_id = window.state.selected
    edited = []
    window.editing.edit = lambda kind, row_id: edited.append((kind, row_id))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert edited == [("statement", statement_id)]


def test_speakers_outlets_and_sides_are_edited_and_deleted_with_undo(qtbot, window, landed):
    peskov = _id(window, Speaker, "Dmitry Peskov")

    def rename(dialog):
        dialog.findChild(object, "speakerName").setText("Dmitri Peskov")
        dialog.accept()

    when_shown(rename)
    window.navigator.edit_requested.emit("speaker", peskov)
    landed.settle(window.runner)
    assert _navigator_index(window, "speaker", "Dmitri Peskov").isValid()

    outlet = CreateRecord(Outlet, {"name": "TASS", "kind": "wire"})
    landed(window.runner.run, outlet)
    window.editing.confirm = lambda title, question: True
    window.navigator.delete_requested.emit("outlet", outlet.created_id)
    landed.settle(window.runner)
    assert all(entry.name != "TASS" for entry in catalog.catalog(window.db).outlets)
    window.actions["undo"].trigger()
    landed.settle(window.runner)
    assert _navigator_index(window, "outlet", "TASS").isValid()
    window.actions["undo"].trigger()
    window.actions["undo"].trigger()  # asked while the one before is in flight: it waits its turn
    landed.settle(window.runner)
    assert _navigator_index(window, "speaker", "Dmitry Peskov").isValid()

    errors = []
    window.runner.failed.connect(errors.append)
    window.navigator.delete_requested.emit("side", _id(window, Side, "Russia"))
    landed.settle(window.runner)
    assert errors and "still used" in errors[0]
    assert _navigator_index(window, "side", "Russia").isValid()


def test_a_slow_step_runs_off_the_gui_thread_and_says_what_it_is_doing(qtbot, window):
    release, done = threading.Event(), []

    class Slow(Operation):
        title, slow = "Slow step", True

        def __init__(self):
            self.threads = []

        def _step(self, db):
            self.threads.append(threading.current_thread())
            assert release.wait(10), "never released"
            release.clear()
            return Change.edited("statement", [1], ["note"])

        def apply(self, db):
            return self._step(db)

        def revert(self, db):
            return self._step(db)

    slow = Slow()
    status = window.statusBar()
    window.runner.run(slow, done.append)
    qtbot.waitUntil(lambda: status.currentMessage() == "Saving “Slow step”…")  # the GUI thread goes on meanwhile
    release.set()
    qtbot.waitUntil(lambda: bool(done))
    assert status.currentMessage() == "" and window.runner.stack.undoText() == "Slow step"
    window.runner.undo(done.append)
    qtbot.waitUntil(lambda: status.currentMessage() == "Undoing “Slow step”…")
    release.set()
    qtbot.waitUntil(lambda: len(done) == 2)
    assert done[1] is True and len(slow.threads) == 2 and threading.main_thread() not in slow.threads
    assert window.runner.stack.index() == 0
