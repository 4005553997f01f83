"""Checks on the values an editor enters, before anything is written."""

import re
from datetime import date

from desktop.domain import entities
from desktop.domain.urls import is_openable
from desktop.domain.values import (
    MAX_NAME_LENGTH,
    MAX_NOTE_LENGTH,
    MAX_TEXT_LENGTH,
    LinkType,
    OutletKind,
    SpeakerKind,
)
from desktop.services.errors import ValidationError

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_URL_LENGTH = 2_000
MAX_VERDICT_LENGTH = 100


def _name(values: dict, problems: list[str], what: str) -> None:
    name = str(values.get("name", "")).strip()
    if not name:
        problems.append(f"The {what} needs a name.")
    elif len(name) > MAX_NAME_LENGTH:
        problems.append(f"The {what}'s name is longer than {MAX_NAME_LENGTH} characters.")


def _statement(values: dict, problems: list[str]) -> None:
    text = str(values.get("text", "")).strip()
    if not text:
        problems.append("The statement needs its text.")
    elif len(text) > MAX_TEXT_LENGTH:
        problems.append(f"The statement is longer than {MAX_TEXT_LENGTH:,} characters.")
    if values.get("speaker_id") is None:
        problems.append("The statement needs a speaker.")
    said_on = values.get("said_on")
    if said_on is not None and not isinstance(said_on, date):
        problems.append("The date said is not a date.")
    if len(values.get("note", "")) > MAX_NOTE_LENGTH:
        problems.append(f"The note is longer than {MAX_NOTE_LENGTH:,} characters.")
    start, end = values.get("span_start"), values.get("span_end")
    if (start is None) != (end is None) or (start is not None and not 0 <= start <= end):
        problems.append("The span in the document must run forwards from a start to an end.")
    url = values.get("url") or ""
    if len(url) > MAX_URL_LENGTH:
        problems.append(f"The source link is longer than {MAX_URL_LENGTH:,} characters.")
    elif url and not is_openable(url):
        problems.append("The source link must be an http or https address.")
    _verdict(values, problems)


def _verdict(values: dict, problems: list[str]) -> None:
    if len(values.get("verdict") or "") > MAX_VERDICT_LENGTH:
        problems.append(f"The verdict is longer than {MAX_VERDICT_LENGTH} characters.")
    if len(values.get("verdict_explanation") or "") > MAX_NOTE_LENGTH:
        problems.append(f"The verdict's explanation is longer than {MAX_NOTE_LENGTH:,} characters.")
    value, best, worst = (values.get(f"rating_{name}") for name in ("value", "best", "worst"))
    if value is None:
        if best is not None or worst is not None:
            problems.append("A rating scale needs a rating on it.")
        return
    if (best is None) != (worst is None):
        problems.append("Give both the best and the worst rating, or neither.")
    elif best is not None and best == worst:
        problems.append("The best and the worst rating must differ.")
    elif best is not None and not min(best, worst) <= value <= max(best, worst):
        problems.append("The rating must lie between the worst and the best rating.")


def _speaker(values: dict, problems: list[str]) -> None:
    _name(values, problems, "speaker")
    if values.get("kind", SpeakerKind.PERSON.value) not in {k.value for k in SpeakerKind}:
        problems.append("A speaker is a person or a body.")
    if len(values.get("role", "")) > MAX_NAME_LENGTH:
        problems.append(f"The role is longer than {MAX_NAME_LENGTH} characters.")
    if any(len(alias) > MAX_NAME_LENGTH for alias in values.get("aliases", [])):
        problems.append(f"An alias is longer than {MAX_NAME_LENGTH} characters.")


def _outlet(values: dict, problems: list[str]) -> None:
    _name(values, problems, "outlet")
    if values.get("kind", OutletKind.NEWSPAPER.value) not in {k.value for k in OutletKind}:
        problems.append("Unknown outlet kind.")


def _side(values: dict, problems: list[str]) -> None:
    _name(values, problems, "side")
    if not _COLOUR.match(values.get("colour", "#808080")):
        problems.append("The side's colour must be written as #rrggbb.")
    if any(len(cue) > MAX_NAME_LENGTH for cue in values.get("cues", [])):
        problems.append(f"A cue word is longer than {MAX_NAME_LENGTH} characters.")


def _link(values: dict, problems: list[str]) -> None:
    if values.get("from_id") is None or values.get("to_id") is None:
        problems.append("A link joins two statements.")
    elif values["from_id"] == values["to_id"]:
        problems.append("A statement cannot be linked to itself.")
    if values.get("type") not in {t.value for t in LinkType}:
        problems.append("Unknown link type.")


def _story(values: dict, problems: list[str]) -> None:
    _name(values, problems, "story")


_CHECKS = {
    entities.Statement: _statement,
    entities.Speaker: _speaker,
    entities.Outlet: _outlet,
    entities.Side: _side,
    entities.Link: _link,
    entities.Story: _story,
    entities.Document: lambda values, problems: None,
}


def validate(model: type, values: dict) -> None:
    """Raise ValidationError listing every problem with the values for a new or edited row."""
    problems: list[str] = []
    _CHECKS[model](values, problems)
    if problems:
        raise ValidationError(problems)
