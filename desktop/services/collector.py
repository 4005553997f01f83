"""Python's cyclic garbage collector: which thread runs it, and when it is held off.

A collection destroys the unreachable cycles it finds on whichever thread happens to trigger it.
Qt objects kept only by such cycles (a closed chart's items and timers, a dialog's wrapper) must
die on the GUI thread: destroyed on a reader thread they warn "Timers cannot be stopped from
another thread", and can crash or hang the process. A window therefore switches the automatic
collector off and collects on its own thread: `collect_here()`, then `collect_due()` from a timer
there. The command line keeps Python's own collector.

Work that makes objects by the million holds collection off (`paused`): every pass over them
would stop all threads, the GUI's included, for 50-100 ms (the GIL), and reference counting
frees all but cycles anyway. In a window, what such work leaves (a find's 120,000 proposals and
lines, shown until the next find) is then moved out of the collector's reach, as start-up does
with the modules and the first window: each later pass over them would stop the window for
55-65 ms. The few reference cycles it left as garbage (a few thousand objects) stay in memory.
"""

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
# Callers holding collection off; whether one thread collects; and, as CPython keeps them for its own
# collector, the objects the oldest generation held after its last full pass and those moved into it since.
_state = {"paused": 0, "here": False, "long_lived": 0, "pending": 0}


def collect_here() -> None:
    """From now on only the calling thread collects, through `collect_due`; call it often there."""
    with _lock:
        _state["here"] = True
        gc.disable()


def collect_due() -> int:
    """Collect what the automatic collector would now, unless collection is paused: the oldest generation
    whose count is past Python's threshold, but the oldest only once a quarter more objects reached it
    since its last pass (CPython's rule: full passes stay rare however much lives long). How many objects
    it found unreachable."""
    with _lock:
        if _state["paused"]:
            return 0
    counts, thresholds = gc.get_count(), gc.get_threshold()
    if not thresholds[0]:
        return 0
    if counts[2] > thresholds[2] and _state["pending"] > _state["long_lived"] // 4:
        found = gc.collect(2)
        _state["long_lived"], _state["pending"] = len(gc.get_objects(2)), 0
        return found
    if counts[1] > thresholds[1] or counts[2] > thresholds[2]:
        young = len(gc.get_objects(0)) + len(gc.get_objects(1))  # what survives goes to the oldest generation
        found = gc.collect(1)
        _state["pending"] += max(young - found, 0)
        return found
    return gc.collect(0) if counts[0] > thresholds[0] else 0


@contextmanager
def paused() -> Iterator[None]:
    """Hold the cyclic collector off until the last caller holding it is done (from any thread)."""
    with _lock:
        _state["paused"] += 1
        gc.disable()
    try:
        yield
    finally:
        with _lock:
            _state["paused"] -= 1
            if not _state["paused"] and _state["here"]:
                gc.freeze()
            elif not _state["paused"]:
                gc.enable()
