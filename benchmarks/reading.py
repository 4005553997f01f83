"""How fast Parallax reads articles: articles a second, and the review window's opening time.

    python -m benchmarks.reading                       # 200 articles a mode, 5 window openings
    python -m benchmarks.reading --articles 5 --runs 1 # the size the test suite runs

Every figure is measured on one processor core (the processes are pinned to it) on
600-word newswire articles that this script writes itself with a fixed seed: quotes,
inverted verbs, indirect speech, "according to", statements and plain narration. The
extraction runs twice, each in a process of its own, with the syntax layer on and
with it off (PARALLAX_SYNTAX=off). Articles a second count the processor time the
process spent (on a machine shared with other work, wall-clock time would count theirs
too), without loading the layer, which is printed on its own line. The review window's time runs from File > Import Article
(a 600-word article file) to its window shown with its proposals, offscreen, in a new
process whose main window is open on the seed story: the first of --runs openings,
which loads the syntax layer when it is on, and their median.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from desktop.domain.extraction.syntax import SWITCH

ROOT = Path(__file__).resolve().parent.parent
WORDS = 600

_PEOPLE = [
    ("Maria Lopez", "a spokeswoman for the ministry"), ("James Carter", "the city's police chief"),
    ("Aisha Rahman", "an economist at the central bank"), ("Tom Becker", "the company's chief executive"),
    ("Elena Novak", "a senior diplomat"), ("David Chen", "a professor of law at the university"),
    ("Grace Okafor", "the opposition leader"), ("Henrik Lund", "a lawyer for the families"),
    ("Sofia Marino", "the health minister"), ("Paul Dupont", "a union organiser"),
]
_BODIES = ["The ministry", "The utility", "Police", "The White House", "The company", "Aides", "Officials"]
_VERBS = ["said", "told reporters", "added", "warned", "insisted", "argued", "noted", "claimed"]
_CLAUSES = [
    "the plan would cut costs by a third within two years",
    "the talks had stalled over the question of water rights",
    "nobody had been told about the change before Monday",
    "the new rules were never meant to apply to small farms",
    "the budget left too little for the hospitals in the north",
    "the vote would go ahead as planned despite the protests",
    "the inquiry had found no evidence of wrongdoing by the staff",
    "prices were likely to rise again before the end of the year",
    "the bridge had been closed for repairs since the spring floods",
    "the agreement was the best that could be had in the circumstances",
]
_QUOTES = [
    "We are not going to back down on this, not now and not later",
    "This is a question of fairness for every family in the region",
    "Nobody told us anything, and that is simply not acceptable",
    "The numbers speak for themselves and they are getting worse",
    "We will look at every option before we make a decision",
    "It was a mistake, and we have said so from the very start",
]
_NARRATION = [
    "The announcement came after weeks of talks between the two sides.",
    "Hundreds of people gathered outside the building on Tuesday evening.",
    "The council is expected to vote on the measure next month.",
    "Last year the same proposal was rejected by a narrow margin.",
    "Traffic in the city centre was diverted for most of the afternoon.",
    "The report runs to more than two hundred pages and took a year to write.",
    "Shares in the company fell by four percent in early trading.",
    "The region has seen three dry summers in a row, and reservoirs are low.",
    "Both chambers must approve the bill before it can become law.",
    "The talks are due to resume in Geneva after the holiday.",
]


def _sentence(rng: random.Random) -> str:
    """One sentence of the kinds wire copy is made of."""
    name, role = rng.choice(_PEOPLE)
    surname = name.split()[-1]
    verb, clause, quote = rng.choice(_VERBS), rng.choice(_CLAUSES), rng.choice(_QUOTES)
    shapes = [
        f'"{quote}," {surname} said.',
        f'"{quote}," said {name}, {role}.',
        f"{name}, {role}, {verb} that {clause}.",
        f"According to {name}, {clause}.",
        f"{rng.choice(_BODIES)} said in a statement that {clause}.",
        f'{surname} told reporters on Wednesday: "{quote}."',
        f"{name}, speaking in the capital, {verb} {clause}.",
    ]
    # About half the sentences of wire copy attribute something; the rest tell what happened.
    return rng.choice(shapes) if rng.random() < 0.5 else rng.choice(_NARRATION)


def article(seed: int, words: int = WORDS) -> str:
    """A newswire article of about `words` words, the same for the same seed."""
    rng = random.Random(seed)
    paragraphs = ["WASHINGTON (AP) — " + _sentence(rng)]
    count = len(paragraphs[0].split())
    while count < words:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "Talks on the new budget stall\n\n" + "\n\n".join(paragraphs) + "\n"


def pin_to_one_core() -> None:
    """Run this process, and the threads of the libraries it loads, on one core (where the OS allows)."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


_EXTRACT_PROBE = """
import json, sys, time
from benchmarks.reading import article, pin_to_one_core
pin_to_one_core()
count = int(sys.argv[1])
texts = [article(seed) for seed in range(count)]
from desktop.domain.extraction import Context, extract, syntax
started = time.process_time()
layer = syntax.MODEL if syntax.available() else None  # loads the layer, when it is on
loading = time.process_time() - started
extract(texts[0], Context())  # the first call's one-time costs (compiled patterns) not counted
proposals = 0
started = time.process_time()
for text in texts:
    proposals += len(extract(text, Context()))
seconds = time.process_time() - started
print(json.dumps({"layer": layer, "loading": loading, "seconds": seconds, "proposals": proposals}))
"""


def extraction_rate(count: int, syntax: bool) -> dict:
    """Extract `count` articles in a new process pinned to one core: seconds, proposals, the layer used."""
    env = {**os.environ, SWITCH: "on" if syntax else "off"}
    result = subprocess.run(
        [sys.executable, "-c", _EXTRACT_PROBE, str(count)], capture_output=True, text=True, env=env, cwd=ROOT
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-1500:])
    return json.loads(result.stdout.strip().splitlines()[-1])


_REVIEW_PROBE = """
import json, sys, time
from benchmarks.reading import pin_to_one_core
pin_to_one_core()
from PySide6.QtCore import QEventLoop
from desktop.app import application, build_main_window
from desktop.ui.review import open_article_review
application()
window = build_main_window(sys.argv[1])
window.show()
application().processEvents()
times, processor = [], []
for _ in range(int(sys.argv[3])):
    shown = []
    started, used = time.perf_counter(), time.process_time()
    reading = open_article_review(window, sys.argv[2])
    reading.opened.connect(shown.append)
    while not (shown and shown[0].isVisible()):  # waits for events, not spinning on the one core
        application().processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    application().processEvents()  # its first paint
    times.append(time.perf_counter() - started)
    processor.append(time.process_time() - used)
    proposals = len(shown[0].items)
    shown[0].close()
    application().processEvents()
print(json.dumps({"times": times, "processor": processor, "proposals": proposals}))
"""


def review_opening(workdir: Path, runs: int, syntax: bool) -> dict:
    """Open the review of a 600-word article `runs` times in a new offscreen process on the seed story."""
    from desktop.services.seed import load_seed
    from desktop.storage.database import Database

    database = workdir / "seed.parallax"
    if not database.exists():
        db = Database(database)
        load_seed(db)
        db.close()
    source = workdir / "article.txt"
    source.write_text(article(10_000), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", SWITCH: "on" if syntax else "off"}
    result = subprocess.run(
        [sys.executable, "-c", _REVIEW_PROBE, str(database), str(source), str(runs)],
        capture_output=True, text=True, env=env, cwd=ROOT,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-1500:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Print one line a figure: articles a second with the layer and without, and the review window's time."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200, help="articles read in each mode (default 200)")
    parser.add_argument("--runs", type=int, default=5, help="openings of the review window (default 5)")
    args = parser.parse_args(argv)
    for syntax in (True, False):
        figures = extraction_rate(args.articles, syntax)
        mode = f"syntax layer {figures['layer']}" if figures["layer"] else "rules only"
        print(f"reading, {mode}: {args.articles / figures['seconds']:.1f} articles/s "
              f"({args.articles} articles of {WORDS} words, {figures['proposals']} proposals, one core)")
        if figures["layer"]:
            print(f"reading, syntax layer loaded in: {figures['loading'] * 1000:.0f} ms")
    with tempfile.TemporaryDirectory() as folder:
        for syntax, mode in ((True, "syntax layer on"), (False, "syntax layer off")):
            review = review_opening(Path(folder), args.runs, syntax)
            times, processor = review["times"], review["processor"]
            print(f"review window, {WORDS}-word article, {mode}: first {times[0] * 1000:.0f} ms, "
                  f"median {statistics.median(times) * 1000:.0f} ms (processor time: first "
                  f"{processor[0] * 1000:.0f} ms, median {statistics.median(processor) * 1000:.0f} ms; "
                  f"{len(times)} openings, {review['proposals']} proposals)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
