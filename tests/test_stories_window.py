"""Stories in the window: listed and chosen in the navigator, created, renamed, deleted and moved between, undoably."""

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox
from sqlalchemy import select

from desktop.domain.entities import Speaker, Statement, Story
from desktop.domain.filters import NO_STORY
from desktop.services.operations import CreateRecord
from desktop.ui.navigator import ALL_STORIES
from desktop.ui.statement_drag import STATEMENTS_MIME, dragged_statements, statements_mime
from dialog_helpers import when_shown as _when_dialog_opens
from test_main_window import _click, _id, _shown

SEED_STORY = "Russian troop build-up near Ukraine, Nov 2021"


def _line(window, kind, entry_id):
    index = window.navigator.model.find(kind, entry_id)
    assert index.isValid(), f"{kind} {entry_id} is not in the navigator"
    return index


def _count(window, kind, entry_id) -> str:
    index = _line(window, kind, entry_id)
    return index.siblingAtColumn(1).data()


def _stories_of(window) -> dict[int, int | None]:
    with window.db.reading() as session:
        return dict(session.execute(select(Statement.id, Statement.story_id)).all())


def _by(window, speaker_id) -> set[int]:
    with window.db.reading() as session:
        return set(session.execute(select(Statement.id).where(Statement.speaker_id == speaker_id)).scalars())


def _new_story(window, landed, name) -> int:
    created = CreateRecord(Story, {"name": name, "description": ""})
    landed(window.runner.run, created)
    return created.created_id


def test_the_navigator_lists_the_stories_and_a_first_launch_chooses_all(window, qtmodeltester):
    model = window.navigator.model
    stories = model.index(0, 0)
    assert stories.data() == "Stories"
    lines = [(model.index(row, 0, stories).data(), model.index(row, 1, stories).data()) for row in range(model.rowCount(stories))]
    assert lines == [("All stories", "16"), (SEED_STORY, "16")]
    assert model.index(0, 0, stories).data(Qt.ItemDataRole.FontRole).bold()
    assert window.state.filter.story_id is None
    qtmodeltester.check(model)


def test_one_click_chooses_a_story_and_everything_follows_it(qtbot, window, landed):
    seed = _id(window, Story, SEED_STORY)
    other = _new_story(window, landed, "Black Sea")
    peskov = _id(window, Speaker, "Dmitry Peskov")
    moved = sorted(_by(window, peskov))
    window.editing.move_to_story(moved, other)
    landed.settle(window.runner)
    assert _count(window, "story", other) == "4" and _count(window, "story", seed) == "12"

    _click(qtbot, window.navigator.tree, _line(window, "story", other))
    assert window.state.filter.story_id == other
    qtbot.waitUntil(lambda: sorted(_shown(window)[1]) == sorted(moved))
    assert _shown(window)[0] == []
    assert window.chart.totals() == {"Russia": 4}
    assert window.navigator.filter_label.text() == "Story: Black Sea"
    assert _count(window, "speaker", peskov) == "4"
    assert _count(window, "speaker", _id(window, Speaker, "Antony Blinken")) == "0"
    assert _line(window, "story", other).data(Qt.ItemDataRole.FontRole).bold()

    _click(qtbot, window.navigator.tree, _line(window, "speaker", peskov))  # a speaker is chosen within the story
    assert (window.state.filter.story_id, window.state.filter.speaker_id) == (other, peskov)

    _click(qtbot, window.navigator.tree, _line(window, "story", ALL_STORIES))
    assert window.state.filter.story_id is None
    qtbot.waitUntil(lambda: len(_shown(window)[1]) == 4)
    assert _count(window, "speaker", _id(window, Speaker, "Antony Blinken")) == "4"


def test_a_story_is_created_from_the_edit_menu_renamed_and_deleted_from_the_navigator(qtbot, window, landed):
    def name_it(dialog):
        assert dialog.windowTitle() == "New Story"
        dialog.findChild(object, "storyName").setText("Grain deal")
        dialog.accept()

    _when_dialog_opens(name_it)
    window.actions["new_story"].trigger()
    landed.settle(window.runner)
    grain = _id(window, Story, "Grain deal")
    assert _count(window, "story", grain) == "0"

    def rename(dialog):
        assert dialog.windowTitle() == "Rename Story"
        dialog.findChild(object, "storyName").setText("Grain deal, 2022")
        dialog.accept()

    _when_dialog_opens(rename)
    window.navigator.edit_requested.emit("story", grain)
    landed.settle(window.runner)
    assert _line(window, "story", grain).data() == "Grain deal, 2022"

    seed = _id(window, Story, SEED_STORY)
    asked = []
    window.editing.confirm = lambda title, question: asked.append(question) or True
    _click(qtbot, window.navigator.tree, _line(window, "story", seed))
    window.navigator.delete_requested.emit("story", seed)
    landed.settle(window.runner)
    assert "Its 16 statements will stay, in no story." in asked[0]
    assert window.state.filter.story_id is None, "the deleted story is no longer chosen"
    assert set(_stories_of(window).values()) == {None}
    assert _count(window, "story", NO_STORY) == "16"
    window.actions["undo"].trigger()
    landed.settle(window.runner)
    assert set(_stories_of(window).values()) == {seed}
    assert _count(window, "story", seed) == "16"
    assert not window.navigator.model.find("story", NO_STORY).isValid(), "No story is listed only when it holds some"


def test_the_navigators_context_menu_offers_rename_delete_and_new_story(qtbot, window):
    offered = []
    for index in (_line(window, "story", _id(window, Story, SEED_STORY)), _line(window, "story", ALL_STORIES),
                  _line(window, "speaker", _id(window, Speaker, "Dmitry Peskov"))):
        menu = window.navigator.menu_for(index)
        offered.append([action.text() for action in menu.actions()])
        menu.deleteLater()
    assert offered == [["Rename…", "Delete…", "New Story…"], ["New Story…"], ["Edit…", "Delete…"]]
    menu = window.navigator.menu_for(_line(window, "story", ALL_STORIES))
    _when_dialog_opens(lambda dialog: dialog.reject())
    with qtbot.waitSignal(window.navigator.new_story_requested):
        menu.actions()[0].trigger()
    menu.deleteLater()


def test_move_to_story_moves_the_selected_statement_in_one_undoable_step(qtbot, window, landed):
    other = _new_story(window, landed, "Black Sea")
    selected = window.state.selected
    assert selected is not None and window.actions["move_to_story"].isEnabled()

    def choose(dialog):
        box = dialog.findChild(QComboBox, "moveToStory")
        assert box.currentText() == SEED_STORY
        box.setCurrentIndex(box.findData(other))
        dialog.accept()

    _when_dialog_opens(choose)
    window.actions["move_to_story"].trigger()
    landed.settle(window.runner)
    assert _stories_of(window)[selected] == other
    assert window.runner.stack.undoText() == "Move 1 Statement to “Black Sea”"
    window.actions["undo"].trigger()
    landed.settle(window.runner)
    assert _stories_of(window)[selected] == _id(window, Story, SEED_STORY)


def test_a_new_statement_starts_in_the_chosen_story(qtbot, window):
    seed = _id(window, Story, SEED_STORY)
    window.state.update_filter(story_id=seed)
    seen = {}

    def look(dialog):
        seen["title"] = dialog.windowTitle()
        seen["story"] = dialog.findChild(QComboBox, "statementStory").currentData()
        dialog.reject()

    _when_dialog_opens(look)
    window.actions["new_statement"].trigger()
    assert seen == {"title": "New Statement", "story": seed}


def test_the_statement_dialog_moves_a_statement_to_another_story(qtbot, window, landed):
    other = _new_story(window, landed, "Black Sea")
    selected = window.state.selected

    def choose(dialog):
        box = dialog.findChild(QComboBox, "statementStory")
        box.setCurrentIndex(box.findData(other))
        dialog.accept()

    _when_dialog_opens(choose)
    window.actions["edit_statement"].trigger()
    landed.settle(window.runner)
    assert _stories_of(window)[selected] == other


def _card_centre(window, statement_id) -> QPoint:
    table = window.comparison.table
    index = window.comparison_model.index_of(statement_id)
    table.scrollTo(index)
    return table.visualRect(index).center()


def test_dragging_a_card_carries_its_statement(qtbot, window, monkeypatch):
    carried = []
    monkeypatch.setattr(QDrag, "exec", lambda drag, *args: carried.append(dragged_statements(drag.mimeData())))
    table = window.comparison.table
    statement_id = _shown(window)[1][0]
    start = _card_centre(window, statement_id)
    qtbot.mousePress(table.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(table.viewport(), start + QPoint(QApplication.startDragDistance() + 5, 0))
    qtbot.mouseRelease(table.viewport(), Qt.MouseButton.LeftButton, pos=start)
    assert carried == [[statement_id]]
    assert window.state.selected == statement_id


def _drop(tree, index, data: QMimeData) -> bool:
    """Drag data onto a line of the tree as a drag from elsewhere would; True when the drop was taken."""
    viewport, at = tree.viewport(), tree.visualRect(index).center()
    actions, button = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    modifiers = Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at, actions, data, button, modifiers)
    QApplication.sendEvent(viewport, enter)
    move = QDragMoveEvent(at, actions, data, button, modifiers)
    QApplication.sendEvent(viewport, move)
    if not move.isAccepted():
        return False
    drop = QDropEvent(at.toPointF(), actions, data, button, modifiers)
    QApplication.sendEvent(viewport, drop)
    return drop.isAccepted()


def test_a_card_dropped_on_a_story_moves_there_and_undo_moves_it_back(qtbot, window, landed):
    other = _new_story(window, landed, "Black Sea")
    seed = _id(window, Story, SEED_STORY)
    dragged = _shown(window)[1][:2]
    tree = window.navigator.tree
    assert _drop(tree, _line(window, "story", other), statements_mime(dragged))
    qtbot.waitUntil(lambda: all(_stories_of(window)[i] == other for i in dragged))  # the drop is taken after it returns
    landed.settle(window.runner)
    assert window.runner.stack.count() == 2  # the story created, then one move
    assert _count(window, "story", other) == "2"

    assert not _drop(tree, _line(window, "story", ALL_STORIES), statements_mime(dragged))
    assert not _drop(tree, _line(window, "speaker", _id(window, Speaker, "Dmitry Peskov")), statements_mime(dragged))
    other_data = QMimeData()
    other_data.setText("not statements")
    assert not _drop(tree, _line(window, "story", seed), other_data)

    window.actions["undo"].trigger()
    landed.settle(window.runner)
    assert all(_stories_of(window)[i] == seed for i in dragged)
    assert STATEMENTS_MIME in window.navigator.model.mimeTypes()


def test_a_story_name_is_shown_as_written_never_as_markup(qtbot, window, landed):
    hostile = "<img src=file:///etc/passwd> <b>Story</b>"
    story = _new_story(window, landed, hostile)
    line = _line(window, "story", story)
    assert line.data() == hostile
    assert "&lt;img src=file:///etc/passwd&gt;" in line.data(Qt.ItemDataRole.ToolTipRole)
    window.state.update_filter(story_id=story)
    assert window.navigator.filter_label.text() == f"Story: {hostile}"
    assert window.navigator.filter_label.textFormat() == Qt.TextFormat.PlainText
