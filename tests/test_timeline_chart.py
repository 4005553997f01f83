"""The timeline chart draws the counts it is given and turns clicks and drags into dates."""

import re
from datetime import date

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFontMetricsF, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QToolButton, QToolTip

from desktop.services.timeline import Bucket, SideSeries, TimelineCounts
from desktop.ui.timeline_chart import TimelineChart


def _counts(bucket=Bucket.DAY):
    starts = np.arange(np.datetime64("2021-11-10"), np.datetime64("2021-11-13"))
    return TimelineCounts(
        bucket,
        starts,
        [
            SideSeries(1, "United States", "#1f5fbf", np.array([5, 0, 3])),
            SideSeries(2, "Russia", "#c8102e", np.array([2, 0, 4])),
        ],
    )


@pytest.fixture
def chart(qtbot):
    widget = TimelineChart()
    qtbot.addWidget(widget)
    widget.resize(800, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _viewport_point(chart, day: str, height: float = 1.0):
    """Where a point of the data (noon of `day`, `height`) lies on the plot's viewport."""
    plot = chart.findChild(pg.PlotWidget)
    x = np.datetime64(day, "s").astype(np.float64) + 43200
    scene = plot.plotItem.vb.mapViewToScene(QPointF(x, height))
    return plot.viewport(), plot.mapFromScene(scene)


def test_draws_the_counts_it_is_given_and_replaces_them(chart):
    chart.set_counts(_counts())
    assert chart.totals() == {"United States": 8, "Russia": 6}
    chart.set_counts(TimelineCounts(Bucket.DAY, np.array([], dtype="datetime64[D]"), []))
    assert chart.totals() == {}


def test_picking_a_bucket_size_emits_it(chart, qtbot):
    assert chart.bucket() is Bucket.WEEK
    with qtbot.waitSignal(chart.bucket_changed) as blocker:
        chart.findChild(QComboBox, "bucketPicker").setCurrentIndex(2)
    assert blocker.args == ["month"]
    assert chart.bucket() is Bucket.MONTH


def test_setting_the_bucket_does_not_echo(chart, qtbot):
    with qtbot.assertNotEmitted(chart.bucket_changed):
        chart.set_bucket(Bucket.DAY)
        chart.set_counts(_counts(Bucket.MONTH))
    assert chart.bucket() is Bucket.MONTH


def test_clicking_a_bar_selects_its_bucket(chart, qtbot):
    chart.set_counts(_counts())
    viewport, point = _viewport_point(chart, "2021-11-12")
    with qtbot.waitSignal(chart.range_selected) as blocker:
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [date(2021, 11, 12), date(2021, 11, 12)]


def test_clicking_a_week_selects_monday_to_sunday(chart, qtbot):
    week = TimelineCounts(
        Bucket.WEEK,
        np.array(["2021-11-08"], dtype="datetime64[D]"),
        [SideSeries(1, "Russia", "#c8102e", np.array([6]))],
    )
    chart.set_counts(week)
    viewport, point = _viewport_point(chart, "2021-11-11")
    with qtbot.waitSignal(chart.range_selected) as blocker:
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [date(2021, 11, 8), date(2021, 11, 14)]


def test_clicking_an_empty_bucket_clears(chart, qtbot):
    chart.set_counts(_counts())
    viewport, point = _viewport_point(chart, "2021-11-11")
    with qtbot.waitSignal(chart.range_cleared):
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)


def test_double_clicking_clears(chart, qtbot):
    chart.set_counts(_counts())
    viewport, point = _viewport_point(chart, "2021-11-10")
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    with qtbot.waitSignal(chart.range_cleared):  # a double-click's second press and release
        QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=point)
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point)


def test_dragging_selects_the_days_crossed(chart, qtbot):
    chart.set_counts(_counts())
    viewport, start = _viewport_point(chart, "2021-11-10")
    _, end = _viewport_point(chart, "2021-11-12")
    with qtbot.waitSignal(chart.range_selected) as blocker:
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
        for step in range(1, 11):
            QTest.mouseMove(viewport, start + (end - start) * step / 10)
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    assert blocker.args == [date(2021, 11, 10), date(2021, 11, 12)]


def test_the_selected_range_is_shaded_or_hidden(chart):
    chart.set_counts(_counts())
    (region,) = [
        item for item in chart.findChild(pg.PlotWidget).plotItem.items
        if isinstance(item, pg.LinearRegionItem)
    ]
    chart.set_selected_range(date(2021, 11, 10), date(2021, 11, 11))
    assert region.isVisible()
    low, high = region.getRegion()
    assert (high - low) == 2 * 86400
    chart.set_selected_range(None, None)
    assert not region.isVisible()


def _plot(chart):
    return chart.findChild(pg.PlotWidget)


def _bars(chart):
    return [item for item in _plot(chart).plotItem.items if isinstance(item, pg.BarGraphItem)]


def _seconds(day: str) -> float:
    return float(np.datetime64(day, "s").astype(np.float64))


@pytest.mark.parametrize(
    ("bucket", "starts", "stops"),
    [
        (Bucket.DAY, ["2021-11-10", "2021-11-12"], ["2021-11-11", "2021-11-13"]),
        (Bucket.WEEK, ["2021-11-08", "2021-11-22"], ["2021-11-15", "2021-11-29"]),  # Monday to Sunday
        (Bucket.MONTH, ["2024-01-01", "2024-02-01"], ["2024-02-01", "2024-03-01"]),  # 31 days, then 29
    ],
)
def test_every_bar_lies_over_the_days_it_counts_its_sides_stacked(chart, bucket, starts, stops):
    days = np.array(starts, dtype="datetime64[D]")
    every = np.arange(days[0], days[-1] + 1) if bucket is Bucket.DAY else days  # weeks and months given whole
    counts = np.isin(every, days).astype(np.int64)
    chart.set_counts(TimelineCounts(bucket, every, [
        SideSeries(1, "United States", "#1f5fbf", counts * 2),
        SideSeries(2, "Russia", "#c8102e", counts * 3),
    ]))
    us, russia = _bars(chart)
    for bar in (us, russia):
        lefts, widths = bar.opts["x0"], bar.opts["width"]
        for left, right, start, stop in zip(lefts, lefts + widths, starts, stops):
            low, high = _seconds(start), _seconds(stop)
            assert low <= left and right <= high, "the bar stays inside its own span"
            assert (right - left) >= 0.9 * (high - low), "and covers it"
            assert (left + right) / 2 == pytest.approx((low + high) / 2)
    assert list(us.opts["y0"]) == [0, 0] and list(us.opts["height"]) == [2, 2]
    assert list(russia.opts["y0"]) == [2, 2] and list(russia.opts["height"]) == [3, 3]


def _axis_labels(chart):
    """The bottom axis's labels as drawn: (rect in scene coordinates, text)."""
    axis = _plot(chart).getAxis("bottom")
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _, _, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(axis.mapRectToScene(rect), text) for rect, _, text in texts]


def test_a_day_s_label_sits_under_the_bar_of_that_day(chart):
    chart.set_counts(_counts())
    QApplication.processEvents()  # lays the plot out for the axes now shown
    labels = dict((text, rect) for rect, text in _axis_labels(chart))
    assert {"11 Nov", "12 Nov"} <= set(labels)
    view = _plot(chart).plotItem.vb
    _, russia = _bars(chart)
    left, width = russia.opts["x0"][-1], russia.opts["width"][-1]  # Russia's 12 Nov statements
    bar_left, bar_right = (view.mapViewToScene(QPointF(x, 0)).x() for x in (left, left + width))
    assert bar_left < labels["12 Nov"].center().x() < bar_right


def _two_years(bucket: Bucket) -> TimelineCounts:
    """Two sides' counts in every bucket of 2019 and 2020."""
    if bucket is Bucket.MONTH:
        starts = np.arange(np.datetime64("2019-01"), np.datetime64("2021-01")).astype("datetime64[D]")
    else:
        step = 7 if bucket is Bucket.WEEK else 1
        starts = np.arange(np.datetime64("2018-12-31"), np.datetime64("2021-01-01"), step)  # from a Monday
    counts = np.arange(len(starts)) % 5
    return TimelineCounts(bucket, starts, [
        SideSeries(1, "United States", "#1f5fbf", counts), SideSeries(2, "Russia", "#c8102e", 4 - counts)
    ])


_LABEL = re.compile(r"\d{1,2} [A-Z][a-z]{2}( \d{4})?|[A-Z][a-z]{2}( \d{4})?|\d{4}")


@pytest.mark.parametrize("width", [420, 900, 1900])
@pytest.mark.parametrize("bucket", list(Bucket))
def test_tick_labels_never_touch_at_any_width_or_zoom(qtbot, chart, width, bucket):
    chart.resize(width, 260)
    qtbot.waitUntil(lambda: _plot(chart).getAxis("bottom").width() > width - 120)
    chart.set_counts(_two_years(bucket))
    view = _plot(chart).plotItem.vb
    middle = _seconds("2020-02-27")
    metrics = QFontMetricsF(_plot(chart).getAxis("bottom").style["tickFont"])
    for days in (3.5, 12, 45, 130, 400, 800):
        view.setXRange(middle - days * 43200, middle + days * 43200, padding=0)
        labels = _axis_labels(chart)
        assert len(labels) >= 2, (days, labels)
        spans = sorted(
            (rect.center().x() - metrics.horizontalAdvance(text) / 2, rect.center().x() + metrics.horizontalAdvance(text) / 2, text)
            for rect, text in labels
        )
        for (_, right, text), (left, _, following) in zip(spans, spans[1:]):
            assert right + 4 <= left, f"{text!r} touches {following!r} at {width} px over {days} days"
        assert all(_LABEL.fullmatch(text) for _, _, text in spans), spans


def _label_items(chart):
    return {item.item.toPlainText(): item for item in _plot(chart).scene().items() if isinstance(item, pg.LabelItem)}


def test_the_legend_and_the_undated_note_sit_above_the_bars(chart):
    counts = _counts()
    tallest = TimelineCounts(counts.bucket, counts.starts, [
        SideSeries(side.side_id, side.name, side.colour, side.counts * 10, undated=2) for side in counts.sides
    ])
    chart.set_counts(tallest)
    QApplication.processEvents()  # lays the plot out for the axes now shown
    labels = _label_items(chart)
    legend, note = labels[chart.legend_text()], labels[chart.undated_text()]
    assert "United States" in chart.legend_text() and "Russia" in chart.legend_text()
    view = _plot(chart).plotItem.vb.sceneBoundingRect()
    for item in (legend, note):
        assert item.isVisible() and item.sceneBoundingRect().bottom() <= view.top()
        for bar in _bars(chart):
            assert not item.sceneBoundingRect().intersects(bar.sceneBoundingRect())
    assert all(view.contains(bar.sceneBoundingRect().center()) for bar in _bars(chart))


def test_statements_with_no_date_are_noted_beside_the_chart(chart):
    counts = _counts()
    chart.set_counts(TimelineCounts(counts.bucket, counts.starts, [
        SideSeries(1, "United States", "#1f5fbf", counts.sides[0].counts, undated=3),
        SideSeries(2, "Russia", "#c8102e", counts.sides[1].counts, undated=4),
    ]))
    assert chart.undated_text() == "7 undated, not drawn: United States 3 · Russia 4"
    chart.set_counts(_counts())
    assert chart.undated_text() == ""


def test_hovering_a_bar_tells_its_dates_and_count_per_side(chart):
    chart.set_counts(_counts())
    assert chart.hover_text(_seconds("2021-11-12") + 3600) == "12 Nov 2021\nUnited States: 3\nRussia: 4"
    assert chart.hover_text(_seconds("2021-11-11") + 3600) == ""  # no bar that day
    week = TimelineCounts(Bucket.WEEK, np.array(["2021-11-29"], dtype="datetime64[D]"), [
        SideSeries(1, "Russia", "#c8102e", np.array([6]))
    ])
    chart.set_counts(week)
    assert chart.hover_text(_seconds("2021-12-05") + 80000) == "29 Nov – 5 Dec 2021\nRussia: 6"


def test_the_hover_text_shows_as_a_tooltip_escaped(chart, qtbot):
    chart.set_counts(TimelineCounts(Bucket.DAY, np.array(["2021-11-12"], dtype="datetime64[D]"), [
        SideSeries(1, "<b>Russia</b>", "#c8102e", np.array([4]))
    ]))
    viewport, point = _viewport_point(chart, "2021-11-12")
    QTest.mouseMove(viewport, point)
    qtbot.waitUntil(QToolTip.isVisible)
    assert "12 Nov 2021\n&lt;b&gt;Russia&lt;/b&gt;: 4" in QToolTip.text()
    QToolTip.hideText()


def test_reset_zoom_shows_every_date_again(chart, qtbot):
    chart.set_counts(_counts())
    view, button = _plot(chart).plotItem.vb, chart.findChild(QToolButton, "resetZoom")
    whole = view.viewRange()[0]
    assert button.isVisible() and not button.isEnabled()
    view.scaleBy(x=0.5, y=1)
    assert chart.is_zoomed() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert view.viewRange()[0] == pytest.approx(whole) and not button.isEnabled()


def test_double_clicking_shows_every_date_and_clears_the_dates_picked(chart, qtbot):
    chart.set_counts(_counts())
    view = _plot(chart).plotItem.vb
    whole = view.viewRange()[0]
    view.scaleBy(x=0.5, y=1)
    viewport, point = _viewport_point(chart, "2021-11-11")
    with qtbot.waitSignal(chart.range_cleared):
        QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=point)
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point)
    assert view.viewRange()[0] == pytest.approx(whole)


def test_the_seed_s_undated_statements_are_counted_beside_its_chart(window):
    assert window.chart.totals() == {"United States": 4, "Russia": 5}
    assert window.chart.undated_text() == "7 undated, not drawn: United States 3 · Russia 4"
    note = _label_items(window.chart)[window.chart.undated_text()]
    plot = _plot(window.chart)
    assert note.isVisible() and plot.viewport().rect().contains(plot.mapFromScene(note.sceneBoundingRect()).boundingRect())


def test_the_chart_shows_the_sides_the_comparison_shows(window, qtbot):
    picker = window.comparison.right_picker
    with qtbot.waitSignal(window.view_completed):
        picker.setCurrentIndex(picker.findText("Ukraine"))
    assert "Ukraine" in window.chart.legend_text() and "Russia" not in window.chart.legend_text()
    assert window.chart.totals() == {"United States": 4}
    assert window.chart.undated_text() == "3 undated, not drawn: United States 3"
