"""Counts and dates put into words, the same in every message, header and file."""

from datetime import date


def plural(count: int, noun: str) -> str:
    """'1 statement', '2 statements', '3 stories', '1,000,000 statements'."""
    if count == 1:
        return f"1 {noun}"
    return f"{count:,} {noun[:-1]}ies" if noun.endswith("y") else f"{count:,} {noun}s"


def day_label(day: date | None, unknown: str = "date unknown") -> str:
    """A date as every screen and file writes it: '12 Nov 2021' (or `unknown` when there is none)."""
    return f"{day.day} {day:%b %Y}" if day else unknown
