"""Every export format, for the export dialog and the command line alike."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.filters import StatementFilter
from desktop.services.exporting.brief import write_brief_html
from desktop.services.exporting.claimreview import write_claimreview
from desktop.services.exporting.csv_export import write_csv
from desktop.services.exporting.parallax_json import write_parallax_json
from desktop.services.timeline import Bucket
from desktop.storage.database import Database
from desktop.ui.exporting.brief_pdf import write_brief_pdf
from desktop.ui.exporting.chart_image import save_chart


@dataclass(frozen=True)
class ExportScope:
    """What to export: the statements under a filter, the two sides compared, the chart's bucket."""

    chosen: StatementFilter = field(default_factory=StatementFilter)
    left: int | None = None
    right: int | None = None
    bucket: Bucket = Bucket.WEEK


@dataclass(frozen=True)
class ExportFormat:
    key: str
    label: str
    suffix: str
    description: str
    write: Callable[[Database, Path, ExportScope], str]
    whole_view: bool = False  # the comparison or chart as shown: always the current filter and sides


def _statements(count: int) -> str:
    return f"{count} statement{'s' if count != 1 else ''}"


FORMATS = (
    ExportFormat("csv", "CSV spreadsheet", ".csv", "One statement a row; opens in Excel (UTF-8), formulas neutralised.",
                 lambda db, path, scope: _statements(write_csv(db, path, scope.chosen))),
    ExportFormat("json", "Parallax JSON", ".json", "Everything, to import into another Parallax with nothing lost.",
                 lambda db, path, scope: _statements(write_parallax_json(db, path, scope.chosen))),
    ExportFormat("claimreview", "ClaimReview JSON-LD", ".jsonld", "schema.org fact-check markup for each statement with a verdict.",
                 lambda db, path, scope: f"{write_claimreview(db, path, scope.chosen)} ClaimReviews"),
    ExportFormat("brief-pdf", "Brief (PDF)", ".pdf", "The side-by-side comparison as shown, ready to hand to a reader.",
                 lambda db, path, scope: _statements(write_brief_pdf(db, path, scope.chosen, scope.left, scope.right)), True),
    ExportFormat("brief-html", "Brief (HTML)", ".html", "The side-by-side comparison as shown, as a web page.",
                 lambda db, path, scope: _statements(write_brief_html(db, path, scope.chosen, scope.left, scope.right)), True),
    ExportFormat("chart-png", "Timeline chart (PNG)", ".png", "The timeline as shown, as a picture.",
                 lambda db, path, scope: _statements(sum(save_chart(db, path, scope.chosen, scope.bucket).values())), True),
    ExportFormat("chart-svg", "Timeline chart (SVG)", ".svg", "The timeline as shown, as a drawing that scales.",
                 lambda db, path, scope: _statements(sum(save_chart(db, path, scope.chosen, scope.bucket).values())), True),
)
BY_KEY = {f.key: f for f in FORMATS}


def export(db: Database, key: str, path: Path, scope: ExportScope) -> str:
    """Write one export; returns what was written, e.g. '16 statements'."""
    path = Path(path)
    if not path.parent.is_dir():  # Qt's PDF and SVG writers fail without a word
        raise OSError(f"the folder {path.parent} does not exist")
    return BY_KEY[key].write(db, path, scope)
