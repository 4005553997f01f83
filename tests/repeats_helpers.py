"""The seed story with a few repeated lines added, for the repeats tests and the panel's screenshots."""

from datetime import date

from sqlalchemy import select

from desktop.domain.entities import Outlet, Side, Speaker, Statement
from desktop.services import catalog
from desktop.services.operations import CreateRecord

# The seed's own lines, by their opening words.
PESKOV_FALSE = "Media reports that Russia intends"
KREMLIN_FALSE = "Media reports claiming that Russia"
PESKOV_NO_THREAT = "Russian military movements on Russian soil"


def named(db, model, name: str) -> int:
    return next(row.id for row in catalog.all_rows(db, model) if row.name == name)


def statement_id(db, opening: str) -> int:
    with db.reading() as session:
        return session.execute(select(Statement.id).where(Statement.text.startswith(opening)).order_by(Statement.id)).scalars().first()


def add(db, text: str, speaker: str, outlet: int, said_on: date | None, **more) -> int:
    operation = CreateRecord(
        Statement, {"text": text, "speaker_id": named(db, Speaker, speaker), "outlet_id": outlet, "said_on": said_on, **more}
    )
    operation.apply(db)
    return operation.created_id


def add_repeats(db) -> dict[str, int]:
    """Lines added to the seed: two repeats of Russia's (one in Russian, through TASS), a paraphrase that
    is not one, and Russia's words said by the United States' side."""
    tass = CreateRecord(Outlet, {"name": "TASS", "country": "Russia", "kind": "state media"})
    tass.apply(db)
    ap = named(db, Outlet, "The Associated Press")
    return {
        "again": add(
            db, "Russian military movements on Russian soil should not be a source of concern for anyone: Moscow poses no threat to anyone.",
            "Dmitry Peskov", ap, date(2021, 11, 19),
        ),
        "russian": add(
            db, "Сообщения СМИ о том, что Россия намерена вторгнуться на территорию Украины, ложны и беспочвенны.",
            "Dmitry Peskov", tass.created_id, date(2021, 11, 15),
        ),
        "paraphrase": add(
            db, "Claims in the press that Moscow plans an attack on its neighbour are untrue.", "Dmitry Peskov", tass.created_id,
            date(2021, 11, 16),
        ),
        "other_camp": add(
            db, "Media reports that Russia intends to invade Ukrainian territory are false and groundless.", "Antony Blinken", ap,
            date(2021, 11, 17),
        ),
        "other_side_override": add(
            db, "Russian military movements on Russian soil should not be a source of concern for anyone, and Moscow poses no threat.",
            "Dmitry Peskov", ap, date(2021, 11, 18), side_id=named(db, Side, "United States"),
        ),
    }
