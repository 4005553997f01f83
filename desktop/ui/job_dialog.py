"""A dialog that runs a long job of the jobs service: its Cancel stops the job, and closing the window waits for it."""

from PySide6.QtWidgets import QWidget

from desktop.ui.lifetime import transient
from desktop.ui.screen_fit import ScreenFitDialog
from desktop.services.jobs import Job
from desktop.ui.gui_thread import run_delivered


class JobDialog(ScreenFitDialog):
    """While `_worker` runs, reject (Cancel, Escape, the close box) cancels it and the dialog stays
    to say what happened; `stop` cancels it and waits."""

    _worker: Job | None = None

    def __init__(self, parent: QWidget | None):
        super().__init__(parent)
        transient(self)

    def _show_cancelling(self) -> None:
        """Show that the job is being cancelled."""
        raise NotImplementedError

    def stop(self) -> None:
        """Cancel a running job and wait until it has stopped, its result handled (before the database closes)."""
        if self._worker is not None:
            self._worker.cancel()
            self._worker.wait()
            run_delivered()

    def reject(self) -> None:
        """Cancel a running job (the dialog stays to say so), or close."""
        if self._worker is not None:
            self._worker.cancel()
            self._show_cancelling()
            return
        super().reject()
