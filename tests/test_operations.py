"""Every change is one undoable operation that keeps the data valid."""

from datetime import date

import pytest
from sqlalchemy import select

from desktop.domain.entities import Link, Side, Speaker, Statement
from desktop.services import catalog
from desktop.services.errors import OperationRefused, ValidationError
from desktop.services.operations import CreateRecord, DeleteRecord, UpdateRecord


@pytest.fixture
def speaker(db):
    side = CreateRecord(Side, {"name": "Russia", "colour": "#c0392b"})
    side.apply(db)
    person = CreateRecord(Speaker, {"name": "Dmitry Peskov", "role": "Kremlin spokesperson", "side_id": side.created_id})
    person.apply(db)
    return person.created_id


def _statement(db, speaker, text="The reports are false.", **more):
    operation = CreateRecord(Statement, {"text": text, "speaker_id": speaker, **more})
    operation.apply(db)
    return operation.created_id


def _count(db, model):
    with db.reading() as session:
        return len(session.exec(select(model)).all())


def test_create_then_revert_then_apply_again_keeps_the_same_id(db, speaker):
    operation = CreateRecord(Statement, {"text": "Groundless.", "speaker_id": speaker, "said_on": date(2021, 11, 12)})
    operation.apply(db)
    first_id = operation.created_id
    operation.revert(db)
    assert catalog.get(db, Statement, first_id) is None
    operation.apply(db)
    assert operation.created_id == first_id
    assert catalog.get(db, Statement, first_id).said_on == date(2021, 11, 12)


def test_update_reverts_to_the_previous_values(db, speaker):
    statement_id = _statement(db, speaker)
    edit = UpdateRecord(Statement, statement_id, {"text": "Changed.", "is_quote": True})
    edit.apply(db)
    assert catalog.get(db, Statement, statement_id).text == "Changed."
    edit.revert(db)
    restored = catalog.get(db, Statement, statement_id)
    assert (restored.text, restored.is_quote) == ("The reports are false.", False)


def test_deleting_a_statement_takes_its_links_and_undo_restores_both(db, speaker):
    claim = _statement(db, speaker, "Russia will invade.")
    rebuttal = _statement(db, speaker, "That is false.")
    CreateRecord(Link, {"from_id": rebuttal, "to_id": claim, "type": "rebuts"}).apply(db)
    delete = DeleteRecord(Statement, claim)
    change = delete.apply(db)
    assert {"statement", "link"} <= change.tables
    assert _count(db, Link) == 0
    delete.revert(db)
    assert catalog.get(db, Statement, claim).text == "Russia will invade."
    with db.reading() as session:
        link = session.exec(select(Link)).scalars().one()
    assert (link.from_id, link.to_id, link.type) == (rebuttal, claim, "rebuts")


def test_a_speaker_still_quoted_cannot_be_deleted(db, speaker):
    _statement(db, speaker)
    with pytest.raises(OperationRefused, match="1 statement"):
        DeleteRecord(Speaker, speaker).apply(db)
    assert catalog.get(db, Speaker, speaker) is not None


def test_links_refuse_self_links_and_duplicates(db, speaker):
    first = _statement(db, speaker, "One.")
    second = _statement(db, speaker, "Two.")
    with pytest.raises(ValidationError, match="itself"):
        CreateRecord(Link, {"from_id": first, "to_id": first, "type": "rebuts"}).apply(db)
    CreateRecord(Link, {"from_id": first, "to_id": second, "type": "rebuts"}).apply(db)
    with pytest.raises(ValidationError, match="already linked"):
        CreateRecord(Link, {"from_id": first, "to_id": second, "type": "rebuts"}).apply(db)
    assert _count(db, Link) == 1


def test_the_database_itself_enforces_foreign_keys_and_self_links(db, speaker):
    from sqlalchemy.exc import IntegrityError

    statement_id = _statement(db, speaker)
    with pytest.raises(IntegrityError):
        with db.transaction() as session:
            session.add(Statement(text="orphan", speaker_id=9999))
    with pytest.raises(IntegrityError):
        with db.transaction() as session:
            session.add(Link(from_id=statement_id, to_id=statement_id, type="rebuts"))


def test_validation_names_every_problem(db):
    with pytest.raises(ValidationError) as raised:
        CreateRecord(Statement, {"text": "  ", "speaker_id": None}).apply(db)
    assert len(raised.value.problems) == 2
    assert _count(db, Statement) == 0


def test_a_duplicate_name_is_reported_in_words(db, speaker):
    with pytest.raises(ValidationError, match="already exists"):
        CreateRecord(Speaker, {"name": "Dmitry Peskov"}).apply(db)


def test_storage_runs_in_wal_mode_with_foreign_keys(db):
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_committed_change_is_visible_to_a_new_connection(tmp_path, speaker, db):
    from desktop.storage.database import Database

    statement_id = _statement(db, speaker, "Committed at once.")
    other = Database(db.url)
    try:
        assert catalog.get(other, Statement, statement_id).text == "Committed at once."
    finally:
        other.close()
