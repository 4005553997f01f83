"""Errors the services report to an editor in plain words.

A write that never gets the database's write lock raises `desktop.storage.database.DatabaseBusy`,
also in words, shown the same way.
"""


class ParallaxError(Exception):
    """Base of the errors an editor is shown as a message."""


class ValidationError(ParallaxError):
    """Values an editor entered that cannot be stored; one message per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class OperationRefused(ParallaxError):
    """A change that would break the data, such as deleting a speaker still in use."""


class ConflictError(ParallaxError):
    """Someone else changed the row since this editor read it, so nothing was saved.

    `mine` holds the values this editor's change would write (None for a deletion),
    `theirs` the row as it is now stored, and `version` its version now: the same change
    made to expect that version overwrites theirs ("keep mine").
    """

    def __init__(self, table: str, row_id: int, mine: dict | None, theirs: dict, version: int):
        super().__init__(f"Someone else changed this {table} since you opened it, so your change was not saved.")
        self.table, self.row_id, self.mine, self.theirs, self.version = table, row_id, mine, theirs, version
