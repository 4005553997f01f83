"""The Response times panel's chart: each answering side's median days to answer, month by month.

A month resting on few answers must not read like one resting on many: each point's area
grows with the answers behind it, months with fewer than FEW answers are drawn hollow, and
hovering a point says the side, the month, the median, the middle half and how many answers.
"""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QMenu, QToolTip, QVBoxLayout, QWidget

from desktop.services.dispute_rows import MonthlyMedians, days_words
from desktop.services.timeline import Bucket
from desktop.services.wording import plural
from desktop.ui.calendar_axis import CalendarAxis
from desktop.ui.plain_text import tooltip_text

FEW = 3  # answers in a month below which its point is drawn hollow
_DAY = 86400.0
_HOVER_PIXELS = 12
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _seconds(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]").astype("datetime64[s]").astype(np.float64)


def point_sizes(counts: np.ndarray) -> np.ndarray:
    """Point diameters in pixels: the area grows with the answers behind a point, from 6 to 22 pixels."""
    return np.clip(6 + 3 * np.sqrt(np.maximum(counts, 0)), 6, 22)


def month_words(first_day: int) -> str:
    """'November 2021' for the month starting on that day (days since 1970)."""
    day = np.datetime64(int(first_day), "D").item()
    return f"{_MONTHS[day.month - 1]} {day.year}"


class MonthlyChart(QWidget):
    """The monthly median response time per answering side, in the sides' colours; `export_requested` is
    emitted from its context menu."""

    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        background = self.palette().color(QPalette.ColorRole.Base)
        self._foreground = self.palette().color(QPalette.ColorRole.Text)
        axis = CalendarAxis()
        axis.set_finest(Bucket.MONTH)
        self.plot = pg.PlotWidget(axisItems={"bottom": axis}, background=background)
        self.plot.setObjectName("monthlyChart")
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        for name in ("left", "bottom"):
            item.getAxis(name).setPen(self._foreground)
            item.getAxis(name).setTextPen(self._foreground)
        item.setLabel("left", "Median days")
        item.showGrid(y=True, alpha=0.2)
        self.legend = item.addLegend(offset=(8, 4), labelTextColor=self._foreground)
        self.plot.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.plot.customContextMenuRequested.connect(self._menu)
        self.plot.scene().sigMouseMoved.connect(self._hover)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self._series: list[MonthlyMedians] = []

    def set_series(self, series: list[MonthlyMedians]) -> None:
        """Draw these sides' monthly medians."""
        item = self.plot.getPlotItem()
        item.clear()
        self.legend.clear()
        self._series = series
        for one in series:
            colour = QColor(one.colour)
            x, y = _seconds(one.first_day + 14), one.median  # each point mid-month
            if len(x) > 1:
                item.addItem(pg.PlotCurveItem(x, y, pen=pg.mkPen(colour, width=2)))
            brushes = [pg.mkBrush(colour) if count >= FEW else pg.mkBrush(background_of(self)) for count in one.count]
            points = pg.ScatterPlotItem(x, y, size=point_sizes(one.count), brush=brushes, pen=pg.mkPen(colour, width=2),
                                        name=one.name)
            item.addItem(points)
        if series:
            first = min(int(s.first_day.min()) for s in series)
            last = max(int(s.first_day.max()) for s in series)
            top = max(float(np.nanmax(s.median)) for s in series)
            item.setXRange(*_seconds(np.array([first - 20, last + 50])), padding=0)
            item.setYRange(min(0.0, min(float(np.nanmin(s.median)) for s in series)), max(top, 1) * 1.25, padding=0)

    def hover_text(self, x: float, y: float, pixel_x: float, pixel_y: float) -> str:
        """What the point nearest (x, y) says, if one lies within a few pixels of it."""
        best, text = _HOVER_PIXELS, ""
        for one in self._series:
            points = _seconds(one.first_day + 14)
            for number, (px, py) in enumerate(zip(points, one.median)):
                distance = np.hypot((px - x) * pixel_x, (py - y) * pixel_y)
                if distance < best:
                    best = distance
                    text = (f"{one.name}, {month_words(one.first_day[number])}: median {days_words(py)} days over "
                            f"{plural(int(one.count[number]), 'answer')} (middle half "
                            f"{days_words(one.low[number])}–{days_words(one.high[number])} days)")
        return text

    def _hover(self, scene_pos: QPointF) -> None:
        view = self.plot.getPlotItem().getViewBox()
        text = ""
        if view.sceneBoundingRect().contains(scene_pos):
            point = view.mapSceneToView(scene_pos)
            width, height = view.viewPixelSize()
            text = self.hover_text(point.x(), point.y(), 1 / width, 1 / height)
        if text:
            QToolTip.showText(self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos)), tooltip_text(text), self.plot)
        else:
            QToolTip.hideText()

    def _menu(self, point) -> None:
        menu = QMenu(self)
        menu.addAction("Export Chart as PNG or SVG…", self.export_requested.emit)
        menu.exec(self.plot.mapToGlobal(point))
        menu.deleteLater()


def background_of(widget: QWidget) -> QColor:
    """The colour a hollow point is filled with: the chart's background."""
    return widget.palette().color(QPalette.ColorRole.Base)
