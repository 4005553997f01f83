"""Who speaks in a Russian article, and through which outlet: phrases read into speakers, one per person.

'Пресс-секретарь президента России Дмитрий Песков', 'Пескова', 'Пескову' and 'Песковым' are one
speaker, 'Дмитрий Песков', and the database's 'Dmitry Peskov' when it has him (names fold across
scripts). Roles alone ('Дипломат добавил') point back to the last speaker; a source described but
not named ('источник в дипломатических кругах') is a speaker of its own.
"""

import re
from dataclasses import dataclass, field

from desktop.domain.extraction.coreference import Entity
from desktop.domain.extraction.model import KnownOutlet, KnownSpeaker
from desktop.domain.extraction.names import fold, same_name, same_person
from desktop.domain.extraction.outlets import OutletBook
from desktop.domain.extraction.russian_words import (
    POINTING,
    PRONOUNS,
    gender,
    is_first_name,
    is_person_name,
    name_cases,
    nominative,
    role_of,
    stem,
    surname_cases,
)

MAX_SPEAKERS = 200
# Outlets as Russian text names them, with the name the gazetteer (outlets.py) knows them by.
_RUSSIAN_NAMES = (
    ("ТАСС", "TASS"),
    ("ИТАР-ТАСС", "TASS"),
    ("РИА Новости", "RIA Novosti"),
    ("Интерфакс", "Interfax"),
    ("INTERFAX.RU", "Interfax"),
    ("Коммерсантъ", "Kommersant"),
    ("Коммерсант", "Kommersant"),
    ("Ъ", "Kommersant"),
    ("Известия", "Izvestia"),
    ("Ведомости", "Vedomosti"),
    ("РБК", "RBC"),
    ("Российская газета", "Rossiyskaya Gazeta"),
    ("Медуза", "Meduza"),
    ("Спутник", "Sputnik"),
    ("Рейтер", "Reuters"),
    ("Блумберг", "Bloomberg"),
    ("Франс Пресс", "Agence France-Presse"),
    ("Синьхуа", "Xinhua"),
    ("Укринформ", "Ukrinform"),
    ("УНИАН", "UNIAN"),
)
# Nouns that say the next name is an outlet ('агентство Armenpress', 'газете Haaretz').
_OUTLET_NOUN = (
    r"(?:(?:[а-яё]+(?:ое|ая|ий|ый|ому|ой|ему)\s+)?"  # 'сербское издание'
    r"(?:агентств[оауе]|газет[аыуе]|издани[еяюи]|портал[ауе]?|телеканал[ауе]?|радиостанци[ияюе]|корреспондент[ау]?))"
)
_QUOTED = r"[«\"„“](?P<q>[^«»\"„“”]{1,40})[»\"“”]"
_FOREIGN = r"(?P<f>(?:The\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})"
_ADVERBIALS = re.compile(
    r"(?:^|\s)(?:об\s+этом|ранее|также|тоже|тем\s+временем|между\s+тем|при\s+этом|кроме\s+того|однако|впрочем|напротив|"
    r"в\s+свою\s+очередь|со\s+своей\s+стороны|накануне|сегодня|вчера|позднее|позже|уже|же|сам|сама|сами|"
    r"господин[а]?|госпож[аи]|г-н|г-жа|один\s+из|одна\s+из|журналистам|корреспондентам?)(?=\s|$|,)",
    re.IGNORECASE,
)
_CUT = re.compile(
    r"\s(?:в|во|на|по|при|после|перед|во\s+время|по\s+итогам|обращаясь|выступая|комментируя|отвечая|"
    r"говоря|подводя)\s",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё][\w-]*")


@dataclass
class Speaker(Entity):
    """One speaker of the article: the fullest nominative name it was given, the stems of the names it
    answers to ('песков'; none for a source not named) and its gender where a name or verb said it."""

    stems: set[str] = field(default_factory=set)
    gender: str = ""


@dataclass(frozen=True)
class Heard:
    """A speaker phrase read: whom it names, whether by pointing back, and the outlet it carries."""

    speaker: Speaker | None
    pointed: bool
    outlet: KnownOutlet | None


class RussianOutlets:
    """Outlet names in Russian text, in any case, resolved to the database's or the gazetteer's outlets."""

    def __init__(self, known: tuple[KnownOutlet, ...]):
        self._known = known
        self.book = OutletBook(known)
        self._table = {_key(russian): name for russian, name in _RUSSIAN_NAMES}
        self.dateline: KnownOutlet | None = None

    def resolve(self, surface: str, cued: bool) -> KnownOutlet | None:
        """The outlet a name stands for; a name no one knows is an outlet only when a cue says so."""
        surface = " ".join(surface.split())
        if re.fullmatch(r"агентств[оауе]|издани[еяю]", surface, re.IGNORECASE):
            return self.dateline
        name = self._table.get(_key(surface))
        names = (surface, name) if name else (surface,)
        for outlet in self._known:
            if any(same_name(n, o) for n in names for o in (outlet.name, *outlet.aliases)):
                return outlet
        if (found := self.book.lookup(names[-1])) is not None:
            return found  # every Russian name of _RUSSIAN_NAMES is in the gazetteer
        return KnownOutlet(surface) if cued else None

    def take(self, phrase: str) -> tuple[str, KnownOutlet | None]:
        """An outlet named in a speaker phrase ('рассказал «Медузе»', 'источник «Интерфакса»'), and the phrase
        without it."""
        patterns = (
            rf"(?:в\s+интервью|в\s+разговоре\s+с|в\s+комментарии|со\s+ссылкой\s+на)?\s*{_OUTLET_NOUN}?\s*{_QUOTED}",
            rf"(?:в\s+интервью|в\s+разговоре\s+с|в\s+комментарии)?\s*{_OUTLET_NOUN}\s+{_FOREIGN}",
            r"(?:в\s+интервью|в\s+разговоре\s+с|в\s+комментарии)?\s*(?P<r>РИА\s+Новости|ТАСС|ИТАР-ТАСС|Интерфакс[а-я]*|"
            r"Рейтер|Синьхуа|Блумберг|Reuters|Bloomberg|AFP|CNN|BBC)",
            rf"(?:в\s+интервью|в\s+разговоре\s+с|в\s+комментарии)\s*{_FOREIGN}",
            rf"(?:^|\s){_OUTLET_NOUN}(?=$|\s|,)",
        )
        for number, pattern in enumerate(patterns):
            for match in re.finditer(pattern, phrase):
                surface = next((g for g in match.groups() if g), match.group(0)).strip()
                cued = number in (1, 3, 4) or bool(
                    re.search(_OUTLET_NOUN + r"|интервью|разговоре|комментарии", match.group(0))
                )
                if number == 4:
                    surface = match.group(0).strip()
                outlet = self.resolve(_outlet_nominative(surface), cued)
                if outlet is not None:
                    return (phrase[: match.start()] + " " + phrase[match.end() :]).strip(), outlet
        return phrase, None


def _key(name: str) -> str:
    return fold(" ".join(stem(w) for w in name.split()))


def _outlet_nominative(surface: str) -> str:
    """A two-word name in the dative in the nominative ('«Российской газете»' -> 'Российская газета')."""
    words = surface.split()
    if len(words) == 2 and not surface.isupper():
        return (
            " ".join(nominative(w, c) for w, c in zip(words, ("datv", "datv"))) if words[1].endswith("е") else surface
        )
    return surface


class RussianSpeakers:
    """The speakers of one article, resolved against the database's speakers."""

    def __init__(self, known: tuple[KnownSpeaker, ...], outlets: RussianOutlets):
        self._known = known
        self.outlets = outlets
        self.all: list[Speaker] = []
        self.last: Speaker | None = None

    def hear(
        self, phrase: str, case: str = "nomn", outlet_speaks: bool = False, notice: bool = False, gender: str = ""
    ) -> Heard:
        """The speaker and outlet of a phrase such as 'официальный представитель МИД Мария Захарова' or
        'сообщили «Интерфаксу» в пресс-службе ведомства'. An outlet alone speaks for itself when
        `outlet_speaks` ('Как сообщает агентство Синьхуа'); a phrase only noticed, not heard saying
        anything, registers a named person or a place ('В «Яндексе»') and nothing else. `gender` is
        what the verb's ending says ('заявила')."""
        phrase, outlet = self.outlets.take(phrase)
        phrase = re.sub(rf"(?:^|\s){_OUTLET_NOUN}(?=$|\s)", " ", phrase, flags=re.IGNORECASE)
        phrase = _ADVERBIALS.sub(" ", phrase)
        phrase = re.sub(r",[^,]*,", " ", f" {phrase} ") if phrase.count(",") >= 2 else phrase
        phrase = " ".join(phrase.replace(",", " ").split())
        words = _WORD.findall(phrase)
        if not words:
            speaker = self._body(outlet.name) if outlet is not None and outlet_speaks else None
            return Heard(speaker, False, outlet)
        if words[0].lower() in PRONOUNS:
            return Heard(None if notice else self._pronoun(words[0].lower()), True, outlet)
        place = re.match(r"^(?:в|во)\s+(.+)$", phrase, re.IGNORECASE)
        core = _CUT.split(f" {place.group(1) if place else phrase} ")[0].strip() or phrase
        within = core if _name_run(_WORD.findall(core)) else phrase
        name = [] if place else _name_run(_WORD.findall(within))
        if name:
            before = _WORD.findall(within)[: _WORD.findall(within).index(name[0])]
            role = " ".join([nominative(before[0], case), *before[1:]]) if before else ""
            person = self._person([nominative(w, _case_of(w, case)) for w in name], role)
            person.gender = gender or person.gender
            return Heard(person, False, outlet)
        again = (
            None if place else next((p for w in _WORD.findall(core) if w[:1].isupper() and (p := self._named(w))), None)
        )
        if again is not None:  # 'господин Серебрян': a surname the article gave already, whatever else it could be
            again.gender = again.gender or gender
            return Heard(self._remember(again), False, outlet)
        if notice:
            return Heard(
                self._institution(" ".join(nominative(w, "loct") if i == 0 else w for i, w in enumerate(core.split())))
                if place
                else None,
                False,
                outlet,
            )
        spoken = self.outlets.resolve(core, cued=False)
        if spoken is not None and len(words) <= 3:
            return Heard(self._body(spoken.name), False, outlet or spoken)
        if place and re.match(r"(?:его|ее|её|их)\s", place.group(1), re.IGNORECASE):  # 'В его офисе подчеркнули'
            return Heard(self.last, True, outlet)
        if place:
            found = core.split()
            return Heard(self._institution(" ".join([nominative(found[0], "loct"), *found[1:]])), False, outlet)
        head = next((r for w in words[:3] if (r := role_of(w))), None)
        if head is not None:
            at = next(i for i, w in enumerate(words) if role_of(w) == head)
            kept = words if head in ("источник", "собеседник") else _WORD.findall(core)
            described = " ".join([nominative(kept[at], case).lower(), *kept[at + 1 : at + 6]])
            earlier = self._described(head, kept[at : at + 6], gender)
            if earlier is not None:
                return Heard(earlier, True, outlet)
            return Heard(self._unnamed(described, head), False, outlet)
        body = core.split()
        return Heard(self._institution(" ".join([nominative(body[0], case), *body[1:]])), False, outlet)

    def _named(self, word: str) -> Speaker | None:
        key = stem(word)
        return next((s for s in reversed(self.all) if s.kind == "person" and key in s.stems), None)

    def _pronoun(self, pronoun: str) -> Speaker | None:
        """'он', 'она', 'они': the last speaker of that kind (and gender, where known); 'там': the last body."""
        if PRONOUNS[pronoun] == "body":
            return self._last(lambda s: s.kind == "body")
        wanted = {"он": "m", "него": "m", "она": "f", "нее": "f", "неё": "f"}.get(pronoun, "")
        return self._last(lambda s: s.kind == "person" and (not wanted or s.gender in ("", wanted)))

    def _described(self, head: str, words: list[str], gender: str) -> Speaker | None:
        """The speaker a description points back to: 'Дипломат' (any recent speaker), 'официальный
        представитель МИД' (one whose role says as much)."""
        stems = {stem(w) for w in words}
        for speaker in reversed(self.all[-4:]):
            role = {stem(w) for w in _WORD.findall(speaker.role)}
            if speaker.kind == "person" and stems <= role | {stem(head)} and head in speaker.role.lower():
                return speaker
        if head in ("источник", "собеседник") and len(words) == 1:  # 'Собеседник ТАСС добавил': the source again
            source = self._last(lambda s: s.kind == "person" and s.role in ("источник", "собеседник"))
            if source is not None and any(source is s for s in self.all[-3:]):
                return source
        if len(words) <= 1 or head in POINTING and len(words) <= 3:
            return self._last(
                lambda s: s.kind == "person" and (s.stems or head in POINTING) and s.gender in ("", gender or s.gender)
            )
        return None

    def _institution(self, name: str) -> Speaker:
        """A body named as a place ('в пресс-службе', 'в ФАС'); a press office alone is the last body's."""
        if re.fullmatch(
            r"(?:пресс-служб[аеы]|ведомств[оеа]|министерств[оеа]|компани[ияе])"
            r"(?:\s+(?:ведомства|компании|министерства))?",
            name,
            re.IGNORECASE,
        ):
            return self._last(lambda s: s.kind == "body") or self._body(name)
        return self._body(name)

    def _last(self, wanted) -> Speaker | None:
        return next((s for s in reversed(self.all) if wanted(s)), None)

    def _remember(self, speaker: Speaker) -> Speaker:
        self.all = [s for s in self.all if s is not speaker]  # by identity: two speakers may look alike
        if len(self.all) < MAX_SPEAKERS:
            self.all.append(speaker)
        self.last = speaker
        return speaker

    def _person(self, name: list[str], role: str) -> Speaker:
        full = " ".join(name)
        surname = stem(name[-1])
        for speaker in reversed(self.all):
            if speaker.kind == "person" and (surname in speaker.stems or same_person(full, speaker.name)):
                if len(name) > len(speaker.name.split()) and not speaker.known:
                    speaker.name = full
                speaker.role = speaker.role or role
                speaker.stems.add(surname)
                speaker.surfaces.append(full)
                return self._remember(speaker)
        known = next(
            (k for k in self._known if k.kind == "person" and any(same_person(full, n) for n in (k.name, *k.aliases))),
            None,
        )
        speaker = Speaker(
            known.name if known else full,
            (known.role if known and known.role else role),
            "person",
            known,
            [full],
            {surname},
            next((g for w in reversed(name) if (g := gender(w))), ""),
        )
        return self._remember(speaker)

    def _body(self, name: str) -> Speaker:
        key = _key(name)
        for speaker in reversed(self.all):
            if speaker.kind == "body" and (
                key in speaker.stems or same_name(name, speaker.name) or _abbreviates(name, speaker.name)
            ):
                return self._remember(speaker)
        known = next(
            (k for k in self._known if any(same_name(name, n) or _key(n) == key for n in (k.name, *k.aliases))), None
        )
        return self._remember(
            Speaker(known.name if known else name, known.role if known else "", "body", known, [name], {key})
        )

    def _unnamed(self, described: str, head: str) -> Speaker:
        for speaker in reversed(self.all):
            if speaker.kind == "person" and not speaker.stems and speaker.name == described:
                return self._remember(speaker)
        return self._remember(Speaker(described, head, "person"))


def _name_run(words: list[str]) -> list[str]:
    """The last run of words that make a person's name ('Мария Захарова' in 'представитель МИД Мария Захарова');
    a capitalised word after a first name is its surname whatever else it could be ('Вадим Красносельский');
    a run holding a first name starts there ('Карнеги Владимир Соловьев')."""
    runs, current = [], []
    for word in words:
        if is_person_name(word) or current and is_first_name(current[-1]) and re.fullmatch(r"[А-ЯЁ][а-яё-]+", word):
            current.append(word)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    if not runs:
        return []
    run = runs[-1]
    first = next((i for i, w in enumerate(run) if is_first_name(w) and i < len(run) - 1), 0)
    return run[first:][-3:]


def _case_of(word: str, expected: str) -> str:
    """The case a name is in: the one the construction asks for, else what its ending says ('Песковым': ablt)."""
    cases = name_cases(word)
    if not cases or expected in cases:
        return expected
    if expected == "nomn":  # 'Песковым было отмечено', 'Пескову задали вопрос': a known surname's own case
        own = surname_cases(word)
        return sorted(own)[0] if own and "nomn" not in own else expected
    return "nomn" if "nomn" in cases else sorted(cases)[0]


def _abbreviates(short: str, name: str) -> bool:
    """'СК' for 'Следственный комитет России', 'МИД' for 'Министерство иностранных дел'."""
    initials = "".join(w[0] for w in name.split() if w[:1].isupper() or len(w) > 3).upper()
    return short.isupper() and len(short) >= 2 and initials.startswith(short) and short != name
