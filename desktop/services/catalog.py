"""Sides, speakers, outlets and stories, with how many statements each has."""

import weakref
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import select
from sqlmodel import SQLModel

from desktop.domain.entities import Outlet, Side, Speaker, Story
from desktop.domain.filters import NO_STORY, StatementFilter
from desktop.domain.ordering import name_order
from desktop.services.filtering import facet_counts, verdicts
from desktop.services.statement_columns import StatementColumns, columns_for
from desktop.services.wording import day_label
from desktop.storage.database import Database


@dataclass(frozen=True)
class Entry:
    """One navigator line: a story, side, speaker, outlet (by id) or verdict (by its words) and its statement count."""

    id: int | str
    name: str
    count: int
    detail: str = ""
    colour: str = ""


@dataclass(frozen=True)
class Catalog:
    """Everything the navigator lists, each entry counting the statements choosing it would show (the filter
    with the entry's own group left out: `filtering.FACETS`).

    `all_statements` and `unfiled` count the statements of any story and those in no story;
    `any_verdict` and `no_verdict` those of any verdict and those with none.
    """

    stories: list[Entry]
    sides: list[Entry]
    speakers: list[Entry]
    outlets: list[Entry]
    verdicts: list[Entry] = field(default_factory=list)
    all_statements: int = 0
    unfiled: int = 0
    any_verdict: int = 0
    no_verdict: int = 0


_listed: "weakref.WeakKeyDictionary[StatementColumns, dict[str, list[tuple]]]" = weakref.WeakKeyDictionary()


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


def _listing(db: Database, columns: StatementColumns) -> dict[str, list[tuple]]:
    """(id, name, detail, colour) of every story, side, speaker and outlet, in name order: read once per
    change to the data (each change makes new columns), not once per filter."""
    known = _listed.get(columns)
    if known is not None:
        return known
    with db.reading() as session:
        stories = _by_name(session.exec(select(Story)).scalars())
        sides = _by_name(session.exec(select(Side)).scalars())
        speakers = _by_name(session.exec(select(Speaker)).scalars())
        outlets = _by_name(session.exec(select(Outlet)).scalars())
    side_names = {side.id: side.name for side in sides}
    known = {
        "story": [(s.id, s.name, s.description, "") for s in stories],
        "side": [(s.id, s.name, "", s.colour) for s in sides],
        "speaker": [(s.id, s.name, ", ".join(p for p in (s.role, side_names.get(s.side_id, "")) if p), "") for s in speakers],
        "outlet": [(o.id, o.name, ", ".join(p for p in (o.kind, o.country) if p), "") for o in outlets],
    }
    _listed[columns] = known
    return known


def catalog(db: Database, chosen: StatementFilter = StatementFilter()) -> Catalog:
    """Stories, sides, verdicts, speakers and outlets, each counted under the filter with its own group
    left out (counted in numpy over the columns)."""
    columns = columns_for(db)
    counts = {group: counted.tolist() for group, counted in facet_counts(db, columns, chosen).items()}
    listed = _listing(db, columns)

    def count(group: str, key: int) -> int:
        counted = counts[group]
        return counted[key] if 0 <= key < len(counted) else 0

    def entries(group: str) -> list[Entry]:
        return [Entry(i, name, count(group, i), detail, colour) for i, name, detail, colour in listed[group]]

    named = sorted(enumerate(verdicts(db, columns).names, start=1), key=lambda pair: name_order(pair[1]))
    return Catalog(
        stories=entries("story"),
        sides=entries("side"),
        speakers=entries("speaker"),
        outlets=entries("outlet"),
        verdicts=[Entry(name, name, count("verdict", code)) for code, name in named],
        all_statements=sum(counts["story"]),
        unfiled=count("story", NO_STORY),
        any_verdict=sum(counts["verdict"]),
        no_verdict=count("verdict", 0),
    )


def story_size(db: Database, story_id: int) -> int:
    """How many statements a story holds."""
    return int(np.count_nonzero(columns_for(db).story == story_id))


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
    """The filter in words, e.g. 'Story: Troop build-up · Speaker: Dmitry Peskov · Verdict: False · Words: troops'
    or 'Answers from Dmitry Peskov to Antony Blinken'; empty when none."""
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
        if chosen.answers is not None:
            answering, answered = (session.get(Speaker, speaker_id) for speaker_id in chosen.answers)
            names = [speaker.name if speaker is not None else "a deleted speaker" for speaker in (answering, answered)]
            parts.append(f"Answers from {names[0]} to {names[1]}")
    if chosen.verdict is not None:
        parts.append(f"Verdict: {chosen.verdict or 'none'}")
    if chosen.date_from or chosen.date_to:
        start, end = (day_label(day, "…") for day in (chosen.date_from, chosen.date_to))
        parts.append(f"Dates: {start} to {end}")
    if chosen.text.strip():
        parts.append(f"Words: {chosen.text.strip()}")
    return " · ".join(parts)
