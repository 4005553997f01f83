"""Reading a Russian article into proposed statements.

Agency and newspaper Russian reports speech in a few shapes, each read here as a pattern of the
language: «…», — заявил X. · X подчеркнул: «…» · — …, — сказал X, — … · X сообщил, что … ·
…, считает X. · По словам X, … · Как сообщает X со ссылкой на Y, … · X назвал … · … Об этом
заявил X. Quotes come in «ёлочки», „лапки“ and straight marks; names in any case fold to one
speaker (russian_speakers.py).
"""

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from desktop.domain.extraction.datelines import DATELINE, dateline_agency, dateline_day
from desktop.domain.extraction.layout import Kind, kind_of
from desktop.domain.extraction.model import Context, KnownOutlet, Proposal
from desktop.domain.extraction.outlets import OPENING_PARAGRAPHS
from desktop.domain.extraction.russian_dates import dateline_date, said_on
from desktop.domain.extraction.russian_speakers import Heard, RussianOutlets, RussianSpeakers, Speaker
from desktop.domain.extraction.russian_words import gender, is_finite, is_object_cue, is_saying
from desktop.domain.extraction.sentences import paragraphs
from desktop.domain.extraction.sides import SideFinder

RUSSIAN_SHARE = 0.5  # of an article's letters, Cyrillic ones, for it to be read as Russian
MIN_WORDS = 3  # of what was said, for it to say something ('к сдержанности' does not)
_RECENT = 5  # statements found last, the only ones a new one can overlap (they are found in order)
_BASE = {"quote": 0.9, "that": 0.8, "inverted": 0.8, "about": 0.8, "according": 0.75, "object": 0.6, "floating": 0.6}
_OPEN_CLOSE = {"«": "»", "„": "“", "“": "”"}
_DASH = r"[—–-]"
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё][\w-]*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"„“—–A-ZА-ЯЁ0-9])")
# '…, — сказал X' / '», — сказал X': the turn from what was said to who said it.
_TURN = re.compile(rf"[,!?…]?\s*{_DASH}\s+")
_ACCORDING = re.compile(
    r"(?:^|(?<=[,:;]\s))(?:[Пп]о\s+(?:(?P<own>его|ее|её|их)\s+)?(?:словам|мнению|данным|информации|оценке|сведениям)"
    r"(?P<whom>(?:\s+[^,]+?)?)|[Кк]ак\s+(?P<cue>[а-яё]+)(?P<who>\s+[^,]+?))\s*,\s*"
)
_ABOUT = re.compile(r"Об\s+этом\s+")
# 'В. Путин', 'г.', 'т. е.': a full stop that does not end a sentence.
_ABBREVIATION = re.compile(r"(?:(?:^|[\s(])[А-ЯЁ]|\bг|\bгг|\bт\.\s?[ед]|\bим|\bул|\bдр)\.$")
# Where the object of 'назвал', 'призвал' ends: a comma that does not go on with 'что', 'который'…
_CLAUSE_END = re.compile(r",\s+(?!что|чтобы|кто|котор|где|если|когда|поскольку|так\s+как|в\s+том)|;|\s[—–]\s")
# ', где работал Воронов,' / ', в свою очередь,': words set off by commas inside a subject.
_INSERTED = re.compile(r",[^,]*,")
# '…, говорится в заявлении правительства': the document, then whose it is.
_DOCUMENT = re.compile(
    r"\s+(?:в|на)\s+(?:своем\s+|своём\s+|официальном\s+)?(?:заявлени[иях]|сообщени[иях]|документе|письме|"
    r"пресс-релизе|публикации|коммюнике|сайте|телеграм-канале|Telegram-канале)\s+",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"(?:котор|что\b|чтобы|где\b|кто\b|когда\b|если\b)", re.IGNORECASE)
_OPENER = re.compile(r"^(?:Отвечая|Комментируя|Выступая|Говоря)[^,]*,\s*")
_THAT = re.compile(r",\s*(?:что(?:бы)?|будто)\s+")


@dataclass
class _Found:
    """A statement being assembled, with where its content lies and who said it."""

    spans: list[tuple[int, int]]
    heard: Heard
    via: str
    is_quote: bool
    paragraph: int
    attribution: str


def is_russian(text: str) -> bool:
    """True when most of the letters of a text are Cyrillic."""
    cyrillic = len(re.findall(r"[а-яё]", text, re.IGNORECASE))
    latin = len(re.findall(r"[a-z]", text, re.IGNORECASE))
    return cyrillic > 0 and cyrillic >= RUSSIAN_SHARE * (cyrillic + latin)


def extract(work: str, context: Context = Context()) -> list[Proposal]:
    """Propose the statements of a Russian article (its spaces made plain by extractor.extract), in order."""
    outlets = RussianOutlets(context.outlets)
    speakers = RussianSpeakers(context.speakers, outlets)
    spans = paragraphs(work)
    outlets.dateline = outlets.book.dateline(work, spans)
    quotes = [_quotes(work, start, end) for start, end in spans]
    masked = _masked(work, [q for paragraph in quotes for q in paragraph])
    today = context.document_date
    found: list[_Found] = []
    for number, (start, end) in enumerate(spans):
        paragraph = work[start:end]
        dateline = DATELINE.match(paragraph) if number < OPENING_PARAGRAPHS else None
        if dateline and (dateline_day(dateline) or dateline_agency(dateline)):
            today = dateline_date(dateline_day(dateline) or "", context.document_date) or today
            start += dateline.end()
        elif not paragraph.lstrip().startswith(("—", "–")) and kind_of(paragraph) != Kind.COPY:
            continue
        _Paragraph(work, masked, quotes[number], (start, end, number), speakers, found).read()
    carried = _carry_outlets(found)
    sides = SideFinder(context.sides)
    proposals = [
        _proposal(work, item, outlet or outlets.dateline, today, sides) for item, outlet in zip(found, carried)
    ]
    return sorted(proposals, key=lambda p: (p.start, p.end))


class _Paragraph:
    """The statements of one paragraph. Patterns are sought in the paragraph with its quotations blanked
    (`masked`); speaker phrases are read from the text itself, at the same offsets."""

    def __init__(
        self,
        text: str,
        masked: str,
        quotes: list[tuple[int, int]],
        where: tuple[int, int, int],
        speakers: RussianSpeakers,
        found: list[_Found],
    ):
        self.text, self.masked, self.quotes = text, masked, quotes
        self.start, self.end, self.number = where
        self.speakers, self.found = speakers, found
        self._opens = [qs for qs, _ in quotes]

    def read(self) -> None:
        if re.match(rf"\s*{_DASH}\s", self.masked[self.start : self.end]) and self._dialogue():
            return
        sentences = list(self._sentences())
        for index, (s, e) in enumerate(sentences):
            if not self._sentence(s, e, sentences[index - 1] if index else None):
                self._notice(s, e)

    def _sentences(self):
        masked, begin = self.masked[self.start : self.end], 0
        for match in _SENTENCE_END.finditer(masked):
            if not _ABBREVIATION.search(masked[begin : match.start()]):
                yield self.start + begin, self.start + match.start()
                begin = match.end()
        if masked[begin:].strip():
            yield self.start + begin, self.start + len(masked.rstrip())

    def _add(self, spans, heard: Heard, via: str, is_quote: bool, attribution: tuple[int, int]) -> bool:
        spans = [_trim(self.text, s, e) for s, e in spans if e > s]
        spans = [(s, e) for s, e in spans if e > s]
        if not spans or sum(len(_WORD.findall(self.text[s:e])) for s, e in spans) < MIN_WORDS:
            return False
        if any(s < f.spans[-1][1] and f.spans[0][0] < e for f in self.found[-_RECENT:] for s, e in spans):
            return False
        self.found.append(_Found(spans, heard, via, is_quote, self.number, self.text[attribution[0] : attribution[1]]))
        return True

    def _dialogue(self) -> bool:
        """'— …, — сказал X. — …': what was said, its speaker, and what they went on to say."""
        for turn in _TURN.finditer(self.masked, self.start + 1, self.end):
            if not _cue_opens(self.masked[turn.end() : self.end]):
                continue
            close = re.compile(rf"[.,]\s+{_DASH}\s+|\.?\s*$").search(self.masked, turn.end(), self.end)
            heard = self._inverted(turn.end(), close.start())
            first = (re.compile(rf"\s*{_DASH}\s*").match(self.masked, self.start).end(), turn.start())
            spans = [first] + ([(close.end(), self.end)] if close.group().strip() else [])
            return self._add(spans, heard, "quote", True, (turn.end(), close.start()))
        return self._floating(self.start + 1, self.end)

    def _near(self, speaker: Speaker) -> bool:
        return any(f.heard.speaker is speaker and f.paragraph >= self.number - 1 for f in self.found[-3:])

    def _sentence(self, s: int, e: int, before: tuple[int, int] | None) -> bool:
        masked = self.masked
        body = e - 1 if masked[e - 1] in ".!?…" else e
        for qs, qe in self.quotes[bisect_left(self._opens, s) : bisect_left(self._opens, e)]:
            if qe > e:
                continue
            turn = _TURN.match(masked, qe + 1, e)
            opening = not masked[s:qs].strip(" —–-")
            if opening and turn and _cue_opens(masked[turn.end() : e]):
                return self._add([(qs + 1, qe)], self._inverted(turn.end(), body), "quote", True, (turn.end(), body))
            lead = masked[s:qs]
            if re.search(r":\s*$", lead) and (cue := _last_cue(lead)) is not None:
                return self._add([(qs + 1, qe)], self._subject(s, s + cue, qs), "quote", True, (s, qs))
        turn = next(
            (t for t in _TURN.finditer(masked, s, e) if t.start() > s and _cue_opens(masked[t.end() : e])), None
        )
        if turn and masked[turn.start()] in ",!?…":
            return self._add([(s, turn.start())], self._inverted(turn.end(), body), "quote", True, (turn.end(), body))
        about = _ABOUT.match(masked, s, e)
        if about and (cue := _first_cue(masked[about.end() : e])) is not None and before is not None:
            heard = self._inverted(about.end() + cue, body)
            if heard.outlet is None:  # 'Об этом в интервью «Ъ» заявил X'
                heard = Heard(
                    heard.speaker,
                    heard.pointed,
                    self.speakers.outlets.take(self.text[about.end() : about.end() + cue])[1],
                )
            return self._add([before], heard, "about", False, (s, e))
        if according := _ACCORDING.search(masked[s:e]):
            return self._according(according, s, body)
        return self._that(s, body) or self._inverted_sentence(s, body) or self._object(s, body) or self._floating(s, e)

    def _according(self, match: re.Match, s: int, body: int) -> bool:
        """'По словам Пескова, …', 'Как сообщает агентство X со ссылкой на источник, …', '…, по данным СК, …'
        (`match` is of the sentence starting at `s`)."""
        cue = match.group("cue")
        if cue and not (is_saying(cue) or cue.lower() in ("пишет", "передает", "передаёт")):
            return False
        group = "whom" if match.group("whom") else "who"
        phrase = self.text[s + match.start(group) : s + match.end(group)] if match.group(group) else ""
        source = re.search(r"\s*со\s+ссылкой\s+на\s+(.+)$", phrase)
        if match.group("own"):
            heard = Heard(self.speakers.last, True, None)
        elif source:
            named = phrase[: source.start()]  # 'Как сообщает X со ссылкой на Y': X is an outlet by the construction
            through = self.speakers.outlets.take(named)[1] or self.speakers.outlets.resolve(
                named.strip(' «»"„“”'), cued=True
            )
            heard = self.speakers.hear(source.group(1), "accs")
            heard = Heard(heard.speaker, heard.pointed, heard.outlet or through)
        else:
            heard = self.speakers.hear(phrase, "nomn" if cue else "gent", outlet_speaks=True)
        where = (s + match.start(), s + match.end())
        if match.start() > 0 and not re.search(r"[:;]\s*$", self.masked[s : where[0]]):
            return self._add([(s, where[0]), (where[1], body)], heard, "according", False, where)
        return self._add([(where[1], body)], heard, "according", False, where)

    def _that(self, s: int, body: int) -> bool:
        """'X заявил, что …', 'В МИД заявили журналистам, что …', 'Песковым было отмечено, что …'."""
        for that in _THAT.finditer(self.masked, s, body):
            cue = _last_cue(self.masked[s : that.start()])
            if cue is None or len(_WORD.findall(self.masked[s + cue : that.start()])) > 8:
                continue
            return self._add(
                [(that.end(), body)], self._subject(s, s + cue, that.start()), "that", False, (s, that.start())
            )
        return False

    def _inverted_sentence(self, s: int, body: int) -> bool:
        """'…, считает Песков.': what was said, then the verb and its speaker."""
        for comma in reversed(list(re.compile(r"[,!?]\s+(?=[а-яё])").finditer(self.masked, s, body))):
            rest = self.masked[comma.end() : body]
            if comma.start() - s < 12 or _RELATIVE.match(rest) or not _cue_opens(rest):
                continue
            verb = _WORD.search(rest)
            if not is_saying(verb.group()) and len(_WORD.findall(rest)) > 4:
                continue  # '…, в свою очередь, призвал не торопиться': 'призвал' has its object after it

            return self._add(
                [(s, comma.start())], self._inverted(comma.end(), body), "inverted", False, (comma.end(), body)
            )
        return False

    def _object(self, s: int, body: int) -> bool:
        """'Спыну назвал требования «Газпрома» политическим давлением': the verb's object is what was said."""
        for word in _WORD.finditer(self.masked, s, body):
            if word.group()[:1].isupper() or not is_object_cue(word.group()):
                continue
            subject = _INSERTED.sub(" ", self.masked[s : word.start()])
            if not subject.strip() or any(_is_verb(w) for w in _WORD.findall(subject)):
                return False
            end = next((c.start() for c in _CLAUSE_END.finditer(self.masked, word.end(), body)), body)
            return self._add(
                [(word.end(), end)], self._subject(s, word.start(), word.start()), "object", False, (s, word.end())
            )
        return False

    def _floating(self, s: int, e: int) -> bool:
        """A quotation standing as a sentence of its own, with no verb: the last speaker's, when near."""
        last = self.speakers.last
        if last is None or not self._near(last):
            return False
        inside = self.quotes[bisect_left(self._opens, s) : bisect_left(self._opens, e)]
        whole = [(qs, qe) for qs, qe in inside if qe <= e and not self.masked[s:qs].strip(" —–-")]
        spans = (
            [(whole[0][0] + 1, whole[0][1])]
            if whole
            else ([(s, e)] if self.masked[s - 1 : s + 1].strip() in ("—", "–") else [])
        )
        return bool(spans) and self._add(spans, Heard(last, True, None), "floating", True, (s, s))

    def _notice(self, s: int, e: int) -> None:
        """A sentence that says nothing may still name whom the next ones quote ('Сам Воронов вины не признал')."""
        for word in _WORD.finditer(self.masked, s, e):
            if _is_verb(word.group()):
                subject = _INSERTED.sub(" ", self.text[s : word.start()])
                if subject.strip() and not re.search(r"[,:;«]", subject):
                    self.speakers.hear(subject, notice=True, gender=gender(word.group()))
                return

    def _inverted(self, start: int, end: int) -> Heard:
        """The speaker after a verb of saying: 'сказал Песков', 'сообщил «Интерфаксу» источник', 'цитирует X Y'."""
        verb = _WORD.search(self.masked, start, end)
        if verb is None:
            return Heard(None, False, None)
        if not (is_saying(verb.group()) or is_object_cue(verb.group())):  # 'Песков сказал': the speaker stands first
            cue = _first_cue(self.masked[start:end])
            return self._subject(start, start + cue, end)
        if document := _DOCUMENT.match(self.text, verb.end(), end):  # '…, говорится в заявлении МИД'
            return self.speakers.hear(self.text[document.end() : end].strip(" ,."), "gent")
        case = "accs" if verb.group().lower().startswith("цитир") else "nomn"
        return self.speakers.hear(
            self.text[verb.end() : end].strip(" ,."), case, gender=gender(verb.group()) if case == "nomn" else ""
        )

    def _subject(self, start: int, cue: int, end: int) -> Heard:
        """The speaker before a verb of saying, and an outlet the words after the verb name ('рассказал ТАСС')."""
        subject = _OPENER.sub("", self.text[start:cue]).strip(" ,")
        verb = _WORD.search(self.masked, cue, end)
        said = gender(verb.group()) if verb is not None else ""
        heard = (
            self.speakers.hear(subject, gender=said) if _WORD.search(subject) else Heard(self.speakers.last, True, None)
        )
        if heard.outlet is None and verb is not None:
            return Heard(heard.speaker, heard.pointed, self.speakers.outlets.take(self.text[verb.end() : end])[1])
        return heard


def _quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Top-level quotations of a paragraph: (index of the opening mark, index of the closing one)."""
    found, stack = [], []
    straight = None
    for i in range(start, end):
        c = text[i]
        if c == '"':
            if straight is None:
                straight = i
            else:
                if not stack:
                    found.append((straight, i))
                straight = None
        elif c in _OPEN_CLOSE and not (c == "“" and stack and stack[-1][0] == "„"):
            stack.append((c, i))
        elif stack and c == _OPEN_CLOSE[stack[-1][0]]:
            opened = stack.pop()[1]
            if not stack and straight is None:
                found.append((opened, i))
    return sorted(found)


def _masked(text: str, quotes: list[tuple[int, int]]) -> str:
    """The text with what quotations hold blanked, so that their words are neither cues nor ends."""
    pieces, at = [], 0
    for qs, qe in quotes:
        pieces += [text[at : qs + 1], re.sub(r"\S", "x", text[qs + 1 : qe])]
        at = qe
    return "".join(pieces) + text[at:]


def _cue_opens(words: str) -> bool:
    """True when a verb of saying is among the first two words ('сказал Песков', 'Песков сказал', 'пообещал он')."""
    return any(is_saying(w) or is_object_cue(w) for w in _WORD.findall(words)[:2])


def _is_verb(word: str) -> bool:
    """A finite verb, not a capitalised name that looks like one ('Моди')."""
    return not word[:1].isupper() and is_finite(word)


def _first_cue(words: str) -> int | None:
    return next((m.start() for m in _WORD.finditer(words) if is_saying(m.group()) or is_object_cue(m.group())), None)


def _last_cue(words: str) -> int | None:
    cues = [m.start() for m in _WORD.finditer(words) if is_saying(m.group())]
    return cues[-1] if cues else None


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in ' \n«»"„“”,:—–-':
        s += 1
    while e > s and text[e - 1] in ' \n«»"„“”,.:—–-':
        e -= 1
    return s, e


def _carry_outlets(found: list[_Found]) -> list[KnownOutlet | None]:
    """Each statement's outlet: its own, else the first its speaker gave in the paragraph, else their last
    ('— сказала Мартынова «Медузе». По словам адвоката, …' is Meduza's too)."""
    in_paragraph: dict[tuple[int, int], KnownOutlet] = {}
    for item in found:
        if item.heard.speaker is not None and item.heard.outlet is not None:
            in_paragraph.setdefault((id(item.heard.speaker), item.paragraph), item.heard.outlet)
    last: dict[int, KnownOutlet] = {}
    carried = []
    for item in found:
        key = id(item.heard.speaker)
        outlet = item.heard.outlet
        if outlet is None and item.heard.speaker is not None:
            outlet = in_paragraph.get((key, item.paragraph)) or last.get(key)
        if outlet is not None and item.heard.speaker is not None:
            last[key] = outlet
        carried.append(outlet)
    return carried


def _proposal(text: str, item: _Found, outlet: KnownOutlet | None, today: date | None, sides: SideFinder) -> Proposal:
    speaker = item.heard.speaker
    return Proposal(
        text=" … ".join(text[s:e] for s, e in item.spans)
        if len(item.spans) > 1
        else text[item.spans[0][0] : item.spans[0][1]],
        speaker=speaker.name if speaker else "",
        role=speaker.role if speaker else "",
        side=_side(speaker, sides),
        outlet=outlet.name if outlet else None,
        is_quote=item.is_quote,
        said_on=said_on(item.attribution, today) or today,
        start=item.spans[0][0],
        end=item.spans[-1][1],
        confidence=_confidence(item),
        speaker_kind=speaker.kind if speaker else "person",
        aliases=speaker.aliases if speaker else (),
        outlet_kind=outlet.kind if outlet else "",
        outlet_country=outlet.country if outlet else "",
    )


def _side(speaker: Speaker | None, sides: SideFinder) -> str | None:
    """The database speaker's side, else the side whose cue words the role or name holds."""
    if speaker is None:
        return None
    if speaker.known and speaker.known.side:
        return speaker.known.side
    return sides.side_of(speaker.role, speaker.name)


def _confidence(item: _Found) -> float:
    if item.heard.speaker is None:
        return 0.3
    score = _BASE[item.via] - (0.1 if item.heard.pointed else 0.0)
    if item.heard.speaker.kind == "person" and not item.heard.speaker.stems:
        score -= 0.1  # a source the article does not name
    return round(max(0.05, min(1.0, score)), 2)
