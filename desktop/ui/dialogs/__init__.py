"""Dialogs that edit one record each; they return values and never touch the database."""

from desktop.ui.dialogs.conflict_dialog import ConflictDialog
from desktop.ui.dialogs.link_dialog import LinkDialog
from desktop.ui.dialogs.outlet_dialog import OutletDialog
from desktop.ui.dialogs.side_dialog import SideDialog
from desktop.ui.dialogs.speaker_dialog import SpeakerDialog
from desktop.ui.dialogs.statement_dialog import StatementDialog
from desktop.ui.dialogs.story_dialog import MoveToStoryDialog, StoryDialog

__all__ = [
    "ConflictDialog", "LinkDialog", "MoveToStoryDialog", "OutletDialog", "SideDialog", "SpeakerDialog",
    "StatementDialog", "StoryDialog",
]
