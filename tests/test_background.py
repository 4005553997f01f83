"""Work done off the GUI thread: only the newest request is answered."""

import threading

from desktop.ui.background import LatestOnly


def _slow(started: threading.Event, release: threading.Event):
    def work():
        started.set()
        release.wait(10)
        return "slow"

    return work


def test_a_newer_request_supersedes_the_one_running(qtbot, gui_jobs):
    worker = LatestOnly(gui_jobs)
    started, release, answers = threading.Event(), threading.Event(), []
    worker.run(_slow(started, release), answers.append)
    qtbot.waitUntil(started.is_set)
    worker.run(lambda: "newer", answers.append)
    release.set()
    qtbot.waitUntil(lambda: answers == ["newer"])
    worker.stop()


def test_a_cancelled_request_is_not_answered(qtbot, gui_jobs):
    worker = LatestOnly(gui_jobs)
    started, release, answers = threading.Event(), threading.Event(), []
    worker.run(_slow(started, release), answers.append)
    qtbot.waitUntil(started.is_set)
    worker.cancel()
    release.set()
    worker.run(lambda: "after", answers.append)
    qtbot.waitUntil(lambda: answers == ["after"])
    worker.stop()


def test_an_error_in_the_work_is_raised_on_the_gui_thread(qtbot, gui_jobs):
    worker = LatestOnly(gui_jobs)
    with qtbot.captureExceptions() as exceptions:
        worker.run(lambda: 1 / 0, print)
        qtbot.waitUntil(lambda: bool(exceptions))
    assert exceptions[0][0] is ZeroDivisionError
    worker.stop()
