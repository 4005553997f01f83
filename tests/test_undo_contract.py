"""Undo and redo follow the contract of every other step: what another editor changed or now
depends on is never deleted or overwritten in silence, no raw database error reaches the editor,
and the undo stack moves only over a step that was done."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.domain.entities import Link, Speaker, Statement
from desktop.domain.values import LinkType
from desktop.paths import seeds_dir
from desktop.services import catalog
from desktop.services.articles import read_article
from desktop.services.errors import ConflictError, OperationRefused
from desktop.services.extraction import AcceptProposal, open_review
from desktop.services.importing import ImportOptions, import_files
from desktop.services.importing.operation import ImportOperation
from desktop.services.changes import Change
from desktop.services.operations import CreateRecord, Operation, UpdateRecord
from importing_helpers import write

HEADER = "id,text,speaker,date,side,outlet,url,rebuts\n"
ROWS = "".join(f"{n},Imported claim {n},Imported Speaker {n % 2},2021-11-0{1 + n % 5},Imported Side,,,\n" for n in range(5))


def _imported(db, tmp_path) -> ImportOperation:
    path = write(tmp_path, "five.csv", HEADER + ROWS)
    operation = ImportOperation([path], ImportOptions(), import_files(db, [path]))
    operation.apply(db)  # adopts the import just made
    return operation


def _ids(db, model, first_last) -> list[int]:
    first, last = first_last
    with db.reading() as session:
        return list(session.execute(select(model.id).where(model.id.between(first, last)).order_by(model.id)).scalars())


def _count(db, model) -> int:
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(model)).scalar()


def test_undoing_an_import_keeps_a_statement_another_editor_edited_and_says_so(team_editors, tmp_path):
    mine, theirs = team_editors
    operation = _imported(mine, tmp_path)
    statements = _ids(mine, Statement, operation.summary.created["statement"])
    UpdateRecord(Statement, statements[2], {"note": "Checked by the desk."}).apply(theirs)

    change = operation.revert(mine)

    assert _ids(mine, Statement, operation.summary.created["statement"]) == [statements[2]]
    assert catalog.get(theirs, Statement, statements[2]).note == "Checked by the desk."
    assert "1 statement changed since the import" in change.notice
    assert set(change.of("statement").removed) == set(statements) - {statements[2]}, "the views drop all but the one kept"
    kept_speaker = catalog.get(mine, Statement, statements[2]).speaker_id
    assert catalog.get(mine, Speaker, kept_speaker) is not None, "what the kept statement uses stays"


def test_undoing_an_import_keeps_a_speaker_and_a_statement_another_editor_now_uses(team_editors, tmp_path):
    mine, theirs = team_editors
    operation = _imported(mine, tmp_path)
    statements = _ids(mine, Statement, operation.summary.created["statement"])
    speaker_id = catalog.get(mine, Statement, statements[0]).speaker_id
    theirs_id, = CreateRecord(Statement, {"text": "Their own claim.", "speaker_id": speaker_id}).apply(theirs).of("statement").added
    CreateRecord(Link, {"from_id": 1, "to_id": statements[3], "type": LinkType.REBUTS.value}).apply(theirs)

    change = operation.revert(mine)  # no raw IntegrityError

    assert catalog.get(mine, Speaker, speaker_id) is not None and catalog.get(mine, Statement, theirs_id) is not None
    assert _ids(mine, Statement, operation.summary.created["statement"]) == [statements[3]], "their link keeps what it answers"
    assert _count(mine, Link) == 1 + _count_seed_links(mine)
    assert "1 statement still linked to others" in change.notice
    assert "2 speakers still in use" in change.notice, "theirs uses one, the statement their link keeps the other"


def _count_seed_links(db) -> int:
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(Link).where(Link.from_id != 1)).scalar()


def _accepted(db) -> AcceptProposal:
    article = replace(read_article(seeds_dir() / "kremlin-refutes-invasion-reports.txt"), published_on=date(2021, 11, 13))
    review = open_review(db, article)
    known = next(p for p in review.proposals if p.speaker == "Dmitry Peskov")
    proposal = replace(known, speaker="Ivan Novikov", aliases=(), text="A claim nobody had stored before.")
    operation = AcceptProposal(proposal, review.article)
    operation.apply(db)
    return operation


def test_undoing_an_accept_asks_when_another_editor_changed_the_statement(team_editors):
    mine, theirs = team_editors
    operation = _accepted(mine)
    UpdateRecord(Statement, operation.statement_id, {"note": "Theirs."}).apply(theirs)

    with pytest.raises(ConflictError) as raised:
        operation.revert(mine)
    assert raised.value.mine is None and raised.value.theirs["note"] == "Theirs."
    assert catalog.get(mine, Statement, operation.statement_id) is not None, "nothing is deleted before the editor chose"

    operation.rebase(raised.value)  # "keep mine": the undo goes ahead over their change
    operation.revert(mine)
    assert catalog.get(mine, Statement, operation.statement_id) is None


def test_undoing_an_accept_keeps_the_speaker_another_editor_now_uses(team_editors):
    mine, theirs = team_editors
    operation = _accepted(mine)
    speaker_id = operation.created["speaker"]
    CreateRecord(Statement, {"text": "Their claim by the same man.", "speaker_id": speaker_id}).apply(theirs)

    change = operation.revert(mine)  # no raw IntegrityError

    assert catalog.get(mine, Statement, operation.statement_id) is None
    assert catalog.get(mine, Speaker, speaker_id) is not None
    assert "1 speaker" in change.notice


def test_undoing_an_accept_another_editor_linked_to_is_refused_in_words(team_editors):
    mine, theirs = team_editors
    operation = _accepted(mine)
    CreateRecord(Link, {"from_id": 1, "to_id": operation.statement_id, "type": LinkType.REBUTS.value}).apply(theirs)
    with pytest.raises(OperationRefused, match="linked"):
        operation.revert(mine)
    assert catalog.get(mine, Statement, operation.statement_id) is not None


class _Refusing(Operation):
    """A step that is done, and whose undo is refused the first time."""

    title = "Stubborn Step"

    def __init__(self):
        self.refuse = True

    def apply(self, db) -> Change:
        return Change.edited("statement", [1], ["note"])

    def revert(self, db) -> Change:
        if self.refuse:
            raise OperationRefused("Not now.")
        return Change.edited("statement", [1], ["note"])


def test_a_refused_undo_leaves_the_stack_where_it_was(team_window, landed):
    runner, errors = team_window.runner, []
    runner.failed.connect(errors.append)
    step = _Refusing()
    landed(runner.run, step)

    team_window.actions["undo"].trigger()
    landed.settle(runner)

    assert errors == ["Not now."]
    assert (runner.stack.index(), runner.stack.count()) == (1, 1)
    assert runner.stack.canUndo() and not runner.stack.canRedo()
    assert team_window.actions["undo"].isEnabled() and "Stubborn Step" in team_window.actions["undo"].text()
    step.refuse = False
    team_window.actions["undo"].trigger()
    landed.settle(runner)
    assert runner.stack.index() == 0 and runner.stack.canRedo()


def test_an_undo_of_an_import_another_editor_depends_on_never_offers_redo_for_what_is_in_place(
    team_window, team_editors, tmp_path, landed
):
    mine, theirs = team_editors
    runner, errors = team_window.runner, []
    runner.failed.connect(errors.append)
    path = write(tmp_path, "five.csv", HEADER + ROWS)
    operation = ImportOperation([path], ImportOptions(), import_files(mine, [path]))
    landed(runner.run, operation)
    statements = _ids(mine, Statement, operation.summary.created["statement"])
    speaker_id = catalog.get(mine, Statement, statements[0]).speaker_id
    CreateRecord(Statement, {"text": "Their own claim.", "speaker_id": speaker_id}).apply(theirs)

    team_window.actions["undo"].trigger()
    landed.settle(runner)

    assert errors == []
    assert catalog.get(mine, Speaker, speaker_id) is not None
    assert runner.stack.index() == 0 and runner.stack.redoText() == operation.title


def test_undoing_a_move_to_a_story_leaves_a_statement_another_editor_moved_since(team_editors):
    from desktop.domain.entities import Story
    from desktop.services.stories import MoveToStory

    mine, theirs = team_editors
    first, = CreateRecord(Story, {"name": "First story"}).apply(mine).of("story").added
    second, = CreateRecord(Story, {"name": "Second story"}).apply(mine).of("story").added
    move = MoveToStory([1, 2], first, "First story")
    move.apply(mine)
    UpdateRecord(Statement, 2, {"story_id": second}).apply(theirs)

    change = move.revert(mine)

    assert catalog.get(mine, Statement, 2).story_id == second and catalog.get(mine, Statement, 1).story_id != first
    assert "Kept 1 statement moved to another story since" in change.notice
