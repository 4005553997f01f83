"""A date axis whose labels never touch, each centred on the day, month or year it names."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from desktop.services.timeline import Bucket

_DAY = 86400.0
# Label steps from the finest to the coarsest: (calendar unit, how many of them). A week's
# label names its Monday.
_STEPS = (
    ("D", 1), ("D", 2), ("W", 1), ("W", 2),
    ("M", 1), ("M", 2), ("M", 3), ("M", 6),
    ("Y", 1), ("Y", 2), ("Y", 5), ("Y", 10), ("Y", 25), ("Y", 50), ("Y", 100),
)
_STEP_DAYS = {"D": 1, "W": 7, "M": 30.4, "Y": 365.25}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_BUCKET_UNITS = {Bucket.DAY: "D", Bucket.WEEK: "W", Bucket.MONTH: "M"}

Labels = tuple[np.ndarray, list[tuple[float, str]]]  # ticks (seconds); (centre in seconds, text) of each label


def _seconds(periods: np.ndarray) -> np.ndarray:
    return periods.astype("datetime64[s]").astype(np.float64)


def _periods(unit: str, low: float, high: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every period of the unit that meets [low, high] (seconds): its number, start and end (seconds).

    Weeks are numbered from 1970's first Monday; a week's label names its Monday, so the
    period given for a week is that Monday.
    """
    first, last = int(low // _DAY), int(high // _DAY)
    if unit == "D":
        numbers = np.arange(first, last + 1)
        return numbers, numbers * _DAY, (numbers + 1) * _DAY
    if unit == "W":
        numbers = np.arange((first + 3) // 7, (last + 3) // 7 + 1)
        mondays = numbers * 7 - 3
        return numbers, mondays * _DAY, (mondays + 1) * _DAY
    ends = np.array([first, last], dtype="datetime64[D]").astype(f"datetime64[{unit}]")
    starts = np.arange(ends[0], ends[1] + 1)
    return starts.astype(np.int64), _seconds(starts), _seconds(starts + 1)


def _label_texts(unit: str, starts: np.ndarray) -> list[str]:
    """'12 Nov' for a day or a week, 'Nov' for a month, '2021' for a year; the year is added to the
    first label and wherever it changes."""
    dates = (starts // _DAY).astype(np.int64).astype("datetime64[D]").tolist()
    if unit == "Y":
        return [str(day.year) for day in dates]
    texts, year = [], None
    for day in dates:
        month = _MONTHS[day.month - 1]  # not strftime: it imports a module at each call, a frame's worth of them
        text = f"{day.day} {month}" if unit in "DW" else month
        texts.append(text if day.year == year else f"{text} {day.year}")
        year = day.year
    return texts


def _labels_in_view(unit: str, centres, starts, low: float, high: float, scale: float, metrics: QFontMetricsF):
    """The centres, texts and widths of the labels that fit wholly in view; the first of them names its year."""
    while True:
        texts = _label_texts(unit, starts)
        widths = np.array([metrics.horizontalAdvance(text) for text in texts])
        inside = ((centres - low) * scale >= widths / 2) & ((high - centres) * scale >= widths / 2)
        if inside.all():
            return centres, texts, widths
        centres, starts = centres[inside], starts[inside]


def _fitting_labels(steps, low: float, high: float, width: float, metrics: QFontMetricsF) -> Labels | None:
    """The ticks and labels of the first of these steps whose labels keep a letter's width apart; None if none does."""
    scale = width / (high - low)
    gap = metrics.horizontalAdvance("M")
    narrowest = metrics.horizontalAdvance("2000")
    for unit, every in steps:
        if (high - low) / (_STEP_DAYS[unit] * every * _DAY) * (narrowest + gap) > width:
            continue  # too many labels to fit, however short
        numbers, starts, stops = _periods(unit, low, high)
        chosen = numbers % every == 0
        centres, texts, widths = _labels_in_view(
            unit, (starts[chosen] + stops[chosen]) / 2, starts[chosen], low, high, scale, metrics
        )
        if (np.diff(centres) * scale - (widths[1:] + widths[:-1]) / 2 >= gap).all():
            # Ticks mark where each period of the unit starts: every one when they are apart enough.
            bounds = starts if len(starts) * 4 < width else starts[chosen]
            return bounds[(bounds >= low) & (bounds <= high)], list(zip(centres.tolist(), texts))
    return None


def calendar_labels(low: float, high: float, width: float, metrics: QFontMetricsF, finest: Bucket = Bucket.DAY) -> Labels:
    """The ticks and tick labels for dates from low to high (seconds) across `width` pixels.

    Each label is centred on the day, month or year it names, and kept a letter's width or
    more from the next, measured in these font metrics. The finest step that allows it is
    taken, from the `finest` bucket's unit up (a week chart labels Mondays), or finer when
    that leaves fewer than two labels in view. Where nothing fits, nothing is labelled.
    """
    first = next(index for index, (unit, _) in enumerate(_STEPS) if unit == _BUCKET_UNITS[finest])
    found = _fitting_labels(_STEPS[first:], low, high, width, metrics)
    if (found is None or len(found[1]) < 2) and first:
        found = _fitting_labels(_STEPS[:first], low, high, width, metrics) or found
    return found or (np.zeros(0), [])


class CalendarAxis(pg.AxisItem):
    """A bottom axis of dates (seconds since 1970, UTC) labelled '12 Nov', 'Nov 2021' or '2021'.

    The step between labels is picked from the dates in view and the axis's width in
    pixels, measured in the font the labels are drawn in; ticks mark where the days, weeks,
    months or years start.
    """

    def __init__(self):
        super().__init__("bottom")
        self.setTickFont(self.font())
        self.setStyle(tickLength=5)  # outward, below the bars
        self._finest = Bucket.DAY

    def set_finest(self, bucket: Bucket) -> None:
        """Label no finer than this bucket's unit, unless fewer than two labels would show."""
        if bucket is not self._finest:
            self._finest = bucket
            self.picture = None
            self.update()

    def generateDrawSpecs(self, p):
        bounds = self.mapRectFromParent(self.geometry())
        low, high = self.range
        if high <= low or bounds.width() <= 0:
            return None
        font = self.style["tickFont"]
        p.setFont(font)
        metrics = QFontMetricsF(font)
        ticks, labels = calendar_labels(low, high, bounds.width(), metrics, self._finest)
        scale = bounds.width() / (high - low)
        top, length = bounds.top(), self.style["tickLength"]
        pen = self.tickPen()
        tick_specs = [
            (pen, QPointF(x, top), QPointF(x, top + length)) for x in (bounds.left() + (ticks - low) * scale).tolist()
        ]
        text_top, height = top + length + self.style["tickTextOffset"][1], metrics.height()
        text_specs = []
        for centre, text in labels:
            width = metrics.horizontalAdvance(text)
            rect = QRectF(bounds.left() + (centre - low) * scale - width / 2, text_top, width, height)
            text_specs.append((rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text))
        self._updateMaxTextSize(int(np.ceil(height)))
        return (self.pen(), QPointF(bounds.left(), top), QPointF(bounds.right(), top)), tick_specs, text_specs
