"""The timeline chart saved as PNG or SVG, drawn by the same widget the window shows."""

from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (registers the exporters on pg)
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QWidget

from desktop.domain.filters import StatementFilter
from desktop.services.timeline import Bucket, TimelineCounts, timeline_counts
from desktop.storage.database import Database
from desktop.ui.timeline_chart import TimelineChart

SIZE = (1200, 480)


def save_chart(
    db: Database, path: Path, chosen: StatementFilter, bucket: Bucket, sides: list[int] | None = None, size=SIZE
) -> TimelineCounts:
    """Draw the statements of these sides (None: every side) per bucket and save them (.png or .svg).

    Returns the counts drawn, with the statements that have no date, which the chart notes above the bars.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ValueError(f"A chart is saved as .png or .svg, not “{suffix or Path(path).name}”.")
    chart = TimelineChart()
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    chart.resize(*size)
    chart.show()  # lays the plot out at this size
    try:
        counts = timeline_counts(db, chosen, bucket, sides)
        chart.set_counts(counts)
        QApplication.processEvents()
        view = chart.findChild(pg.PlotWidget)  # the widget's own plot: one drawing for screen and file
        view.getPlotItem().setTitle(f"Statements per side, by {bucket.value}")
        QApplication.processEvents()
        if suffix == ".svg":
            _save_svg(view, path)
        else:
            exporter = pg.exporters.ImageExporter(view.getPlotItem())
            exporter.parameters()["width"] = size[0]
            exporter.export(str(path))
        return counts
    finally:
        chart.close()
        chart.deleteLater()


def _save_svg(view: QWidget, path: Path) -> None:
    """Qt's own SVG painter (pyqtgraph's SVG exporter cannot read the paths this Qt writes)."""
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(view.width(), view.height()))
    generator.setViewBox(QRect(0, 0, view.width(), view.height()))
    generator.setTitle("Parallax timeline")
    painter = QPainter(generator)
    try:
        view.render(painter)
    finally:
        painter.end()
