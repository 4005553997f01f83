"""Sides, speakers, outlets and stories, with how many statements each has."""

from dataclasses import dataclass

import numpy as np
from sqlalchemy import select
from sqlmodel import SQLModel

from desktop.domain.entities import Outlet, Side, Speaker
from desktop.domain.filters import StatementFilter
from desktop.domain.ordering import name_order
from desktop.services.statement_columns import columns_for
from desktop.services.wording import day_label
from desktop.storage.database import Database


@dataclass(frozen=True)
class Entry:
    """One navigator line: a side, speaker or outlet and its statement count."""

    id: int
    name: str
    count: int
    detail: str = ""
    colour: str = ""


@dataclass(frozen=True)
class Catalog:
    """Everything the navigator lists, counted over the whole database."""

    sides: list[Entry]
    speakers: list[Entry]
    outlets: list[Entry]


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


def catalog(db: Database) -> Catalog:
    """Sides, speakers and outlets with their statement counts (counted in numpy)."""
    columns = columns_for(db)
    side_counts = _counts(columns.side)
    speaker_counts = _counts(columns.columns["speaker"])
    outlet_counts = _counts(columns.columns["outlet"])
    with db.reading() as session:
        sides = _by_name(session.exec(select(Side)).scalars())
        side_names = {side.id: side.name for side in sides}
        speakers = _by_name(session.exec(select(Speaker)).scalars())
        outlets = _by_name(session.exec(select(Outlet)).scalars())
    return Catalog(
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
    )


def default_pair(sides: list[Side]) -> tuple[int | None, int | None]:
    """The two sides to compare first: United States and Russia when present, else the first two."""
    by_name = {side.name: side.id for side in sides}
    preferred = [by_name.get("United States"), by_name.get("Russia")]
    if None not in preferred:
        return preferred[0], preferred[1]
    ids = [side.id for side in sides] + [None, None]
    return ids[0], ids[1]



def describe_filter(db: Database, chosen: StatementFilter) -> str:
    """The filter in words, e.g. 'Speaker: Dmitry Peskov · Words: false'; empty when none."""
    parts = []
    with db.reading() as session:
        for label, model, row_id in (
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
