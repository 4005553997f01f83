"""A look at the first rows of a file before importing it: how it will be read, and what is wrong."""

from dataclasses import dataclass, field
from pathlib import Path

from desktop.services.importing.files import open_source
from desktop.services.importing.records import ImportFileError, ImportOptions, Problem, StatementRecord, StatementRows

PREVIEW_ROWS = 50
_PROBLEM_LIMIT = 200


@dataclass
class FilePreview:
    """The first statements of a file as they would be imported, and the problems found up to there."""

    path: Path
    kind: str = ""
    encoding: str = ""
    tabular: bool = False
    columns: list[str] = field(default_factory=list)
    fields: list[str | None] = field(default_factory=list)
    examples: dict[str, str] = field(default_factory=dict)
    records: list[StatementRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    complete: bool = True  # False when the file holds more statements (or problems) than were previewed


def _statements(item) -> list[StatementRecord]:
    """The statements an item read from a file holds (none for a speaker or an outlet, say)."""
    if isinstance(item, StatementRows):
        return item.records()
    return [item] if isinstance(item, StatementRecord) else []


def preview_file(path: Path, options: ImportOptions, limit: int = PREVIEW_ROWS) -> FilePreview:
    """Read up to `limit` statements of the file with the editor's options."""
    preview = FilePreview(Path(path))
    try:
        source = open_source(preview.path, options)
    except ImportFileError as error:
        preview.problems.append(Problem(str(path), error.line, str(error)))
        return preview
    with source:
        preview.kind, preview.encoding, preview.tabular = source.kind, source.encoding, source.tabular
        try:
            for item in source.items():
                if isinstance(item, Problem):
                    preview.problems.append(item)
                    if len(preview.problems) == _PROBLEM_LIMIT:  # enough to show what is wrong
                        preview.complete = False
                        break
                    continue
                for record in _statements(item):
                    if len(preview.records) == limit:
                        preview.complete = False
                        break
                    preview.records.append(record)
                if not preview.complete:
                    break
        except ImportFileError as error:
            preview.problems.append(Problem(str(path), error.line, str(error)))
        if source.mapping is not None:
            preview.columns, preview.fields = list(source.mapping.columns), list(source.mapping.fields)
        preview.examples = dict(source.examples)
    return preview
