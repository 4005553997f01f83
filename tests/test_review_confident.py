"""The review window's "Accept N confident" (one undoable step) and its word on sides new to the database."""

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from desktop.domain.entities import Side, Statement
from desktop.services import catalog, extraction
from desktop.ui.review import review_pasted_text
from desktop.ui.review.models import Status

# Written for these tests: five proposals, a minister of a side and a spokesman of a camp not yet a side.
# The window is what is tested here, so the proposals are given the confidences below whatever the
# extractor's calibration (benchmarks/attribution_confidence.py measures that): three sure, two not.
CONFIDENCES = [0.9, 0.85, 0.8, 0.7, 0.3]
STORY = """Beijing holds drills near Taiwan

TAIPEI, Dec 7 (Reuters) - Taiwan's Defence Minister Wellington Koo said on Monday that the drills were a provocation.

"We will not be intimidated," Koo told reporters in Taipei.

A Chinese foreign ministry spokesman, Lin Jian, said the drills were "a stern warning" to separatists.

The ministry said the patrols would continue for as long as needed.

He added that the ships had kept to international waters throughout.
"""


@pytest.fixture
def review(qtbot, window, monkeypatch):
    extract = extraction.extract

    def calibrated(text, context):
        proposals = extract(text, context)
        assert len(proposals) == len(CONFIDENCES)
        return [replace(p, confidence=c) for p, c in zip(proposals, CONFIDENCES)]

    monkeypatch.setattr(extraction, "extract", calibrated)
    with qtbot.waitSignal(review_pasted_text(window, STORY).opened, timeout=20_000) as blocker:
        pass
    opened = blocker.args[0]
    qtbot.waitExposed(opened)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return opened


def _statements(db) -> int:
    with db.reading() as session:
        return session.exec(select(func.count()).select_from(Statement)).one()[0]


def test_accept_confident_stores_every_undecided_sure_proposal_in_one_undoable_step(qtbot, qtmodeltester, review, window, landed):
    button = review.buttons["accept_confident"]
    assert [round(item.proposal.confidence, 2) >= 0.8 for item in review.items] == [True, True, True, False, False]
    assert (button.text(), button.isEnabled()) == ("Accept 3 confident", True)
    qtbot.keyClick(review.list, Qt.Key.Key_R)  # the editor rejects the first: it is decided, and left out
    assert (review.items[0].status, button.text()) == (Status.REJECTED, "Accept 2 confident")
    before = _statements(window.db)

    qtbot.keyClick(review.list, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    landed.settle(window.runner)
    assert [item.status for item in review.items] == [
        Status.REJECTED, Status.ACCEPTED, Status.ACCEPTED, Status.PENDING, Status.PENDING
    ]
    assert _statements(window.db) == before + 2
    assert (button.text(), button.isEnabled()) == ("Accept 0 confident", False)
    assert review.current == 3, "on to the first proposal left to review"
    assert review.summary.text() == "5 proposed · 2 accepted · 1 rejected · 2 to review"
    qtmodeltester.check(review.model)

    window.actions["undo"].trigger()  # one step takes both back
    landed.settle(window.runner)
    assert _statements(window.db) == before
    assert [item.status for item in review.items][1:3] == [Status.PENDING, Status.PENDING]
    assert (button.text(), button.isEnabled()) == ("Accept 2 confident", True)
    window.actions["redo"].trigger()
    landed.settle(window.runner)
    assert _statements(window.db) == before + 2
    assert [item.status for item in review.items][1:3] == [Status.ACCEPTED, Status.ACCEPTED]


def test_a_side_new_to_the_database_is_announced_and_created_on_accept(qtbot, review, window, landed):
    review.go_to(2)
    assert review.editor.side.currentText() == "China"
    note = review.editor.side_note
    assert note.isVisible() and note.text() == "New side, added on accept" and "“China”" in note.toolTip()
    review.accept_current()
    landed.settle(window.runner)
    china = next(side for side in catalog.all_rows(window.db, Side) if side.name == "China")
    assert "Beijing" in china.cues
    review.go_to(3)  # Lin Jian again, on a side the database now has
    assert review.editor.side.currentText() == "China" and not note.isVisible()
    review.go_to(0)
    assert review.editor.side.currentText() == "Taiwan" and note.isVisible()
