"""CSV export: one statement a row, safe to open in a spreadsheet, and importable again."""

import csv
from pathlib import Path

from desktop.domain.filters import StatementFilter
from desktop.domain.values import LinkType
from desktop.services.csv_cells import COLUMNS, neutralise
from desktop.services.exporting.output_file import written_beside
from desktop.services.exporting.rows import Progress, chosen_ids, export_rows, links_between
from desktop.storage.database import Database


def _number(value: float | None) -> str:
    """A rating written exactly: 4.0 → '4', 0.1 → '0.1'."""
    return "" if value is None else repr(value).removesuffix(".0")


def write_csv(db: Database, path: Path, chosen: StatementFilter | None = None, progress: Progress | None = None) -> int:
    """Write the chosen statements (all by default) as UTF-8 CSV with a BOM, for Excel; returns how many.

    `progress` is told how far the writing is (see `export_rows`)."""
    ids = chosen_ids(db, chosen)
    if progress is not None:
        progress(0, len(ids))  # a first chance to stop, before the links are gathered
    links = links_between(db, set(ids), (LinkType.REBUTS.value, LinkType.RESPONDS_TO.value))
    count = 0
    with written_beside(path, db, encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(COLUMNS)
        for row in export_rows(db, ids, progress):
            statement = row.statement
            targets = links.get(statement.id, [])
            cells = (
                str(statement.id), statement.text, statement.said_on.isoformat() if statement.said_on else "",
                row.speaker.name, row.speaker.role, row.side.name if row.side else "",
                row.outlet.name if row.outlet else "", statement.url, "yes" if statement.is_quote else "no",
                " ".join(str(to) for kind, to in targets if kind == LinkType.REBUTS.value),
                " ".join(str(to) for kind, to in targets if kind == LinkType.RESPONDS_TO.value),
                statement.verdict, _number(statement.rating_value), _number(statement.rating_best),
                _number(statement.rating_worst), statement.verdict_explanation, statement.note,
            )
            writer.writerow([neutralise(cell) for cell in cells])
            count += 1
    return count
