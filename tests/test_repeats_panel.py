"""The Repeated lines panel: finding in the background with progress, accepting (A) and rejecting (R)
with the keyboard as undoable steps, and the accepted groups following the filter."""

import threading

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from sqlalchemy import func, select

from desktop.domain.entities import Link, Outlet, RepeatRejection
from desktop.domain.filters import StatementFilter
from desktop.ui.analysis.repeat_models import ID_ROLE
from desktop.ui.analysis.repeats_panel import RepeatsPanel
from repeats_helpers import PESKOV_FALSE, PESKOV_NO_THREAT, add_repeats, named, statement_id


@pytest.fixture
def panel(qtbot, window):
    added = add_repeats(window.db)
    shown = RepeatsPanel(window)
    qtbot.addWidget(shown)
    shown.resize(1200, 700)
    shown.show()
    shown.refresh(StatementFilter())
    qtbot.waitUntil(lambda: shown.groups.rowCount() == 1)
    return shown, added


def _found(qtbot, panel):
    with qtbot.waitSignal(panel.proposals.modelReset, timeout=20_000):
        qtbot.mouseClick(panel.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.find_button.isEnabled())


def _count(db, query):
    with db.reading() as session:
        return session.execute(query).scalar()


def _select_group(panel, first_id):
    row = next(r for r in range(panel.proposals.rowCount()) if panel.proposals.index(r, 0).data(ID_ROLE) == first_id)
    panel.proposal_view.selectionModel().setCurrentIndex(
        panel.proposals.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )


def test_finding_shows_groups_with_who_said_it_first_and_who_repeated_it(qtbot, qtmodeltester, panel, window):
    panel, added = panel
    _found(qtbot, panel)
    qtmodeltester.check(panel.proposals)
    qtmodeltester.check(panel.groups)
    assert panel.proposals.rowCount() == 2
    peskov = statement_id(window.db, PESKOV_FALSE)  # the seed links the Kremlin's line as repeating his
    row = next(r for r in range(2) if panel.proposals.index(r, 0).data(ID_ROLE) == peskov)
    first = [panel.proposals.index(row, c).data() for c in range(4)]
    assert first == ["Dmitry Peskov", "Sputnik", "12 Nov 2021", "first · 1 repeat"]
    repeat = [panel.proposals.index(0, c, panel.proposals.index(row, 0)).data() for c in range(4)]
    assert repeat == ["Dmitry Peskov", "TASS", "15 Nov 2021 · 3 days later", "100 · across languages"]
    assert panel.status.text() == "2 repeats of 2 lines found among 21 statements."
    assert not panel.progress.isVisible() and not panel.cancel_button.isVisible()


def test_a_accepts_the_selected_group_as_one_undoable_step(qtbot, qtmodeltester, panel, window, landed):
    panel, added = panel
    _found(qtbot, panel)
    qtmodeltester.check(panel.proposals)  # watches the rows taken out below too
    _select_group(panel, statement_id(window.db, PESKOV_NO_THREAT))
    panel.proposal_view.setFocus()
    qtbot.keyClick(panel.proposal_view, Qt.Key.Key_A)
    landed.settle(window.runner)
    qtbot.waitUntil(lambda: panel.groups.rowCount() == 2)
    assert panel.proposals.rowCount() == 1
    repeats = select(func.count()).select_from(Link).where(Link.type == "repeats")
    assert _count(window.db, repeats) == 2
    assert window.runner.stack.undoText() == "Accept Repeated Line"
    assert landed(window.runner.undo) is True
    assert _count(window.db, repeats) == 1


def test_r_rejects_and_the_pair_is_not_proposed_again(qtbot, panel, window, landed):
    panel, added = panel
    _found(qtbot, panel)
    _select_group(panel, statement_id(window.db, PESKOV_NO_THREAT))
    panel.proposal_view.setFocus()
    qtbot.keyClick(panel.proposal_view, Qt.Key.Key_R)
    landed.settle(window.runner)
    qtbot.waitUntil(lambda: panel.proposals.rowCount() == 1)
    assert _count(window.db, select(func.count()).select_from(RepeatRejection)) == 1
    _found(qtbot, panel)
    assert panel.proposals.rowCount() == 1


def test_cancel_stops_finding_and_says_so(qtbot, panel, window, monkeypatch):
    panel, _added = panel
    import desktop.ui.analysis.repeats_panel as module

    def stopped(db, chosen, progress, cancelled):
        while not cancelled():
            threading.Event().wait(0.01)
        return None

    monkeypatch.setattr(module, "find_repeats", stopped)
    qtbot.mouseClick(panel.find_button, Qt.MouseButton.LeftButton)
    assert panel.cancel_button.isVisible() and not panel.find_button.isEnabled()
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.find_button.isEnabled())
    assert panel.status.text() == "Cancelled: nothing new was found."


def test_the_accepted_groups_follow_the_filter(qtbot, panel, window):
    panel, _added = panel
    panel.refresh(StatementFilter(outlet_id=named(window.db, Outlet, "The Associated Press")))
    qtbot.waitUntil(lambda: panel.groups.rowCount() == 0)
    assert panel.groups_title.title() == "Accepted groups: 0 lines, 0 repeats"
    panel.refresh(StatementFilter())
    qtbot.waitUntil(lambda: panel.groups.rowCount() == 1)
    assert panel.groups_title.title() == "Accepted groups: 1 line, 1 repeat"


def test_a_few_hundred_lines_are_shown_at_a_time_and_each_decided_makes_room(qtbot, qtmodeltester, panel, window, landed, monkeypatch):
    panel, _added = panel
    monkeypatch.setattr("desktop.ui.analysis.repeat_models.SHOWN", 1)
    _found(qtbot, panel)
    qtmodeltester.check(panel.proposals)
    assert panel.proposals.rowCount() == 1 and panel.proposals.waiting == 1 and panel.proposals.group_count == 2
    assert panel.status.text().endswith("The largest 1 are shown; the next come as you decide.")
    waiting = panel.proposals.index(0, 0).data(ID_ROLE)
    panel.proposal_view.selectAll()
    panel.accept_selected()
    landed.settle(window.runner)
    qtbot.waitUntil(lambda: panel.proposals.waiting == 0)
    assert panel.proposals.rowCount() == 1 and panel.proposals.index(0, 0).data(ID_ROLE) != waiting


@pytest.mark.parametrize("key", [Qt.Key.Key_A, Qt.Key.Key_R])
def test_undoing_a_decision_brings_its_proposal_back(qtbot, qtmodeltester, window, landed, key):
    add_repeats(window.db)
    window.show_analysis()
    panel = next(p for p in window.analysis.panels if isinstance(p, RepeatsPanel))
    window.analysis.tabs.setCurrentWidget(panel)
    _found(qtbot, panel)
    qtmodeltester.check(panel.proposals)  # watches the rows taken out and put back below too
    repeating = statement_id(window.db, PESKOV_NO_THREAT)
    _select_group(panel, repeating)
    panel.proposal_view.setFocus()
    qtbot.keyClick(panel.proposal_view, key)
    landed.settle(window.runner)
    qtbot.waitUntil(lambda: panel.proposals.rowCount() == 1)

    window.actions["undo"].trigger()
    landed.settle(window.runner)
    qtbot.waitUntil(lambda: panel.proposals.rowCount() == 2)
    assert repeating in [panel.proposals.index(r, 0).data(ID_ROLE) for r in range(2)]
    assert panel.status.text() == "1 proposal back: its decision was undone."
    window.actions["redo"].trigger()  # decided again: taken out again
    landed.settle(window.runner)
    qtbot.waitUntil(lambda: panel.proposals.rowCount() == 1)


def test_members_put_back_go_to_their_group_or_after_the_groups_shown(qtmodeltester):
    from desktop.services.repeats import RepeatLine
    from desktop.ui.analysis.repeat_models import Group, Member, RepeatTreeModel

    def line(number):
        return RepeatLine(number, f"line {number}", None, "Ann", "", "Daily")

    model = RepeatTreeModel()
    model.set_groups([Group(line(1), [Member(line(2), 1, 0.9), Member(line(3), 1, 0.9)]),
                      Group(line(4), [Member(line(5), 4, 0.9)]), Group(line(6), [Member(line(7), 6, 0.9)])])
    qtmodeltester.check(model)
    taken = model.remove_pairs({(5, 4), (2, 1)})  # a whole group, and one member of another
    assert model.shown_pairs() == [(3, 1), (7, 6)]
    first_back = model.restore(taken)
    qtmodeltester.check(model)
    assert model.shown_pairs() == [(3, 1), (2, 1), (7, 6), (5, 4)]
    assert first_back.row() == (0 if taken[0][0].id == 1 else 2)
    assert model.restore([]) == QModelIndex()
