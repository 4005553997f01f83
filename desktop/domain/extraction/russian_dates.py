"""Dates in Russian articles: the dateline's ('МОСКВА, 7 декабря. /ТАСС/.') and phrases such as 'в четверг'."""

import re
from datetime import date, timedelta

MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
_WEEKDAYS = ("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресень")
_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{'|'.join(MONTHS)})(?:\s+(?P<year>\d{{4}})\s*(?:г\.|года)?)?", re.I
)
_WEEKDAY = re.compile(r"\bв(?:о)?\s+(?P<weekday>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)\b", re.I)
_RELATIVE = {"накануне": -1, "вчера": -1, "сегодня": 0, "позавчера": -2}


def dateline_date(day: str, today: date | None) -> date | None:
    """The day a dateline's words name ('7 декабря'), in the year of the article's date (the year before, if
    that would be ahead)."""
    match = _DAY_MONTH.fullmatch(day.strip(" .,"))
    if today is None or match is None:
        return None
    try:
        found = date(today.year, MONTHS.index(match.group("month").lower()) + 1, int(match.group("day")))
    except ValueError:
        return None
    return found.replace(year=today.year - 1) if found > today + timedelta(days=7) else found


def said_on(attribution: str, today: date | None) -> date | None:
    """The date the words around a statement give it ('в четверг', 'накануне', '7 декабря'), else None."""
    if today is None:
        return None
    if match := _DAY_MONTH.search(attribution):
        try:
            found = date(
                int(match.group("year") or today.year),
                MONTHS.index(match.group("month").lower()) + 1,
                int(match.group("day")),
            )
        except ValueError:
            return None
        return (
            found.replace(year=found.year - 1)
            if not match.group("year") and found > today + timedelta(days=7)
            else found
        )
    if match := _WEEKDAY.search(attribution):
        wanted = next(i for i, day in enumerate(_WEEKDAYS) if match.group("weekday").lower().startswith(day))
        return today - timedelta(days=(today.weekday() - wanted) % 7 or 7)
    for word, shift in _RELATIVE.items():
        if re.search(rf"\b{word}\b", attribution, re.I):
            return today + timedelta(days=shift)
    return None
