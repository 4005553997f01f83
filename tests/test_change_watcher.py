"""Another editor's changes reach an open window within two seconds, on SQLite and on PostgreSQL."""

import time

from desktop.domain.entities import Statement
from desktop.services.operations import UpdateRecord
from desktop.storage.notifications import ChangeListener


def test_another_editors_change_is_shown_within_two_seconds(qtbot, team_window, team_editors):
    with qtbot.waitSignal(team_window.changed_elsewhere, timeout=2000):
        started = time.monotonic()
        UpdateRecord(Statement, 1, {"text": "Changed by the other editor."}).apply(team_editors[1])
    assert time.monotonic() - started < 2
    assert team_window.inspector.findChild(object, "inspectorText").text() == "Changed by the other editor."


def test_this_windows_own_changes_are_not_announced_as_someone_elses(qtbot, team_window):
    with qtbot.assertNotEmitted(team_window.changed_elsewhere, wait=1200):
        team_window.runner.run(UpdateRecord(Statement, 1, {"note": "mine"}))


def test_the_listener_wakes_for_a_change_and_stops_when_asked(team_editors):
    mine, theirs = team_editors
    listener = ChangeListener(mine.engine)
    try:
        listener.wait(0.05)  # on PostgreSQL the first wait starts listening
        UpdateRecord(Statement, 1, {"note": "theirs"}).apply(theirs)
        assert listener.wait(2.0)
        listener.stop()
        assert not listener.wait(2.0)
    finally:
        listener.close()
