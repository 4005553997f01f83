"""A realistic synthetic archive for trying Parallax at scale: four sides, speakers, outlets,
five years of dated statements, a tenth of them answering an earlier one, a fiftieth repeating an
earlier line of their side with small edits through another outlet; fixed seeds.

It is written as a CSV file the way a newsroom spreadsheet holds it, so the benchmark's
raw baseline, `parallax import` and `parallax demo-archive` all read the same rows.
"""

import csv
import random
from collections import deque
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SIDES = ("United States", "Russia", "Ukraine", "NATO")
START = date(2019, 1, 1)
DAYS = 5 * 365
HEADER = ("id", "text", "date", "speaker", "role", "side", "outlet", "rebuts", "responds_to")

_COMMON = ["russia", "ukraine", "border", "troops", "military", "said", "officials", "security"]
_WORDS = (
    "invasion build-up exercises sanctions diplomacy talks kremlin washington kyiv moscow nato "
    "alliance escalation de-escalation provocation threat aggression warships black sea drills "
    "satellite images intelligence report denied rejected groundless false claims smear campaign "
    "concern partners allies minister spokesperson ambassador statement meeting summit ceasefire "
    "artillery shelling donbas crimea gas pipeline energy prices grain corridor refugees aid "
    "weapons missiles air defence negotiations envoy embassy briefing deadline ultimatum guarantees"
).split()
_ROLES = ("spokesperson", "minister", "ambassador", "official", "analyst", "commander")


@dataclass(frozen=True)
class ArchiveSize:
    """How big an archive to make: statements, speakers, outlets, and the share answering another."""

    statements: int
    speakers: int = 500
    outlets: int = 200
    answer_share: float = 0.1
    repeat_share: float = 0.02


_REPEATABLE = 500  # the latest statements of each side a repeat takes its line from


def _sentence(rng: random.Random, length: int = 220) -> str:
    words = []
    if rng.random() < 1 / 3:
        words.append("Russia")
    while sum(len(w) + 1 for w in words) < length:
        pool = _COMMON if rng.random() < 0.15 else _WORDS
        words.append(rng.choice(pool))
    rng.shuffle(words)
    text = " ".join(words)[:length].strip()
    return text[0].upper() + text[1:] + "."


def _edited(rng: random.Random, text: str) -> str:
    """The line with one or two small edits: a word dropped, replaced, added, or two swapped."""
    words = text.rstrip(".").split()
    for _ in range(rng.randint(1, 2)):
        at = rng.randrange(len(words))
        edit = rng.randrange(4)
        if edit == 0 and len(words) > 5:
            del words[at]
        elif edit == 1:
            words[at] = rng.choice(_WORDS)
        elif edit == 2:
            words.insert(at, rng.choice(_WORDS))
        elif at + 1 < len(words):
            words[at], words[at + 1] = words[at + 1], words[at]
    edited = " ".join(words)
    return edited[0].upper() + edited[1:] + "."


def write_csv(path: Path, size: ArchiveSize, seed: int = 3) -> None:
    """Write the archive to `path`: one statement a row, each answer naming the id of an earlier one
    (by the same rows, the same file every time).

    Repeats draw on a random stream of their own, so the rest of each row is what it was before
    repeated lines were added: a repeat takes a recent line of its speaker's side, edits it a little,
    dates it up to two months later and carries it through another outlet."""
    rng = random.Random(seed)
    repeats = random.Random(seed + 1)
    recent: dict[str, deque] = {side: deque(maxlen=_REPEATABLE) for side in SIDES}
    speakers = [(f"Speaker {i:04d}", rng.choice(_ROLES), rng.choice(SIDES)) for i in range(1, size.speakers + 1)]
    outlets = [f"Outlet {i:03d}" for i in range(1, size.outlets + 1)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for statement_id in range(1, size.statements + 1):
            said_on = START + timedelta(days=rng.randrange(DAYS))
            speaker, role, side = rng.choice(speakers)
            answered = ["", ""]
            if statement_id > 1 and rng.random() < size.answer_share:
                answered[rng.random() < 0.5] = str(rng.randint(max(1, statement_id - 2000), statement_id - 1))
            text, outlet = _sentence(rng), rng.choice(outlets)
            if recent[side] and repeats.random() < size.repeat_share:
                first_text, first_day, first_outlet = repeats.choice(recent[side])
                text, said_on = _edited(repeats, first_text), first_day + timedelta(days=repeats.randint(0, 60))
                outlet = repeats.choice([name for name in outlets if name != first_outlet] or outlets)
            else:
                recent[side].append((text, said_on, outlet))
            writer.writerow((statement_id, text, said_on.isoformat(), speaker, role, side, outlet, *answered))
