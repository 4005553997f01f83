"""What an import did, or why it changed nothing."""

from dataclasses import dataclass, field

from desktop.services.importing.records import Problem
from desktop.services.wording import plural

_NOUNS = {"side": "side", "story": "story", "speaker": "speaker", "outlet": "outlet", "document": "document"}


@dataclass
class ImportSummary:
    """Counts, problems and the ids created (first, last per table) of one import."""

    files: list[str]
    imported: int = 0
    duplicates: int = 0
    links: int = 0
    created: dict[str, tuple[int, int]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    cancelled: bool = False

    @property
    def committed(self) -> bool:
        """Whether the import was written: no error and not cancelled."""
        return not self.errors and not self.cancelled

    def created_count(self, table: str) -> int:
        first, last = self.created.get(table, (1, 0))
        return last - first + 1

    def headline(self) -> str:
        """One sentence: what was imported, or why nothing was."""
        if self.cancelled:
            return "Import cancelled; the database was left as it was."
        if self.errors:
            return (
                f"Nothing was imported: {plural(len(self.errors), 'error')} "
                "(listed with their lines); the database was left as it was."
            )
        parts = [f"Imported {plural(self.imported, 'statement')}"]
        if self.links:
            parts.append(plural(self.links, "link"))
        new = [plural(self.created_count(t), noun) for t, noun in _NOUNS.items() if self.created_count(t)]
        text = " and ".join(parts) + (f" (new: {', '.join(new)})" if new else "")
        return f"{text}; {plural(self.duplicates, 'duplicate')} skipped."

    def report(self) -> str:
        """The headline, then every warning and error with its file and line."""
        lines = [self.headline(), f"warnings: {len(self.warnings)}", *(f"  warning: {w}" for w in self.warnings)]
        lines += [f"errors: {len(self.errors)}", *(f"  error: {e}" for e in self.errors)]
        return "\n".join(lines)
