"""Link one statement to another."""

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from desktop.domain.values import LinkType
from desktop.services.jobs import Jobs
from desktop.ui.background import LatestOnly
from desktop.ui.dialogs.base import EditDialog, choice_combo, line_edit
from desktop.ui.plain_text import plain_label, tooltip_text

SOURCE_PREVIEW_LENGTH = 280
FIND_DELAY_MS = 250  # typing pauses this long before the words are looked up
_ID = Qt.ItemDataRole.UserRole

Targets = list[tuple[int, str]]  # statement id and how it is listed


def _preview(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SOURCE_PREVIEW_LENGTH:
        return text
    return text[: SOURCE_PREVIEW_LENGTH - 1].rstrip() + "…"


class LinkDialog(EditDialog):
    """Choose the statement a link points to, and how the source relates to it.

    It lists `targets`. With `find`, the words typed are looked up (`find(words)` gives the
    statements to list instead, run by `jobs` off the GUI thread) once typing pauses; without it
    they narrow the list.
    `values()` holds `to_id` and `type`; the caller adds `from_id`, so the full link is
    validated by the operation that stores it rather than here. For an answer to a claim
    (`answering`), the statement chosen is the one that answers: the caller links it to the
    claim, and only the types of an answer (rebuts, responds to) are offered.
    """

    def __init__(
        self,
        parent: QWidget | None,
        *,
        source_label: str,
        targets: Targets,
        initial_target: int | None = None,
        find: Callable[[str], Targets] | None = None,
        jobs: Jobs | None = None,
        answering: bool = False,
    ):
        super().__init__(parent, "Answer Claim" if answering else "Link Statement", 520)
        self.source = plain_label(_preview(source_label), selectable=True)
        self.source.setObjectName("linkSource")
        self.filter = line_edit("linkFilter")
        self.filter.setPlaceholderText("Type words to search all statements" if find else "Type to filter statements")
        self.filter.setClearButtonEnabled(True)
        self.targets = QListWidget()
        self.targets.setObjectName("linkTargets")
        self.targets.setMinimumHeight(220)
        self.targets.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.targets.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._list(targets, initial_target)
        self._find = find
        self._finding = QTimer(self, singleShot=True, interval=FIND_DELAY_MS)
        self._finding.timeout.connect(self._look_up)
        self._lookups = LatestOnly(jobs, self) if find else None  # a search of a large archive takes a moment
        self.finished.connect(self._stop_looking_up)
        types = [t for t in LinkType if t.answers or not answering]
        self.type = choice_combo("linkType", [(t.value, t.label) for t in types], LinkType.REBUTS.value)

        self.form.addRow("Claim:" if answering else "Statement:", self.source)
        self.form.addRow("&Type:", self.type)
        self.form.addRow("&Find:", self.filter)
        self.form.addRow("&Answered by:" if answering else "&Link to:", self.targets)

        self.filter.textChanged.connect(self._finding.start if find else self._apply_filter)
        self.targets.itemSelectionChanged.connect(self._refresh_ok)
        self.targets.itemDoubleClicked.connect(self.accept)
        self._refresh_ok()

    def _list(self, targets: Targets, selected: int | None) -> None:
        self.targets.clear()
        for target_id, label in targets:
            item = QListWidgetItem(label, self.targets)
            item.setData(_ID, target_id)
            item.setToolTip(tooltip_text(label))
            if target_id == selected:
                self.targets.setCurrentItem(item)

    def _look_up(self) -> None:
        """Look the words typed up off the GUI thread; the newest words typed win."""
        words = self.filter.text()
        self._lookups.run(lambda: self._find(words), self._found)

    def _found(self, targets: Targets) -> None:
        """List the statements found, keeping the one chosen if it is among them."""
        chosen = self._selected()
        self._list(targets, chosen.data(_ID) if chosen else None)
        self._refresh_ok()

    def _stop_looking_up(self) -> None:
        self._finding.stop()
        if self._lookups is not None:
            self._lookups.stop()

    def _apply_filter(self, text: str) -> None:
        needle = text.casefold()
        for row in range(self.targets.count()):
            item = self.targets.item(row)
            item.setHidden(needle not in item.text().casefold())
            if item.isHidden() and item.isSelected():
                item.setSelected(False)

    def _selected(self) -> QListWidgetItem | None:
        selected = self.targets.selectedItems()
        return selected[0] if selected else None

    def _is_complete(self) -> bool:
        return self._selected() is not None

    def values(self) -> dict:
        item = self._selected()
        return {"to_id": item.data(_ID) if item else None, "type": self.type.currentData()}
