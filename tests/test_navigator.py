"""The navigator lists names in full at its default width, in alphabetical order whatever their case."""

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.entities import Outlet, Speaker
from desktop.domain.ordering import name_order
from desktop.services import catalog
from desktop.services.operations import CreateRecord, UpdateRecord
from desktop.ui.navigator import KindRole

LONG_NAME = "a senior administration official speaking on condition of anonymity"


SPEAKERS = 2  # the navigator lists stories, sides, speakers, outlets


def _entries(navigator, group_row):
    model = navigator.model
    parent = model.index(group_row, 0)
    return [model.index(row, 0, parent) for row in range(model.rowCount(parent))]


def _names(navigator, group_row):
    return [index.data() for index in _entries(navigator, group_row)]


def _needed_height(tree, index) -> int:
    """The height the name needs, wrapped at the width it is given."""
    rect = tree.visualRect(index)
    bounds = tree.fontMetrics().boundingRect(QRect(0, 0, rect.width() - 8, 10_000), Qt.TextFlag.TextWordWrap, index.data())
    return bounds.height()


def test_names_are_sorted_without_regard_to_case_or_accents(qtbot, seeded_db):
    for row in (
        {"name": "bloomberg"}, {"name": "Élysée press office"}, {"name": "elysee Palace"}, {"name": "Zeit"},
    ):
        CreateRecord(Outlet, row).apply(seeded_db)
    outlets = [entry.name for entry in catalog.catalog(seeded_db).outlets]
    assert outlets == ["bloomberg", "elysee Palace", "Élysée press office", "Republic World", "Sputnik", "The Associated Press", "Zeit"]
    speakers = [entry.name for entry in catalog.catalog(seeded_db).speakers]
    assert speakers.index("the Kremlin") > speakers.index("Several US media outlets")
    assert [s.name for s in catalog.all_rows(seeded_db, Outlet)] == outlets, "pickers list names the same way"
    assert sorted(["b", "B", "a"], key=name_order) == ["a", "B", "b"], "names told apart only by case keep one order"


def test_every_seed_name_is_shown_in_full_at_the_default_width(window):
    tree = window.navigator.tree
    assert window.navigator.width() <= 300
    assert ["Antony Blinken", "Dmitry Peskov", "Dmitry Polyansky", "Dmytro Kuleba", "Moscow", "Several US media outlets",
            "the Joe Biden administration", "the Kremlin"] == _names(window.navigator, SPEAKERS)
    for group in range(1, 4):  # sides, speakers, outlets (a long story name wraps; the next test covers wrapping)
        for index in _entries(window.navigator, group):
            rect = tree.visualRect(index)
            assert rect.height() >= _needed_height(tree, index), index.data()
            assert tree.fontMetrics().horizontalAdvance(index.data()) < rect.width(), index.data()


def test_a_name_longer_than_the_dock_wraps_and_rewraps_when_the_dock_widens(qtbot, seeded_db):
    from desktop.app import build_main_window

    CreateRecord(Speaker, {"name": LONG_NAME}).apply(seeded_db)
    window = build_main_window(seeded_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    tree = window.navigator.tree
    [index] = [i for i in _entries(window.navigator, SPEAKERS) if i.data() == LONG_NAME]
    line = tree.fontMetrics().height()
    qtbot.waitUntil(lambda: tree.visualRect(index).height() >= max(_needed_height(tree, index), 2 * line))
    window.resizeDocks([window.docks["navigator"]], [900], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: tree.visualRect(index).height() < 2 * line)
    # Renamed short, then long again at the narrow width: the sizes remembered are those of the name shown.
    window.resizeDocks([window.docks["navigator"]], [200], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: tree.visualRect(index).height() >= 2 * line)
    speaker = next(row for row in catalog.all_rows(window.db, Speaker) if row.name == LONG_NAME)
    for name, lines in (("Ann", 1), (LONG_NAME + " too", 2)):
        window.runner.run(UpdateRecord(Speaker, speaker.id, {"name": name}, version=catalog.get(window.db, Speaker, speaker.id).version))
        qtbot.waitUntil(lambda name=name: any(i.data() == name for i in _entries(window.navigator, SPEAKERS)))
        [index] = [i for i in _entries(window.navigator, SPEAKERS) if i.data() == name]
        if lines == 1:
            qtbot.waitUntil(lambda index=index: tree.visualRect(index).height() < 2 * line)
        else:
            qtbot.waitUntil(lambda index=index: tree.visualRect(index).height() >= max(_needed_height(tree, index), 2 * line))


def test_counts_say_what_they_count(window, qtmodeltester):
    model = window.navigator.model
    peskov = next(i for i in _entries(window.navigator, SPEAKERS) if i.data() == "Dmitry Peskov")
    assert model.index(peskov.row(), 1, peskov.parent()).data(Qt.ItemDataRole.ToolTipRole) == "4 statements"
    qtmodeltester.check(model)


def _counts(navigator, kind) -> dict:
    model = navigator.model
    found = {}
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data(KindRole) == kind:
                found[index.data()] = int(index.siblingAtColumn(1).data().replace(",", ""))
    return found


def test_verdicts_are_chosen_in_the_navigator_and_every_count_follows_the_whole_filter(qtbot, seeded_db, qtmodeltester):
    """Each entry counts what choosing it would show: the filter with the entry's own group left out."""
    from sqlalchemy import text

    from desktop.app import build_main_window
    from test_main_window import _click, _navigator_index

    with seeded_db.engine.begin() as connection:
        connection.execute(text("UPDATE statement SET verdict = CASE WHEN id % 3 = 0 THEN 'False' WHEN id % 4 = 0 THEN 'Misleading' ELSE '' END"))
    window = build_main_window(seeded_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    navigator, state = window.navigator, window.state
    assert _counts(navigator, "verdict") == {"Any verdict": 16, "False": 5, "Misleading": 3, "No verdict": 8}
    speakers_before = _counts(navigator, "speaker")

    _click(qtbot, navigator.tree, _navigator_index(window, "verdict", "False"))
    qtbot.waitUntil(lambda: state.filter.verdict == "False" and window.view_is_complete)
    assert navigator.filter_label.text() == "Verdict: False"
    assert _counts(navigator, "verdict") == {"Any verdict": 16, "False": 5, "Misleading": 3, "No verdict": 8}, "its own group is left out"
    speakers = _counts(navigator, "speaker")
    assert sum(speakers.values()) == 5 and speakers != speakers_before

    peskov = _navigator_index(window, "speaker", "Dmitry Peskov")
    kept = QPersistentModelIndex(peskov)
    _click(qtbot, navigator.tree, peskov)
    qtbot.waitUntil(lambda: state.filter.speaker_id is not None and window.view_is_complete)
    assert state.filter.verdict == "False", "a verdict is chosen apart from the speaker"
    assert _counts(navigator, "speaker") == speakers, "choosing a speaker leaves the other speakers' counts standing"
    with seeded_db.reading() as session:
        his = session.execute(text("SELECT verdict FROM statement WHERE speaker_id = :s"), {"s": state.filter.speaker_id}).scalars().all()
    assert _counts(navigator, "verdict")["Any verdict"] == len(his)
    assert _counts(navigator, "verdict")["False"] == his.count("False")
    assert kept.isValid(), "a recount leaves the rows in place (the tree keeps its place)"
    qtmodeltester.check(navigator.model)

    _click(qtbot, navigator.tree, _navigator_index(window, "verdict", "Any verdict"))
    qtbot.waitUntil(lambda: state.filter.verdict is None and window.view_is_complete)
    assert navigator.filter_label.text() == "Speaker: Dmitry Peskov"


def test_an_entry_added_or_removed_changes_its_own_row_only(qtbot, window, qtmodeltester):
    model, tree = window.navigator.model, window.navigator.tree
    kept = {index.data(): QPersistentModelIndex(index) for index in _entries(window.navigator, SPEAKERS)}
    tree.setCurrentIndex(QModelIndex(kept["Moscow"]))
    resets = []
    model.modelAboutToBeReset.connect(lambda: resets.append("reset"))
    model.rowsAboutToBeRemoved.connect(lambda parent, first, last: resets.append(("removed", first, last)))
    window.runner.run(CreateRecord(Speaker, {"name": "Maria Zakharova"}))
    qtbot.waitUntil(lambda: "Maria Zakharova" in _names(window.navigator, SPEAKERS))
    qtmodeltester.check(model)
    assert resets == []
    assert all(index.isValid() and index.data() == name for name, index in kept.items())
    assert tree.currentIndex().data() == "Moscow"
    assert _names(window.navigator, SPEAKERS) == sorted([*kept, "Maria Zakharova"], key=name_order)
    assert model.index(SPEAKERS, 1).data() == f"{len(kept) + 1:,}"
    [added] = [i for i in _entries(window.navigator, SPEAKERS) if i.data() == "Maria Zakharova"]
    assert added.siblingAtColumn(1).data() == "0" and added.data(KindRole) == "speaker"
    window.actions["undo"].trigger()
    qtbot.waitUntil(lambda: "Maria Zakharova" not in _names(window.navigator, SPEAKERS))
    assert [step for step in resets if step == "reset"] == []
    assert all(index.isValid() for index in kept.values()) and tree.currentIndex().data() == "Moscow"
    assert model.index(SPEAKERS, 1).data() == f"{len(kept):,}"


def test_the_tree_stays_where_it_is_as_the_filter_changes(qtbot, window):
    tree = window.navigator.tree
    where = tree.mapTo(window, tree.rect().topLeft())
    speaker = next(entry.id for entry in catalog.catalog(window.db).speakers if entry.name == "Several US media outlets")
    # One line, then two ("Speaker: Several US media outlets · Words: russia"), then none.
    for choose in (lambda: window.state.update_filter(text="russia"), lambda: window.state.update_filter(speaker_id=speaker),
                   window.clear_filter):
        choose()
        qtbot.waitUntil(lambda: window.view_is_complete)
        QApplication.sendPostedEvents()  # laid out again, as before painting
        assert window.navigator.filter_label.text() != "" and tree.mapTo(window, tree.rect().topLeft()) == where
