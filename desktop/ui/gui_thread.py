"""Hands calls made on other threads to the GUI thread: the `deliver` of the jobs service."""

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal


class _Poster(QObject):
    """Lives on the GUI thread; a call emitted from any thread runs there, in the order posted."""

    _posted = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._posted.connect(self._call, Qt.ConnectionType.QueuedConnection)

    def post(self, call: Callable[[], None]) -> None:
        self._posted.emit(call)

    @staticmethod
    def _call(call: Callable[[], None]) -> None:
        call()


_poster: _Poster | None = None


def _the_poster() -> _Poster:
    global _poster
    if _poster is None:
        _poster = _Poster()  # made on the GUI thread: the first workspace is opened there
    return _poster


def deliver_on_gui_thread(call: Callable[[], None]) -> None:
    """Run `call()` on the GUI thread once it has handled the events already queued (from any thread)."""
    _the_poster().post(call)


def gui_deliver() -> Callable[[Callable[[], None]], None]:
    """The deliver function for a Workspace, made ready on the GUI thread (call it there)."""
    _the_poster()
    return deliver_on_gui_thread


def run_delivered() -> None:
    """Run now, on the GUI thread, the calls already handed over (a dialog stopping its job before
    the database closes hears how the job ended)."""
    QCoreApplication.sendPostedEvents(_the_poster(), QEvent.Type.MetaCall)
