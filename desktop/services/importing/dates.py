"""Reading the dates newsroom files hold: ISO, '12 Nov 2021', 'November 12, 2021', '12 ноября 2021'.

All-numeric dates such as 11/12/2021 are read only when they cannot be taken two
ways, or when the editor has said whether the day or the month comes first.
"""

import re
from datetime import date
from enum import StrEnum


class DayOrder(StrEnum):
    """Which comes first in an all-numeric date."""

    DAY_FIRST = "day-first"
    MONTH_FIRST = "month-first"


class DateProblem(ValueError):
    """A date that cannot be read, does not exist, or could be read two ways."""


_ENGLISH = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_RUSSIAN = ["янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]
_WEEKDAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "пн", "вт", "ср", "чт", "пт", "сб", "вс"}
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?")
_NUMERIC = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})")
_TOKEN = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)


def _month(word: str) -> int | None:
    word = word.casefold()
    for names in (_ENGLISH, _RUSSIAN):
        for number, stem in enumerate(names, start=1):
            if word.startswith(stem) and (len(word) <= 9 or names is _RUSSIAN):
                return number
    return None


def _year(digits: str) -> int:
    """A year in full; two digits are read as strptime does (69–99 → 1900s, else 2000s)."""
    year = int(digits)
    if len(digits) == 2:
        return year + (1900 if year >= 69 else 2000)
    return year


def _make(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateProblem(f"“{text}” is not a real date") from None


def _numeric(match: re.Match, text: str, order: DayOrder | None) -> date:
    first, second, year = int(match[1]), int(match[3]), _year(match[4])
    if order is None:
        if first > 12 >= second:
            order = DayOrder.DAY_FIRST
        elif second > 12 >= first or first == second:
            order = DayOrder.MONTH_FIRST
        else:
            raise DateProblem(
                f"the date “{text}” could be {first} {_ENGLISH[second - 1].title()} or "
                f"{second} {_ENGLISH[first - 1].title()} {year}; choose whether the day or the month comes first"
            )
    day, month = (first, second) if order is DayOrder.DAY_FIRST else (second, first)
    return _make(year, month, day, text)


def _worded(text: str) -> date | None:
    tokens = [t for t in _TOKEN.findall(text) if t.casefold() not in {"st", "nd", "rd", "th", "г", "года", "of"}]
    tokens = [t for t in tokens if t.casefold()[:3] not in _WEEKDAYS and t.casefold()[:2] not in _WEEKDAYS]
    words = [t for t in tokens if not t.isdigit()]
    numbers = [t for t in tokens if t.isdigit()]
    if len(words) != 1 or len(numbers) != 2:
        return None
    month = _month(words[0])
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if month is None or len(years) != 1 or len(days) != 1:
        return None
    return _make(int(years[0]), month, int(days[0]), text)


def parse_date(text: str, order: DayOrder | None = None) -> date | None:
    """The date written in `text`; None for an empty cell; DateProblem when it cannot be read."""
    text = text.strip()
    if not text:
        return None
    if match := _ISO.fullmatch(text):
        return _make(int(match[1]), int(match[2]), int(match[3]), text)
    if match := _NUMERIC.fullmatch(text):
        return _numeric(match, text, order)
    found = _worded(text)
    if found is None:
        raise DateProblem(f"“{text}” is not a date Parallax can read (write it as 2021-11-12 or 12 Nov 2021)")
    return found
