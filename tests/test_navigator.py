"""The navigator lists names in full at its default width, in alphabetical order whatever their case."""

from PySide6.QtCore import QRect, Qt

from desktop.domain.entities import Outlet, Speaker
from desktop.domain.ordering import name_order
from desktop.services import catalog
from desktop.services.operations import CreateRecord

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


def test_counts_say_what_they_count(window, qtmodeltester):
    model = window.navigator.model
    peskov = next(i for i in _entries(window.navigator, SPEAKERS) if i.data() == "Dmitry Peskov")
    assert model.index(peskov.row(), 1, peskov.parent()).data(Qt.ItemDataRole.ToolTipRole) == "4 statements"
    qtmodeltester.check(model)
