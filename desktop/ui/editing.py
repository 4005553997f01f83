"""Editing flows: open a dialog, turn its values into an operation, run it."""

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from desktop.domain.entities import Link, Outlet, Side, Speaker, Statement, Story
from desktop.domain.filters import NO_STORY
from desktop.services import catalog
from desktop.services.cards import statement_cards
from desktop.services.operations import CreateRecord, DeleteRecord, UpdateRecord
from desktop.services.search import newest_statements
from desktop.services.stories import DeleteStory, MoveToStory
from desktop.services.wording import plural
from desktop.ui.desk_state import DeskState
from desktop.ui.dialogs import (
    LinkDialog,
    MoveToStoryDialog,
    OutletDialog,
    SideDialog,
    SpeakerDialog,
    StatementDialog,
    StoryDialog,
)
from desktop.ui.operation_runner import OperationRunner

_LINK_TARGETS = 200  # statements the link dialog lists; words typed find others
MODELS = {"statement": Statement, "speaker": Speaker, "outlet": Outlet, "side": Side, "story": Story}


def _values(row) -> dict:
    return {name: getattr(row, name) for name in type(row).model_fields if name != "id"}


class EditingController(QObject):
    """Adds, edits, links and deletes through dialogs; every change is one undoable operation."""

    def __init__(self, runner: OperationRunner, state: DeskState, parent: QWidget):
        super().__init__(parent)
        self.runner = runner
        self.state = state
        self.window = parent
        self.confirm: Callable[[str, str], bool] = self._ask

    @property
    def db(self):
        return self.runner.db

    def _ask(self, title: str, question: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _dialog(self, kind: str, initial: dict | None) -> QDialog:
        if kind == "statement":
            return StatementDialog(
                self.window,
                speakers=catalog.choices(self.db, Speaker),
                sides=catalog.choices(self.db, Side),
                outlets=catalog.choices(self.db, Outlet),
                stories=catalog.choices(self.db, Story),
                initial=initial,
            )
        if kind == "speaker":
            return SpeakerDialog(self.window, sides=catalog.choices(self.db, Side), initial=initial)
        if kind == "outlet":
            return OutletDialog(self.window, initial=initial)
        if kind == "story":
            return StoryDialog(self.window, initial=initial)
        return SideDialog(self.window, initial=initial)

    def create(self, kind: str, initial: dict | None = None) -> None:
        """Ask for a new statement, speaker, outlet or side and add it."""
        dialog = self._dialog(kind, initial)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            operation = CreateRecord(MODELS[kind], dialog.values())
            if self.runner.run(operation) and kind == "statement":
                self.state.select_statement(operation.created_id)

    def new_story(self) -> None:
        """Ask for a new story's name and add it."""
        self.create("story")

    def new_statement(self) -> None:
        """A new statement, by the speaker, from the outlet and in the story the filter chooses, if it does."""
        chosen = self.state.filter
        initial = None
        if chosen.speaker_id is not None or chosen.outlet_id is not None or chosen.story_id not in (None, NO_STORY):
            initial = {"speaker_id": chosen.speaker_id, "outlet_id": chosen.outlet_id, "story_id": chosen.story_id or None}
        self.create("statement", initial)

    def edit(self, kind: str, row_id: int) -> None:
        """Edit one row in its dialog; only the fields changed are saved, from the version read (merged
        with someone else's change to other fields, a conflict on the same ones)."""
        row = catalog.get(self.db, MODELS[kind], row_id)
        if row is None:
            return
        initial = _values(row)
        dialog = self._dialog(kind, initial)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            changed = {name: value for name, value in dialog.values().items() if initial.get(name) != value}
            if changed:
                seen = {name: initial.get(name) for name in changed}
                self.runner.run(UpdateRecord(MODELS[kind], row_id, changed, version=getattr(row, "version", None), seen=seen))

    def delete(self, kind: str, row_id: int) -> None:
        """Delete one row after asking; undo brings it back."""
        row = catalog.get(self.db, MODELS[kind], row_id)
        if row is None:
            return
        if kind == "story":
            self._delete_story(row)
            return
        name = row.text if kind == "statement" else row.name
        if len(name) > 120:
            name = name[:117] + "…"
        if self.confirm(f"Delete {kind.title()}", f"Delete this {kind}?\n\n{name}\n\nEdit > Undo brings it back."):
            if self.runner.run(DeleteRecord(MODELS[kind], row_id, version=row.version)) and kind == "statement":
                self.state.select_statement(None)

    def _delete_story(self, story: Story) -> None:
        """Delete a story after asking, saying that its statements stay, in no story."""
        count = catalog.story_size(self.db, story.id)
        kept = f"Its {plural(count, 'statement')} will stay, in no story. " if count else ""
        if self.confirm("Delete Story", f"Delete the story “{story.name}”?\n\n{kept}Edit > Undo brings it back."):
            self.runner.run(DeleteStory(story.id))

    def move_to_story(self, statement_ids: list[int], story_id: int | None) -> None:
        """Put statements in a story (None: in no story), as one undoable step."""
        story = catalog.get(self.db, Story, story_id) if story_id is not None else None
        if statement_ids and (story_id is None or story is not None):
            self.runner.run(MoveToStory(statement_ids, story_id, story.name if story else ""))

    def choose_story_for(self, statement_ids: list[int]) -> None:
        """Ask which story the statements move to, then move them."""
        if not statement_ids:
            return
        current = catalog.get(self.db, Statement, statement_ids[0]).story_id if len(statement_ids) == 1 else None
        dialog = MoveToStoryDialog(self.window, stories=catalog.choices(self.db, Story), count=len(statement_ids), current=current)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        chosen = dialog.values()["story_id"]
        dialog.deleteLater()
        if accepted:
            self.move_to_story(statement_ids, chosen)

    def link(self, source_id: int) -> None:
        """Link a statement to another one: the newest are listed, and words typed search the archive."""
        cards = statement_cards(self.db, [source_id])
        if source_id not in cards:
            return

        def targets(words: str) -> list[tuple[int, str]]:
            ids = [i for i in newest_statements(self.db, words, _LINK_TARGETS + 1) if i != source_id][:_LINK_TARGETS]
            found = statement_cards(self.db, ids)
            return [(i, f"{found[i].speaker_name} ({found[i].date_label}): {found[i].text}") for i in ids if i in found]

        dialog = LinkDialog(self.window, source_label=cards[source_id].text, targets=targets(""), find=targets)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.runner.run(CreateRecord(Link, {"from_id": source_id, **dialog.values()}))

    def unlink(self, link_id: int) -> None:
        """Remove one link (undoable)."""
        self.runner.run(DeleteRecord(Link, link_id))
