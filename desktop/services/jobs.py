"""Every piece of work done off the GUI thread, on a few threads of one service.

- Writes go to one writer thread, in the order given (FIFO): the open database has one writer.
- Reads of a given key count only when newest: a newer request supersedes the older one, whose
  result is dropped (work already started is let finish, not interrupted).
- Long jobs (an import, an export, reading an article) report progress and stop when cancelled;
  a long job that writes takes its turn on the writer thread.

The service is Qt-free: results come back through the `deliver(call)` function given at
construction, which must run `call()` on the thread that owns the callbacks (the GUI posts it
to its event loop). A failure is logged and handed to `failed(error)`, or, when no `failed` was
given, raised where `deliver` runs the call. `close()` cancels what can be cancelled, lets the
writes already asked for finish, joins every thread, and delivers nothing after it.

What a request is handed (its work and callbacks, which may be bound to a window's widgets) is
let go where `deliver` runs calls, never on a worker: the last reference to a Qt object dropped
on a worker destroys it there, which can deadlock the process (Qt's lock held on one thread, the
GIL on the other).
"""

import itertools
import logging
import threading
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import partial

from desktop.services.errors import ParallaxError
from desktop.storage.database import DatabaseBusy

log = logging.getLogger(__name__)

Deliver = Callable[[Callable[[], None]], None]
Progress = Callable[[int, int], None]  # done, in all
Cancelled = Callable[[], bool]
Done = Callable[[object], None]
Failed = Callable[[BaseException], None]

READERS = 2  # threads for reads: a window refresh need not wait behind an export


class Job:
    """A long job: `cancel()` asks its work to stop at its next look at `cancelled()`; `wait()` blocks
    until its work has returned."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self._finished = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def finished(self) -> bool:
        return self._finished.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the work has returned (or `timeout` seconds passed); True when it has."""
        return self._finished.wait(timeout)


@dataclass
class _Task:
    run: Callable[[], None]  # holds the request's number, never its callables
    number: int | None = None
    key: Hashable | None = None  # latest-only reads: the key a newer request supersedes


@dataclass
class _Request:
    """What a request was handed, kept by the service until its end is delivered, and how it ended."""

    work: Callable[[], object] | None
    done: Done | None
    failed: Failed | None
    progress: Callable[[int], None] | None = None
    result: object = None
    error: BaseException | None = None


@dataclass
class _Lane:
    """Threads taking tasks from one queue in order; closed, they finish what is queued and end."""

    name: str
    count: int
    _tasks: deque = field(default_factory=deque)
    _condition: threading.Condition = field(default_factory=threading.Condition)
    _closed: bool = False
    _threads: list = field(default_factory=list)

    def __post_init__(self) -> None:
        for number in range(self.count):
            thread = threading.Thread(target=self._serve, name=f"parallax-{self.name}-{number + 1}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def put(self, task: _Task) -> None:
        with self._condition:
            if self._closed:
                raise RuntimeError("the jobs service is closed")
            self._tasks.append(task)
            self._condition.notify()

    def drop(self, key: Hashable) -> list[int]:
        """Take the tasks of `key` not yet started out of the queue; their requests' numbers."""
        with self._condition:
            dropped = [task.number for task in self._tasks if task.key is not None and task.key == key]
            kept = [task for task in self._tasks if task.key is None or task.key != key]
            self._tasks.clear()
            self._tasks.extend(kept)
        return dropped

    def drop_keyed(self) -> None:
        """Take every latest-only task not yet started out of the queue."""
        with self._condition:
            kept = [task for task in self._tasks if task.key is None]
            self._tasks.clear()
            self._tasks.extend(kept)

    def close(self) -> None:
        with self._condition:
            self._closed = True
            self._condition.notify_all()
        for thread in self._threads:
            thread.join()

    def _serve(self) -> None:
        while True:
            with self._condition:
                while not self._tasks and not self._closed:
                    self._condition.wait()
                if not self._tasks:
                    return
                task = self._tasks.popleft()
            task.run()


class Jobs:
    """One writer thread, READERS reader threads, and the loops that run until the service closes.

    `after_write`, if given, runs on the writer thread after every write (the workspace counts
    its own changes as seen with it).
    """

    def __init__(self, deliver: Deliver, after_write: Callable[[], None] | None = None):
        self._deliver = deliver
        self._after_write = after_write
        self._lock = threading.Lock()
        self._closed = False
        self._newest: dict[Hashable, int] = {}
        self._jobs: set[Job] = set()
        self._requests: dict[int, _Request] = {}
        self._numbers = itertools.count()
        self._loops: list[tuple[threading.Thread, Callable, Callable[[], None]]] = []
        self._stopping = threading.Event()
        self._writer = _Lane("writer", 1)
        self._readers = _Lane("reader", READERS)

    @property
    def closed(self) -> bool:
        return self._closed

    # Writes ---------------------------------------------------------------------------------

    def write(self, work: Callable[[], object], done: Done | None = None, failed: Failed | None = None,
              name: str = "A write") -> None:
        """Run `work()` on the writer thread after every write asked for before; then `done(result)`,
        or `failed(error)`."""
        self._writer.put(_Task(partial(self._run, self._request(work, done, failed), name, writes=True)))

    # Latest-only reads ----------------------------------------------------------------------

    def latest(self, key: Hashable, work: Callable[[], object], done: Done, failed: Failed | None = None) -> None:
        """Run `work()` on a reader thread, then `done(result)`, unless another request of `key` (or
        `cancel_latest(key)`) came after it: its result is then dropped. Asked where `deliver` runs calls."""
        with self._lock:
            number = self._newest[key] = self._newest.get(key, 0) + 1
        self._forget(self._readers.drop(key))
        current = partial(self._is_newest, key, number)
        request = self._request(work, done, failed)
        self._readers.put(_Task(partial(self._run, request, f"Reading {key}", current=current), request, key))

    def cancel_latest(self, key: Hashable) -> None:
        """Drop the pending request of `key`, and the result of the one running."""
        with self._lock:
            self._newest[key] = self._newest.get(key, 0) + 1
        self._forget(self._readers.drop(key))

    def _is_newest(self, key: Hashable, number: int) -> bool:
        with self._lock:
            return self._newest.get(key) == number

    # Long jobs ------------------------------------------------------------------------------

    def start(self, work: Callable[[Progress, Cancelled], object], done: Done, failed: Failed | None = None,
              progress: Callable[[int], None] | None = None, *, writes: bool, name: str) -> Job:
        """Run `work(progress, cancelled)` (on the writer thread when it `writes`, else on a reader);
        `progress` is handed the per mille done whenever it moves, then `done(result)` or `failed(error)`.

        A job cancelled before its turn still runs, seeing itself cancelled at once: its caller
        always hears how it ended."""
        job = Job()
        request = self._request(work, done, failed, progress)
        progress_wanted = progress is not None
        reported = [-1]

        def report(done_count: int, total: int) -> None:
            per_mille = int(1000 * done_count / total) if total else 1000
            if progress_wanted and per_mille != reported[0]:
                reported[0] = per_mille
                self._post(partial(self._report, request, per_mille))

        def run() -> None:
            try:
                self._run(request, name, writes=writes, arguments=(report, lambda: job.cancelled))
            finally:
                with self._lock:
                    self._jobs.discard(job)
                job._finished.set()

        with self._lock:
            self._jobs.add(job)
        (self._writer if writes else self._readers).put(_Task(run))
        return job

    # Loops ----------------------------------------------------------------------------------

    def keep_running(self, loop: Callable[[Callable[[], bool]], None], name: str,
                     interrupt: Callable[[], None] | None = None) -> None:
        """Run `loop(stopping)` in a thread of its own until `stopping()` is True (at `close`, which
        calls `interrupt` first to end any wait of the loop's sooner)."""

        def run() -> None:
            try:
                loop(self._stopping.is_set)
            except Exception:  # noqa: BLE001 - a loop that fails ends; nothing waits for its result
                log.exception("%s stopped", name)

        thread = threading.Thread(target=run, name=f"parallax-{name}", daemon=True)
        self._loops.append((thread, loop, interrupt or (lambda: None)))  # the loop is let go by `close`, not by its thread
        thread.start()

    def post(self, call: Callable[[], None]) -> None:
        """Hand `call` to the deliver function (from any thread), unless the service is closed by then."""
        self._post(call)

    # Closing --------------------------------------------------------------------------------

    def close(self) -> None:
        """Cancel the long jobs and the reads not begun, let the writes asked for finish, join every
        thread; nothing is delivered after this returns."""
        self._closed = True
        self._stopping.set()
        with self._lock:
            jobs = list(self._jobs)
            for key in self._newest:
                self._newest[key] += 1
        for job in jobs:
            job.cancel()
        self._readers.drop_keyed()
        for _thread, _loop, interrupt in self._loops:
            interrupt()
        self._writer.close()
        self._readers.close()
        for thread, _loop, _interrupt in self._loops:
            thread.join()
        with self._lock:
            left, self._requests = self._requests, {}
        self._loops.clear()
        left.clear()  # what was never delivered is let go here, outside the lock

    # Inside ---------------------------------------------------------------------------------

    def _request(self, work, done, failed, progress=None) -> int:
        """Keep what a request was handed until its end is delivered; the number its task carries."""
        number = next(self._numbers)
        with self._lock:
            self._requests[number] = _Request(work, done, failed, progress)
        return number

    def _forget(self, numbers: list[int]) -> None:
        """Let go of requests whose tasks were dropped before their turn (on the thread asking for reads)."""
        with self._lock:
            forgotten = [self._requests.pop(number, None) for number in numbers]
        forgotten.clear()  # outside the lock: what they held may call back into the service as it goes

    def _run(self, number: int, name: str, *, writes: bool = False, current: Callable[[], bool] | None = None,
             arguments: tuple = ()) -> None:
        """Run request `number`'s work on this thread; its end is delivered by `_end`. Nothing it was handed
        is referred to from here once the end is posted."""
        with self._lock:
            request = self._requests.get(number)
        if request is None:
            return  # the service closed before its turn
        if current is not None and not current():
            del request
            self._post(partial(self._end, number, current))  # superseded before it began
            return
        try:
            request.result = request.work(*arguments)
        except Exception as error:  # noqa: BLE001 - logged, and handed to the caller
            if isinstance(error, (ParallaxError, DatabaseBusy)):
                log.info("%s was refused: %s", name, error)  # a refusal in words, shown to the editor
            else:
                log.exception("%s failed", name)
            request.error = error
        finally:
            if writes and self._after_write is not None:
                self._after_write()
        del request
        self._post(partial(self._end, number, current))

    def _report(self, number: int, per_mille: int) -> None:
        with self._lock:
            request = self._requests.get(number)
        if request is not None and request.progress is not None:
            request.progress(per_mille)

    def _end(self, number: int, current: Callable[[], bool] | None) -> None:
        """Where `deliver` runs calls: hand request `number`'s result or error to its callback, and let it go."""
        with self._lock:
            request = self._requests.pop(number, None)
        if request is None or (current is not None and not current()):
            return
        if request.error is not None:
            if request.failed is None:
                raise request.error
            request.failed(request.error)
        elif request.done is not None:
            request.done(request.result)

    def _post(self, call: Callable[[], None]) -> None:
        self._deliver(partial(self._unless_closed, call))

    def _unless_closed(self, call: Callable[[], None]) -> None:
        if not self._closed:
            call()
