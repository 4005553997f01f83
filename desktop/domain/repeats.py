"""Finding statements that repeat an earlier line of their side: near-identical wording, in one
language or across English and Russian.

Two ways of reading a statement:
- its *words*: lower case, English ones stemmed lightly and Russian ones taken to their dictionary
  form (pymorphy3), little words left out; consecutive pairs of them are its shingles;
- its *keys*: what an English and a Russian statement can share: the meaning of each word the
  glossary knows (repeat_glossary.py), other capitalised words as transliterated names
  (Песков -> peskov) and numbers.

Candidates come from MinHash over the shingles (or the keys) and LSH banding, in numpy over every
statement at once; the side is part of every band's key, so statements of different sides never
meet. Each candidate pair is then scored with rapidfuzz: the words' edit similarity within a
language, the keys' across languages, with a stricter bar. A pair whose one statement denies
('no', 'not', 'не') and whose other does not is never a repeat.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz

from desktop.domain.extraction.names import fold
from desktop.domain.extraction.russian import is_russian
from desktop.domain.extraction.russian_words import lemma, name_form
from desktop.domain.repeat_glossary import GLOSSARY

WORDS_SCORE = 85.0  # least edit similarity (0-100) of two statements' words in one language
KEYS_SCORE = 90.0  # least similarity of an English and a Russian statement's keys
MIN_WORDS = 4  # words (little words aside) a statement needs to be compared at all
MIN_KEYS = 4  # keys a statement needs to be compared across languages
MIN_COVERAGE = 0.6  # share of its words that must be keys: below it, a translation would miss too much
BANDS, ROWS = 16, 4  # LSH: pairs sharing about half their shingles or more are likely to meet
NEIGHBOURS = 2  # in a bucket, each statement is paired with the first and this many before it

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_US = re.compile(r"\bU\.?S\.?(?:A\.?)?(?![\w.])")  # case matters: 'us' is a little word
_NAME_TAGS = ("Name", "Surn", "Patr")
_DIGITS = re.compile(r"\d+(?:[ \u00a0\u202f,.]\d{3})+|\d+")

_ENGLISH_LITTLE = frozenset(
    "a an the and or but if of to in on at by for from with as into over under about after before than then "
    "that this these those it its is are was were be been being has have had do does did will would shall should "
    "can could may might must i we you he she they them his her our their my your me us him who whom which what "
    "when where why how all any both each more most other some such only own same so too very just also there here "
    "said says say told tells stated added according".split()
)
_RUSSIAN_LITTLE = frozenset(
    "и в во на с со к ко по о об от из за для до у же ли бы а но что чтобы как это этот тот так то он она оно они "
    "мы вы я его её ее их ей им ему быть весь который свой также при под над между через уже ещё еще лишь только "
    "даже или либо если когда где там тут здесь самый очень более менее можно "
    "сказать заявить заявлять говорить сообщить отметить добавить подчеркнуть".split()
)
_ENGLISH_NO = frozenset("no not never none nobody nothing neither nor without cannot".split())
_RUSSIAN_NO = frozenset("не нет ни никогда никакой ничто ничего никто без нельзя".split())


def stem(word: str) -> str:
    """An English word without its commonest endings, so that 'plans', 'planned' and 'planning' meet."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) <= 4:
        return word
    for ending, replacement in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if word.endswith(ending) and not word.endswith("ss") and len(word) - len(ending) >= 3:
            word = word[: len(word) - len(ending)] + replacement
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # planned -> plann -> plan
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


@lru_cache(maxsize=1)
def _glossary() -> tuple[dict[str, str], dict[str, str], re.Pattern]:
    """English stems and Russian dictionary forms to their meaning, and the English phrases of several words."""
    english, russian, phrases = {}, {}, []
    for line in GLOSSARY.strip().splitlines():
        left, right = line.split("|")
        forms = left.split()
        for form in forms:
            english[stem(form)] = forms[0]
            if "-" in form:
                phrases.append(form)
        for word in right.split():
            russian[lemma(word)] = forms[0]
    pattern = re.compile(r"\b(" + "|".join(re.escape(p).replace(r"\-", r"[\s-]+") for p in phrases) + r")\b", re.IGNORECASE)
    return english, russian, pattern


@lru_cache(maxsize=16384)  # the finder keeps its own numbers of every word it met (Reader)
def read_word(surface: str) -> tuple[str | None, str | None, bool]:
    """(its word, its key, whether it denies) for one word as written; the word is None for a little one
    and the key None for one that has no meaning shared across languages."""
    english, russian, _phrases = _glossary()
    lower = surface.lower()
    if surface[:1].isdigit():
        number = "#" + re.sub(r"\D", "", surface)
        return number, number, False
    if _CYRILLIC.search(lower):
        base = lemma(lower)
        if base in _RUSSIAN_LITTLE or base in _RUSSIAN_NO:
            return None, None, base in _RUSSIAN_NO
        if base in russian:
            return base, russian[base], False
        if surface[:1].isupper():
            base = name_form(surface)
            return base, "@" + fold(base), False
        return base, None, False
    if lower in _ENGLISH_LITTLE or lower in _ENGLISH_NO or lower.endswith("n't"):
        return None, None, lower in _ENGLISH_NO or lower.endswith("n't")
    base = stem(lower)
    key = english.get(base) or ("@" + fold(surface) if surface[:1].isupper() else None)
    return base, key, False


def words_of(text: str) -> list[str]:
    """A statement's words as written, phrases of the glossary joined and numbers whole ('100,000')."""
    _english, _russian, phrases = _glossary()
    text = _US.sub("united-states", _DIGITS.sub(_digits_only, text))
    return _TOKEN.findall(phrases.sub(_joined, text))


def _digits_only(match: re.Match) -> str:
    return re.sub(r"\D", "", match.group())


def _joined(match: re.Match) -> str:
    return re.sub(r"[\s-]+", "-", match.group().lower())


# ---- Scoring a pair ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Wording:
    """What the score reads of one statement."""

    plain: str  # its words in lower case, one space apart
    words: int  # how many words it has, little ones aside
    keys: frozenset[str]
    keyed: int  # how many of its words have a key
    denies: bool
    russian: bool

    @property
    def comparable(self) -> bool:
        """Long enough to be told apart from another line."""
        return self.words >= MIN_WORDS

    @property
    def translatable(self) -> bool:
        """Enough of it has keys for a statement in the other language to be compared with it."""
        return len(self.keys) >= MIN_KEYS and self.keyed >= MIN_COVERAGE * self.words


def wording(text: str) -> Wording:
    """Read one statement for scoring."""
    surfaces = words_of(text)
    read = [read_word(surface) for surface in surfaces]
    words = [word for word, _key, _no in read if word is not None]
    keys = [key for _word, key, _no in read if key is not None]
    return Wording(
        plain=" ".join(surface.lower() for surface in surfaces),
        words=len(words),
        keys=frozenset(keys),
        keyed=len(keys),
        denies=any(no for _word, _key, no in read),
        russian=is_russian(text),
    )


def repeat_score(earlier: Wording, later: Wording) -> float | None:
    """How alike two statements of one side are (0-100) when the later repeats the earlier, else None."""
    if earlier.denies != later.denies or not (earlier.comparable and later.comparable):
        return None
    if earlier.russian == later.russian:
        score = fuzz.ratio(earlier.plain, later.plain)
        return score if score >= WORDS_SCORE else None
    if not (earlier.translatable and later.translatable):
        return None
    score = fuzz.token_sort_ratio(" ".join(sorted(earlier.keys)), " ".join(sorted(later.keys)))
    return score if score >= KEYS_SCORE else None


# ---- Candidates at scale -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Batch:
    """Statements read for MinHash: every word of every statement in one flat array.

    `owner` is the statement (0..count-1) of each word; `word` its word's number (-1 for a little
    word), `key` its key's number (-1 for none)."""

    count: int
    owner: np.ndarray
    word: np.ndarray
    key: np.ndarray
    russian: np.ndarray  # per statement


class Reader:
    """Reads statements into `Batch`es, numbering words and keys the same way across batches."""

    def __init__(self) -> None:
        self._words: dict[str, int] = {}
        self._keys: dict[str, int] = {}
        self._known: dict[str, int] = {}

    def _code(self, surface: str) -> int:
        """A word's number and its key's, each plus one, in one int (one list of ints becomes an array fast)."""
        known = self._known.get(surface)
        if known is None:
            word, key, _no = read_word(surface)
            word_number = -1 if word is None else self._words.setdefault(word, len(self._words))
            key_number = -1 if key is None else self._keys.setdefault(key, len(self._keys))
            known = self._known[surface] = ((word_number + 1) << 32) | (key_number + 1)
        return known

    def read(self, texts: list[str]) -> Batch:
        """The batch of these statements' words."""
        codes, lengths = [], []
        code = self._code
        for text in texts:
            found = [code(surface) for surface in words_of(text)]
            codes.extend(found)
            lengths.append(len(found))
        table = np.array(codes, dtype=np.int64)
        owner = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        russian = np.fromiter((bool(_CYRILLIC.search(text)) and is_russian(text) for text in texts), dtype=bool, count=len(texts))
        return Batch(len(texts), owner, (table >> 32) - 1, (table & 0xFFFFFFFF) - 1, russian)


_MIX = np.uint64(0x9E3779B97F4A7C15)


def _permutations(seed: int = 20211110) -> tuple[np.ndarray, np.ndarray]:
    generator = np.random.default_rng(seed)
    multipliers = generator.integers(1, 2**63, size=BANDS * ROWS, dtype=np.uint64) | np.uint64(1)
    offsets = generator.integers(0, 2**63, size=BANDS * ROWS, dtype=np.uint64)
    return multipliers, offsets


def _band_keys(values: np.ndarray, owner: np.ndarray, count: int, sides: np.ndarray) -> np.ndarray:
    """MinHash signatures of each statement's set of `values` (owner sorted), folded into one key a band,
    the statement's side mixed in (0 in every band for a statement without values: callers leave those out)."""
    keys = np.zeros((count, BANDS), dtype=np.uint32)
    present = np.bincount(owner, minlength=count) > 0
    if not len(values):
        return keys
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    multipliers, offsets = _permutations()
    with np.errstate(over="ignore"):
        mixed = values.astype(np.uint64) * _MIX
        side_mix = (sides[present].astype(np.uint64) + np.uint64(1)) * np.uint64(0xC2B2AE3D27D4EB4F)
        for band in range(BANDS):
            key = side_mix.copy()
            for row in range(ROWS):
                p = band * ROWS + row
                lowest = np.minimum.reduceat((mixed * multipliers[p] + offsets[p]) >> np.uint64(32), starts)
                key = key * np.uint64(0x100000001B3) + lowest
            keys[present, band] = (key ^ (key >> np.uint64(32))).astype(np.uint32)  # 4 bytes a band: a rare clash only adds a candidate
    return keys


def signatures(batch: Batch, sides: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """LSH band keys of a batch: (by words, comparable) for repeats within a language, (by keys,
    translatable) for repeats across; the side of each statement is in every key."""
    kept = batch.word >= 0
    owner, word = batch.owner[kept], batch.word[kept]
    words = np.bincount(owner, minlength=batch.count)
    pair = owner[1:] == owner[:-1]
    shingles = (word[:-1][pair] << 32) | word[1:][pair]
    by_words = _band_keys(shingles, owner[:-1][pair], batch.count, sides)
    comparable = words >= MIN_WORDS
    has_key = batch.key >= 0
    keyed = np.bincount(batch.owner[has_key], minlength=batch.count)
    unique = np.unique(batch.owner[has_key] * (1 << 32) + batch.key[has_key])
    by_keys = _band_keys(unique & 0xFFFFFFFF, unique >> 32, batch.count, sides)
    distinct = np.bincount(unique >> 32, minlength=batch.count)
    translatable = comparable & (distinct >= MIN_KEYS) & (keyed >= MIN_COVERAGE * words)
    return by_words, comparable, by_keys, translatable


def bucket_pairs(keys: np.ndarray, usable: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Candidate pairs of positions sharing a band's key (lower position first): in each bucket, each
    statement with the bucket's first and the NEIGHBOURS before it (by `order`, each position's rank in
    time), so a bucket of a thousand copies costs a few thousand pairs, not half a million."""
    positions = np.flatnonzero(usable)
    if len(positions) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    found = []
    for band in range(keys.shape[1]):
        band_keys = keys[positions, band]
        by_key = np.lexsort((order[positions], band_keys))
        sorted_keys, members = band_keys[by_key], positions[by_key]
        starts = np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]
        first = members[np.maximum.accumulate(np.where(starts, np.arange(len(members)), 0))]
        not_first = ~starts
        found.append(np.stack([members[not_first], first[not_first]], axis=1))
        for distance in range(1, NEIGHBOURS + 1):
            same = sorted_keys[distance:] == sorted_keys[:-distance]
            found.append(np.stack([members[distance:][same], members[:-distance][same]], axis=1))
    pairs = np.concatenate(found) if found else np.zeros((0, 2), dtype=np.int64)
    return _distinct(pairs)


def across_pairs(keys: np.ndarray, usable: np.ndarray, russian: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Candidate pairs of a Russian and an English statement sharing a band's key (lower position first): each
    Russian statement with the first NEIGHBOURS + 1 English ones (by time) of its bucket."""
    english = np.flatnonzero(usable & ~russian)
    ours = np.flatnonzero(usable & russian)
    found = []
    if not len(english) or not len(ours):
        return np.zeros((0, 2), dtype=np.int64)
    for band in range(keys.shape[1]):
        by_key = np.lexsort((order[english], keys[english, band]))
        sorted_keys, members = keys[english, band][by_key], english[by_key]
        wanted = keys[ours, band]
        start = np.searchsorted(sorted_keys, wanted, side="left")
        end = np.searchsorted(sorted_keys, wanted, side="right")
        for step in range(NEIGHBOURS + 1):
            hit = start + step < end
            found.append(np.stack([ours[hit], members[start[hit] + step]], axis=1))
    return _distinct(np.concatenate(found))


def _distinct(pairs: np.ndarray) -> np.ndarray:
    """Each unordered pair once, as (lower position, higher position)."""
    pairs = pairs.astype(np.int64)
    # One number a pair: np.unique over rows holds the interpreter's lock throughout, over numbers it does not.
    codes = np.unique(np.minimum(pairs[:, 0], pairs[:, 1]) << 32 | np.maximum(pairs[:, 0], pairs[:, 1]))
    return np.stack([codes >> 32, codes & 0xFFFFFFFF], axis=1)


def components(first: np.ndarray, second: np.ndarray, count: int) -> np.ndarray:
    """The group of each of `count` nodes given edges (first[i], second[i]): the lowest node of its
    connected component (pointer jumping over numpy arrays)."""
    label = np.arange(count, dtype=np.int64)
    if not len(first):
        return label
    first, second = first.astype(np.int64), second.astype(np.int64)
    while True:
        lower = np.minimum(label[first], label[second])
        before = label.copy()
        np.minimum.at(label, first, lower)
        np.minimum.at(label, second, lower)
        label = label[label]  # jump: each node takes its label's label
        while not np.array_equal(label, label[label]):
            label = label[label]
        if np.array_equal(label, before):
            return label
