"""The brief laid out as an A4 PDF by Qt's text engine, page numbers included."""

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desktop import APP_NAME
from desktop.domain.filters import StatementFilter
from desktop.services.exporting.brief import brief_html
from desktop.storage.database import Database

_DPI = 300
_MARGIN_MM = 14


def write_brief_pdf(db: Database, path: Path, chosen: StatementFilter, left: int | None, right: int | None) -> int:
    """Write the brief as a PDF; returns how many statements it shows.

    The document is given no page size of its own, so Qt lays it out at screen
    resolution on the page's area, scales it to the printer and numbers the pages.
    """
    html = brief_html(db, chosen, left, right, bands=False)
    writer = QPdfWriter(str(path))
    writer.setResolution(_DPI)
    writer.setCreator(APP_NAME)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
            QMarginsF(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM, _MARGIN_MM), QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setDefaultFont(QFont("DejaVu Sans", 9))
    document.setHtml(html)
    title = document.metaInformation(QTextDocument.MetaInformation.DocumentTitle)
    writer.setTitle(title)
    document.print_(writer)
    return html.count('<p class="text">')
