"""The brief laid out on A4 pages by Qt's text engine: the preview, the PDF and the OpenDocument text.

The pages are laid out once, at 96 px an inch with the fonts' design metrics, and drawn
scaled onto whatever shows or prints them, so the preview shows the very pages the PDF
holds. Each page ends with the brief's title and its page number.
"""

from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPagedPaintDevice,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextDocumentWriter,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextFormat,
    QTextLength,
    QTextTable,
)

from desktop import APP_NAME
from desktop.domain.filters import StatementFilter
from desktop.services.exporting.brief import Brief, brief_counts, build_brief
from desktop.services.exporting.brief_html import CHART_WIDTH, brief_html, png_data_url
from desktop.services.exporting.output_file import written_beside
from desktop.services.timeline import Bucket
from desktop.storage.database import Database
from desktop.ui.exporting.chart_image import chart_picture
from desktop.ui.exporting.in_memory import device_bytes, png_bytes

_DPI = 96  # the layout's unit: a CSS pixel
_PDF_DPI = 300
_MARGIN_MM = 14
_FOOTER = 26  # px kept at the foot of every page for the title and page number
_CHART_NAME = "parallax-brief-chart.png"
_ROUNDS = 6  # layouts at most to keep every table that fits on a page whole
_SLACK = 4  # px a part of a long group leaves free on its page, for rounding
_ODT_TABLE_POINTS = 450  # inside the margins of A4 and of US Letter as word processors set them


def page_layout() -> QPageLayout:
    """A4 portrait with 14 mm margins: the brief's pages, in the PDF and in the preview alike."""
    margins = QMarginsF(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM, _MARGIN_MM)
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)




def _is_straddling(top: float, height: float, page: float) -> bool:
    return (top + height - 1) // page > top // page


def _tables_and_leads(document: QTextDocument) -> list[tuple[QTextTable, QTextBlock | None]]:
    """The tables at the top level, each with the heading among the three paragraphs before it, if any."""
    found, before = [], []
    frames = document.rootFrame().begin()
    while not frames.atEnd():
        frame = frames.currentFrame()
        if isinstance(frame, QTextTable):
            headings = [block for block in before[-3:] if block.blockFormat().headingLevel()]
            found.append((frame, headings[0] if headings else None))
            before = []
        elif frame is None:
            before.append(frames.currentBlock())
        frames += 1
    return found


def _row_span(layout: QAbstractTextDocumentLayout, table: QTextTable, row: int) -> tuple[float, float]:
    """Where a table row begins and ends in the laid-out document (its cells' paddings included)."""
    tops, bottoms = [], []
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        if cell.row() != row or cell.column() != column:
            continue  # spanned from another cell
        padding = cell.format().toTableCellFormat()
        tops.append(layout.blockBoundingRect(cell.firstCursorPosition().block()).top() - padding.topPadding())
        bottoms.append(layout.blockBoundingRect(cell.lastCursorPosition().block()).bottom() + padding.bottomPadding())
    return min(tops), max(bottoms)


def _long_groups_cut(document: QTextDocument, page: float) -> dict[int, tuple[int, ...]]:
    """Where to cut each group too long for a page into parts that fit, each headed by its claim:
    {group number: indices of the answers that start a part}, measured on one endless page."""
    layout = document.documentLayout()
    document.pageCount()  # lays it all out
    cuts: dict[int, tuple[int, ...]] = {}
    for table in document.rootFrame().childFrames():
        if not isinstance(table, QTextTable) or layout.frameBoundingRect(table).height() <= page:
            continue
        names = table.cellAt(0, 0).firstCursorPosition().block().begin().fragment().charFormat().anchorNames()
        group = next((int(name.removeprefix("group-")) for name in names if name.startswith("group-")), None)
        if group is None:
            continue
        claim_top, claim_bottom = _row_span(layout, table, 0)
        room = page - (claim_bottom - claim_top) - table.format().topMargin() - _SLACK
        starts, part_top = [], _row_span(layout, table, 1)[0]
        for row in range(2, table.rows()):
            top, bottom = _row_span(layout, table, row)
            if bottom - part_top > room:
                starts.append(row - 1)  # the answer on this row begins the next part
                part_top = top
        cuts[group] = tuple(starts)
    return cuts


def _keep_whole(document: QTextDocument) -> None:
    """Move each table (a group, the summary, the sources) that would run over a page end, and fits
    on a page, to the top of the next page, with the heading that leads into it.

    Qt's text engine has no `page-break-inside: avoid`. The tables' heights are measured on
    one endless page; then the pages are laid out, and each table that would straddle a page
    end gets a page break before it, the tables after it expected to move on by as much.
    (A group too long for a page has been cut into parts that fit: _long_groups_cut.)
    """
    units = _tables_and_leads(document)
    layout = document.documentLayout()

    def span(table: QTextTable, lead: QTextBlock | None) -> tuple[float, float]:
        rect = layout.frameBoundingRect(table)
        return (layout.blockBoundingRect(lead).top() if lead is not None else rect.top()), rect.bottom()

    pages = document.pageSize()
    page = pages.height()
    document.setPageSize(QSizeF(pages.width(), 1e8))
    document.pageCount()  # lays every table out on one page
    heights = [bottom - top for top, bottom in (span(*unit) for unit in units)]
    document.setPageSize(pages)
    breaking: set[int] = set()
    for _round in range(_ROUNDS):
        document.pageCount()
        shift, added = 0.0, []
        for index, (unit, height) in enumerate(zip(units, heights)):
            top, bottom = span(*unit)
            start = top if index in breaking else top + shift  # a page break puts it at a page's top whatever came before
            if index not in breaking and height <= page and _is_straddling(start, height, page):
                added.append(index)
                start = (start // page + 1) * page + unit[0].format().topMargin()
            shift = (start + height if height <= page else bottom + shift) - bottom
        if not added:
            return
        _break_before(document, [units[index] for index in added])
        breaking.update(added)


def _break_before(document: QTextDocument, units: list[tuple[QTextTable, QTextBlock | None]]) -> None:
    """Start each table, or the heading that leads into it, on a new page."""
    edit = QTextCursor(document)
    edit.beginEditBlock()  # the pages are laid out again once, not once a break
    for table, lead in units:
        if lead is not None:
            block_format = QTextBlockFormat()
            block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(lead).mergeBlockFormat(block_format)
        else:
            table_format = table.format().toTableFormat()
            table_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            table.setFormat(table_format)
    edit.endEditBlock()


class TypesetBrief:
    """A brief laid out on pages, with its chart: shown in the preview, written as PDF, ODT or HTML."""

    def __init__(self, brief: Brief, chart: QImage | None, bucket: str):
        self.brief = brief
        self.bucket = bucket
        self._chart = png_bytes(chart) if chart is not None and not chart.isNull() else b""
        self._chart_height = round(CHART_WIDTH * chart.height() / chart.width()) if self._chart else 0
        self._metrics = QImage(1, 1, QImage.Format.Format_RGB32)  # a device at _DPI, whatever the screen's
        self._metrics.setDotsPerMeterX(round(_DPI / 0.0254))
        self._metrics.setDotsPerMeterY(round(_DPI / 0.0254))
        self.document = self._new_document()
        self.document.documentLayout().setPaintDevice(self._metrics)
        self.document.setUseDesignMetrics(True)  # no hinting: the same line breaks on every device
        area = page_layout().paintRect(QPageLayout.Unit.Point)
        self.page = QSizeF(area.width() * _DPI / 72, area.height() * _DPI / 72)
        body = self.page.height() - _FOOTER
        self.document.setPageSize(QSizeF(self.page.width(), 1e8))  # one endless page, to measure on
        cuts = _long_groups_cut(self.document, body)
        if cuts:
            self.document.setHtml(self.html(self._chart_src, cuts))
        self.document.setPageSize(QSizeF(self.page.width(), body))
        _keep_whole(self.document)

    def _new_document(self) -> QTextDocument:
        """The brief as a text document, its chart among its resources, not yet laid out on pages."""
        document = QTextDocument()
        document.setUndoRedoEnabled(False)
        document.setDefaultFont(QFont("DejaVu Sans", 9))
        document.setDocumentMargin(0)
        if self._chart:
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(_CHART_NAME), QImage.fromData(self._chart))
        document.setHtml(self.html(self._chart_src))
        return document

    @property
    def _chart_src(self) -> str:
        return _CHART_NAME if self._chart else ""

    def html(self, chart_src: str, cuts: dict[int, tuple[int, ...]] | None = None) -> str:
        """The brief's HTML, its chart at `chart_src`, long groups cut at `cuts` (see brief_html)."""
        return brief_html(self.brief, chart_src, self._chart_height, self.bucket, cuts)

    def page_count(self) -> int:
        return self.document.pageCount()

    def paint(self, device: QPagedPaintDevice) -> None:
        """Draw every page on `device` (a PDF writer or the preview's printer), set to page_layout()."""
        body = self.document.pageSize()
        count = self.page_count()
        footer = QFont("DejaVu Sans")
        footer.setPixelSize(10)  # in layout pixels, scaled below like the rest
        painter = QPainter(device)
        try:
            painter.scale(device.logicalDpiX() / _DPI, device.logicalDpiY() / _DPI)
            for number in range(count):
                if number:
                    device.newPage()
                painter.save()
                painter.translate(0, -number * body.height())
                self.document.drawContents(painter, QRectF(QPointF(0, number * body.height()), body))
                painter.restore()
                foot = QRectF(0, body.height() + 8, body.width(), _FOOTER - 8)
                painter.setPen(QColor("#c7ced6"))
                painter.drawLine(foot.topLeft(), foot.topRight())
                painter.setPen(QColor("#5f6b7a"))
                painter.setFont(footer)
                painter.drawText(foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, self.brief.title)
                painter.drawText(foot, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, f"Page {number + 1} of {count}")
        finally:
            painter.end()

    def write_pdf(self, path: Path) -> int:
        """Write the pages as a PDF (in `written_beside`); returns how many statements it shows."""

        def draw(device) -> None:
            writer = QPdfWriter(device)
            writer.setResolution(_PDF_DPI)
            writer.setCreator(APP_NAME)
            writer.setTitle(self.brief.title)
            writer.setPageLayout(page_layout())
            self.paint(writer)

        with written_beside(path) as file:
            file.write(device_bytes(draw))
        return self.brief.statement_count

    def write_odt(self, path: Path) -> int:
        """Write the brief as OpenDocument text (Word, LibreOffice and Google Docs open it); returns
        how many statements it shows. The word processor lays out its own pages. In `written_beside`."""
        document = self._new_document()  # without the page breaks made for these pages
        for frame in document.rootFrame().childFrames():
            if isinstance(frame, QTextTable):
                _fix_table_widths(frame, _ODT_TABLE_POINTS)

        def write(device) -> None:
            if not QTextDocumentWriter(device, b"ODF").write(document):
                raise OSError(f"{Path(path).name} could not be laid out as OpenDocument text")

        with written_beside(path) as file:
            file.write(device_bytes(write))
        return self.brief.statement_count

    def write_html(self, path: Path) -> int:
        """Write the brief as one web page, its chart inside it (in `written_beside`); returns how many statements it shows."""
        with written_beside(path, encoding="utf-8") as file:
            file.write(self.html(png_data_url(self._chart) if self._chart else ""))
        return self.brief.statement_count


def _fix_table_widths(table: QTextTable, width: float) -> None:
    """Give the table and its columns widths in points, which is how Qt's ODF writer writes them
    (a width of 100% would come out as 100pt, a column's as a percentage ODF does not know),
    the table stretched between the page's margins."""
    table_format = table.format().toTableFormat()
    full = width * (table_format.width().rawValue() / 100 if table_format.width().type() == QTextLength.Type.PercentageLength else 1)
    columns = table_format.columnWidthConstraints() or [QTextLength()] * table.columns()
    fixed = [c.rawValue() * 72 / _DPI if c.type() == QTextLength.Type.FixedLength else None for c in columns]
    share = [c.rawValue() / 100 * full if c.type() == QTextLength.Type.PercentageLength else None for c in columns]
    known = sum(value for value in fixed + share if value is not None)
    free = [index for index, (f, s) in enumerate(zip(fixed, share)) if f is None and s is None]
    rest = max(full - known, 0) / max(len(free), 1)
    points = [f if f is not None else s if s is not None else rest for f, s in zip(fixed, share)]
    table_format.setWidth(QTextLength(QTextLength.Type.FixedLength, full))
    table_format.setAlignment(Qt.AlignmentFlag.AlignJustify)
    table_format.setColumnWidthConstraints([QTextLength(QTextLength.Type.FixedLength, value) for value in points])
    table.setFormat(table_format)


def typeset_brief(
    db: Database, chosen: StatementFilter, left: int | None, right: int | None, bucket: Bucket, title: str = ""
) -> TypesetBrief:
    """The brief comparing `left` and `right` under `chosen`, its chart by `bucket`, laid out on pages."""
    brief = build_brief(db, chosen, left, right, title)
    counts = brief_counts(db, chosen, left, right, bucket)
    chart = chart_picture(counts, (CHART_WIDTH, 260)) if counts.sides else None
    return TypesetBrief(brief, chart, bucket.value)
