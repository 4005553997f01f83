"""The timeline chart saved as PNG or SVG, or drawn for the brief, by the same widget the window shows."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (registers the exporters on pg)
from PySide6.QtCore import QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QWidget

from desktop.domain.filters import StatementFilter
from desktop.services.exporting.output_file import written_beside
from desktop.services.timeline import Bucket, TimelineCounts, timeline_counts
from desktop.storage.database import Database
from desktop.ui.exporting.in_memory import device_bytes, png_bytes
from desktop.ui.timeline_chart import TimelineChart

SIZE = (1200, 480)


@contextmanager
def _drawn(counts: TimelineCounts, size: tuple[int, int]) -> Iterator[TimelineChart]:
    """The window's chart widget at `size`, drawing `counts`, never shown (no window is made)."""
    chart = TimelineChart()
    chart.resize(*size)
    try:
        chart.set_counts(counts)
        chart.grab()  # delivers the pending resize events: the plot is laid out at this size
        yield chart
    finally:
        chart.deleteLater()


def save_chart(
    db: Database, path: Path, chosen: StatementFilter, bucket: Bucket, sides: list[int] | None = None, size=SIZE
) -> TimelineCounts:
    """Draw the statements of these sides (None: every side) per bucket and save them (.png or .svg)
    in `written_beside`.

    Returns the counts drawn, with the statements that have no date.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ValueError(f"A chart is saved as .png or .svg, not “{suffix or Path(path).name}”.")
    counts = timeline_counts(db, chosen, bucket, sides)
    with _drawn(counts, size) as chart:
        view = chart.findChild(pg.PlotWidget)  # the widget's own plot: one drawing for screen and file
        view.getPlotItem().setTitle(f"Statements per side, by {bucket.value}")
        QApplication.processEvents()
        drawn = plot_bytes(view, suffix, size[0])
    with written_beside(path, db) as file:
        file.write(drawn)
    return counts


def plot_bytes(view: pg.PlotWidget, suffix: str, width: int, title: str = "Parallax timeline") -> bytes:
    """A plot as shown in its widget, as the bytes of a .png `width` pixels wide or of an .svg titled `title`."""
    if suffix == ".svg":
        return device_bytes(partial(_draw_svg, view, title))
    exporter = pg.exporters.ImageExporter(view.getPlotItem())
    exporter.parameters()["width"] = width
    return png_bytes(exporter.export(toBytes=True))


def chart_picture(counts: TimelineCounts, size: tuple[int, int], scale: int = 2) -> QImage:
    """The chart's plot laid out at `size` and drawn `scale` times as sharp (labels and legend alike), for a page."""
    with _drawn(counts, size) as chart:
        view = chart.findChild(pg.PlotWidget)
        picture = QImage(view.size() * scale, QImage.Format.Format_RGB32)
        picture.setDevicePixelRatio(scale)
        picture.fill(Qt.GlobalColor.white)
        QWidget.render(view, picture)  # QGraphicsView.render draws the scene, not the widget
        picture.setDevicePixelRatio(1)  # its pixels as they are: the brief sets the width it is drawn at
        return picture


def _draw_svg(view: QWidget, title: str, device: QIODevice) -> None:
    """Qt's own SVG painter (pyqtgraph's SVG exporter cannot read the paths this Qt writes)."""
    generator = QSvgGenerator()
    generator.setOutputDevice(device)
    generator.setSize(QSize(view.width(), view.height()))
    generator.setViewBox(QRect(0, 0, view.width(), view.height()))
    generator.setTitle(title)
    painter = QPainter(generator)
    try:
        view.render(painter)
    finally:
        painter.end()
