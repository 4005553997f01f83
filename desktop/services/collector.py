"""Python's cyclic garbage collector: which thread runs it, and when it is held off.

A collection destroys the unreachable cycles it finds on whichever thread happens to trigger it.
Qt objects kept only by such cycles (a closed chart's items and timers, a dialog's wrapper) must
die on the GUI thread: destroyed on a reader thread they warn "Timers cannot be stopped from
another thread", and can crash or hang the process. A window therefore switches the automatic
collector off and collects on its own thread: `collect_here()`, then `collect_due()` from a timer
there. The command line keeps Python's own collector.

Objects that outlive a few passes are tenured: once TENURE objects have reached the oldest
generation, one full pass goes over them (and only them), and what survives it is frozen, out of
the collector's reach (gc.freeze), as start-up does with the modules and the first window. Every
full pass is therefore as short as a young one (5-15 ms at a million statements, from a timer
fifty times a second); Python's own rule lets the oldest generation grow with the session (the
modules loaded after start-up, the panels' rows) and then walks all of it (30-60 ms).
A frozen object still dies when nothing refers to it; only a reference cycle among frozen objects
that dies later is left in memory, until `reclaim` collects everything (the app calls it when the
editor leaves the window for another application).

Work that makes objects by the million holds collection off (`paused`): every pass over them
would stop all threads, the GUI's included, for 50-100 ms (the GIL), and reference counting
frees all but cycles anyway. What such work leaves (a find's 120,000 proposals and lines, shown
until the next find) is tenured at once.
"""

import gc
import linecache
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
# Callers holding collection off; whether one thread collects; objects moved into the oldest generation since
# the last full pass.
_state = {"paused": 0, "here": False, "pending": 0}
TENURE = 10_000  # objects in the oldest generation that bring on a full pass and are tenured after it


def collect_here() -> None:
    """From now on only the calling thread collects, through `collect_due`; call it often there."""
    with _lock:
        _state["here"] = True
        gc.disable()


def collect_due() -> int:
    """Collect what the automatic collector would now, unless collection is paused: the youngest generation
    past Python's threshold, both young ones past the next; once TENURE objects have reached the oldest, a
    full pass over them, and what survives is tenured. How many objects it found unreachable."""
    with _lock:
        if _state["paused"]:
            return 0
    counts, thresholds = gc.get_count(), gc.get_threshold()
    if not thresholds[0]:
        return 0
    if _state["pending"] >= TENURE:
        return _full_pass()
    if counts[1] > thresholds[1]:
        young = len(gc.get_objects(0)) + len(gc.get_objects(1))  # what survives goes to the oldest generation
        found = gc.collect(1)
        _state["pending"] += max(young - found, 0)
        return found
    return gc.collect(0) if counts[0] > thresholds[0] else 0


def tenure() -> None:
    """Put every object alive now out of the collector's reach (see the module's docstring)."""
    # PySide6 reads the source of each module imported, to see whether it uses PySide6, and linecache
    # keeps every line of it: megabytes the process never needs, dropped before they are frozen.
    linecache.clearcache()
    gc.freeze()
    _state["pending"] = 0


def reclaim() -> int:
    """Collect everything, tenured objects included, then tenure what survives (a pass of 100 ms or more at a
    million statements: for moments the window is not in use). How many objects it found unreachable."""
    with _lock:
        if _state["paused"]:
            return 0
    gc.unfreeze()
    return _full_pass()


def _full_pass() -> int:
    """Collect every generation not frozen, then tenure what survives. How many objects it found unreachable."""
    linecache.clearcache()  # before the pass too, so that it walks none of those lines: see tenure()
    found = gc.collect()
    tenure()
    return found


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
                tenure()
            elif not _state["paused"]:
                gc.enable()
