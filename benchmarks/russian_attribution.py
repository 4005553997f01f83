"""Score the extractor on the Russian development set (benchmarks/russian_set/, written for this project).

    python benchmarks/russian_attribution.py [--strict] [--out DIR] [--set russian_holdout]

benchmarks/russian_set/ is the development set the rules were written against; benchmarks/russian_holdout/
holds five articles written after the rules, to show what they do on text they were not tuned on.

Matching follows the PolNeAR scorer (../shared/bench/attribution/score.py): a gold statement is
found when one proposal, one-to-one and greedy in the order of the gold statements, covers more
than 30 % (or, with --strict, 80 %) of its content characters; precision = matched proposals / all
proposals. Speaker: the proposal's speaker shares a name word with the gold one, both lemmatised
(Пескова -> песков) and transliterated (Песков ~ Peskov). Outlet: the same, on the statements
whose annotation names an outlet; also apart from those that only the dateline of an agency's
article names (reading datelines is outlets.py's, the Russian rules only fall back on it).
Prints one line of figures and writes DIR/report.json with every miss, extra, wrong speaker and
wrong outlet.
"""

import argparse
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

import pymorphy3

from desktop.domain.extraction.extractor import extract
from desktop.domain.extraction.model import Proposal
from desktop.domain.extraction.names import fold

HERE = Path(__file__).resolve().parent
SET = HERE / "russian_set"
_STOP = {
    "в",
    "во",
    "на",
    "и",
    "по",
    "с",
    "со",
    "из",
    "у",
    "к",
    "за",
    "при",
    "о",
    "об",
    "от",
    "the",
    "of",
    "a",
    "in",
    "at",
}
_MORPH = pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=8192)
def _forms(word: str) -> frozenset[str]:
    """A word as written and its dictionary form, a name's where it can be one ('Песков' is not 'песок')."""
    if not re.search("[а-яё]", word, re.I):
        return frozenset({word.lower()})
    parses = _MORPH.parse(word)
    named = [p for p in parses if word[:1].isupper() and {"Name", "Surn", "Patr"} & set(p.tag.grammemes)]
    return frozenset({word.lower(), (named or parses)[0].normal_form})


def name_words(name: str) -> set[str]:
    """The words of a name as written and lemmatised, transliterated: 'Дмитрия Пескова' -> {'dmitry', 'peskov', …}."""
    words = [w for w in re.findall(r"[^\W_]+", name or "") if w.lower() not in _STOP and len(w) > 1 and not w.isdigit()]
    return {fold(form) for w in words for form in _forms(w)}


def same_source(predicted: str | None, gold: str) -> bool:
    return bool(name_words(predicted or "") & name_words(gold))


def covered(gold: list[tuple[int, int]], predicted: tuple[int, int]) -> float:
    total = sum(e - s for s, e in gold)
    return sum(max(0, min(e, predicted[1]) - max(s, predicted[0])) for s, e in gold) / total if total > 0 else 0.0


def match(golds: list[list[tuple[int, int]]], predicted: list[tuple[int, int]], threshold: float) -> dict[int, int]:
    """Gold index -> proposal index: each gold statement takes the free proposal covering most of it."""
    free, pairs = set(range(len(predicted))), {}
    for gi, spans in enumerate(golds):
        best, score = None, threshold
        for pi in sorted(free):
            share = covered(spans, predicted[pi])
            if share > score:
                best, score = pi, share
        if best is not None:
            pairs[gi] = best
            free.discard(best)
    return pairs


def load(number: str, folder: Path = SET) -> tuple[str, list[dict]]:
    """An article's text and its gold statements; a span that does not hold its content is an error."""
    text = (folder / f"{number}.txt").read_text(encoding="utf-8")
    gold = json.loads((folder / f"{number}.json").read_text(encoding="utf-8"))["statements"]
    for line, statement in enumerate(gold, 2):
        for (start, end), content in zip(statement["spans"], statement["content"], strict=True):
            if text[start:end] != content:
                raise ValueError(
                    f"{folder / f'{number}.json'}, line {line}: span {start}-{end} does not hold {content!r}"
                )
    return text, gold


_DATELINE_AGENCY = {"TASS": "TASS", "RIA": "RIA Novosti", "Interfax": "Interfax"}


def score_article(
    text: str, gold: list[dict], proposals: list[Proposal], threshold: float = 0.3, style: str = ""
) -> dict:
    """Counts for one article, and what went wrong in it."""
    pairs = match([[tuple(s) for s in g["spans"]] for g in gold], [(p.start, p.end) for p in proposals], threshold)
    result = {
        "gold": len(gold),
        "proposals": len(proposals),
        "matched": len(pairs),
        "speaker_ok": 0,
        "outlets": 0,
        "outlet_ok": 0,
        "named_outlets": 0,
        "named_outlet_ok": 0,
        "misses": [],
        "extras": [],
        "wrong_speaker": [],
        "wrong_outlet": [],
    }
    for gi, g in enumerate(gold):
        if gi not in pairs:
            result["misses"].append({"content": g["content"], "speaker": g["speaker"]})
            continue
        p = proposals[pairs[gi]]
        if same_source(p.speaker, g["speaker"]):
            result["speaker_ok"] += 1
        else:
            result["wrong_speaker"].append(
                {"content": g["content"][0][:80], "gold": g["speaker"], "proposed": p.speaker}
            )
        if g["outlet"]:
            named = g["outlet"] != _DATELINE_AGENCY.get(style)
            result["outlets"] += 1
            result["named_outlets"] += named
            if same_source(p.outlet, g["outlet"]):
                result["outlet_ok"] += 1
                result["named_outlet_ok"] += named
            else:
                result["wrong_outlet"].append(
                    {"content": g["content"][0][:80], "gold": g["outlet"], "proposed": p.outlet}
                )
    matched = set(pairs.values())
    result["extras"] = [{"text": p.text, "speaker": p.speaker} for i, p in enumerate(proposals) if i not in matched]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="80 %% coverage instead of 30 %%")
    parser.add_argument("--out", default="/tmp/russian-attribution")
    parser.add_argument("--set", default="russian_set", choices=("russian_set", "russian_holdout"))
    args = parser.parse_args()
    folder = HERE / args.set
    totals: dict[str, int] = {}
    report = {}
    for path in sorted(folder.glob("*.txt")):
        text, gold = load(path.stem, folder)
        style = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["style"]
        result = score_article(text, gold, extract(text), 0.8 if args.strict else 0.3, style)
        report[path.stem] = result
        for key, value in result.items():
            if isinstance(value, int):
                totals[key] = totals.get(key, 0) + value
    precision = totals["matched"] / totals["proposals"] if totals["proposals"] else 0.0
    recall = totals["matched"] / totals["gold"]
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    speaker = totals["speaker_ok"] / totals["matched"] if totals["matched"] else 0.0
    outlet = totals["outlet_ok"] / totals["outlets"] if totals["outlets"] else 0.0
    named = totals["named_outlet_ok"] / totals["named_outlets"] if totals["named_outlets"] else 0.0
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(
        f"articles {len(report)}  statements {totals['gold']}  proposals {totals['proposals']}  "
        f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  speaker {speaker:.3f}  outlet {outlet:.3f} "
        f"(datelines aside {named:.3f})  "
        f"(report: {out / 'report.json'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
