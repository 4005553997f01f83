"""The timeline chart draws the counts it is given and turns clicks and drags into dates."""

from datetime import date

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox

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
