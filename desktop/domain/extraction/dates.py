"""When a statement was made: explicit dates and phrases such as 'on Friday', resolved against the article's date."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"
_EXPLICIT = (
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b{_YEAR}"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}{_YEAR}"),
    re.compile(r"\b(?P<iso>\d{4}-\d{2}-\d{2})\b"),
)
_WEEKDAY = re.compile(
    r"\b(?:(?i:last|on|this|early|late)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_RELATIVE = re.compile(
    r"\b(?P<phrase>yesterday|today|earlier\s+today|this\s+morning|last\s+night|tonight"
    r"|earlier\s+this\s+week|this\s+week|last\s+week|earlier\s+this\s+month|this\s+month|last\s+month)\b",
    re.IGNORECASE,
)
# An article dated a few days before the date it mentions was most likely written ahead of it.
_FUTURE_SLACK = timedelta(days=7)


@dataclass(frozen=True)
class DatePhrase:
    """A date phrase in a text, where it is and the date it stands for (None when it cannot be known)."""

    start: int
    end: int
    said_on: date | None


def _month(name: str) -> int:
    return next(i for i, month in enumerate(MONTHS, 1) if month.startswith(name.lower()[:3]))


def _explicit(match: re.Match, today: date | None) -> date | None:
    if match.groupdict().get("iso"):
        try:
            return date.fromisoformat(match.group("iso"))
        except ValueError:
            return None
    month, day = _month(match.group("month")), int(match.group("day"))
    year = int(match.group("year")) if match.group("year") else (today.year if today else None)
    if year is None:
        return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if not match.group("year") and found > today + _FUTURE_SLACK:
        found = found.replace(year=year - 1)
    return found


def _weekday(match: re.Match, today: date | None) -> date | None:
    """The last such weekday before the article's date: a report names the day itself 'today', not 'Friday'."""
    if today is None:
        return None
    back = (today.weekday() - WEEKDAYS.index(match.group("weekday").lower())) % 7
    return today - timedelta(days=back or 7)


def _relative(phrase: str, today: date | None) -> date | None:
    if today is None:
        return None
    phrase = " ".join(phrase.lower().split())
    monday = today - timedelta(days=today.weekday())
    first = today.replace(day=1)
    return {
        "yesterday": today - timedelta(days=1),
        "last night": today - timedelta(days=1),
        "last week": monday - timedelta(days=7),
        "earlier this week": monday,
        "this week": monday,
        "earlier this month": first,
        "this month": first,
        "last month": (first - timedelta(days=1)).replace(day=1),
    }.get(phrase, today)


def find_dates(text: str, today: date | None) -> list[DatePhrase]:
    """Every date phrase of a text, most specific first where two overlap ('Wednesday, November 10')."""
    found: list[DatePhrase] = []
    for pattern in _EXPLICIT:
        found += [DatePhrase(m.start(), m.end(), _explicit(m, today)) for m in pattern.finditer(text)]
    found += [DatePhrase(m.start(), m.end(), _weekday(m, today)) for m in _WEEKDAY.finditer(text)]
    found += [DatePhrase(m.start(), m.end(), _relative(m.group("phrase"), today)) for m in _RELATIVE.finditer(text)]
    return found


def date_outside(text: str, today: date | None, content: tuple[int, int] | None) -> date | None:
    """The date a statement was made: the first dated phrase that is not part of what was said."""
    for phrase in find_dates(text, today):
        closing = content is not None and not text[phrase.end:content[1]].strip(" .,")
        inside = content is not None and content[0] <= phrase.start < content[1] and not closing
        if not inside and phrase.said_on is not None:
            return phrase.said_on
    return None


_WEEKDAY_NAME = re.compile(r"\b(?P<weekday>mon|tue|wed|thu|fri|sat|sun)[a-z]*\b\.?", re.IGNORECASE)


def weekday_year(text: str, latest: date) -> date | None:
    """A date written with its weekday but no year ('Friday, Nov 12'): that day in the latest year, not after
    `latest`, in which it fell on that weekday; None when the text does not name both."""
    weekday = _WEEKDAY_NAME.search(text)
    month_day = _EXPLICIT[0].search(text) or _EXPLICIT[1].search(text)
    if weekday is None or month_day is None:
        return None
    wanted = [day[:3] for day in WEEKDAYS].index(weekday.group("weekday").lower())
    month, day = _month(month_day.group("month")), int(month_day.group("day"))
    for year in range(latest.year, latest.year - 29, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= latest and candidate.weekday() == wanted:
            return candidate
    return None
