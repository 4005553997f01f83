"""The Response times panel's chart: each answering side's median days to answer, month by month.

A month resting on few answers must not read like one resting on many: each point is larger
as more answers lie behind it, months with fewer than FEW answers are drawn hollow, and
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


_STEPS = np.array([FEW, 10, 30, 100, 300])  # answers from which a point is drawn a size larger
_SIZES = np.array([6, 8, 10, 12, 14, 16])  # pixels: a few sizes, each drawn once (pyqtgraph draws every distinct point)


def point_sizes(counts: np.ndarray) -> np.ndarray:
    """Point diameters in pixels, larger as more answers lie behind a point: under 3, 3 to 9, 10 to 29… 300 and more."""
    return _SIZES[np.searchsorted(_STEPS, counts, side="right")]


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
        self.legend = item.addLegend(offset=(8, 4), labelTextColor=self._foreground)
        self.plot.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.plot.customContextMenuRequested.connect(self._menu)
        self.plot.scene().sigMouseMoved.connect(self._hover)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self._series: list[MonthlyMedians] = []
        self._items: dict[tuple, tuple[pg.PlotCurveItem, pg.ScatterPlotItem]] = {}  # per (side, name, colour)
        self._range: tuple[float, ...] = ()

    def set_series(self, series: list[MonthlyMedians]) -> None:
        """Draw these sides' monthly medians (a side's line and points are kept and given new data, so that a
        refresh costs little; those of a side no longer drawn go)."""
        item = self.plot.getPlotItem()
        self._series = series
        wanted = {(one.side, one.name, one.colour) for one in series}
        for key in [key for key in self._items if key not in wanted]:
            curve, points = self._items.pop(key)
            self.legend.removeItem(points)
            item.removeItem(curve)
            item.removeItem(points)
        for one in series:
            key = (one.side, one.name, one.colour)
            if key not in self._items:
                colour = QColor(one.colour)
                curve = pg.PlotCurveItem(pen=pg.mkPen(colour, width=2))
                points = pg.ScatterPlotItem(pen=pg.mkPen(colour, width=2), brush=pg.mkBrush(colour), name=one.name)
                item.addItem(curve)
                item.addItem(points)
                self._items[key] = (curve, points)
            curve, points = self._items[key]
            x, y = _seconds(one.first_day + 14), one.median  # each point mid-month
            curve.setData(x, y)
            filled, hollow = pg.mkBrush(one.colour), pg.mkBrush(background_of(self))
            points.setData(x, y, size=point_sizes(one.count), brush=[filled if n >= FEW else hollow for n in one.count.tolist()])
        self.legend.setColumnCount(max(len(self._items), 1))  # the sides on one line, over as few points as can be
        if series:
            first = min(int(s.first_day.min()) for s in series)
            last = max(int(s.first_day.max()) for s in series)
            top = max(float(np.nanmax(s.median)) for s in series)
            bottom = min(0.0, min(float(np.nanmin(s.median)) for s in series))
            shown = (*_seconds(np.array([first - 20, last + 50])).tolist(), bottom, max(top, 1) * 1.3)  # the top tick inside
            if shown != self._range:  # the axes are laid out again only when the range moves
                self._range = shown
                item.setXRange(*shown[:2], padding=0)
                item.setYRange(*shown[2:], padding=0)

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
