"""Parallax JSON: every table of a database (or of the chosen statements), nothing lost.

The layout is documented in docs/FORMATS.md: one object with "format": "parallax" and
"version": 1, then sides, stories, speakers, outlets, documents, statements and links,
one entry a line, names standing for rows and ids only within the file.
"""

import json
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import select

from desktop import APP_NAME, __version__
from desktop.domain.entities import Document, Outlet, Side, Speaker, Story
from desktop.domain.filters import StatementFilter
from desktop.services.exporting.output_file import written_beside
from desktop.services.exporting.rows import Progress, chosen_ids, export_rows, links_between
from desktop.services.importing.json_reader import PARALLAX_FORMAT, PARALLAX_VERSION
from desktop.storage.database import Database

STATEMENT_FIELDS = (
    "text", "is_quote", "said_on", "url", "note", "verdict", "rating_value", "rating_best", "rating_worst",
    "verdict_explanation", "span_start", "span_end", "created_at", "updated_at",
)


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _all(db: Database, model, ids: set[int] | None) -> list:
    with db.reading() as session:
        rows = session.execute(select(model).order_by(model.id)).scalars().all()
    return [row for row in rows if ids is None or row.id in ids]


def _section(file, name: str, entries) -> None:
    """One list of the file, an entry a line."""
    file.write(f',\n "{name}": [')
    for number, entry in enumerate(entries):
        file.write(("," if number else "") + "\n  " + json.dumps(entry, ensure_ascii=False))
    file.write("\n ]")


def write_parallax_json(
    db: Database, path: Path, chosen: StatementFilter | None = None, progress: Progress | None = None
) -> int:
    """Write the chosen statements (all by default) and what they refer to; returns how many statements.

    `progress` is told how far the writing is (see `export_rows`)."""
    everything = chosen is None or chosen.is_empty
    ids = chosen_ids(db, chosen)
    rows = list(export_rows(db, ids, progress)) if not everything else None
    used = {"speaker": None, "outlet": None, "story": None, "document": None, "side": None}
    if rows is not None:
        used = {key: {getattr(r.statement, f"{key}_id") for r in rows} for key in used}
        speakers_used = _all(db, Speaker, used["speaker"])
        used["side"] |= {s.side_id for s in speakers_used}
    side_names = {side.id: side.name for side in _all(db, Side, None)}
    header = {"format": PARALLAX_FORMAT, "version": PARALLAX_VERSION, "generator": f"{APP_NAME} {__version__}",
              "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    with written_beside(path, db, encoding="utf-8", newline="\n") as file:
        file.write("{" + json.dumps(header, ensure_ascii=False)[1:-1])
        _section(file, "sides", ({"name": s.name, "colour": s.colour, "cues": s.cues} for s in _all(db, Side, used["side"])))
        _section(file, "stories", ({"name": s.name, "description": s.description} for s in _all(db, Story, used["story"])))
        _section(file, "speakers", (
            {"name": s.name, "kind": s.kind, "role": s.role, "side": side_names.get(s.side_id), "aliases": s.aliases}
            for s in _all(db, Speaker, used["speaker"])
        ))
        _section(file, "outlets", ({"name": o.name, "country": o.country, "kind": o.kind} for o in _all(db, Outlet, used["outlet"])))
        _section(file, "documents", (
            {"id": d.id, "title": d.title, "url": d.url, "publisher": d.publisher,
             "published_on": _plain(d.published_on), "text": d.text}
            for d in _all(db, Document, used["document"])
        ))
        count = 0

        def statements():
            nonlocal count
            for row in rows if rows is not None else export_rows(db, ids, progress):
                s = row.statement
                count += 1
                yield {
                    "id": s.id, "speaker": row.speaker.name, "side": row.own_side.name if row.own_side else None,
                    "outlet": row.outlet.name if row.outlet else None, "story": row.story.name if row.story else None,
                    "document": s.document_id, **{name: _plain(getattr(s, name)) for name in STATEMENT_FIELDS},
                }

        _section(file, "statements", statements())
        links = links_between(db, set(ids))
        _section(file, "links", (
            {"from": from_id, "to": to_id, "type": kind} for from_id, targets in links.items() for kind, to_id in targets
        ))
        file.write("\n}\n")
    return count
