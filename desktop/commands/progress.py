"""How a long sub-command shows its progress, and stops on Ctrl+C without changing anything."""

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_shown() -> Iterator[Callable[[int, int], None]]:
    """A progress callback showing the share done on standard error.

    On a terminal each whole percent, rewritten in place and ended with a new line;
    elsewhere (a pipe, a log file) a line at each tenth: 10%, 20%…"""
    terminal = sys.stderr.isatty()
    step = 1 if terminal else 10
    shown = [0 if not terminal else -1]

    def show(done: int, total: int) -> None:
        percent = (done * 100 // total if total else 100) // step * step
        if percent > shown[0]:
            shown[0] = percent
            if terminal:
                print(f"\r{percent}%", end="", file=sys.stderr, flush=True)
            else:
                print(f"{percent}%", file=sys.stderr, flush=True)

    yield show
    if terminal and shown[0] >= 0:
        print(file=sys.stderr)


@contextmanager
def cancel_on_interrupt() -> Iterator[threading.Event]:
    """An event set by the first Ctrl+C, for the work to stop at its next check (a second one stops at once).

    Only in the main thread, where Python receives signals; elsewhere the event is never set."""
    event = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield event
        return

    def interrupted(_signal, _frame) -> None:
        event.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        print("\nStopping: nothing will be changed (Ctrl+C again to stop at once)…", file=sys.stderr, flush=True)

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield event
    finally:
        signal.signal(signal.SIGINT, previous)
