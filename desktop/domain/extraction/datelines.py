"""Datelines: the place, day and agency that open a wire story, in the forms agencies write them.

    MOSCOW (AP) —                       KYIV, Ukraine (AP) —           Kyiv (AFP) -
    WASHINGTON, Dec 7 (Reuters) -       LONDON/WASHINGTON (Reuters) -  (Bloomberg) --
    BEIJING, Dec. 7 (Xinhua) --         МОСКВА, 7 декабря. /ТАСС/.     MOSCOW, December 7. /TASS/.
    МОСКВА, 7 дек — РИА Новости.        Москва. 7 декабря. INTERFAX.RU -   KYIV —
"""

import re

_UPPER = r"[A-ZА-ЯЁІЇЄ][A-ZА-ЯЁІЇЄ.'’-]+"
_TITLE = r"[A-ZА-ЯЁІЇЄ][a-zа-яёіїє'’-]+"
_PLACES = rf"{_UPPER}(?:\s+{_UPPER}){{0,3}}(?:\s*/\s*{_UPPER}(?:\s+{_UPPER}){{0,3}}){{0,3}}"
_TITLE_PLACE = rf"{_TITLE}(?:[\s-]{_TITLE}){{0,2}}"
_WHEN = r"[^()\n—–/]{2,40}?"
_DASH = r"(?:\s*[—–]\s*|\s+--?\s+|\s*--\s*)"
_AGENCY = r"[A-Za-zА-Яа-яЁё][\w .&-]{1,40}"
# Agencies that name themselves after the day, without brackets: only these are taken for a dateline.
_NAMED_AFTER = (
    r"РИА\s+Новости|RIA\s+Novosti|INTERFAX(?:\.RU)?|Интерфакс(?:-Украина)?|Interfax(?:-Ukraine)?|УНИАН|UNIAN"
    r"|Укринформ|Укрінформ|Ukrinform|Xinhua|БелТА|BelTA|ТАСС|TASS"
)

DATELINE = re.compile(
    r"^\s*(?:"
    # CITY, day — RIA Novosti.   City. day. INTERFAX.RU -
    rf"(?:{_PLACES}[,.]|{_TITLE_PLACE}\.)\s*(?P<named_when>{_WHEN})(?:\.\s*|{_DASH})(?P<named>{_NAMED_AFTER})(?:\.\s*|{_DASH})"
    # CITY[, day] (Agency) —; a place in title case only before an agency in brackets (AFP's 'Kyiv (AFP) -')
    rf"|(?P<place>{_PLACES}|{_TITLE_PLACE}(?=(?:,\s*{_WHEN})?\s*\())(?:,\s*(?P<when>{_WHEN}))?\s*(?:\((?P<o>{_AGENCY})\))?{_DASH}"
    # [CITY, day.] /TASS/.
    rf"|(?:(?:{_PLACES}|{_TITLE_PLACE})(?:[,.]\s*(?P<slash_when>{_WHEN}))?\.?\s*)?/(?P<slash>{_AGENCY})/\.?(?:{_DASH}|\s*)"
    # (Bloomberg) --
    rf"|\((?P<bracket>{_AGENCY})\){_DASH}"
    r")"
)


def dateline_agency(match: re.Match) -> str | None:
    """The agency a dateline names, if it names one."""
    return match["o"] or match["slash"] or match["named"] or match["bracket"]


def dateline_day(match: re.Match) -> str | None:
    """The words of the day a dateline gives ('Dec 7', '7 декабря'), if it gives one."""
    return match["when"] or match["slash_when"] or match["named_when"]
