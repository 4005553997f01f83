"""Precision of proposals by confidence on an attribution set scored by an outside scorer (PolNeAR's score.py).

The scorer and its data stay outside the project; this reads them from where they are:
    .venv/bin/python -m benchmarks.attribution_confidence ../shared/bench/attribution/score.py [--strict]
It extracts each article in this process (as `parallax extract` does), matches the proposals
with the scorer's own functions, and prints the scorer's figures' basis plus precision at and
above each confidence.
"""

import argparse
import importlib.util
import re
from dataclasses import replace
from pathlib import Path

from desktop.domain.extraction import Context, extract
from desktop.services.articles import read_article

CUTS = (0.9, 0.8, 0.7, 0.5, 0.0)


def _scorer(path: Path):
    spec = importlib.util.spec_from_file_location("attribution_scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _proposals(path: Path) -> list[dict]:
    article = read_article(str(path))
    return [
        replace(p, start=article.offset_as_read(p.start), end=article.offset_as_read(p.end, end=True)).as_json()
        for p in extract(article.text, Context(article.published_on))
    ]


def bands(scorer_path: Path, threshold: float) -> list[tuple[float, int, int]]:
    """For each cut: the proposals at or above it and how many of them match an annotated attribution."""
    score = _scorer(scorer_path)
    annotations = {}
    for found in sorted((score.DATA / "attributions").glob("*.ann")):
        annotations.setdefault(re.sub(r"_[0-9a-f]{4}$", "", found.stem), found)  # the first annotator's, as the scorer
    scored: list[tuple[float, bool]] = []
    for name, annotation in annotations.items():
        text = score.DATA / "text" / f"{name}.txt"
        proposals = _proposals(text)
        golds = score.read_ann(annotation)
        spans = [score.content_span(text.read_text(), p) for p in proposals]
        matched = set(score.match([g["content"] for g in golds], spans, threshold).values())
        scored += [(p["confidence"], i in matched) for i, p in enumerate(proposals)]
    return [(cut, sum(c >= cut for c, _ in scored), sum(c >= cut and ok for c, ok in scored)) for cut in CUTS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scorer", type=Path, help="the set's score.py (its data lies next to it)")
    parser.add_argument("--strict", action="store_true", help="80 %% coverage instead of 30 %%")
    args = parser.parse_args()
    for cut, count, right in bands(args.scorer, 0.8 if args.strict else 0.3):
        print(f"confidence >= {cut:.1f}: {count} proposals, precision {right / count if count else 0.0:.3f}")


if __name__ == "__main__":
    main()
