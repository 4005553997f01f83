"""The chart frame benchmark times real paints of the chart holding the data it was given."""

import numpy as np
from PySide6.QtGui import QColor, QImage

from benchmarks.chart_frames import daily_counts, pan_zoom_frame_times


def _lower_half_colours(image: QImage) -> set[int]:
    """The RGB values painted in the lower half of the image, below the legend."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32).reshape(image.height(), -1)
    return set(np.unique(pixels[image.height() // 2 :, : image.width()]).tolist())


def test_frames_are_timed_on_a_chart_that_draws_every_day(qapp):
    counts = daily_counts()
    result = pan_zoom_frame_times(steps=5, size=(800, 240), counts=counts)
    for times in (result.pan, result.zoom):
        assert times.frames == 5
        assert 0 < times.median_ms <= times.p95_ms
    assert result.paints == 10  # each frame painted the plot once, not twice
    assert result.totals == counts.totals()
    painted = _lower_half_colours(result.last_frame)
    assert {QColor(side.colour).rgb() for side in counts.sides} <= painted


def test_the_synthetic_archive_is_five_years_of_days_for_two_sides():
    counts = daily_counts()
    assert len(counts.starts) == 1826
    assert (np.diff(counts.starts) == np.timedelta64(1, "D")).all()
    assert [len(side.counts) for side in counts.sides] == [1826, 1826]
    assert all((side.counts == 0).any() for side in counts.sides)  # quiet days are part of the load
