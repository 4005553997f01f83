"""Counts and dates put into words, the same in every message, header and file."""

from datetime import date, timedelta


def plural(count: int, noun: str) -> str:
    """'1 statement', '2 statements', '3 stories', '4 days', '1,000,000 statements'."""
    if count == 1:
        return f"1 {noun}"
    return f"{count:,} {noun[:-1]}ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else f"{count:,} {noun}s"


def byline(name: str, role: str) -> str:
    """A speaker and role as one line: 'Dmitry Peskov, Kremlin spokesperson' (the name alone without a role)."""
    return f"{name}, {role}" if role else name


def day_label(day: date | None, unknown: str = "date unknown") -> str:
    """A date as every screen and file writes it: '12 Nov 2021' (or `unknown` when there is none)."""
    return f"{day.day} {day:%b %Y}" if day else unknown


def span_words(first: date, last: date) -> str:
    """The days from first to last, inclusive, as briefly as is clear: '12 Nov 2021', '8–14 Nov 2021',
    '29 Nov – 5 Dec 2021', '27 Dec 2021 – 2 Jan 2022'; a whole month is 'November 2021'."""
    if first == last:
        return day_label(first)
    if first.year != last.year:
        return f"{day_label(first)} – {day_label(last)}"
    if first.month != last.month:
        return f"{first.day} {first:%b} – {day_label(last)}"
    if first.day == 1 and (last + timedelta(days=1)).day == 1:
        return f"{first:%B %Y}"
    return f"{first.day}–{day_label(last)}"
