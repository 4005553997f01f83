"""The timeline chart: statements per side over time, with the chosen dates shaded."""

import html
from datetime import date, timedelta

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QPen
from PySide6.QtWidgets import QApplication, QComboBox, QHBoxLayout, QLabel, QToolButton, QToolTip, QVBoxLayout, QWidget

from desktop.services.timeline import Bucket, TimelineCounts, bucket_end, bucket_stops
from desktop.services.wording import span_words
from desktop.ui.calendar_axis import CalendarAxis
from desktop.ui.colours import mixed
from desktop.ui.plain_text import tooltip_text

_DAY = 86400.0
_BAR_SHARE = 0.92  # of a bucket's width, centred in it: a gap either side keeps neighbouring bars apart
_HEADROOM = 1.1  # above the tallest bar in view
_SELECTION = (255, 176, 0)  # amber, apart from the usual side colours


def _seconds(days) -> np.ndarray:
    """Seconds since the epoch (UTC) of datetime64[D] days, the date axis's unit."""
    return np.asarray(days, dtype="datetime64[D]").astype("datetime64[s]").astype(np.float64)


def _day(seconds: float) -> date:
    return np.datetime64(int(seconds // _DAY), "D").item()


class _CountAxis(pg.AxisItem):
    """A left axis that ticks whole statements only, its grid drawn solid and behind the bars.

    Qt's raster engine blends translucent aliased lines pixel by pixel: the faint grid lines
    across the chart took half of every frame while panning. Mixed with the background
    beforehand they show the same colours and draw in a fraction of the time; behind the
    bars and the shaded dates, they no longer cross them.
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
        solid.setColor(mixed(pen.color(), self._background))
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
    """Statements per side per day, week or month, stacked over the span each bar counts.

    A click or a drag picks dates; the wheel zooms; a double click or Reset Zoom shows every
    date again (the double click also clears the dates picked). Hovering a bar tells its
    dates and its count per side. Above the plot, a legend and the statements with no date,
    which no bar can show.
    """

    bucket_changed = Signal(str)
    range_selected = Signal(object, object)  # first and last day, inclusive
    range_cleared = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timelineChart")
        background = self.palette().color(QPalette.ColorRole.Base)
        self._foreground = self.palette().color(QPalette.ColorRole.Text)

        self._picker = QComboBox(objectName="bucketPicker")
        for bucket in Bucket:
            self._picker.addItem(bucket.value.title(), bucket.value)
        self._picker.setCurrentIndex(self._picker.findData(Bucket.WEEK.value))
        self._picker.currentIndexChanged.connect(self._bucket_picked)
        hint = QLabel("Click a bar or drag to filter by date · scroll to zoom · double-click to show all")
        hint.setTextFormat(Qt.TextFormat.PlainText)
        self._reset = QToolButton(objectName="resetZoom", text="Reset Zoom")
        self._reset.setToolTip("Show every date again")
        self._reset.clicked.connect(self.reset_zoom)

        self._view = _SelectingViewBox()
        self._view.setMouseEnabled(x=True, y=False)
        self._plot = pg.PlotWidget(
            viewBox=self._view,
            axisItems={"bottom": CalendarAxis(), "left": _CountAxis(background)},
            background=background,
        )
        for name in ("left", "bottom"):
            self._plot.getAxis(name).setPen(self._foreground)
            self._plot.getAxis(name).setTextPen(self._foreground)
        self._plot.setLabel("left", "Statements")
        self._plot.showGrid(y=True, alpha=0.25)
        self._plot.getAxis("left").setZValue(-200)  # its grid behind the view box (-100) and the bars
        self._plot.hideButtons()
        plot_item = self._plot.getPlotItem()
        plot_item.layout.removeItem(plot_item.getAxis("top"))  # never shown: its row holds the header
        plot_item.layout.addItem(self._header(), 1, 1)
        self._region = pg.LinearRegionItem(
            movable=False,
            brush=QColor(*_SELECTION, 60),
            pen=QColor(*_SELECTION),
        )
        self._region.setZValue(-10)
        self._region.hide()
        self._plot.addItem(self._region, ignoreBounds=True)
        self._empty = pg.TextItem("No dated statements", color=self._foreground, anchor=(0.5, 0.5))
        self._plot.addItem(self._empty, ignoreBounds=True)

        toolbar = QHBoxLayout()
        toolbar.addWidget(self._picker)
        toolbar.addWidget(hint, 1)
        toolbar.addWidget(self._reset)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(toolbar)
        layout.addWidget(self._plot, 1)

        self._view.clicked.connect(self._on_click)
        self._view.double_clicked.connect(self._show_all)
        self._view.dragged.connect(self._on_drag)
        self._view.sigXRangeChanged.connect(self._range_changed)
        self._plot.scene().sigMouseMoved.connect(self._on_hover)
        self._bars: list[pg.BarGraphItem] = []
        self.set_counts(TimelineCounts(Bucket.WEEK, np.array([], dtype="datetime64[D]"), []))

    def _header(self) -> pg.GraphicsLayout:
        """The legend at left and the statements with no date at right, in a row of their own above the
        bars, so neither ever covers one. Both are rich text: names from data are escaped."""
        header = pg.GraphicsLayout()
        header.setContentsMargins(0, 2, 0, 4)
        self._legend = pg.LabelItem("", justify="left", color=self._foreground)
        self._undated = pg.LabelItem("", justify="right", color=self._foreground)
        for label in (self._legend, self._undated):
            label.item.document().setDocumentMargin(0)
        header.addItem(self._legend, 0, 0)
        header.addItem(self._undated, 0, 1)
        return header

    def bucket(self) -> Bucket:
        """The span of time one bar stands for, as picked in the toolbar."""
        return Bucket(self._picker.currentData())

    def set_bucket(self, bucket: Bucket) -> None:
        """Show this bucket as picked, without emitting bucket_changed."""
        with QSignalBlocker(self._picker):
            self._picker.setCurrentIndex(self._picker.findData(bucket.value))

    def totals(self) -> dict[str, int]:
        """The dated statements drawn for each side that has any, by side name."""
        return {name: count for name, count in self._counts.totals().items() if count}

    def legend_text(self) -> str:
        """The legend as shown, in plain text."""
        return self._legend.item.toPlainText()

    def undated_text(self) -> str:
        """The note on the statements with no date, as shown ('' when every statement has one)."""
        return self._undated.item.toPlainText()

    def set_counts(self, counts: TimelineCounts) -> None:
        """Draw these counts in place of the ones drawn before, showing their bucket as picked."""
        self.set_bucket(counts.bucket)
        self._plot.getAxis("bottom").set_finest(counts.bucket)
        for bar in self._bars:
            self._plot.removeItem(bar)
        self._counts = counts
        self._starts = _seconds(counts.starts)
        self._stops = _seconds(bucket_stops(counts.starts, counts.bucket))
        stacked = np.cumsum([np.zeros(len(counts.starts), dtype=np.int64), *(s.counts for s in counts.sides)], axis=0)
        self._heights = stacked[-1]
        widths = (self._stops - self._starts) * _BAR_SHARE
        lefts = self._starts + (self._stops - self._starts - widths) / 2
        self._bars = []
        for index, side in enumerate(counts.sides):
            shown = side.counts > 0
            if not shown.any():
                continue
            bar = pg.BarGraphItem(
                x0=lefts[shown],
                width=widths[shown],
                y0=stacked[index][shown],
                height=side.counts[shown],
                brush=QColor(side.colour),
                pen=pg.mkPen(QColor(side.colour)),  # keeps narrow bars at least a pixel wide
            )
            self._plot.addItem(bar)
            self._bars.append(bar)
        self._describe(counts)
        self._empty.setVisible(not self._bars)
        for name in ("left", "bottom"):
            self._plot.showAxis(name, bool(self._bars))
        self._span = self._padded_span()
        self._view.setLimits(xMin=self._span[0], xMax=self._span[1], minXRange=3 * _DAY)
        self._view.setXRange(*self._span, padding=0)
        self._empty.setPos(sum(self._span) / 2, 0.5)
        self._range_changed()

    def _describe(self, counts: TimelineCounts) -> None:
        """Fill the legend (the sides, bottom to top) and the note on the statements with no date."""
        self._legend.setText("&emsp;".join(
            f"<span style='background-color:{QColor(side.colour).name()}'>&nbsp;&nbsp;&nbsp;</span>&nbsp;{html.escape(side.name)}"
            for side in counts.sides
        ))
        note = ""
        if counts.undated:
            note = f"{counts.undated:,} undated, not drawn"
            if len(counts.sides) > 1:
                note += ": " + " · ".join(f"{side.name} {side.undated:,}" for side in counts.sides if side.undated)
        self._undated.setText(html.escape(note))

    def set_selected_range(self, start: date | None, end: date | None) -> None:
        """Shade the days from start to end (inclusive); an open end runs to the chart's edge."""
        if start is None and end is None:
            self._region.hide()
            return
        low = _seconds(start) if start is not None else self._span[0]
        high = _seconds(end + timedelta(days=1)) if end is not None else self._span[1]
        self._region.setRegion((float(low), float(high)))
        self._region.show()

    def reset_zoom(self) -> None:
        """Show every date with statements again."""
        self._view.setXRange(*self._span, padding=0)

    def is_zoomed(self) -> bool:
        """True when the chart shows less than every date with statements."""
        low, high = self._view.viewRange()[0]
        return (high - low) < (self._span[1] - self._span[0]) * 0.999

    def hover_text(self, x: float) -> str:
        """What hovering at x (seconds) tells: the bar's dates and its count per side; '' off the bars."""
        index = self._bucket_at(x)
        if index is None:
            return ""
        start = self._counts.starts[index].item()
        lines = [span_words(start, bucket_end(start, self._counts.bucket))]
        lines += [f"{side.name}: {int(side.counts[index]):,}" for side in self._counts.sides]
        return "\n".join(lines)

    def _padded_span(self) -> tuple[float, float]:
        """The x range to show: every bucket, with room either side so no bar sits at an edge."""
        if not self._bars:
            today = _seconds(np.datetime64("today", "D"))
            return float(today - 30 * _DAY), float(today + _DAY)
        low, high = self._starts[0], self._stops[-1]
        pad = max(0.04 * (high - low), 1.5 * (self._stops[0] - self._starts[0]))
        return float(low - pad), float(high + pad)

    def _range_changed(self) -> None:
        """Scale the y axis to the tallest bar in view; Reset Zoom is offered while zoomed."""
        low, high = self._view.viewRange()[0]
        visible = (self._stops > low) & (self._starts < high)
        tallest = self._heights[visible].max(initial=0)
        self._view.setYRange(0, max(tallest, 1) * _HEADROOM, padding=0)
        self._reset.setEnabled(self.is_zoomed())

    def _bucket_at(self, x: float) -> int | None:
        index = int(np.searchsorted(self._starts, x, side="right")) - 1
        if index >= 0 and x < self._stops[index] and self._heights[index] > 0:
            return index
        return None

    def _bucket_picked(self) -> None:
        self.bucket_changed.emit(self.bucket().value)

    def _on_hover(self, scene_pos: QPointF) -> None:
        text = ""
        dragging = QApplication.mouseButtons() != Qt.MouseButton.NoButton  # a tip would hide the dates being picked
        if not dragging and self._view.sceneBoundingRect().contains(scene_pos):
            text = self.hover_text(self._view.mapSceneToView(scene_pos).x())
        if text:
            where = self._plot.mapToGlobal(self._plot.mapFromScene(scene_pos))
            QToolTip.showText(where, tooltip_text(text), self._plot)
        else:
            QToolTip.hideText()

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

    def _show_all(self) -> None:
        self.reset_zoom()
        self._clear()

    def _clear(self) -> None:
        self.set_selected_range(None, None)
        self.range_cleared.emit()
