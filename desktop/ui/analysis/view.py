"""The Analysis view: how the dispute moves, a tab per panel, each following the filter and the story.

Only the panel shown is worked out: when the filter, the story or the data change, every
panel is marked stale and the one in view refreshes (off the GUI thread, see panel.py);
another one refreshes when its tab is shown, or the view itself.
"""

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.ui.analysis.balance_panel import BalancePanel
from desktop.ui.analysis.network_panel import NetworkPanel
from desktop.ui.analysis.repeats_panel import RepeatsPanel
from desktop.ui.analysis.response_panel import ResponseTimesPanel
from desktop.ui.analysis.unanswered_panel import UnansweredPanel
from desktop.ui.plain_text import plain_label

PANELS = (ResponseTimesPanel, UnansweredPanel, RepeatsPanel, BalancePanel, NetworkPanel)  # in their tabs' order


class AnalysisView(QWidget):
    """The panels of PANELS in tabs under a line saying what their figures follow.

    A panel is a widget built as `Panel(window)` with a `title` (its tab), `refresh(chosen)`, which
    works its figures out off the GUI thread and shows them when they come, and `working`, true
    until they are shown.
    """

    def __init__(self, window, panels=PANELS):
        super().__init__()
        self.setObjectName("analysisView")
        self.main_window = window
        self.follows = plain_label()
        self.follows.setObjectName("analysisFilter")
        self.tabs = QTabWidget(objectName="analysisTabs")
        self.tabs.setDocumentMode(True)
        self.panels = [panel(window) for panel in panels]
        for panel in self.panels:
            self.tabs.addTab(panel, panel.title)
        self._stale = set(self.panels)
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 0)
        layout.addWidget(self.follows)
        layout.addWidget(self.tabs, 1)

    @property
    def current(self) -> QWidget:
        """The panel in view."""
        return self.tabs.currentWidget()

    def refresh(self) -> None:
        """The filter, the story or the data changed: the panel in view is worked out again, the others when shown."""
        self._stale = set(self.panels)
        described = self.main_window.filter_words  # as the window's last refresh worded the filter
        self.follows.setText(f"Figures follow the filter: {described}" if described else
                             "Figures cover every statement (no filter is chosen).")
        if self.isVisible():
            self._refresh_current()

    def _refresh_current(self) -> None:
        panel = self.current
        if panel in self._stale:
            self._stale.discard(panel)
            panel.refresh(self.main_window.state.filter)

    def _tab_shown(self, _index: int) -> None:
        if self.isVisible():
            self._refresh_current()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refresh_current()

    def step(self, by: int) -> None:
        """Show the next panel (by 1) or the previous one (by -1), round the end."""
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + by) % self.tabs.count())
