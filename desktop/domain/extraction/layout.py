"""How an article is laid out: what each paragraph is, and the date its top gives.

Only running copy holds statements. Headlines, section titles, bullets, bylines and
credits stay in the text but are never proposed; captions, time stamps and share rows
are page furniture, left out of the text when an article is read. Kinds are told by
the shape of a line (its punctuation, case, length, leading mark or label), not by
matching known texts.
"""

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop.domain.extraction.dates import find_dates, weekday_year
from desktop.domain.extraction.datelines import DATELINE, dateline_day


class Kind(StrEnum):
    """What one paragraph (or line) of an article is."""

    COPY = "copy"  # running text: the only kind statements are taken from
    HEADING = "heading"  # a headline or section title
    BULLET = "bullet"  # a list item or live-blog bullet
    BYLINE = "byline"  # By …, Reporting by …, Editing by …, … contributed to this report, Source: …, © …
    CAPTION = "caption"  # Image: AP, Photo: …, a picture's description ending in its credit
    STAMP = "stamp"  # Last Updated: …, First Published: …, a date or reading time standing alone
    SHARE = "share"  # share buttons, Advertisement, Read more: …


FURNITURE = frozenset({Kind.CAPTION, Kind.STAMP, Kind.SHARE})
HEADING_WORDS = 25
_CAPTION_WORDS = 40
_SENTENCE_ENDS = (".", "!", "?", "…", ":")
_CLOSERS = "\"'”’»)]“‘«"  # a closing mark, or an opening one typed in its place
# Words a title leaves in lower case ("Obama Sees 'Personal Insult' if Blacks Don't Rally").
MINOR_WORDS = frozenset(
    "a an the and or but nor if of to in on at by for with from as into onto over off out up vs via per is".split()
)
_SIGNED_QUOTE = re.compile(r"^\s*[\"“”«'‘].*[\"”»'’]\s*[―—–]\s*[^\W\d_]")
_BULLET = re.compile(r"^\s*[•·▪▫►▸‣◦●○■□*+–-]\s+\S")
_BYLINE = re.compile(
    r"^\s*(?:\(?\s*(?:additional\s+)?(?:reporting|writing|editing|written|compiled|produced)\s+by\b"
    r"|this\s+(?:story|article|report)\s+(?:was|has\s+been)\s+(?:reported|written|updated|edited)\b"
    r"|by\s+(?-i:[A-Z])[\w.'-]+(?:\s+(?-i:[A-Z])[\w.'-]+){0,3}\s*(?:,|$|\band\b|\|)"
    r"|(?:source|copyright)\s*:|©"
    r"|[\w\s.'-]+\bcontributed\s+(?:to\s+this\s+report|reporting)\b)",
    re.IGNORECASE,
)
_PICTURE = r"(?:file\s+)?(?:image|photo|photograph|picture|pic|video|illustration|graphic|credit)s?(?:\s+(?:credit|courtesy|source))?"
_CAPTION = (
    re.compile(rf"^\s*[(\[]?\s*{_PICTURE}\s*[:|]", re.IGNORECASE),  # Image: AP · Photo | Reuters
    re.compile(rf"[(\[|]\s*{_PICTURE}\s*(?::|by)\s*[^()\[\]]{{1,80}}[)\]]?\s*\.?$", re.IGNORECASE),  # … (Photo: AP)
    re.compile(rf"(?<=[.!?])\s+{_PICTURE}\s*:\s*[^.!?]{{1,60}}$", re.IGNORECASE),  # … border. Photo: AP
    re.compile(r"\b[A-Z]{2,}(?:\s+Photo)?/[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\)?\.?$"),  # REUTERS/Name, (AP Photo/Name)
)
_STAMP_LABEL = re.compile(
    r"^\s*(?:(?:last|first)\s+)?(?:updated|published|posted|modified|created|edited)(?:\s+(?:on|at))?\s*(?:[:|]|$)"
    r"|^\s*(?:updated|published|posted)\s+(?=\d|(?-i:[A-Z]))",
    re.IGNORECASE,
)
_READING_TIME = re.compile(r"^\s*\d{1,3}\s*(?:-\s*)?(?:min(?:ute)?s?)\.?\s+read\s*$", re.IGNORECASE)
_CLOCK = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?|\b(?-i:[A-Z]{2,4}T|UTC|GMT|IST|MSK)\b"
    r"|\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?",
    re.IGNORECASE,
)
_SHARE_WORDS = frozenset(
    """share shares shared tweet email e-mail print facebook twitter x whatsapp linkedin telegram reddit pinterest
    messenger copy link links comment comments save bookmark follow subscribe advertisement advertisements sponsored
    ad ads on us via""".split()
)
_SHARE_LABEL = re.compile(
    r"^\s*(?:also\s+read|read\s+(?:more|also|next)|more\s+on\s+this|related(?:\s+(?:news|stories|articles))?"
    r"|recommended|watch(?:\s+video)?|listen(?:\s+to\s+this\s+article)?|trending|most\s+read)\s*[:|]",
    re.IGNORECASE,
)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_][\w'’.-]*", text)


def is_credit(line: str) -> bool:
    """True for bylines and credits: 'By Jane Doe', 'Reporting by …; Editing by …', '© Example Wire'."""
    return bool(_BYLINE.match(line))


def _is_caption(line: str, words: int) -> bool:
    return words <= _CAPTION_WORDS and any(pattern.search(line) for pattern in _CAPTION)


def _is_date_line(line: str) -> bool:
    """A line that is a date and perhaps a time and nothing else: 'Saturday, 13 Nov 2021, 09:30 GMT'."""
    phrases = [p for p in find_dates(line, None) if p.said_on is not None]
    if not phrases:
        return False
    rest = line
    for phrase in sorted(phrases, key=lambda p: -p.start):
        rest = rest[:phrase.start] + " " + rest[phrase.end:]
    return not _words(_CLOCK.sub(" ", rest).replace("|", " "))


def _is_stamp(line: str, words: int) -> bool:
    if _READING_TIME.match(line):
        return True
    if _STAMP_LABEL.match(line):
        value = _STAMP_LABEL.sub("", line, count=1)
        return not _words(value) or _is_date_line(value) or words <= 8
    return words <= 12 and _is_date_line(line)


def _is_share_row(line: str, words: list[str]) -> bool:
    if _SHARE_LABEL.match(line):
        return True
    return bool(words) and all(w.lower().strip(".") in _SHARE_WORDS or w.isdigit() for w in words)


def _is_title_case(words: list[str]) -> bool:
    """Every word that is not a small word capitalised, as headlines are written ('Kremlin Denies Plans')."""
    lettered = [w.lstrip("'\"‘“") for w in words if w.lstrip("'\"‘“")[:1].isalpha()]
    major = [w for w in lettered if w.lower() not in MINOR_WORDS]
    return len(lettered) >= 4 and len(major) >= 3 and all(w[0].isupper() for w in major)


def is_heading(paragraph: str) -> bool:
    """A headline or section title: short and without closing punctuation, or written in title case
    (but not a quotation signed with its speaker's name: '"…" ― Jane Roe')."""
    words = _words(paragraph)
    if not words or len(words) > HEADING_WORDS or _SIGNED_QUOTE.match(paragraph):
        return False
    unpunctuated = not paragraph.rstrip().rstrip(_CLOSERS).endswith(_SENTENCE_ENDS)
    return unpunctuated or _is_title_case(words)


HEADLINE_WORDS = 20
_ONE_SENTENCE = re.compile(r"[.!?]\s+[\"'“‘]?[A-Z]")
_REPEATED_SHARE = 2 / 3


def is_headline(first: str, following: list[str]) -> bool:
    """Whether an article's first paragraph, one short sentence, is its headline even with a full stop: a
    byline, time stamp or caption follows it, or a dateline opens the copy, or the copy repeats its words."""
    if not following or len(_words(first)) > HEADLINE_WORDS or _ONE_SENTENCE.search(first.strip()):
        return False
    kinds = [kind_of(paragraph) for paragraph in following]
    if kinds[0] in FURNITURE | {Kind.BYLINE}:
        return True
    copy = [paragraph for paragraph, kind in zip(following, kinds) if kind == Kind.COPY]
    if copy and DATELINE.match(copy[0]):
        return True
    words = _content_words(first)
    return len(words) >= 3 and any(len(words & _content_words(p)) >= _REPEATED_SHARE * len(words) for p in copy)


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]{4,}", text)}


def kind_of(paragraph: str) -> Kind:
    """What a paragraph (or a line standing alone) is."""
    words = _words(paragraph)
    if _is_share_row(paragraph, words):
        return Kind.SHARE
    if _is_stamp(paragraph, len(words)):
        return Kind.STAMP
    if _is_caption(paragraph, len(words)):
        return Kind.CAPTION
    if is_credit(paragraph):
        return Kind.BYLINE
    if _BULLET.match(paragraph):
        return Kind.BULLET
    return Kind.HEADING if is_heading(paragraph) else Kind.COPY


@dataclass(frozen=True)
class Cleaned:
    """A text without its page furniture, and where characters were left out of it."""

    text: str
    cuts: tuple[tuple[int, int], ...] = ()  # (offset in the cleaned text, characters left out there)

    def original(self, offset: int, end: bool = False) -> int:
        """Where an offset of the cleaned text lies in the text before cleaning (an end stays before a cut)."""
        return offset + sum(length for at, length in self.cuts if at < offset or (at == offset and not end))


def without_furniture(text: str) -> Cleaned:
    """The text without its captions, time stamps and share rows, each left out with its line, and
    without the blank lines that would leave (at most one blank line in a row, none first or last)."""
    lines, at = [], 0
    for line in text.split("\n"):
        end = min(at + len(line) + 1, len(text))
        blank = not line.strip()
        lines.append([at, end, blank, blank or kind_of(line.strip()) not in FURNITURE])
        at = end
    last_text = max((i for i, (_, _, blank, kept) in enumerate(lines) if kept and not blank), default=-1)
    previous_blank = True
    for number, line in enumerate(lines):
        if line[2] and line[3]:
            line[3] = not previous_blank and number < last_text
        if line[3]:
            previous_blank = line[2]
    pieces: list[str] = []
    cuts: list[tuple[int, int]] = []
    size = 0
    for start, end, _, kept in lines:
        if kept:
            pieces.append(text[start:end])
            size += end - start
        elif end == start:
            continue
        elif cuts and cuts[-1][0] == size:
            cuts[-1] = (size, cuts[-1][1] + end - start)
        else:
            cuts.append((size, end - start))
    return Cleaned("".join(pieces), tuple(cuts))


_TOP_LINES = 12


def _date_in(phrase: str, today: date) -> date | None:
    """A full date in a phrase, or one whose weekday tells its year."""
    found = next((p.said_on for p in find_dates(phrase, None) if p.said_on), None)
    return found or weekday_year(phrase, today)


def article_date(text: str, today: date) -> date | None:
    """The date the top of an article gives: a time stamp, a date line, or a dateline ('MOSCOW, Nov 12, 2021 (Reuters) -')."""
    lines = [line.strip() for line in text.split("\n") if line.strip()][:_TOP_LINES]
    for line in lines:
        if kind_of(line) == Kind.STAMP and (found := _date_in(_STAMP_LABEL.sub("", line, count=1), today)):
            return found
    for line in lines:
        dateline = DATELINE.match(line)
        if dateline and dateline_day(dateline) and (found := _date_in(dateline_day(dateline), today)):
            return found
    return None
