"""Sides, speakers, outlets and stories, with how many statements each has."""

from dataclasses import dataclass

import numpy as np
from sqlalchemy import select
from sqlmodel import SQLModel

from desktop.domain.entities import Outlet, Side, Speaker, Story
from desktop.domain.filters import NO_STORY, StatementFilter
from desktop.domain.ordering import name_order
from desktop.services.statement_columns import columns_for
from desktop.services.wording import day_label
from desktop.storage.database import Database


@dataclass(frozen=True)
class Entry:
    """One navigator line: a story, side, speaker or outlet and its statement count."""

    id: int
    name: str
    count: int
    detail: str = ""
    colour: str = ""


@dataclass(frozen=True)
class Catalog:
    """Everything the navigator lists: the stories counted over the whole database, the rest within the chosen story.

    `all_statements` and `unfiled` count every statement and those in no story.
    """

    stories: list[Entry]
    sides: list[Entry]
    speakers: list[Entry]
    outlets: list[Entry]
    all_statements: int = 0
    unfiled: int = 0


def _by_name(rows) -> list:
    """Rows in the order a reader expects their names in, case and accents aside."""
    return sorted(rows, key=lambda row: name_order(row.name))


def all_rows(db: Database, model: type[SQLModel]) -> list:
    """Every row of a small table, ordered by name."""
    with db.reading() as session:
        return _by_name(session.exec(select(model)).scalars())


def get(db: Database, model: type[SQLModel], row_id: int):
    """One row by id, or None."""
    with db.reading() as session:
        return session.get(model, row_id)


def choices(db: Database, model: type[SQLModel]) -> list[tuple[int, str]]:
    """(id, name) pairs for pickers."""
    return [(row.id, row.name) for row in all_rows(db, model)]


def _counts(values: np.ndarray) -> dict[int, int]:
    counted = np.bincount(values[values > 0]) if len(values) else np.zeros(0, dtype=np.int64)
    return {int(key): int(counted[key]) for key in np.flatnonzero(counted)}


def catalog(db: Database, story_id: int | None = None) -> Catalog:
    """Stories, sides, speakers and outlets with their statement counts (counted in numpy); those of the
    sides, speakers and outlets within the story chosen, if one is."""
    columns = columns_for(db)
    stories = columns.columns["story"]
    in_story = slice(None) if story_id is None else stories == story_id
    side_counts = _counts(columns.side[in_story])
    speaker_counts = _counts(columns.columns["speaker"][in_story])
    outlet_counts = _counts(columns.columns["outlet"][in_story])
    story_counts = _counts(stories)
    with db.reading() as session:
        story_rows = _by_name(session.exec(select(Story)).scalars())
        sides = _by_name(session.exec(select(Side)).scalars())
        side_names = {side.id: side.name for side in sides}
        speakers = _by_name(session.exec(select(Speaker)).scalars())
        outlets = _by_name(session.exec(select(Outlet)).scalars())
    return Catalog(
        stories=[Entry(s.id, s.name, story_counts.get(s.id, 0), detail=s.description) for s in story_rows],
        sides=[Entry(s.id, s.name, side_counts.get(s.id, 0), colour=s.colour) for s in sides],
        speakers=[
            Entry(
                s.id,
                s.name,
                speaker_counts.get(s.id, 0),
                detail=", ".join(p for p in (s.role, side_names.get(s.side_id, "")) if p),
            )
            for s in speakers
        ],
        outlets=[
            Entry(o.id, o.name, outlet_counts.get(o.id, 0), detail=", ".join(p for p in (o.kind, o.country) if p))
            for o in outlets
        ],
        all_statements=columns.count,
        unfiled=int(np.count_nonzero(stories == NO_STORY)),
    )


def story_size(db: Database, story_id: int) -> int:
    """How many statements a story holds."""
    return int(np.count_nonzero(columns_for(db).columns["story"] == story_id))


def story_filter(db: Database, name: str | None) -> StatementFilter:
    """The filter choosing the story of that name (case aside), or every statement for no name.

    Raises ValueError, naming the stories there are, when no story has that name.
    """
    if name is None:
        return StatementFilter()
    stories = all_rows(db, Story)
    found = next((story.id for story in stories if story.name.casefold() == name.strip().casefold()), None)
    if found is None:
        raise ValueError(f"no story is named {name!r} (stories: {', '.join(s.name for s in stories) or 'none'})")
    return StatementFilter(story_id=found)


def default_pair(sides: list[Side]) -> tuple[int | None, int | None]:
    """The two sides to compare first: United States and Russia when present, else the first two."""
    by_name = {side.name: side.id for side in sides}
    preferred = [by_name.get("United States"), by_name.get("Russia")]
    if None not in preferred:
        return preferred[0], preferred[1]
    ids = [side.id for side in sides] + [None, None]
    return ids[0], ids[1]



def describe_filter(db: Database, chosen: StatementFilter) -> str:
    """The filter in words, e.g. 'Story: Troop build-up · Speaker: Dmitry Peskov · Words: false'; empty when none."""
    parts = ["Story: none"] if chosen.story_id == NO_STORY else []
    with db.reading() as session:
        for label, model, row_id in (
            ("Story", Story, chosen.story_id),
            ("Side", Side, chosen.side_id),
            ("Speaker", Speaker, chosen.speaker_id),
            ("Outlet", Outlet, chosen.outlet_id),
        ):
            row = session.get(model, row_id) if row_id is not None else None
            if row is not None:
                parts.append(f"{label}: {row.name}")
    if chosen.date_from or chosen.date_to:
        start, end = (day_label(day, "…") for day in (chosen.date_from, chosen.date_to))
        parts.append(f"Dates: {start} to {end}")
    if chosen.text.strip():
        parts.append(f"Words: {chosen.text.strip()}")
    return " · ".join(parts)
