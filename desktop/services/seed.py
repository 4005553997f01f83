"""The hand-curated seed story that a first launch opens.

The data set (seeds/seed-story.json) names speakers, outlets and statements by
name or key and quotes, for every statement, the passage of the article it came
from; the loader finds that passage in the article to set the statement's span.
"""

import json
from datetime import date
from pathlib import Path

from desktop.domain.entities import Document, Link, Outlet, Side, Speaker, Statement, Story
from desktop.domain.extraction.layout import without_furniture
from desktop.domain.extraction.sides import camp_cues
from desktop.domain.side_colours import side_colour
from desktop.domain.values import LinkType
from desktop.paths import seeds_dir
from desktop.storage.database import Database

SEED_FILE = seeds_dir() / "seed-story.json"
SEED_FORMAT = "parallax-seed"
SEED_VERSION = 1


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _named(rows: dict, name: str, what: str, where: str):
    if name not in rows:
        raise ValueError(f"{where} names an unknown {what}: {name!r}.")
    return rows[name]


def _span(text: str, excerpt: str, key: str) -> tuple[int, int]:
    """The offsets of the excerpt in the text, which must hold it exactly once."""
    start = text.find(excerpt)
    if not excerpt or start < 0:
        raise ValueError(f"Statement {key!r}: its excerpt is not in the document.")
    if text.find(excerpt, start + 1) >= 0:
        raise ValueError(f"Statement {key!r}: its excerpt occurs more than once in the document.")
    return start, start + len(excerpt)


def load_seed(db: Database, path: Path | None = None) -> int:
    """Load the seed data set in one transaction and return how many statements it added.

    Raises ValueError, and leaves the database unchanged, if the data set is not
    sound: an excerpt missing or ambiguous, or a name or key that refers to nothing.
    """
    path = path or SEED_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != SEED_FORMAT or data.get("version") != SEED_VERSION:
        raise ValueError(f"{path.name} is not a version {SEED_VERSION} {SEED_FORMAT} file.")
    source = data["document"]
    # Read as an imported article is, so the seed's document is the text reading its file gives.
    text = without_furniture((path.parent / source["text_file"]).read_bytes().decode("utf-8")).text

    with db.transaction() as session:
        story = Story(**data["story"])
        sides: dict[str, Side] = {}
        for row in data["sides"]:
            sides[row["name"]] = Side(
                name=row["name"], colour=side_colour(row["name"], (s.colour for s in sides.values())),
                cues=row.get("cues", list(camp_cues(row["name"]))),
            )
        outlets = {row["name"]: Outlet(**row) for row in data["outlets"]}
        document = Document(
            title=source["title"],
            url=source["url"],
            publisher=source["publisher"],
            published_on=_date(source["published_on"]),
            text=text,
        )
        session.add_all([story, document, *sides.values(), *outlets.values()])
        session.flush()

        speakers = {
            row["name"]: Speaker(
                name=row["name"],
                kind=row["kind"],
                role=row["role"],
                aliases=row["aliases"],
                side_id=_named(sides, row["side"], "side", f"Speaker {row['name']!r}").id,
            )
            for row in data["speakers"]
        }
        session.add_all(speakers.values())
        session.flush()

        statements: dict[str, Statement] = {}
        for row in data["statements"]:
            key = row["key"]
            if key in statements:
                raise ValueError(f"Statement key {key!r} is used twice.")
            where = f"Statement {key!r}"
            speaker = _named(speakers, row["speaker"], "speaker", where)
            start, end = _span(text, row["excerpt"], key)
            statements[key] = Statement(
                text=row["text"],
                is_quote=row["is_quote"],
                said_on=_date(row["said_on"]),
                speaker_id=speaker.id,
                outlet_id=_named(outlets, row["outlet"], "outlet", where).id,
                document_id=document.id,
                span_start=start,
                span_end=end,
                story_id=story.id,
                note=row.get("note", ""),
            )
        session.add_all(statements.values())
        session.flush()

        for row in data["links"]:
            where = f"Link {row['from']!r} → {row['to']!r}"
            session.add(
                Link(
                    from_id=_named(statements, row["from"], "statement key", where).id,
                    to_id=_named(statements, row["to"], "statement key", where).id,
                    type=LinkType(row["type"]).value,
                )
            )
    return len(statements)


def load_seed_if_empty(db: Database) -> bool:
    """Load the seed data set into an empty database; True if it was loaded."""
    if not db.is_empty():
        return False
    load_seed(db)
    return True
