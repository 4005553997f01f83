"""Every export format, for the export dialog and the command line alike."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.filters import StatementFilter
from desktop.services.exporting.claimreview import write_claimreview
from desktop.services.exporting.csv_export import write_csv
from desktop.services.exporting.output_file import refuse_database_files
from desktop.services.exporting.parallax_json import write_parallax_json
from desktop.services.timeline import Bucket
from desktop.services.wording import plural
from desktop.storage.database import Database
from desktop.ui.exporting.brief_document import TypesetBrief, typeset_brief
from desktop.ui.exporting.chart_image import save_chart


@dataclass(frozen=True)
class ExportScope:
    """What to export: the statements under a filter, the two sides compared, the chart's bucket,
    and the brief's title ('' for one made from the sides)."""

    chosen: StatementFilter = field(default_factory=StatementFilter)
    left: int | None = None
    right: int | None = None
    bucket: Bucket = Bucket.WEEK
    title: str = ""


Progress = Callable[[int, int], None]  # statements written, in all; what it raises stops the export


class ExportCancelled(Exception):
    """Raised by a progress callback to stop an export; the file is then left as it was."""


@dataclass(frozen=True)
class ExportFormat:
    key: str
    label: str
    suffix: str
    description: str
    write: Callable[[Database, Path, ExportScope, Progress | None], str]
    whole_view: bool = False  # the comparison or chart as shown: always the current filter and sides
    threaded: bool = True  # written without Qt's GUI classes, so it may be written off the GUI thread
    brief: Callable[[TypesetBrief, Path], int] | None = None  # a brief: previewed, then written from its pages


def _brief_format(key: str, label: str, suffix: str, description: str, write: Callable[[TypesetBrief, Path], int]) -> ExportFormat:
    """A format of the brief: laid out on the GUI thread (Qt draws its chart), then written."""

    def export_brief(db: Database, path: Path, scope: ExportScope, _progress) -> str:
        typeset = typeset_brief(db, scope.chosen, scope.left, scope.right, scope.bucket, scope.title)
        return _statements(write(typeset, path))

    return ExportFormat(key, label, suffix, description, export_brief, whole_view=True, threaded=False, brief=write)


def _statements(count: int) -> str:
    return plural(count, "statement")


def _chart(db: Database, path: Path, scope: ExportScope) -> str:
    """The chart of the sides compared, as shown; says how many statements it draws."""
    sides = [side for side in (scope.left, scope.right) if side is not None]
    return _statements(sum(save_chart(db, path, scope.chosen, scope.bucket, sides).totals().values()))


FORMATS = (
    ExportFormat("csv", "CSV spreadsheet", ".csv", "One statement a row; opens in Excel (UTF-8), formulas neutralised.",
                 lambda db, path, scope, progress: _statements(write_csv(db, path, scope.chosen, progress))),
    ExportFormat("json", "Parallax JSON", ".json", "Everything, to import into another Parallax with nothing lost.",
                 lambda db, path, scope, progress: _statements(write_parallax_json(db, path, scope.chosen, progress))),
    ExportFormat("claimreview", "ClaimReview JSON-LD", ".jsonld", "schema.org fact-check markup for each statement with a verdict.",
                 lambda db, path, scope, progress: f"{write_claimreview(db, path, scope.chosen, progress=progress)} ClaimReviews"),
    _brief_format("brief-pdf", "Brief (PDF)", ".pdf",
                  "A summary, the chart, each claim with its answers and the sources, on A4 pages to publish.",
                  TypesetBrief.write_pdf),
    _brief_format("brief-odt", "Brief (OpenDocument text)", ".odt",
                  "The same brief to edit further; Word, LibreOffice and Google Docs open it.",
                  TypesetBrief.write_odt),
    _brief_format("brief-html", "Brief (HTML)", ".html", "The same brief as a web page, its chart inside it.",
                  TypesetBrief.write_html),
    ExportFormat("chart-png", "Timeline chart (PNG)", ".png", "The timeline as shown, as a picture.",
                 lambda db, path, scope, _: _chart(db, path, scope), whole_view=True, threaded=False),
    ExportFormat("chart-svg", "Timeline chart (SVG)", ".svg", "The timeline as shown, as a drawing that scales.",
                 lambda db, path, scope, _: _chart(db, path, scope), whole_view=True, threaded=False),
)
BY_KEY = {f.key: f for f in FORMATS}


def export(db: Database, key: str, path: Path, scope: ExportScope, progress: Progress | None = None) -> str:
    """Write one export; returns what was written, e.g. '16 statements'.

    Refuses a file of the database before anything is drawn; each format writes in `written_beside`."""
    refuse_database_files(db, path)
    return BY_KEY[key].write(db, Path(path), scope, progress)


def save_brief(db: Database, typeset: TypesetBrief, key: str, path: Path) -> str:
    """Write a brief already laid out (the one previewed) in the format `key`, never over a file of `db`."""
    refuse_database_files(db, path)
    return _statements(BY_KEY[key].brief(typeset, Path(path)))
