"""Reference cycles are collected on the GUI thread only, and not while heavy work holds collection off."""

import gc
import threading

from desktop.services import collector


class _Marker:
    """Part of a reference cycle; says on which thread the collector destroyed it."""

    def __init__(self, seen: list):
        self.seen = seen
        self.cycle = self

    def __del__(self):
        self.seen.append(threading.current_thread())


def _allocate_on_a_thread() -> list:
    """Enough new objects, made on a reader thread and kept, for Python's own collector to pass over the newest."""
    kept = []
    thread = threading.Thread(target=lambda: kept.extend([] for _ in range(20 * gc.get_threshold()[0])))
    thread.start()
    thread.join()
    return kept


def test_a_cycle_left_by_the_window_is_destroyed_on_the_gui_thread(qtbot, window):
    seen = []
    _Marker(seen)
    kept = _allocate_on_a_thread()
    assert seen == []
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [threading.main_thread()]
    del kept


def test_nothing_is_collected_while_work_holds_collection_off(qtbot, window):
    seen = []
    with collector.paused():
        _Marker(seen)
        kept = _allocate_on_a_thread()
        assert collector.collect_due() == 0  # what the window's timer calls
        assert seen == []
    del kept


def test_what_heavy_work_leaves_is_out_of_the_collectors_reach_afterwards(qtbot, window):
    with collector.paused():
        kept = [[] for _ in range(1000)]
    walked = {id(thing) for thing in gc.get_objects()}  # every generation the collector passes over
    assert not any(id(thing) in walked for thing in kept)


def test_a_full_pass_waits_until_a_quarter_more_objects_live_long(window, monkeypatch):
    monkeypatch.setitem(collector._state, "long_lived", 1_000_000)  # as if a million objects lived long
    monkeypatch.setitem(collector._state, "pending", 0)
    passes = []

    def seen(phase, info):
        if phase == "start":
            passes.append(info["generation"])

    gc.callbacks.append(seen)
    try:
        kept = []
        for _ in range(200):  # each time more than Python's first threshold of new objects, kept
            kept.append([[] for _ in range(gc.get_threshold()[0] + 100)])
            collector.collect_due()
        assert 1 in passes and 2 not in passes and gc.get_count()[2] > gc.get_threshold()[2]
        monkeypatch.setitem(collector._state, "pending", 300_000)  # a quarter more than the million
        collector.collect_due()
        assert passes[-1] == 2
    finally:
        gc.callbacks.remove(seen)
