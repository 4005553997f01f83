"""Each operation, and another editor's work read from the change log, says which rows of each kind it
added, edited (which fields) and removed; the views worked out again follow from that."""

from datetime import date

from sqlalchemy import select

from desktop.domain.entities import Link, Speaker, Statement, Story
from desktop.domain.filters import StatementFilter
from desktop.services import catalog
from desktop.services.cards import statement_cards
from desktop.services.changes import ALL_VIEWS, Change, logged_change, views_concerned, with_fields_found
from desktop.services.operations import CreateRecord, DeleteRecord, UpdateRecord
from desktop.services.stories import DeleteStory
from desktop.storage import change_log
from desktop.storage.database import Database

EVERYTHING = StatementFilter()


def _latest(db) -> int:
    with db.reading() as session:
        return change_log.latest(session.connection())


def test_an_edit_names_its_fields_and_its_undo_the_same(seeded_db):
    edit = UpdateRecord(Statement, 1, {"note": "checked", "verdict": "False"})
    assert edit.apply(seeded_db).of("statement").edited == {1: {"note", "verdict"}}
    undone = edit.revert(seeded_db)
    assert undone.of("statement").edited == {1: {"note", "verdict"}} and undone.tables == {"statement"}


def test_deleting_a_statement_removes_its_links_too_and_undo_adds_them_back(seeded_db):
    with seeded_db.reading() as session:
        links = {link.id for link in session.execute(select(Link)).scalars() if 1 in (link.from_id, link.to_id)}
    assert links, "the seed's headline claim is answered"
    delete = DeleteRecord(Statement, 1)
    removed = delete.apply(seeded_db)
    assert set(removed.of("statement").removed) == {1} and set(removed.of("link").removed) == links
    added = delete.revert(seeded_db)
    assert set(added.of("statement").added) == {1} and set(added.of("link").added) == links


def test_deleting_a_story_removes_it_and_edits_its_statements_story(seeded_db):
    story, = CreateRecord(Story, {"name": "Kept apart"}).apply(seeded_db).of("story").added
    UpdateRecord(Statement, 3, {"story_id": story}).apply(seeded_db)
    change = DeleteStory(story).apply(seeded_db)
    assert set(change.of("story").removed) == {story} and change.of("statement").edited == {3: {"story_id"}}


def test_what_each_change_asks_of_the_views():
    assert views_concerned(Change.edited("statement", [1], ["note", "text"]), EVERYTHING) == set(), "redrawn in place"
    assert views_concerned(Change.edited("statement", [1], ["said_on"]), EVERYTHING) == {"comparison", "chart"}
    assert views_concerned(Change.edited("statement", [1], ["outlet_id"]), EVERYTHING) == {"navigator"}
    assert views_concerned(Change.edited("statement", [1], ["text"]), StatementFilter(text="troops")) == {"comparison", "chart"}
    assert views_concerned(Change.edited("statement", [1], None), EVERYTHING) == ALL_VIEWS
    assert views_concerned(Change.added("statement", {9}), EVERYTHING) == ALL_VIEWS
    assert views_concerned(Change.added("link", {4}), EVERYTHING) == {"comparison"}
    answers = StatementFilter(answers=(1, 2))  # which statements it keeps hangs on the links
    assert views_concerned(Change.added("link", {4}), answers) == ALL_VIEWS
    assert views_concerned(Change.edited("speaker", [2], ["name"]), EVERYTHING) == {"navigator"}
    assert views_concerned(Change.edited("speaker", [2], ["side_id"]), EVERYTHING) == ALL_VIEWS
    assert views_concerned(Change(everything=True), EVERYTHING) == ALL_VIEWS


def test_a_change_without_the_rows_another_names():
    logged = Change.edited("statement", [1, 2], None) | Change.added("link", {7}) | Change.removed("statement", {3})
    mine = Change.edited("statement", [1], ["note"]) | Change.added("link", {7})
    left = logged.without(mine)
    assert left.of("statement").edited == {2: None} and set(left.of("statement").removed) == {3}
    assert left.tables == {"statement"}
    assert Change(everything=True).without(mine).everything


def test_a_speakers_rename_touches_the_cards_by_that_speaker():
    change = Change.edited("speaker", [2], ["name"]) | Change.edited("statement", [5], ["note"])
    assert change.cards_touched() == ({5}, {2}, set(), set())
    assert Change(everything=True).cards_touched() is None


def test_the_fields_another_editor_edited_are_found_from_the_cards_before_and_after(seeded_db):
    before = statement_cards(seeded_db, [1, 2])
    other = Database(seeded_db.url)
    try:
        UpdateRecord(Statement, 1, {"note": "theirs", "said_on": date(2020, 2, 2)}).apply(other)
        UpdateRecord(Statement, 2, {"rating_value": 2.0}).apply(other)
    finally:
        other.close()
    unknown = Change.edited("statement", [1, 2, 3], None)
    found = with_fields_found(unknown, before, statement_cards(seeded_db, [1, 2]))
    assert found.of("statement").edited == {1: {"note", "said_on"}, 2: {"rating_value"}, 3: None}, "no card of 3 at hand"


def test_another_editors_work_is_read_from_the_change_log_as_added_edited_and_removed(seeded_db):
    seen = _latest(seeded_db)
    other = Database(seeded_db.url)
    try:
        speaker = catalog.all_rows(other, Speaker)[0].id
        added, = CreateRecord(Statement, {"text": "Theirs", "speaker_id": speaker, "said_on": date(2022, 1, 1)}).apply(other).of("statement").added
        UpdateRecord(Statement, 2, {"note": "theirs"}).apply(other)
        DeleteRecord(Statement, 4).apply(other)
    finally:
        other.close()
    change, newest = logged_change(seeded_db, seen)
    statements = change.of("statement")
    assert set(statements.added) == {added} and statements.edited == {2: None} and set(statements.removed) == {4}
    assert newest == _latest(seeded_db)
    assert logged_change(seeded_db, newest)[0].tables == set(), "nothing after the newest entry"


def test_a_change_log_too_long_to_read_counts_as_everything(seeded_db):
    seen = _latest(seeded_db)
    for number in range(4):
        UpdateRecord(Statement, 1, {"note": f"note {number}"}).apply(seeded_db)
    assert logged_change(seeded_db, seen, limit=3)[0].everything
    assert not logged_change(seeded_db, seen, limit=4)[0].everything
