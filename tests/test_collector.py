"""Reference cycles are collected on the GUI thread only, not while heavy work holds collection off, and what lives
long is tenured: out of every pass but the one that collects everything."""

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


def test_a_full_pass_goes_over_what_reached_the_oldest_generation_and_tenures_it(window, monkeypatch):
    monkeypatch.setitem(collector._state, "pending", 0)
    passes = []

    def seen(phase, info):
        if phase == "start":
            passes.append((info["generation"], collector._state["pending"]))

    gc.callbacks.append(seen)
    try:
        kept = []
        while not any(generation == 2 for generation, _ in passes):  # each time more than Python's first threshold, kept
            kept.append([[] for _ in range(gc.get_threshold()[0] + 100)])
            collector.collect_due()
            assert len(kept) < 1000, "no full pass came"
    finally:
        gc.callbacks.remove(seen)
    full = [pending for generation, pending in passes if generation == 2]
    assert full == [passes[-1][1]] and full[0] >= collector.TENURE  # one full pass, once enough lived long
    assert 1 in [generation for generation, _ in passes[:-1]]
    walked = {id(thing) for thing in gc.get_objects()}  # what survived is out of the collector's reach
    assert not any(id(thing) in walked for thing in kept[0])
    assert len(gc.get_objects(2)) < collector.TENURE and collector._state["pending"] == 0


def test_a_cycle_that_dies_after_it_was_tenured_is_collected_when_everything_is(qtbot, window, monkeypatch):
    seen = []
    marker = _Marker(seen)
    collector.tenure()
    del marker
    monkeypatch.setitem(collector._state, "pending", collector.TENURE)
    collector.collect_due()  # a full pass: the frozen cycle is out of its reach
    assert seen == []
    assert collector.reclaim() >= 1
    assert seen == [threading.main_thread()]
    assert collector._state["pending"] == 0
