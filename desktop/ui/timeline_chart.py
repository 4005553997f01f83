"""The timeline chart: statements per side over time, with the chosen dates shaded."""

import html
from datetime import date, timedelta

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.services.timeline import Bucket, TimelineCounts, bucket_end, bucket_stops

_DAY = 86400.0
_BAR_SHARE = 0.8  # of a bucket's width, split between the sides' bars
_HEADROOM = 1.35  # above the tallest bar, to keep the legend clear of the bars
_SELECTION = (255, 176, 0)  # amber, apart from the usual side colours


def _seconds(days) -> np.ndarray:
    """Seconds since the epoch (UTC) of datetime64[D] days, the date axis's unit."""
    return np.asarray(days, dtype="datetime64[D]").astype("datetime64[s]").astype(np.float64)


def _day(seconds: float) -> date:
    return np.datetime64(int(seconds // _DAY), "D").item()


def _long(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _mixed(colour: QColor, background: QColor) -> QColor:
    """The solid colour `colour` shows as over `background`, its alpha mixed in."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        *(alpha * mine + (1 - alpha) * theirs
          for mine, theirs in zip(colour.getRgbF()[:3], background.getRgbF()[:3]))
    )


class _CountAxis(pg.AxisItem):
    """A left axis that ticks whole statements only, its grid drawn solid and behind the bars.

    Qt's raster engine blends translucent aliased lines pixel by pixel: the faint grid lines
    across the chart took half of every frame while panning. Mixed with the background
    beforehand they show the same colours and draw in a fraction of the time; behind the
    bars, the legend and the shaded dates, they no longer cross them.
    """

    def __init__(self, background: QColor):
        super().__init__("left")
        self._background = QColor(background)

    def tickSpacing(self, minVal, maxVal, size):
        levels = super().tickSpacing(minVal, maxVal, size)
        return [(max(spacing, 1.0), offset) for spacing, offset in levels]

    def generateDrawSpecs(self, p):
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return None
        axis, ticks, texts = specs
        return axis, [(self._solid(pen), start, stop) for pen, start, stop in ticks], texts

    def _solid(self, pen: QPen) -> QPen:
        solid = QPen(pen)
        solid.setColor(_mixed(pen.color(), self._background))
        return solid


class _SelectingViewBox(pg.ViewBox):
    """A view box whose left-button clicks and drags pick dates instead of panning."""

    clicked = Signal(float)  # x in seconds
    double_clicked = Signal()
    dragged = Signal(float, float, bool)  # from, to (seconds), finished

    def mouseClickEvent(self, ev):
        if ev.button() != Qt.MouseButton.LeftButton:
            return super().mouseClickEvent(ev)
        ev.accept()
        if ev.double():
            self.double_clicked.emit()
        else:
            self.clicked.emit(self.mapSceneToView(ev.scenePos()).x())

    def mouseDragEvent(self, ev, axis=None):
        if ev.button() != Qt.MouseButton.LeftButton or axis is not None:
            return super().mouseDragEvent(ev, axis)
        ev.accept()
        start = self.mapSceneToView(ev.buttonDownScenePos()).x()
        self.dragged.emit(start, self.mapSceneToView(ev.scenePos()).x(), ev.isFinish())


class TimelineChart(QWidget):
    """Statements per side per day, week or month; a click or a drag picks dates."""

    bucket_changed = Signal(str)
    range_selected = Signal(object, object)  # first and last day, inclusive
    range_cleared = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timelineChart")
        background = self.palette().color(QPalette.ColorRole.Base)
        foreground = self.palette().color(QPalette.ColorRole.Text)

        self._picker = QComboBox(objectName="bucketPicker")
        for bucket in Bucket:
            self._picker.addItem(bucket.value.title(), bucket.value)
        self._picker.setCurrentIndex(self._picker.findData(Bucket.WEEK.value))
        self._picker.currentIndexChanged.connect(
            lambda: self.bucket_changed.emit(self.bucket().value)
        )
        hint = QLabel("Click a bar or drag across the chart to filter by date")
        hint.setTextFormat(Qt.TextFormat.PlainText)

        self._view = _SelectingViewBox()
        self._view.setMouseEnabled(x=True, y=False)
        self._plot = pg.PlotWidget(
            viewBox=self._view,
            axisItems={"bottom": pg.DateAxisItem(utcOffset=0), "left": _CountAxis(background)},
            background=background,
        )
        for name in ("left", "bottom"):
            self._plot.getAxis(name).setPen(foreground)
            self._plot.getAxis(name).setTextPen(foreground)
        self._plot.setLabel("left", "Statements")
        self._plot.showGrid(y=True, alpha=0.25)
        self._plot.getAxis("left").setZValue(-200)  # its grid behind the view box (-100) and the bars
        self._plot.hideButtons()
        self._plot.addLegend(
            offset=(8, 4), colCount=4, labelTextColor=foreground, brush=background
        )
        self._region = pg.LinearRegionItem(
            movable=False,
            brush=QColor(*_SELECTION, 60),
            pen=QColor(*_SELECTION),
        )
        self._region.setZValue(-10)
        self._region.hide()
        self._plot.addItem(self._region, ignoreBounds=True)
        self._empty = pg.TextItem("No dated statements", color=foreground, anchor=(0.5, 0.5))
        self._plot.addItem(self._empty, ignoreBounds=True)

        toolbar = QHBoxLayout()
        toolbar.addWidget(self._picker)
        toolbar.addWidget(hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(toolbar)
        layout.addWidget(self._plot, 1)

        self._view.clicked.connect(self._on_click)
        self._view.double_clicked.connect(self._clear)
        self._view.dragged.connect(self._on_drag)
        self._view.sigXRangeChanged.connect(self._fit_height)
        self._bars: list[pg.BarGraphItem] = []
        self.set_counts(TimelineCounts(Bucket.WEEK, np.array([], dtype="datetime64[D]"), []))

    def bucket(self) -> Bucket:
        """The span of time one bar stands for, as picked in the toolbar."""
        return Bucket(self._picker.currentData())

    def set_bucket(self, bucket: Bucket) -> None:
        """Show this bucket as picked, without emitting bucket_changed."""
        with QSignalBlocker(self._picker):
            self._picker.setCurrentIndex(self._picker.findData(bucket.value))

    def totals(self) -> dict[str, int]:
        """The statements drawn for each side, by side name."""
        return {name: int(bar.opts["height"].sum()) for name, bar in zip(self._names, self._bars)}

    def set_counts(self, counts: TimelineCounts) -> None:
        """Draw these counts in place of the ones drawn before, showing their bucket as picked."""
        self.set_bucket(counts.bucket)
        for bar in self._bars:
            self._plot.removeItem(bar)
        self._counts = counts
        self._starts = _seconds(counts.starts)
        self._stops = _seconds(bucket_stops(counts.starts, counts.bucket))
        self._heights = np.array(
            [np.zeros(len(counts.starts), dtype=np.int64), *(side.counts for side in counts.sides)]
        ).max(axis=0)
        widths = (self._stops - self._starts) * _BAR_SHARE / max(len(counts.sides), 1)
        lefts = self._starts + (self._stops - self._starts) * (1 - _BAR_SHARE) / 2
        self._bars = []
        self._names = [side.name for side in counts.sides]
        for index, side in enumerate(counts.sides):
            shown = side.counts > 0
            bar = pg.BarGraphItem(
                x0=(lefts + index * widths)[shown],
                width=widths[shown],
                height=side.counts[shown],
                brush=QColor(side.colour),
                pen=pg.mkPen(QColor(side.colour)),  # keeps narrow bars at least a pixel wide
            )
            self._plot.addItem(bar)
            self._plot.getPlotItem().legend.addItem(bar, html.escape(side.name))  # the legend's labels are rich text
            self._bars.append(bar)
        self._empty.setVisible(not self._bars)
        for name in ("left", "bottom"):
            self._plot.showAxis(name, bool(self._bars))
        if self._bars:
            last = bucket_end(counts.starts[-1].item(), counts.bucket)
            self._plot.setLabel("bottom", f"{_long(counts.starts[0].item())} – {_long(last)}")
        self._span = self._padded_span()
        self._view.setLimits(xMin=self._span[0], xMax=self._span[1], minXRange=3 * _DAY)
        self._view.setXRange(*self._span, padding=0)
        self._empty.setPos(sum(self._span) / 2, 0.5)
        self._fit_height()

    def set_selected_range(self, start: date | None, end: date | None) -> None:
        """Shade the days from start to end (inclusive); an open end runs to the chart's edge."""
        if start is None and end is None:
            self._region.hide()
            return
        low = _seconds(start) if start is not None else self._span[0]
        high = _seconds(end + timedelta(days=1)) if end is not None else self._span[1]
        self._region.setRegion((float(low), float(high)))
        self._region.show()

    def _padded_span(self) -> tuple[float, float]:
        """The x range to show: every bucket, with room either side so no bar sits at an edge."""
        if not self._bars:
            today = _seconds(np.datetime64("today", "D"))
            return float(today - 30 * _DAY), float(today + _DAY)
        low, high = self._starts[0], self._stops[-1]
        pad = max(0.04 * (high - low), 1.5 * (self._stops[0] - self._starts[0]))
        return float(low - pad), float(high + pad)

    def _fit_height(self) -> None:
        """Scale the y axis to the tallest bar in view, leaving room for the legend."""
        low, high = self._view.viewRange()[0]
        visible = (self._stops > low) & (self._starts < high)
        tallest = self._heights[visible].max(initial=0)
        self._view.setYRange(0, max(tallest, 1) * _HEADROOM, padding=0)

    def _bucket_at(self, x: float) -> int | None:
        index = int(np.searchsorted(self._starts, x, side="right")) - 1
        if index >= 0 and x < self._stops[index] and self._heights[index] > 0:
            return index
        return None

    def _on_click(self, x: float) -> None:
        index = self._bucket_at(x)
        if index is None:
            self._clear()
            return
        start = self._counts.starts[index].item()
        self._select(start, bucket_end(start, self._counts.bucket))

    def _on_drag(self, x_from: float, x_to: float, finished: bool) -> None:
        low, high = sorted((x_from, x_to))
        first, last = _day(max(low, self._span[0])), _day(min(high, self._span[1]))
        if finished:
            self._select(first, last)
        else:
            self.set_selected_range(first, last)

    def _select(self, first: date, last: date) -> None:
        self.set_selected_range(first, last)
        self.range_selected.emit(first, last)

    def _clear(self) -> None:
        self.set_selected_range(None, None)
        self.range_cleared.emit()
