"""The editing session tests/test_crash_safety.py kills: statements added and edited in a loop.

    python tests/crash_editor.py DATABASE FIRST_NUMBER

Every change goes through the operations the GUI uses, one transaction each, and is
printed as `ID VERSION` (flushed) only once it is committed, so whatever the parent
read before killing this process must be in the database afterwards.
"""

import sys

from sqlalchemy import select

from desktop.domain.entities import Speaker, Statement
from desktop.services.operations import CreateRecord, UpdateRecord
from desktop.storage.database import Database

MARK = "crash-test edit"
EDITS_PER_STATEMENT = 3


def edit_text(number: int, version: int) -> str:
    """The text of edited statement `number` at `version`."""
    return f"{MARK} {number} version {version}"


def version_of(text: str) -> int:
    """The version an edited statement's text records."""
    return int(text.rsplit(" ", 1)[1])


def main(path: str, first: int) -> None:
    db = Database(path)
    with db.reading() as session:
        speaker_id = session.execute(select(Speaker.id).limit(1)).scalar_one()
    number = first
    while True:
        created = CreateRecord(Statement, {"text": edit_text(number, 0), "speaker_id": speaker_id, "note": MARK})
        created.apply(db)
        print(created.created_id, 0, flush=True)
        for version in range(1, EDITS_PER_STATEMENT + 1):
            UpdateRecord(Statement, created.created_id, {"text": edit_text(number, version)}).apply(db)
            print(created.created_id, version, flush=True)
        number += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
