"""Russian words the attribution rules turn on: verbs of saying in every form, roles, names in any case.

The forms come from pymorphy3's dictionary (in its wheel, nothing downloaded): 'заявила',
'заявили' and 'заявляет' are all 'заявить'/'заявлять'; 'Пескова' and 'Пескову' are 'Песков'.
"""

import re
from functools import lru_cache

import pymorphy3
import pymorphy3_dicts_ru

# Verbs whose clause reports what someone said or holds ('заявил, что…', '«…», — сказал X').
SAYING = frozenset(
    "заявить заявлять сказать говорить сообщить сообщать отметить отмечать подчеркнуть подчёркивать подчеркивать "
    "добавить добавлять опровергнуть опровергать уточнить уточнять пояснить пояснять считать полагать рассказать "
    "рассказывать написать писать напомнить напоминать предупредить предупреждать признать признавать заметить "
    "замечать указать указывать объяснить объяснять ответить отвечать утверждать настаивать заверить заверять "
    "констатировать допустить допускать подтвердить подтверждать возразить возражать признаться цитировать "
    "передать передавать резюмировать акцентировать посетовать жаловаться пожаловаться уверять выразить "
    "говориться сообщаться".split()
)
# Verbs whose object is what was said ('назвал требования давлением', 'призвал стороны к сдержанности').
OBJECT = frozenset(
    "назвать называть призвать призывать обвинить обвинять потребовать требовать пообещать обещать".split()
)
# Adjectives that report a belief the same way: 'убежден, что…'.
_BELIEF = re.compile(r"^(?:убежд[её]н|уверен)[аоы]?$", re.IGNORECASE)
# Nouns that name a person by what they are; a mention made of them alone points back to someone named.
ROLES = frozenset(
    "министр замминистра представитель пресс-секретарь глава председатель президент премьер премьер-министр "
    "вице-премьер помощник советник директор руководитель лидер посол постпред спикер депутат сенатор губернатор "
    "мэр чиновник дипломат эксперт аналитик политолог экономист востоковед юрист адвокат источник собеседник "
    "сотрудник журналист редактор профессор генсек секретарь заместитель канцлер командующий генерал "
    "основатель сооснователь член участник".split()
)
# Roles so general that, alone, they are the last speaker again ('Дипломат добавил', 'собеседник агентства').
POINTING = frozenset("министр дипломат собеседник эксперт чиновник аналитик политолог глава".split())
PRONOUNS = {
    "он": "person",
    "она": "person",
    "они": "person",
    "него": "person",
    "нее": "person",
    "неё": "person",
    "них": "person",
    "там": "body",
}
_NAME_TAGS = ("Name", "Surn", "Patr")
_ENDINGS = re.compile(
    r"(?:ому|ему|ого|его|ыми|ими|ой|ою|ей|ым|им|ом|ем|ам|ям|ах|ях|ую|юю|ая|яя|ий|ый|ые|ие|у|ю|а|я|е|ы|и|ъ|ь)$"
)


@lru_cache(maxsize=1)
def _morph() -> pymorphy3.MorphAnalyzer:
    # The dictionary's folder named outright, not found through installed packages' entry points,
    # which a frozen installer does not carry.
    return pymorphy3.MorphAnalyzer(path=pymorphy3_dicts_ru.get_path(), lang="ru")


@lru_cache(maxsize=16384)
def lemmas(word: str) -> frozenset[str]:
    """Every dictionary form a word can be ('заявили' -> {'заявить'})."""
    return frozenset(p.normal_form for p in _morph().parse(word.lower()))


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The likeliest dictionary form of a word ('Украину' -> 'украина')."""
    return _morph().parse(word.lower())[0].normal_form


@lru_cache(maxsize=65536)
def name_form(word: str) -> str:
    """A capitalised word's dictionary form read as a name when it can be one ('Пескова' -> 'песков', not 'песок')."""
    parses = _morph().parse(word)
    named = next((p for p in parses if any(t in p.tag for t in _NAME_TAGS)), parses[0])
    return named.normal_form


@lru_cache(maxsize=16384)
def is_saying(word: str) -> bool:
    """A finite verb or short adjective of saying or holding: 'заявила', 'считают', 'убежден'."""
    if _BELIEF.match(word):
        return True
    return any(p.normal_form in SAYING and p.tag.POS in ("VERB", "PRTS") for p in _morph().parse(word.lower()))


@lru_cache(maxsize=16384)
def is_finite(word: str) -> bool:
    """A verb in a finite form ('арестовал', 'показывают'): the word that makes a clause."""
    parses = _morph().parse(word.lower())
    return parses[0].tag.POS == "VERB" or any(p.tag.POS == "VERB" and p.score >= 0.3 for p in parses)


@lru_cache(maxsize=16384)
def gender(word: str) -> str:
    """'f' or 'm' when a past-tense verb or a surname the dictionary knows says it ('заявила', 'Захарова'),
    else '' (a foreign name's guessed gender is no evidence)."""
    known = is_known(word)
    genders = {
        str(p.tag.gender)
        for p in _morph().parse(word)
        if p.tag.gender in ("masc", "femn") and (p.tag.POS == "VERB" or known and "Surn" in p.tag)
    }
    return {frozenset({"femn"}): "f", frozenset({"masc"}): "m"}.get(frozenset(genders), "")


@lru_cache(maxsize=16384)
def is_object_cue(word: str) -> bool:
    """A finite verb whose object is the statement: 'назвал', 'призвали', 'обвиняет'."""
    return any(p.normal_form in OBJECT and p.tag.POS == "VERB" for p in _morph().parse(word.lower()))


@lru_cache(maxsize=16384)
def role_of(word: str) -> str | None:
    """The role noun a word is a form of ('министра' -> 'министр'), or None."""
    lowered = word.lower()
    if lowered in ROLES:
        return lowered
    return next(
        (p.normal_form for p in _morph().parse(lowered) if p.normal_form in ROLES and p.tag.POS == "NOUN"), None
    )


@lru_cache(maxsize=16384)
def is_person_name(word: str) -> bool:
    """A capitalised word that can be part of a person's name: a first name, surname or patronymic, or a word
    the dictionary does not know ('Сатыбалдиев'); not an abbreviation, place or common noun ('МИД', 'России')."""
    if not re.fullmatch(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?", word):
        return False
    parses = _morph().parse(word)
    place = sum(p.score for p in parses if "Geox" in p.tag)
    if is_known(word) and place > 2 * sum(p.score for p in parses if any(t in p.tag for t in _NAME_TAGS)):
        return False  # 'Израиля', 'Москвы': far more often places than people ('Воронов' is both)
    if any(any(t in p.tag for t in _NAME_TAGS) for p in parses):
        return not any(p.normal_form in ROLES for p in parses)
    return not is_known(word)


@lru_cache(maxsize=16384)
def is_known(word: str) -> bool:
    """True when the dictionary holds the word as written, not only a guess at it."""
    return _morph().word_is_known(word.lower())


@lru_cache(maxsize=16384)
def name_cases(word: str) -> frozenset[str]:
    """The cases a word can be in as a person's name ('Песковым': {'ablt'})."""
    return frozenset(
        str(p.tag.case) for p in _morph().parse(word) if p.tag.case and any(t in p.tag for t in _NAME_TAGS)
    )


@lru_cache(maxsize=16384)
def is_first_name(word: str) -> bool:
    """A first name the dictionary knows ('Вадим', 'Мария'): the word a person's name starts at."""
    return word[:1].isupper() and is_known(word) and any("Name" in p.tag for p in _morph().parse(word))


@lru_cache(maxsize=16384)
def surname_cases(word: str) -> frozenset[str]:
    """The cases a surname the dictionary knows is in, in the singular ('Пескову': {'datv'})."""
    if not is_known(word):
        return frozenset()
    return frozenset(str(p.tag.case) for p in _morph().parse(word) if "Surn" in p.tag and p.tag.number == "sing")


def stem(word: str) -> str:
    """A word without its case ending, so that forms of one name compare equal ('Вучичу' ~ 'Вучич')."""
    if word.isupper() or not re.search("[а-яё]", word, re.IGNORECASE):
        return word.lower()
    cut = _ENDINGS.sub("", word.lower())
    return cut if len(cut) >= 3 else word.lower()


@lru_cache(maxsize=16384)
def nominative(word: str, case: str = "") -> str:
    """A name or noun in the nominative, keeping its gender ('Захаровой' -> 'Захарова'); as written when unsure."""
    if case in ("", "nomn") or word.isupper():
        return word
    for parse in _morph().parse(word):
        if str(parse.tag.case) == case and parse.tag.POS in ("NOUN", "ADJF"):
            inflected = parse.inflect({"nomn"} | ({"sing"} if parse.tag.number == "sing" else set()))
            if inflected is not None:
                form = inflected.word
                return form[:1].upper() + form[1:] if word[:1].isupper() else form
    return word
