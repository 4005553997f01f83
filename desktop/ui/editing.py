"""Editing flows: open a dialog, turn its values into an operation, run it."""

from collections.abc import Callable, Iterator
from datetime import date
from functools import partial

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from desktop.domain.entities import Document, Link, Outlet, Side, Speaker, Statement, Story
from desktop.domain.filters import NO_STORY
from desktop.domain.side_colours import side_colour
from desktop.services import catalog
from desktop.services.cards import statement_cards
from desktop.services.operations import Change, CreateRecord, DeleteRecord, Operation, UpdateRecord
from desktop.services.search import link_targets
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
from desktop.ui.lifetime import run_modal
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
        return run_modal(box) == QMessageBox.StandardButton.Yes

    def _dialog(self, kind: str, initial: dict | None, *, editing: bool, parent: QWidget | None = None) -> QDialog:
        parent = parent or self.window
        if kind == "statement":
            return StatementDialog(
                parent,
                speakers=catalog.choices(self.db, Speaker),
                sides=catalog.choices(self.db, Side),
                outlets=catalog.choices(self.db, Outlet),
                stories=catalog.choices(self.db, Story),
                initial=initial,
                editing=editing,
                article_date=self._article_date(initial),
                add_record=self._add_record,
            )
        if kind == "speaker":
            return SpeakerDialog(parent, sides=catalog.choices(self.db, Side), initial=initial, editing=editing)
        if kind == "outlet":
            return OutletDialog(parent, initial=initial, editing=editing)
        if kind == "story":
            return StoryDialog(parent, initial=initial)
        taken = (side.colour for side in catalog.all_rows(self.db, Side))
        return SideDialog(parent, initial=initial, editing=editing, taken=taken)

    def _article_date(self, initial: dict | None) -> date | None:
        """The date of the document a statement comes from, if it has one."""
        document_id = (initial or {}).get("document_id")
        document = catalog.get(self.db, Document, document_id) if document_id is not None else None
        return document.published_on if document is not None else None

    def _answer(self, dialog: QDialog) -> bool:
        """Show a dialog until it is closed (then it is deleted); True when it was accepted."""
        return run_modal(dialog) == QDialog.DialogCode.Accepted

    def _add_record(self, kind: str, initial: dict | None, parent: QWidget,
                    added: Callable[[tuple[int, str]], None] | None = None) -> None:
        """Ask for a new speaker, outlet or side over `parent`, starting from `initial`, and add it
        (one undoable step); `added` is handed its id and name once it is stored."""
        dialog = self._dialog(kind, initial, editing=False, parent=parent)
        if not self._answer(dialog):
            return
        values = dialog.values()
        operation = CreateRecord(MODELS[kind], values)
        self.runner.run(operation, partial(_record_added, operation, values["name"], added))

    def _with_new_names(self, values: dict, new: dict[str, str], last: Callable[[dict], Operation | None]) -> Iterator[Operation]:
        """The operations adding the side, speaker and outlet typed in a statement's dialog, then
        `last(values)` with their ids filled in; each is made once the one before was stored (the
        runner stops at one that was not). A new speaker takes the side chosen, which the statement
        then has from its speaker."""
        values = dict(values)
        if "side" in new:
            taken = [side.colour for side in catalog.all_rows(self.db, Side)]
            side = CreateRecord(Side, {"name": new["side"], "colour": side_colour(new["side"], taken)})
            yield side
            values["side_id"] = side.created_id
        if "speaker" in new:
            speaker = CreateRecord(Speaker, {"name": new["speaker"], "side_id": values["side_id"]})
            yield speaker
            values["speaker_id"], values["side_id"] = speaker.created_id, None
        if "outlet" in new:
            outlet = CreateRecord(Outlet, {"name": new["outlet"]})
            yield outlet
            values["outlet_id"] = outlet.created_id
        if (operation := last(values)) is not None:
            yield operation

    def create(self, kind: str, initial: dict | None = None) -> None:
        """Ask for a new statement, speaker, outlet, side or story and add it; the names typed that are
        new are added with it, in one undoable step."""
        if kind != "statement":
            self._add_record(kind, initial, self.window)
            return
        dialog = self._dialog(kind, initial, editing=False)
        if not self._answer(dialog):
            return
        made: list[CreateRecord] = []
        operations = self._with_new_names(dialog.values(), dialog.new_names(), partial(_statement, made))
        self.runner.run_together("Add Statement", operations, partial(self._statement_added, made))

    def _statement_added(self, made: list, change: Change | None) -> None:
        if change is not None and made:
            self.state.select_statement(made[0].created_id)

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
        dialog = self._dialog(kind, initial, editing=True)
        if not self._answer(dialog):
            return
        new = dialog.new_names() if kind == "statement" else {}

        def update(values: dict) -> UpdateRecord | None:
            changed = {name: value for name, value in values.items() if initial.get(name) != value}
            if not changed:
                return None
            seen = {name: initial.get(name) for name in changed}
            return UpdateRecord(MODELS[kind], row_id, changed, version=getattr(row, "version", None), seen=seen)

        self.runner.run_together(f"Edit {kind.title()}", self._with_new_names(dialog.values(), new, update))

    def edit_statement(self, statement_id: int) -> None:
        """Edit one statement in its dialog."""
        self.edit("statement", statement_id)

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
            done = self._statement_deleted if kind == "statement" else None
            self.runner.run(DeleteRecord(MODELS[kind], row_id, version=row.version), done)

    def _statement_deleted(self, change: Change | None) -> None:
        if change is not None:
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
        if self._answer(dialog):
            self.move_to_story(statement_ids, dialog.values()["story_id"])

    def _targets(self, source_id: int, words: str) -> list[tuple[int, str]]:
        """The statements the link dialog lists for the words typed, each with how it is listed."""
        ids = link_targets(self.db, words, source_id, _LINK_TARGETS)
        return _listed(statement_cards(self.db, ids), ids)

    def link(self, source_id: int) -> None:
        """Link a statement to another one: the newest are listed, and words typed search the archive."""
        cards = statement_cards(self.db, [source_id])
        if source_id not in cards:
            return
        dialog = LinkDialog(self.window, source_label=cards[source_id].text, targets=self._targets(source_id, ""),
                            find=partial(self._targets, source_id), jobs=self.runner.workspace.jobs)
        if self._answer(dialog):
            self.runner.run(CreateRecord(Link, {"from_id": source_id, **dialog.values()}))

    def answer(self, claim_id: int, suggested: list[int]) -> None:
        """Link an answer to a claim: the statement chosen answers it (the link runs from it to the claim), as a
        rebuttal unless "responds to" is chosen. The suggested answers are listed first and the best one is
        chosen, so Enter links it; words typed search the archive. One undoable step."""
        cards = statement_cards(self.db, [claim_id, *suggested])
        if claim_id not in cards:
            return
        first = _listed(cards, [i for i in suggested if i != claim_id])
        chosen = {i for i, _ in first}
        listed = first + [target for target in self._targets(claim_id, "") if target[0] not in chosen]
        dialog = LinkDialog(self.window, source_label=cards[claim_id].text, targets=listed,
                            initial_target=first[0][0] if first else None, find=partial(self._targets, claim_id),
                            jobs=self.runner.workspace.jobs, answering=True)
        if self._answer(dialog):
            values = dialog.values()
            self.runner.run(CreateRecord(Link, {"from_id": values["to_id"], "to_id": claim_id, "type": values["type"]}))

    def unlink(self, link_id: int) -> None:
        """Remove one link (undoable)."""
        self.runner.run(DeleteRecord(Link, link_id))


def _listed(cards: dict, ids: list[int]) -> list[tuple[int, str]]:
    """Statements as the link dialog lists them: 'Dmitry Peskov (12 Nov 2021): …'."""
    return [(i, f"{cards[i].speaker_name} ({cards[i].date_label}): {cards[i].text}") for i in ids if i in cards]


def _record_added(operation: CreateRecord, name: str, added, change: Change | None) -> None:
    if change is not None and added is not None:
        added((operation.created_id, name))


def _statement(made: list, values: dict) -> CreateRecord:
    operation = CreateRecord(Statement, values)
    made.append(operation)
    return operation
