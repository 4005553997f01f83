"""A realistic synthetic archive: sides, speakers, outlets and dated statements, with a fixed seed.

Rows come out as tuples in the column order of the `statement` table so the same
stream feeds the raw sqlite3 baseline, a CSV/JSON Lines file for Parallax's import,
and direct loads.
"""

import csv
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SIDES = [("United States", "#1f6fb4"), ("Russia", "#c0392b"), ("Ukraine", "#e0a800"), ("NATO", "#2e8b57")]
START = date(2019, 1, 1)
DAYS = 5 * 365

_COMMON = ["russia", "ukraine", "border", "troops", "military", "said", "officials", "security"]
_WORDS = (
    "invasion build-up exercises sanctions diplomacy talks kremlin washington kyiv moscow nato "
    "alliance escalation de-escalation provocation threat aggression warships black sea drills "
    "satellite images intelligence report denied rejected groundless false claims smear campaign "
    "concern partners allies minister spokesperson ambassador statement meeting summit ceasefire "
    "artillery shelling donbas crimea gas pipeline energy prices grain corridor refugees aid "
    "weapons missiles air defence negotiations envoy embassy briefing deadline ultimatum guarantees"
).split()


@dataclass(frozen=True)
class ArchiveSize:
    """How big an archive to make."""

    statements: int
    speakers: int = 500
    outlets: int = 200
    link_share: float = 0.1


def _sentence(rng: random.Random, length: int = 220) -> str:
    words = []
    if rng.random() < 1 / 3:
        words.append("Russia")
    while sum(len(w) + 1 for w in words) < length:
        pool = _COMMON if rng.random() < 0.15 else _WORDS
        words.append(rng.choice(pool))
    rng.shuffle(words)
    text = " ".join(words)[:length]
    return text[0].upper() + text[1:] + "."


def speakers(size: ArchiveSize, seed: int = 7) -> list[tuple]:
    """(id, name, kind, role, side_id, aliases_json) rows."""
    rng = random.Random(seed)
    roles = ["spokesperson", "minister", "ambassador", "official", "analyst", "commander"]
    return [
        (i, f"Speaker {i:04d}", rng.choice(["person", "body"]), rng.choice(roles), rng.randint(1, len(SIDES)), "[]")
        for i in range(1, size.speakers + 1)
    ]


def outlets(size: ArchiveSize, seed: int = 11) -> list[tuple]:
    """(id, name, country, kind) rows."""
    rng = random.Random(seed)
    kinds = ["wire", "state media", "newspaper", "broadcaster", "online"]
    return [(i, f"Outlet {i:03d}", "", rng.choice(kinds)) for i in range(1, size.outlets + 1)]


def statement_rows(size: ArchiveSize, seed: int = 3) -> Iterator[tuple]:
    """(id, text, is_quote, said_on, speaker_id, outlet_id) in id order, dates spread over five years."""
    rng = random.Random(seed)
    for statement_id in range(1, size.statements + 1):
        said_on = START + timedelta(days=rng.randrange(DAYS))
        yield (
            statement_id,
            _sentence(rng),
            rng.random() < 0.3,
            said_on.isoformat(),
            rng.randint(1, size.speakers),
            rng.randint(1, size.outlets),
        )


def link_rows(size: ArchiveSize, seed: int = 5) -> Iterator[tuple]:
    """(from_id, to_id, type) rows: a share of statements rebut or answer an earlier one."""
    rng = random.Random(seed)
    seen = set()
    for _ in range(int(size.statements * size.link_share)):
        source = rng.randint(2, size.statements)
        target = rng.randint(max(1, source - 2000), source - 1)
        if (source, target) not in seen:
            seen.add((source, target))
            yield (source, target, rng.choice(["rebuts", "responds_to"]))


def write_csv(path: Path, size: ArchiveSize) -> None:
    """The archive as a CSV file with names, the way a newsroom spreadsheet holds it."""
    names = {row[0]: row for row in speakers(size)}
    side_names = [name for name, _ in SIDES]
    outlet_names = {row[0]: row[1] for row in outlets(size)}
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "date", "speaker", "role", "side", "outlet"])
        for sid, text, _quote, said_on, speaker_id, outlet_id in statement_rows(size):
            speaker = names[speaker_id]
            writer.writerow([sid, text, said_on, speaker[1], speaker[3], side_names[speaker[4] - 1], outlet_names[outlet_id]])


def write_jsonl(path: Path, size: ArchiveSize) -> None:
    """The archive as JSON Lines, one statement an object."""
    names = {row[0]: row for row in speakers(size)}
    side_names = [name for name, _ in SIDES]
    outlet_names = {row[0]: row[1] for row in outlets(size)}
    with path.open("w", encoding="utf-8") as handle:
        for sid, text, quote, said_on, speaker_id, outlet_id in statement_rows(size):
            speaker = names[speaker_id]
            record = {
                "id": sid, "text": text, "is_quote": quote, "said_on": said_on, "speaker": speaker[1],
                "role": speaker[3], "side": side_names[speaker[4] - 1], "outlet": outlet_names[outlet_id],
            }
            handle.write(json.dumps(record) + "\n")
