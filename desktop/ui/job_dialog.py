"""A dialog that runs a ThreadJob: its Cancel stops the job, and closing the window waits for it."""

from PySide6.QtWidgets import QWidget

from desktop.ui.lifetime import transient
from desktop.ui.screen_fit import ScreenFitDialog
from desktop.ui.thread_job import ThreadJob


class JobDialog(ScreenFitDialog):
    """While `_worker` runs, reject (Cancel, Escape, the close box) cancels it and the dialog stays
    to say what happened; `stop` cancels it and waits."""

    _worker: ThreadJob | None = None

    def __init__(self, parent: QWidget | None):
        super().__init__(parent)
        transient(self)

    def _show_cancelling(self) -> None:
        """Show that the job is being cancelled."""
        raise NotImplementedError

    def stop(self) -> None:
        """Cancel a running job and wait until it has stopped, its result handled (before the database closes)."""
        if self._worker is not None:
            self._worker.cancel_and_wait(self)

    def reject(self) -> None:
        """Cancel a running job (the dialog stays to say so), or close."""
        if self._worker is not None:
            self._worker.cancel()
            self._show_cancelling()
            return
        super().reject()
