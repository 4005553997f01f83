"""Frame times of the timeline chart while panning and zooming over five years of daily counts.

    python -m benchmarks.chart_frames                 # 120 pan and 120 zoom frames, against 16.7 ms
    python -m benchmarks.chart_frames --steps 300 --width 1600 --height 400
"""

import argparse
import os
import time
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from desktop.services.timeline import Bucket, SideSeries, TimelineCounts
from desktop.ui.timeline_chart import TimelineChart

TARGET_MS = 1000 / 60  # one frame at 60 fps
SIZE = (1200, 300)


@dataclass(frozen=True)
class FrameTimes:
    """Milliseconds per frame over one sequence of range changes."""

    median_ms: float
    p95_ms: float
    frames: int

    @classmethod
    def of(cls, seconds: list[float]) -> "FrameTimes":
        """The median and 95th percentile of these frame times (seconds)."""
        ms = np.asarray(seconds) * 1000
        return cls(float(np.median(ms)), float(np.percentile(ms, 95)), len(ms))


@dataclass(frozen=True)
class ChartFrames:
    """What pan_zoom_frame_times measured, with evidence that the chart drew the data."""

    pan: FrameTimes
    zoom: FrameTimes
    paints: int  # paint events the plot received while measuring: one per frame
    totals: dict[str, int]  # statements per side the chart holds
    last_frame: QImage  # the plot after the last frame


class _PaintCounter(QObject):
    """Counts the paint events of the widgets it filters."""

    painted = 0

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            self.painted += 1
        return False


def daily_counts(days: int = 5 * 365 + 1, seed: int = 1) -> TimelineCounts:
    """Two sides' statements per day over `days` consecutive days, from a fixed seed, quiet days included."""
    rng = np.random.default_rng(seed)
    starts = np.datetime64("2019-01-01") + np.arange(days)
    wave = 1 + np.sin(np.arange(days) / 60)  # news cycles: busy and quiet stretches
    sides = [
        SideSeries(1, "United States", "#1f5fbf", rng.poisson(3 * wave)),
        SideSeries(2, "Russia", "#c8102e", rng.poisson(2 * wave[::-1])),
    ]
    return TimelineCounts(Bucket.DAY, starts, sides)


def pan_zoom_frame_times(
    steps: int = 120, size: tuple[int, int] = SIZE, counts: TimelineCounts | None = None
) -> ChartFrames:
    """Show the real TimelineChart with `counts` (five years of days by default), then pan and zoom it.

    Pan: a one-year window dragged from the first day to the last in `steps` frames. Zoom:
    from all five years in to about three months around the middle and back out, `steps`
    frames in all. Both go through the view box's translateBy / scaleBy, as a middle-button
    drag and the mouse wheel do.

    One frame is timed from the range change to the end of its paint: the change (with the
    chart's own range-change slots and axis ticks), then `viewport().update()` on the whole
    plot and event processing until the viewport has received its paint event. That is the
    path a frame takes on screen: the scene is rasterised into the window's backing store,
    exactly once per frame (counted by an event filter). `grab()` or `repaint()` would paint
    the scene a second time, as the update the range change queued is still delivered.
    Qt picks the offscreen platform unless QT_QPA_PLATFORM names another.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # read when the application is made
    app = QApplication.instance() or QApplication([])
    chart = TimelineChart()
    chart.resize(*size)
    chart.show()
    chart.set_counts(counts if counts is not None else daily_counts())
    plot = chart.findChild(pg.PlotWidget)
    viewport, view = plot.viewport(), plot.getPlotItem().getViewBox()

    counter = _PaintCounter()

    def frame(change) -> float:
        started = time.perf_counter()
        before = counter.painted
        change()
        viewport.update()
        while counter.painted == before:
            if time.perf_counter() - started > 10:
                raise RuntimeError("the chart was not painted: is it shown?")
            app.processEvents()
        return time.perf_counter() - started

    try:
        viewport.installEventFilter(counter)
        frame(lambda: None)  # the first paint lays out fonts and caches, not a frame of interaction
        counter.painted = 0
        low, high = view.viewRange()[0]
        year = 365 * 86400.0
        view.setXRange(low, low + year, padding=0)
        pan = [frame(lambda: view.translateBy(x=(high - low - year) / steps)) for _ in range(steps)]
        view.setXRange(low, high, padding=0)
        factor = (90 / (5 * 365)) ** (1 / max(steps // 2, 1))
        inward = [factor] * (steps // 2) + [1 / factor] * (steps - steps // 2)
        middle = pg.Point((low + high) / 2, 0)
        zoom = [frame(lambda scale=scale: view.scaleBy(x=scale, y=1, center=middle)) for scale in inward]
        viewport.removeEventFilter(counter)
        return ChartFrames(
            FrameTimes.of(pan), FrameTimes.of(zoom), counter.painted, chart.totals(), plot.grab().toImage()
        )
    finally:
        chart.close()
        chart.deleteLater()


def main(argv: list[str] | None = None) -> int:
    """Print the pan and zoom frame times against the 60 fps target."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=120)
    parser.add_argument("--width", type=int, default=SIZE[0])
    parser.add_argument("--height", type=int, default=SIZE[1])
    args = parser.parse_args(argv)
    counts = daily_counts()
    result = pan_zoom_frame_times(args.steps, (args.width, args.height), counts)
    print(
        f"Timeline chart, {len(counts.starts):,} days × {len(counts.sides)} sides, "
        f"{args.width}×{args.height}, {args.steps} frames each, {os.cpu_count()} cores"
    )
    print(f"{'frame time':<12}{'median':>10}{'p95':>10}  target")
    for name, times in (("pan", result.pan), ("zoom", result.zoom)):
        verdict = "met" if times.p95_ms < TARGET_MS else "missed"
        print(f"{name:<12}{times.median_ms:>8.1f}ms{times.p95_ms:>8.1f}ms  p95 < {TARGET_MS:.1f} ms: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
