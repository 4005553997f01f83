"""Both versions of a record two editors changed at once, in words, for the editor to choose from."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from desktop.domain.entities import Document, Outlet, Side, Speaker, Story
from desktop.services.errors import ConflictError
from desktop.storage.database import Database

_HIDDEN = {"id", "version", "created_at", "updated_at", "span_start", "span_end"}
_LABELS = {"said_on": "Date", "is_quote": "Direct quote", "url": "Link", "side_id": "Side (own)"}
_REFERENCES = {"speaker_id": Speaker, "side_id": Side, "outlet_id": Outlet, "story_id": Story, "document_id": Document}


@dataclass(frozen=True)
class ConflictView:
    """The record as this editor would save it and as it is stored now, one field a line."""

    title: str
    message: str
    mine: str
    theirs: str
    differences: list[str]


def _label(name: str) -> str:
    return _LABELS.get(name) or name.removesuffix("_id").replace("_", " ").capitalize()


def _names(db: Database, records: list[dict]) -> dict[tuple[str, int], str]:
    """The name (or title) of every row the records refer to."""
    wanted: dict[str, set[int]] = {}
    for record in records:
        for field in _REFERENCES.keys() & record.keys():
            if record[field] is not None:
                wanted.setdefault(field, set()).add(record[field])
    names = {}
    with db.reading() as session:
        for field, ids in wanted.items():
            model = _REFERENCES[field]
            label = model.title if model is Document else model.name
            for row_id, name in session.execute(select(model.id, label).where(model.id.in_(ids))):
                names[field, row_id] = name
    return names


def _blank(value) -> bool:
    return value is None or value == "" or value == []


def _text(field: str, value, names: dict) -> str:
    if _blank(value):
        return "—"
    if field in _REFERENCES:
        return names.get((field, value), f"#{value} (no longer exists)")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _lines(record: dict, fields: list[str], names: dict) -> str:
    return "\n".join(f"{_label(field)}: {_text(field, record.get(field), names)}" for field in fields)


def describe_conflict(db: Database, conflict: ConflictError) -> ConflictView:
    """Both versions of the record, with the fields they differ in."""
    theirs = conflict.theirs
    mine = None if conflict.mine is None else {**theirs, **conflict.mine}
    fields = [
        field for field in theirs
        if field not in _HIDDEN and not (_blank(theirs[field]) and _blank((mine or {}).get(field)))
    ]
    names = _names(db, [theirs, mine or {}])
    differences = [_label(field) for field in fields if mine is not None and mine.get(field) != theirs.get(field)]
    return ConflictView(
        title=f"{conflict.table.capitalize()} changed by someone else",
        message=f"Someone else saved this {conflict.table} after you opened it, so your change was not saved. "
        "Choose the version to keep.",
        mine=f"(you deleted this {conflict.table})" if mine is None else _lines(mine, fields, names),
        theirs=_lines(theirs, fields, names),
        differences=differences,
    )
